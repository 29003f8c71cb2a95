"""Report requests: refused when wrong (and nothing queued), scoped to the caller's agencies,
failing with a reason and retried, rendered by the real arq worker, every type in PDF and JSON."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg
import orjson
import pytest

from kit.thai import fiscal_year_of
from tests.reporting.conftest import Reporting, wait_for
from tests.reporting.documents import pdf_text
from tests.reporting.reports.test_progress import SEED_004_PROJECT
from tests.scoring.history import complaint, load, organisation
from tests.workers import running


async def test_bad_requests_are_refused_and_queue_nothing(reporting: Reporting) -> None:
    await organisation(reporting.stack)
    cases: list[tuple[dict[str, Any], int, str, str]] = [
        ({"type": "nonsense", "params": {}}, 422, "report.unknown_type", "type"),
        ({"type": "progress", "params": {"agency": "DA"}}, 422, "request.invalid", "params"),
        ({"type": "statistics", "params": {"fy": 1999}}, 422, "request.invalid", "params.fy"),
        ({"type": "statistics", "params": {"fy": 2563}, "format": "docx"}, 422, "request.invalid", "format"),
        ({"type": "progress", "params": {"project": "NOPE"}}, 404, "project.not_found", ""),
        ({"type": "cpl-r001", "params": {"agency": "NOPE"}}, 422, "agency.unknown", "params.agency"),
    ]
    for body, status, code, field in cases:
        response = await reporting.post("/v1/reports", body)
        assert response.status_code == status, (body, response.text)
        error = response.json()["error"]
        assert error["code"] == code and error["message_th"] and error["message_en"]
        assert not field or any(f.startswith(field) for f in error["fields"]), error
    listed = await reporting.http.get("/v1/reports", headers=reporting.admin)
    assert listed.json() == []


async def test_an_agency_sees_only_its_own_reports(reporting: Reporting) -> None:
    await organisation(reporting.stack)
    intake = reporting.stack.intake
    officer = await intake.user("agency_officer", "DB")
    response = await reporting.post("/v1/reports", {"type": "cpl-r001", "params": {"agency": "DA"}}, officer)
    assert response.status_code == 403 and response.json()["error"]["code"] == "auth.agency_not_visible"
    mine = await reporting.post("/v1/reports", {"type": "cpl-r001", "params": {}, "format": "json"}, officer)
    assert mine.status_code == 202 and mine.json()["agency"] == "DB"
    theirs = await reporting.request("cpl-r001", {"agency": "DA"}, "json")
    assert (await reporting.http.get(f"/v1/reports/{theirs}", headers=officer)).status_code == 403
    assert (await reporting.http.get(f"/v1/reports/{mine.json()['id']}", headers=officer)).status_code == 200


async def test_a_failed_render_says_why_and_can_be_retried(reporting: Reporting) -> None:
    await organisation(reporting.stack)
    assert (await reporting.post("/v1/projects", SEED_004_PROJECT)).status_code == 201
    report_id = await reporting.request("progress", {"project": SEED_004_PROJECT["code"]})
    early = await reporting.http.get(f"/v1/reports/{report_id}/file", headers=reporting.admin)
    assert early.status_code == 409 and early.json()["error"]["code"] == "report.not_ready"
    # The project is deleted before the worker gets to it.
    deleted = await reporting.http.delete(f"/v1/projects/{SEED_004_PROJECT['code']}", headers=reporting.admin)
    assert deleted.status_code == 204
    status = await reporting.render(report_id)
    assert status["status"] == "failed" and status["error_code"] == "project.not_found"
    assert SEED_004_PROJECT["code"] in status["error"]
    # Rendering the same job again changes nothing: it is failed until someone retries it.
    assert (await reporting.render(report_id))["status"] == "failed"
    assert (await reporting.post("/v1/projects", SEED_004_PROJECT)).status_code == 201
    retried = await reporting.post(f"/v1/reports/{report_id}/retry", {})
    assert retried.status_code == 202 and retried.json()["status"] == "queued" and "error" not in retried.json()
    status = await reporting.render(report_id)
    assert status["status"] == "done" and status["progress"] == 100 and status["attempts"] == 2
    again = await reporting.post(f"/v1/reports/{report_id}/retry", {})
    assert again.status_code == 409 and again.json()["error"]["code"] == "report.not_failed"


@pytest.mark.filterwarnings("ignore:Call to deprecated close:DeprecationWarning")
async def test_the_worker_renders_queued_reports_and_recovers_lost_ones(reporting: Reporting) -> None:
    from redis.asyncio import Redis

    from reporting.reports.tasks import recover
    from reporting.worker import create_worker

    await organisation(reporting.stack)

    async def done(report_id: str) -> bool:
        return bool((await reporting.status(report_id))["status"] == "done")

    async with running(create_worker(reporting.state.settings, handle_signals=False)):
        first = await reporting.request("statistics", {"fy": 2563}, "csv")
        await wait_for(lambda: done(first))
    # Redis loses the job of the next report: the recovery sweep queues it again.
    lost = await reporting.request("statistics", {"fy": 2563}, "json")
    redis = Redis.from_url(reporting.state.settings.redis_url)
    try:
        await redis.delete("rongtook:reporting:queue")
    finally:
        await redis.aclose()
    conn = await asyncpg.connect(reporting.stack.database_url)
    try:
        await conn.execute(
            "UPDATE reporting.reports SET created_at = now() - interval '1 minute' WHERE id = $1",
            uuid.UUID(lost),
        )
    finally:
        await conn.close()
    assert await recover(reporting.state) == 1
    await reporting.state.runtime.jobs.flush()
    worker = create_worker(reporting.state.settings, burst=True, handle_signals=False)
    try:
        await worker.async_run()
    finally:
        await worker.close()
    assert await done(lost)


def _history() -> list[dict[str, Any]]:
    items = []
    for n in range(30):
        at = dt.datetime(2024, 11, 1 + n % 28, 9, 0)
        stamp = at.strftime("%Y-%m-%d %H:%M")
        events: list[tuple[str, str, dict[str, Any]]] = [("forwarded", stamp, {"agency": "DA" if n % 3 else "DB"})]
        if n % 2:
            events.append(("acknowledged", (at + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"), {}))
        if n % 4 == 1:
            done = (at + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
            events.append(("completed", done, {"result": "ซ่อมท่อระบายน้ำเรียบร้อยแล้ว"}))
        items.append(complaint(events, stamp, category="drainage" if n % 2 else "roads"))
    return items


@pytest.mark.parametrize(
    ("type_", "params"),
    [
        ("kpi-scorecard", {"fy": 2568, "scheme": "bma-2563"}),
        ("kpi-scorecard", {"fy": 2568, "scheme": "form-7.2", "agency": "DA"}),
        ("cpl-r001", {}),
        ("cpl-r003", {"fy": 2568}),
        ("monthly-summary", {"agency": "DA", "month": "2024-11"}),
        ("statistics", {"fy": 2568}),
        ("satisfaction", {"fy": 2568}),
    ],
)
async def test_every_type_renders(reporting: Reporting, type_: str, params: dict[str, Any]) -> None:
    await organisation(reporting.stack)
    await load(reporting.stack, *_history())
    document = orjson.loads(await reporting.make(type_, params, "json"))
    assert document["type"] == type_ and document["blocks"]
    text = pdf_text(await reporting.make(type_, params, "pdf", language="en"))
    assert "Page 1" in text


async def test_submitting_a_monthly_summary_records_it_in_scoring(reporting: Reporting) -> None:
    await organisation(reporting.stack)
    params = {"agency": "DA", "month": "2024-11"}
    report_id = await reporting.request("monthly-summary", params, "json")
    early = await reporting.post(f"/v1/reports/{report_id}/submit", {})
    assert early.status_code == 409 and early.json()["error"]["code"] == "report.not_submittable"
    await reporting.render(report_id)
    submitted = await reporting.post(f"/v1/reports/{report_id}/submit", {})
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["month"] == "2024-11-01" and submitted.json()["recorded_by"].startswith("user:")
    # The next summary printed says it was sent.
    document = orjson.loads(await reporting.make("monthly-summary", params, "json"))
    facts = dict((f["label"], f["value"]) for f in document["blocks"][0]["items"])
    assert facts["ส่งรายงานเมื่อ"] != "ยังไม่ได้ส่ง"


async def test_satisfaction_counts_positive_and_negative_answers(reporting: Reporting) -> None:
    await organisation(reporting.stack)
    for answers in ({"1.1": 3, "1.2": 2}, {"1.1": 1, "1.2": 3}):
        response = await reporting.stack.intake.http.post(
            "/v1/surveys/responses",
            json={"template": "opm-service-17", "agency": "DA", "answers": answers},
            headers=reporting.admin,
        )
        assert response.status_code == 201, response.text
    fy = fiscal_year_of(dt.datetime.now(dt.UTC))
    document = orjson.loads(await reporting.make("satisfaction", {"fy": fy, "agency": "DA"}, "json"))
    facts = {f["label"]: f["value"] for f in document["blocks"][0]["items"]}
    assert facts["ร้อยละความพึงพอใจ"] == "75.00" and facts["ร้อยละความไม่พึงพอใจ"] == "25.00"
    items = next(b for b in document["blocks"] if b["kind"] == "table" and b["key"] == "items")["rows"]
    by_item = {r["key"]: (r["answers"], r["positive"]) for r in items}
    assert by_item["สะดวกเข้าใจง่าย"] == (2, 1)  # item 1.1: one positive, one negative
    assert sorted(by_item.values()) == [(2, 1), (2, 2)]


async def test_the_satisfaction_report_prints_scorings_figures(reporting: Reporting) -> None:
    """Each answer read by its own questionnaire version (as scoring counts), names in the report's language."""
    await organisation(reporting.stack)
    intake = reporting.stack.intake.http
    for middle in ("positive", "neutral"):  # version 2: "fair" no longer counts as satisfied
        levels = [
            {"value": 3, "label_th": "ดี", "label_en": "Good", "polarity": "positive"},
            {"value": 2, "label_th": "พอใช้", "label_en": "Fair", "polarity": middle},
            {"value": 1, "label_th": "ควรปรับปรุง", "label_en": "Poor", "polarity": "negative"},
        ]
        dimension = {"code": "kiosk", "name_th": "ตู้บริการ", "name_en": "Kiosk", "items": [{"code": "k1", "text_th": "ใช้งานง่าย"}]}  # fmt: skip
        template = {"code": "kiosk", "name_th": "แบบสำรวจตู้บริการ", "scale": 3, "definition": {"levels": levels, "dimensions": [dimension]}}  # fmt: skip
        response = await intake.post("/v1/surveys/templates", json=template, headers=reporting.admin)
        assert response.status_code == 201, response.text
        answer = {"template": "kiosk", "agency": "DA", "answers": {"k1": 2}, "respondent": {"group": "public"}}
        response = await intake.post("/v1/surveys/responses", json=answer, headers=reporting.admin)
        assert response.status_code == 201, response.text
    params = {"fy": fiscal_year_of(dt.datetime.now(dt.UTC)), "agency": "DA", "template": "kiosk"}
    document = orjson.loads(await reporting.make("satisfaction", params, "json"))
    facts = {f["label"]: f["value"] for f in document["blocks"][0]["items"]}
    assert (facts["แบบสอบถาม"], facts["ร้อยละความพึงพอใจ"], facts["ร้อยละความไม่พึงพอใจ"]) == ("2", "50.00", "0.00")
    tables = {b["key"]: b["rows"] for b in document["blocks"] if b["kind"] == "table"}
    assert [(r["key"], r["answers"], r["positive"]) for r in tables["groups"]] == [("ประชาชนทั่วไป", 2, 1)]
    assert len(tables["months"]) == 12 and sum(r["answers"] for r in tables["months"]) == 2
    english = orjson.loads(await reporting.make("satisfaction", params, "json", language="en"))
    tables = {b["key"]: b["rows"] for b in english["blocks"] if b["kind"] == "table"}
    assert [r["key"] for r in tables["dimensions"]] == ["Kiosk"]
    assert [r["key"] for r in tables["gender"]] == ["Not stated"]
