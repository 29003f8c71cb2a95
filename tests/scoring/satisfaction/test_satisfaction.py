"""GET /v1/satisfaction (SPEC §5.5): real survey responses recorded in intake, counted by scoring —
percentages to 2 places ROUND_HALF_UP, the breakdowns, the period in Bangkok days, agency scoping,
each answer read by its own questionnaire version."""

from __future__ import annotations

from typing import Any

from tests.scoring.conftest import Stack
from tests.scoring.history import organisation

FY = 2568  # 2024-10-01 … 2025-09-30


async def _respond(
    stack: Stack, template: str, agency: str, answered_at: str, answers: dict[str, int], **more: Any
) -> None:
    body = {"template": template, "agency": agency, "answered_at": answered_at, "answers": answers, **more}
    response = await stack.intake.http.post("/v1/surveys/responses", json=body, headers=stack.intake.admin)
    assert response.status_code == 201, response.text


async def _items(stack: Stack, template: str) -> list[str]:
    response = await stack.intake.http.get(f"/v1/surveys/templates/{template}", headers=stack.intake.admin)
    assert response.status_code == 200, response.text
    return [i["code"] for d in response.json()["definition"]["dimensions"] for i in d["items"]]


def _counts(entry: dict[str, Any]) -> tuple[Any, ...]:
    return (
        entry["answers"],
        entry["positive"],
        entry["negative"],
        entry["satisfaction_percent"],
        entry["dissatisfaction_percent"],
    )


async def _scenario(stack: Stack) -> str:
    root = await organisation(stack)
    # DA and its section.
    await _respond(
        stack,
        "opm-service-17",
        "DA",
        "2024-10-01T00:30:00+07:00",  # still 30 September in UTC: Bangkok's day counts
        {"1.1": 3, "1.2": 2, "2.1": 1},
        channel="walk_in",
        respondent={"group": "public", "gender": "female"},
    )
    await _respond(
        stack, "opm-service-17", "DA-WORKS", "2024-11-20T10:00:00+07:00", {"1.1": 1, "2.1": 3}, channel="call_center"
    )
    # High / medium / low: medium is neither satisfied nor dissatisfied, but it is an answer.
    await _respond(
        stack,
        "channel-satisfaction",
        "DA",
        "2025-01-05T10:00:00+07:00",
        {"website": 2, "call_center": 3},
        channel="website",
        respondent={"group": "public"},
    )
    # Outside the fiscal year (Bangkok time) and outside DA.
    await _respond(stack, "opm-service-17", "DA", "2024-09-30T23:30:00+07:00", {"1.1": 1})
    await _respond(stack, "opm-service-17", "DA", "2025-10-01T00:00:00+07:00", {"1.1": 1})
    form_1 = await _items(stack, "opm-service-17")
    form_2 = await _items(stack, "opm-service-27")
    assert len(form_1) == 17 and len(form_2) >= 15
    # DB: 32 answers, one dissatisfied: 3.125 % → 3.13, 96.875 % → 96.88.
    await _respond(
        stack, "opm-service-17", "DB", "2025-03-10T10:00:00+07:00", {code: 1 if code == "5.4" else 3 for code in form_1}
    )
    await _respond(stack, "opm-service-27", "DB", "2025-03-11T10:00:00+07:00", dict.fromkeys(form_2[:15], 2))
    return root


