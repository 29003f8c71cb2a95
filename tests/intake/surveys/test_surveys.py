"""Survey templates (the presets of seed 002), responses, and the complainant's link (SPEC §5.5)."""

from __future__ import annotations

from typing import Any

from tests.intake.conftest import Api, Org


async def test_presets_are_the_seed_questionnaires(api: Api, org: Org) -> None:
    templates = {t["code"]: t for t in (await api.http.get("/v1/surveys/templates", headers=org.front_desk)).json()}
    assert set(templates) == {"opm-service-17", "opm-service-27", "channel-satisfaction"}

    def items(code: str) -> list[str]:
        return [i["code"] for d in templates[code]["definition"]["dimensions"] for i in d["items"]]

    assert len(items("opm-service-17")) == 17
    assert len(items("opm-service-27")) == 27
    assert [d["name_th"] for d in templates["opm-service-17"]["definition"]["dimensions"]] == [
        "กระบวนการขั้นตอนการให้บริการ",
        "การให้บริการของเจ้าหน้าที่",
        "สิ่งอำนวยความสะดวก",
        "ด้านคุณภาพการให้บริการ",
        "ความเชื่อมั่นเกี่ยวกับคุณภาพการให้บริการ",
    ]
    levels = templates["opm-service-17"]["definition"]["levels"]
    assert [(lv["label_th"], lv["polarity"]) for lv in levels] == [
        ("พึงพอใจมาก", "positive"),
        ("พึงพอใจ", "positive"),
        ("ไม่พึงพอใจ", "negative"),
    ]
    assert len(items("channel-satisfaction")) == 5
    assert all(t["preset"] and t["scale"] == 3 for t in templates.values())


def _answers(value: int = 3) -> dict[str, int]:
    return {"1.1": value, "1.2": 2, "2.3": 1, "5.2": 3}


async def test_staff_records_a_response(api: Api, org: Org) -> None:
    complaint = await api.complaint(org.front_desk, agency="DA")
    body: dict[str, Any] = {
        "template": "opm-service-17",
        "complaint": complaint["ticket_no"],
        "channel": "walk_in",
        "topic": "ขอใบอนุญาตก่อสร้าง",
        "respondent": {
            "gender": "female",
            "age_band": "20_39",
            "education": "bachelor",
            "occupation": "government",
            "group": "public",
        },
        "answers": _answers(),
        "suggestion": "ควรเพิ่มที่จอดรถ",
    }
    response = await api.http.post("/v1/surveys/responses", json=body, headers=org.front_desk)
    assert response.status_code == 201, response.text
    recorded = response.json()
    assert recorded["agency"] == "DA"  # the agency that handled the complaint is the one assessed
    assert recorded["complaint_ticket"] == complaint["ticket_no"]
    assert recorded["answers"] == _answers()
    assert recorded["respondent"]["group"] == "public"
    listed = (await api.http.get("/v1/surveys/responses", headers=org.officer_a)).json()
    assert [r["id"] for r in listed["items"]] == [recorded["id"]]
    assert (await api.http.get("/v1/surveys/responses", headers=org.officer_b)).json()["items"] == []


async def test_response_validation(api: Api, org: Org) -> None:
    base: dict[str, Any] = {"template": "opm-service-17", "answers": _answers()}
    cases: list[tuple[dict[str, Any], str | None]] = [
        ({"answers": {"1.1": 4}}, "answers.1.1"),
        ({"answers": {"9.9": 3}}, "answers.9.9"),
        ({"answers": {}}, "answers"),
        ({"respondent": {"age_band": "30_40"}}, "respondent.age_band"),
        ({"template": "nope"}, None),
        ({"channel": "pigeon"}, "channel"),
    ]
    for change, field in cases:
        response = await api.http.post("/v1/surveys/responses", json={**base, **change}, headers=org.front_desk)
        assert response.status_code in (404, 422), (change, response.text)
        if field:
            assert field in response.json()["error"]["fields"], response.json()
    extra_ok = await api.http.post(
        "/v1/surveys/responses",
        json={
            "template": "opm-service-27",
            "answers": {"1": 3, "27": 1},
            "extra": {"28": "อยากให้บริการเร็วขึ้น", "29": ["website", "call_center"]},
        },
        headers=org.front_desk,
    )
    assert extra_ok.status_code == 201, extra_ok.text
    extra_bad = await api.http.post(
        "/v1/surveys/responses",
        json={"template": "opm-service-27", "answers": {"1": 3}, "extra": {"29": ["carrier_pigeon"]}},
        headers=org.front_desk,
    )
    assert extra_bad.status_code == 422
    assert (await api.http.post("/v1/surveys/responses", json=base, headers=org.auditor)).status_code == 403


