"""KPI scorecards end to end (SPEC §5): counts from imported histories, deductions from audits and
monthly reports, a parent agency's children with a roll-up, the scheme version shown."""

from __future__ import annotations

from typing import Any

from tests.scoring.conftest import Stack
from tests.scoring.history import complaint, load, organisation

RESULT = {"result": "ซ่อมแซมเรียบร้อย แจ้งผู้ร้องแล้ว", "letter_no": "กท 1234/2567"}
BEFORE = ("evidence_attached", {"evidence_kind": "before"})
AFTER = ("evidence_attached", {"evidence_kind": "after"})


def _history(ack: str, *, evidence: bool = True, complete: str | None = "2024-06-07 10:00") -> dict[str, Any]:
    events: list[tuple[str, str, dict[str, Any]]] = [
        ("forwarded", "2024-06-03 10:00", {"agency": "DA"}),  # Monday: acknowledgement due end of Tuesday
        ("acknowledged", ack, {}),
        ("progress_reported", "2024-06-06 09:00", {"text": "เข้าตรวจสอบพื้นที่"}),
    ]
    if evidence:
        events += [(BEFORE[0], "2024-06-06 09:30", BEFORE[1]), (AFTER[0], "2024-06-07 09:30", AFTER[1])]
    if complete:
        events.append(("completed", complete, RESULT))
    return complaint(events, "2024-06-03 09:00")