async def test_percentages_and_breakdowns(stack: Stack) -> None:
    await _scenario(stack)
    got = await stack.get("/v1/satisfaction", stack.intake.admin, agency="DA", fy=FY)
    assert (got["agency"], got["from"], got["to"], got["template"]) == ("DA", "2024-10-01", "2025-09-30", None)
    assert got["as_of"]
    assert got["responses"] == 3
    # 7 answers: 4 satisfied, 2 dissatisfied, 1 medium.
    assert _counts(got) == (7, 4, 2, "57.14", "28.57")

    dimensions = {d["key"]: d for d in got["by_dimension"]}
    assert [d["key"] for d in got["by_dimension"]] == ["channels", "process", "staff"]
    assert (dimensions["process"]["label"], dimensions["process"]["label_en"]) == (
        "กระบวนการขั้นตอนการให้บริการ",
        "Service process",
    )
    assert _counts(dimensions["process"]) == (3, 2, 1, "66.67", "33.33")
    assert _counts(dimensions["staff"]) == (2, 1, 1, "50.00", "50.00")
    assert _counts(dimensions["channels"]) == (2, 1, 0, "50.00", "0.00")

    items = {i["key"]: i for i in got["by_item"]}
    first = items["opm-service-17/1.1"]
    assert (first["label"], first["template"], first["item"], first["dimension"]) == (
        "สะดวกเข้าใจง่าย",
        "opm-service-17",
        "1.1",
        "process",
    )
    assert _counts(first) == (2, 1, 1, "50.00", "50.00")
    assert set(items) == {
        "opm-service-17/1.1",
        "opm-service-17/1.2",
        "opm-service-17/2.1",
        "channel-satisfaction/website",
        "channel-satisfaction/call_center",
    }
    assert _counts(items["channel-satisfaction/website"]) == (1, 0, 0, "0.00", "0.00")

    groups = {g["key"]: g for g in got["by_group"]}
    assert (groups["public"]["label"], _counts(groups["public"])) == ("ประชาชนทั่วไป", (5, 3, 1, "60.00", "20.00"))
    assert (groups["-"]["label"], _counts(groups["-"])) == ("ไม่ระบุ", (2, 1, 1, "50.00", "50.00"))

    channels = {c["key"]: c for c in got["by_channel"]}
    assert list(channels) == ["call_center", "walk_in", "website"]
    assert (channels["walk_in"]["label"], channels["walk_in"]["label_en"]) == ("ยื่นด้วยตนเอง", "Walk-in")
    assert _counts(channels["walk_in"]) == (3, 2, 1, "66.67", "33.33")

    months = got["by_month"]
    assert [m["key"] for m in months][:4] == ["2024-10", "2024-11", "2024-12", "2025-01"]
    assert len(months) == 12 and {m["fiscal_year"] for m in months} == {FY}
    assert (months[0]["label"], months[0]["label_en"]) == ("ตุลาคม 2567", "October 2024")
    assert _counts(months[0]) == (3, 2, 1, "66.67", "33.33")
    assert _counts(months[1]) == (2, 1, 1, "50.00", "50.00")
    assert _counts(months[2]) == (0, 0, 0, None, None)
    assert _counts(months[3]) == (2, 1, 0, "50.00", "0.00")

    # The respondent's profile: answers whose respondent did not say are counted as "not stated".
    genders = [(g["key"], g["label"], g["label_en"], _counts(g)) for g in got["by_gender"]]
    assert genders == [
        ("female", "หญิง", "Female", (3, 2, 1, "66.67", "33.33")),
        ("-", "ไม่ระบุ", "Not stated", (4, 2, 1, "50.00", "25.00")),
    ]
    assert [(a["key"], a["answers"]) for a in got["by_age_band"]] == [("-", 7)]

    agencies = {a["key"]: a for a in got["by_agency"]}
    assert (agencies["DA"]["label"], _counts(agencies["DA"])) == ("สำนักงานเขตเอ", (5, 3, 1, "60.00", "20.00"))
    assert (agencies["DA-WORKS"]["label"], _counts(agencies["DA-WORKS"])) == (
        "ฝ่ายโยธา เขตเอ",
        (2, 1, 1, "50.00", "50.00"),
    )


async def test_half_up_rounding_and_the_whole_organisation(stack: Stack) -> None:
    root = await _scenario(stack)
    db = await stack.get("/v1/satisfaction", stack.intake.admin, agency="DB", fy=FY)
    assert _counts(db) == (32, 31, 1, "96.88", "3.13")
    everything = await stack.get("/v1/satisfaction", stack.intake.admin, agency=root, fy=FY)
    assert _counts(everything) == (39, 35, 3, "89.74", "7.69")
    assert [a["key"] for a in everything["by_agency"]] == ["DA", "DA-WORKS", "DB"]
    only_form_2 = await stack.get("/v1/satisfaction", stack.intake.admin, agency=root, fy=FY, template="opm-service-27")
    assert (only_form_2["responses"], _counts(only_form_2)) == (1, (15, 15, 0, "100.00", "0.00"))