async def test_a_template_changes_by_new_version(api: Api, org: Org) -> None:
    definition = {
        "levels": [
            {
                "value": v,
                "label_th": f"ระดับ {v}",
                "label_en": f"Level {v}",
                "polarity": "positive" if v >= 4 else "neutral" if v == 3 else "negative",
            }
            for v in (5, 4, 3, 2, 1)
        ],
        "profile": ["gender"],
        "dimensions": [{"code": "staff", "name_th": "เจ้าหน้าที่", "items": [{"code": "s1", "text_th": "สุภาพ"}]}],
    }
    body = {"code": "counter-5", "name_th": "ความพึงพอใจเคาน์เตอร์", "scale": 5, "definition": definition}
    v1 = await api.http.post("/v1/surveys/templates", json=body, headers=api.admin)
    v2 = await api.http.post("/v1/surveys/templates", json={**body, "name_th": "ฉบับปรับปรุง"}, headers=api.admin)
    assert (v1.json()["version"], v2.json()["version"]) == (1, 2)
    latest = (await api.http.get("/v1/surveys/templates/counter-5", headers=org.front_desk)).json()
    assert latest["name_th"] == "ฉบับปรับปรุง"
    first = (await api.http.get("/v1/surveys/templates/counter-5?version=1", headers=org.front_desk)).json()
    assert first["name_th"] == "ความพึงพอใจเคาน์เตอร์"
    mismatch = await api.http.post("/v1/surveys/templates", json={**body, "scale": 3}, headers=api.admin)
    assert mismatch.status_code == 422
    assert (await api.http.post("/v1/surveys/templates", json=body, headers=org.supervisor)).status_code == 403


async def test_the_complainant_answers_through_the_receipt_link_without_logging_in(api: Api, org: Org) -> None:
    complaint = await api.complaint(
        org.front_desk, agency="DA", complainant={"name": "นายสมชาย", "phone": "0812345678"}
    )
    token = complaint["public_url"].rsplit("/", 1)[1]
    assert len(token) >= 32
    await api.event(org.officer_a, complaint["id"], "acknowledged")
    await api.event(org.officer_a, complaint["id"], "progress_reported", text="บันทึกภายใน: โทร 0812345678")
    await api.event(org.officer_a, complaint["id"], "completed", result="ซ่อมถนนเรียบร้อยแล้ว")

    status = await api.http.get(f"/v1/public/complaints/{token}")
    assert status.status_code == 200
    page = status.json()
    assert page["ticket_no"] == complaint["ticket_no"]
    assert page["status"] == "completed"
    assert page["result"] == "ซ่อมถนนเรียบร้อยแล้ว"
    assert [step["type"] for step in page["timeline"]] == [
        "received",
        "forwarded",
        "acknowledged",
        "progress_reported",
        "completed",
    ]
    assert "0812345678" not in status.text and "สมชาย" not in status.text and "บันทึกภายใน" not in status.text

    survey = (await api.http.get(f"/v1/public/complaints/{token}/survey")).json()
    assert survey["template"]["code"] == "opm-service-17" and survey["answered"] is False
    answer = {"respondent": {"gender": "male", "age_band": "40_50"}, "answers": _answers(), "suggestion": "ขอบคุณครับ"}
    first = await api.http.post(f"/v1/public/complaints/{token}/survey", json=answer)
    assert first.status_code == 201
    again = await api.http.post(f"/v1/public/complaints/{token}/survey", json=answer)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "survey.already_answered"
    responses = (await api.http.get("/v1/surveys/responses", headers=org.officer_a)).json()["items"]
    assert responses[0]["source"] == "public_link" and responses[0]["agency"] == "DA"
    assert (await api.http.get("/v1/public/complaints/" + "x" * 32)).status_code == 404


async def test_a_paper_questionnaire_keeps_the_day_it_was_answered(api: Api, org: Org) -> None:
    body = {"template": "opm-service-17", "answers": _answers(), "answered_at": "2026-03-15T10:00:00+07:00"}
    recorded = await api.http.post("/v1/surveys/responses", json=body, headers=org.front_desk)
    assert recorded.json()["submitted_at"] == "2026-03-15T03:00:00Z"
    future = await api.http.post(
        "/v1/surveys/responses", json={**body, "answered_at": "2999-01-01T00:00:00+07:00"}, headers=org.front_desk
    )
    assert future.status_code == 422
    assert future.json()["error"]["code"] == "survey.answered_in_future"