async def _scenario(stack: Stack) -> str:
    root = await organisation(stack)
    await load(
        stack,
        _history("2024-06-03 11:00"),  # correct in both steps
        _history("2024-06-05 09:00"),  # acknowledged late: receipt wrong, resolution right
        _history("2024-06-03 11:00", evidence=False),  # no before/after photos: resolution wrong
        _history("2024-06-03 11:00", complete=None),  # still open: missed the 15 June checkpoint
    )
    admin = stack.intake.admin
    for month in ("2023-10", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"):
        year, number = (int(p) for p in month.split("-"))
        next_year, next_month = (year + 1, 1) if number == 12 else (year, number + 1)
        on_time = f"{next_year}-{next_month:02d}-10T16:00:00+07:00"
        response = await stack.scoring.post(
            "/v1/monthly-reports", json={"agency": "DA", "month": month, "submitted_at": on_time}, headers=admin
        )
        assert response.status_code == 201, response.text
    # November's came on 11 December; August and September's never came.
    late = {"agency": "DA", "month": "2023-11", "submitted_at": "2023-12-11T09:00:00+07:00"}
    assert (await stack.scoring.post("/v1/monthly-reports", json=late, headers=admin)).status_code == 201
    return root


async def test_bma_2557_steps_deductions_and_rollup(stack: Stack) -> None:
    root = await _scenario(stack)
    admin = stack.intake.admin
    auditor = await stack.intake.user("auditor", root)
    drawn = await stack.scoring.post("/v1/audits", json={"agency": "DA", "month": "2024-06"}, headers=auditor)
    assert drawn.status_code == 201, drawn.text
    audit = drawn.json()
    # Three complaints completed by DA in June 2024: 10 % rounded up is one.
    assert (audit["population"], audit["sample_size"]) == (3, 1)
    again = await stack.scoring.post("/v1/audits", json={"agency": "DA", "month": "2024-06"}, headers=auditor)
    assert again.status_code == 409
    [item] = audit["items"]
    verdict = await stack.scoring.put(
        f"/v1/audits/{audit['id']}/items/{item['complaint_id']}",
        json={"passed": False, "note": "ไม่มีเลขที่หนังสือ"},
        headers=auditor,
    )
    assert verdict.status_code == 200, verdict.text
    assert verdict.json()["pass_percent"] == "0.0000"

    cards = await stack.get("/v1/scorecards", admin, scheme="bma-2557", fy=2567, agency=root)
    assert (cards["scheme"], cards["scheme_version"], cards["fiscal_year"]) == ("bma-2557", 1, 2567)
    by_agency = {c["agency"]: c for c in cards["scorecards"]}
    assert set(by_agency) == {"DA", "DB"}
    da = by_agency["DA"]
    receipt, resolution, reporting = da["steps"]
    assert (receipt["counted"], receipt["correct"], receipt["percent"]) == (4, 3, "75.0000")
    assert receipt["score"] == "0.7895"  # 75 × 1 / 95
    assert (resolution["correct"], resolution["score_before_deductions"]) == (2, "1.0526")  # 50 × 2 / 95
    assert [(d["rule"], d["month"], d["points"]) for d in resolution["deductions"]] == [
        ("audit_month_below", "2024-06-01", "0.05")
    ]
    assert resolution["score"] == "1.0026"
    assert [d["month"] for d in reporting["deductions"]] == ["2023-11-01", "2024-08-01", "2024-09-01"]
    assert "ล่าช้า" in reporting["deductions"][0]["reason_th"]
    assert reporting["score"] == "1.7000"
    assert da["total"] == "3.4921"  # 0.7895 + 1.0026 + 1.7
    assert da["max_total"] == "5"
    # DB had nothing forwarded and sent no report: every month deducts, never below zero.
    db = by_agency["DB"]
    assert db["counted"] == 0
    assert [s["score"] for s in db["steps"]] == ["0.0000", "0.0000", "0.8000"]
    rollup = cards["rollup"]
    assert rollup["rollup"] and rollup["agency"] == root and rollup["counted"] == 4


async def test_bma_2563_counts_only_tickets_correct_in_both_steps(stack: Stack) -> None:
    await _scenario(stack)
    cards = await stack.get("/v1/scorecards", stack.intake.admin, scheme="bma-2563", fy=2567, agency="DA")
    # DA has a section under it: one scorecard for the section, and DA's roll-up over both.
    assert [c["agency"] for c in cards["scorecards"]] == ["DA-WORKS"]
    part1, part2 = cards["rollup"]["steps"]
    # Correct in both: the first and the third (bma-2563 does not ask for photos); the open one
    # missed its 15 June report, the second was acknowledged late.
    assert (part1["counted"], part1["correct"], part1["percent"]) == (4, 2, "50.0000")
    assert part1["score_before_deductions"] == "11.1111"  # 50 × 20 / 90
    assert part2["counted"] == 0 and part2["score"] == "0.0000"


async def test_a_scheme_change_is_a_new_version(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin
    current = await stack.get("/v1/schemes/bma-2557", admin)
    definition = current["definition"]
    definition["steps"][0]["full_at_percent"] = "90"
    created = await stack.scoring.post(
        "/v1/schemes", json={"definition": definition, "note": "เกณฑ์ปี 2568"}, headers=admin
    )
    assert created.status_code == 201, created.text
    assert created.json()["version"] == 2
    assert (await stack.get("/v1/schemes/bma-2557", admin, version=1))["definition"]["steps"][0][
        "full_at_percent"
    ] == "95"
    bad = dict(definition, steps=[])
    refused = await stack.scoring.post("/v1/schemes", json={"definition": bad}, headers=admin)
    assert refused.status_code == 422
    officer = await stack.intake.user("agency_officer", "DA")
    assert (
        await stack.scoring.post("/v1/schemes", json={"definition": definition}, headers=officer)
    ).status_code == 403


async def _respond(stack: Stack, agency: str, answered_at: str, answers: dict[str, int]) -> None:
    body = {"template": "opm-service-17", "agency": agency, "answered_at": answered_at, "answers": answers}
    response = await stack.intake.http.post("/v1/surveys/responses", json=body, headers=stack.intake.admin)
    assert response.status_code == 201, response.text


async def test_form_7_2_satisfaction_kpis_come_from_survey_responses(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin
    # Fiscal year 2568 (from 1 October 2024, Bangkok time); form 1 rates 3 and 2 satisfied, 1 not.
    await _respond(stack, "DA", "2024-10-01T00:30:00+07:00", {"1.1": 3, "1.2": 3, "2.1": 1})
    await _respond(stack, "DA", "2025-03-10T10:00:00+07:00", {"1.1": 2, "1.2": 3, "2.1": 2, "2.2": 1})
    await _respond(stack, "DA-WORKS", "2025-06-01T10:00:00+07:00", {"1.1": 3, "1.2": 2})  # DA's section
    # Not fiscal year 2568, or not DA.
    await _respond(stack, "DA", "2024-09-30T23:30:00+07:00", {"1.1": 1})
    await _respond(stack, "DB", "2025-03-10T10:00:00+07:00", {"1.1": 1})

    cards = await stack.get("/v1/scorecards", admin, scheme="form-7.2", fy=2568, agency="DA")
    da = cards["rollup"]
    assert da["agency"] == "DA" and da["counted"] == 0
    kpis = {k["key"]: k for k in da["ladder"]}
    satisfaction, dissatisfaction = kpis["satisfaction"], kpis["dissatisfaction"]
    assert (satisfaction["dimension"], satisfaction["mode"]) == ("7.2", "linear")
    # DA and its section: 9 answers, 7 satisfied = 77.7778 %: level 3 (75) + 2.7778 / 5 of the way to 4 (80).
    assert (satisfaction["result"], satisfaction["score"]) == ("77.7778", "3.5556")
    # 2 dissatisfied = 22.2222 %, lower is better: level 1 (25) + 2.7778 / 5 of the way to 2 (20).
    assert (dissatisfaction["result"], dissatisfaction["score"]) == ("22.2222", "1.5556")
    # No complaints: the complaint KPIs have no result and are left out of the weighted score.
    assert kpis["concluded"]["result"] is None and kpis["receipt"]["result"] is None
    assert da["weighted_score"] == "2.5556"  # (1 × 3.5556 + 1 × 1.5556) / 2
    # The figures GET /v1/satisfaction shows, to 2 places.
    figures = await stack.get("/v1/satisfaction", admin, agency="DA", fy=2568)
    assert (figures["answers"], figures["satisfaction_percent"], figures["dissatisfaction_percent"]) == (
        9,
        "77.78",
        "22.22",
    )

    [section] = cards["scorecards"]
    assert section["agency"] == "DA-WORKS"
    section_kpis = {k["key"]: k for k in section["ladder"]}
    assert (section_kpis["satisfaction"]["result"], section_kpis["satisfaction"]["score"]) == ("100.0000", "5.0000")
    assert (section_kpis["dissatisfaction"]["result"], section_kpis["dissatisfaction"]["score"]) == (
        "0.0000",
        "5.0000",
    )
    # Another fiscal year without responses: no result, no score.
    earlier = await stack.get("/v1/scorecards", admin, scheme="form-7.2", fy=2566, agency="DB")
    [db] = earlier["scorecards"]
    assert [(k["result"], k["score"]) for k in db["ladder"]] == [(None, "0.0000")] * 4
    assert db["weighted_score"] is None