async def test_a_period_of_days(stack: Stack) -> None:
    await _scenario(stack)
    october = await stack.get(
        "/v1/satisfaction", stack.intake.admin, agency="DA", **{"from": "2024-10-01", "to": "2024-10-31"}
    )
    assert (october["from"], october["to"]) == ("2024-10-01", "2024-10-31")
    assert _counts(october) == (3, 2, 1, "66.67", "33.33")
    assert [m["key"] for m in october["by_month"]] == ["2024-10"]
    # The day before: only the response given late on 30 September, Bangkok time.
    before = await stack.get(
        "/v1/satisfaction", stack.intake.admin, agency="DA", **{"from": "2024-09-30", "to": "2024-09-30"}
    )
    assert _counts(before) == (1, 0, 1, "0.00", "100.00")
    assert [(m["key"], m["fiscal_year"]) for m in before["by_month"]] == [("2024-09", 2567)]
    nothing = await stack.get(
        "/v1/satisfaction", stack.intake.admin, agency="DA", **{"from": "2020-01-01", "to": "2020-01-31"}
    )
    assert _counts(nothing) == (0, 0, 0, None, None) and nothing["by_dimension"] == []


async def test_scoped_to_the_callers_agencies(stack: Stack) -> None:
    await _scenario(stack)
    officer_a = await stack.intake.user("agency_officer", "DA")
    own = await stack.get("/v1/satisfaction", officer_a, fy=FY)
    assert own["agency"] == "DA" and own["answers"] == 7
    section = await stack.intake.user("agency_officer", "DA-WORKS")
    assert (await stack.get("/v1/satisfaction", section, fy=FY))["answers"] == 2
    refused = await stack.scoring.get("/v1/satisfaction", params={"agency": "DA", "fy": FY}, headers=section)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "auth.agency_not_visible"


async def test_bad_requests(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"agency": "DA", "fy": FY, "from": "2024-10-01", "to": "2024-10-31"}, "satisfaction.bad_period", "fy"),
        ({"agency": "DA", "from": "2024-10-01"}, "satisfaction.bad_period", "to"),
        ({"agency": "DA", "from": "2024-10-31", "to": "2024-10-01"}, "satisfaction.bad_range", "to"),
        ({"agency": "DA", "fy": 1999}, "request.invalid", "fy"),
        ({"agency": "NOPE", "fy": FY}, "agency.unknown", "agency"),
        ({"agency": "DA", "fy": FY, "template": "nope"}, "survey.unknown_template", "template"),
    ]
    for params, code, field in cases:
        response = await stack.scoring.get("/v1/satisfaction", params=params, headers=admin)
        assert response.status_code == 422, (params, response.text)
        error = response.json()["error"]
        assert error["code"] == code and error["message_th"] and error["message_en"], error
        assert any(field in f for f in error["fields"]), error


async def test_each_answer_is_read_by_its_own_questionnaire_version(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin

    async def version(middle: str) -> None:
        levels = [
            {"value": 3, "label_th": "ดี", "label_en": "Good", "polarity": "positive"},
            {"value": 2, "label_th": "พอใช้", "label_en": "Fair", "polarity": middle},
            {"value": 1, "label_th": "ควรปรับปรุง", "label_en": "Poor", "polarity": "negative"},
        ]
        definition = {
            "levels": levels,
            "dimensions": [{"code": "kiosk", "name_th": "ตู้บริการ", "items": [{"code": "k1", "text_th": "ใช้งานง่าย"}]}],
        }
        body = {"code": "kiosk", "name_th": "แบบสำรวจตู้บริการ", "scale": 3, "definition": definition}
        response = await stack.intake.http.post("/v1/surveys/templates", json=body, headers=admin)
        assert response.status_code == 201, response.text

    await version("positive")
    await _respond(stack, "kiosk", "DA", "2025-02-01T10:00:00+07:00", {"k1": 2})
    await version("neutral")  # version 2: "fair" no longer counts as satisfied
    await _respond(stack, "kiosk", "DA", "2025-02-02T10:00:00+07:00", {"k1": 2})
    got = await stack.get("/v1/satisfaction", admin, agency="DA", fy=FY)
    assert _counts(got) == (2, 1, 0, "50.00", "0.00")
    assert [(d["key"], d["label"]) for d in got["by_dimension"]] == [("kiosk", "ตู้บริการ")]
