"""POST /v1/complaints (issue 2: complaints; contract: 201 with id, ticket_no, status, duplicates)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any

from kit.thai import fiscal_year_of
from tests.intake.conftest import Api, Org

FULL = {
    "channel": "call_center",
    "title": "น้ำท่วมขังหน้าซอยหลังฝนตก",
    "description": "ท่อระบายน้ำอุดตัน น้ำท่วมขังสูงประมาณ 30 ซม. ทุกครั้งที่ฝนตก",
    "category": "drainage",
    "complainant": {
        "name": "นางสาวสมศรี มีสุข",
        "phone": "+66 81 234 5678",
        "email": "somsri@example.com",
        "group": "public",
    },
    "location": {"address": "ซอยลาดพร้าว 101 แขวงคลองจั่น", "lat": 13.7801, "long": 100.6412},
    "triage": "urgent",
    "agency": "DA",
}


async def test_create_with_every_field(api: Api, org: Org) -> None:
    created = await api.complaint(org.front_desk, **FULL)
    assert re.fullmatch(rf"{org.root}-\d{{4}}-\d{{6}}", created["ticket_no"])
    assert created["ticket_no"].split("-")[1] == str(fiscal_year_of(dt.datetime.now(dt.UTC)))
    assert created["status"] == "forwarded"
    assert created["triage"] == "urgent"
    assert created["agencies"] == ["DA"]
    assert created["complainant_group"] == "public"
    assert created["location"] == {"address": "ซอยลาดพร้าว 101 แขวงคลองจั่น", "lat": 13.7801, "long": 100.6412}
    assert created["duplicates"] == []
    assert created["public_url"].startswith("http")
    # Contact data is not echoed back; GET shows it to roles that may see it.
    assert created["complainant"]["redacted"] is True
    assert "234 5678" not in str(created) and "somsri@" not in str(created) and "สมศรี" not in str(created)
    got = (await api.http.get(f"/v1/complaints/{created['id']}", headers=org.front_desk)).json()
    assert got["complainant"]["phone"] == "+66 81 234 5678"
    assert [e["type"] for e in got["events"]] == ["received", "forwarded"]


async def test_minimal_complaint_waits_at_the_center(api: Api, org: Org) -> None:
    created = await api.complaint(org.front_desk)
    assert created["status"] == "received"
    assert created["agencies"] == []
    assert created["assignments"] == []


async def test_ticket_numbers_count_per_receiving_agency(api: Api, org: Org) -> None:
    first = await api.complaint(org.front_desk)
    second = await api.complaint(org.front_desk)
    n1, n2 = int(first["ticket_no"].rsplit("-", 1)[1]), int(second["ticket_no"].rsplit("-", 1)[1])
    assert n2 == n1 + 1
    district_desk = await api.user("front_desk", "DB")
    own = await api.complaint(district_desk)
    assert own["ticket_no"].startswith("DB-")
    assert own["receiving_agency"] == "DB"


async def test_validation_errors_name_the_field_in_both_languages(api: Api, org: Org) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "ก" * 301}, "title"),
        ({"description": None}, "description"),
        ({"location": {"lat": 13.7}}, "location"),
        ({"location": {"lat": 113.7, "long": 100.5}}, "location.lat"),
        ({"complainant": {"anonymous": True, "phone": "0812345678"}}, "complainant"),
        ({"complainant": {"email": "not-an-email"}}, "complainant.email"),
        ({"triage": "whenever"}, "triage"),
        ({"recorded_at": "2020-01-01T00:00:00+07:00"}, "recorded_at"),
        ({"occurred_at": "2020-01-01T10:00:00"}, "occurred_at"),
    ]
    for change, field in cases:
        body = {**FULL, **change}
        response = await api.http.post("/v1/complaints", json=body, headers=org.front_desk)
        assert response.status_code == 422, (change, response.text)
        error = response.json()["error"]
        assert error["code"] == "request.invalid"
        assert field in error["fields"], (field, error["fields"])
        assert error["message_th"] and error["message_en"]
    listed = (await api.http.get("/v1/complaints", headers=org.front_desk)).json()
    assert listed["items"] == []  # nothing was written


async def test_unknown_codes_are_refused(api: Api, org: Org) -> None:
    for field, value in (("channel", "pigeon"), ("category", "ufo"), ("agency", "NOPE")):
        response = await api.http.post("/v1/complaints", json={**FULL, field: value}, headers=org.front_desk)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "reference.unknown_code"
        assert field in response.json()["error"]["fields"]


async def test_future_occurrence_is_refused(api: Api, org: Org) -> None:
    response = await api.http.post(
        "/v1/complaints", json={**FULL, "occurred_at": "2999-01-01T09:00:00+07:00"}, headers=org.front_desk
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "complaint.occurred_in_future"


async def test_a_letter_keeps_its_own_date(api: Api, org: Org) -> None:
    created = await api.complaint(org.front_desk, channel="letter", occurred_at="2026-11-02T00:00:00+07:00")
    got = (await api.http.get(f"/v1/complaints/{created['id']}", headers=org.front_desk)).json()
    assert got["events"][0]["occurred_at"].startswith("2026-11-01T17:00:00")
    assert got["received_at"] != got["occurred_at"]


async def test_auditors_cannot_create(api: Api, org: Org) -> None:
    response = await api.http.post("/v1/complaints", json=FULL, headers=org.auditor)
    assert response.status_code == 403


async def test_likely_duplicates_are_returned(api: Api, org: Org) -> None:
    first = await api.complaint(org.front_desk, **FULL)
    near = {**FULL, "title": "น้ำท่วมขังหน้าซอย", "location": {"lat": 13.7805, "long": 100.6414}}
    second = await api.complaint(org.front_desk, **near)
    assert [d["ticket_no"] for d in second["duplicates"]] == [first["ticket_no"]]
    candidate = second["duplicates"][0]
    assert candidate["distance_m"] < 200
    assert 0 < candidate["similarity"] <= 1
    far = await api.complaint(org.front_desk, **{**near, "location": {"lat": 13.9, "long": 100.6414}})
    assert far["duplicates"] == []  # same text, 13 km away
    other_category = await api.complaint(org.front_desk, **{**near, "category": "roads"})
    assert other_category["duplicates"] == []
    unrelated = await api.complaint(org.front_desk, **{**FULL, "title": "ไฟฟ้าส่องสว่างดับทั้งซอย"})
    assert first["ticket_no"] not in [d["ticket_no"] for d in unrelated["duplicates"]]
    hint = await api.http.get(
        "/v1/complaints/duplicates", params={"category": "drainage", "text": "น้ำท่วมขังหน้าซอย"}, headers=org.front_desk
    )
    assert first["ticket_no"] in [d["ticket_no"] for d in hint.json()]


async def test_idempotency_key_returns_the_first_response(api: Api, org: Org) -> None:
    headers = {**org.front_desk, "Idempotency-Key": "call-1111-000042"}
    first = await api.http.post("/v1/complaints", json=FULL, headers=headers)
    again = await api.http.post("/v1/complaints", json=FULL, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    other_body = await api.http.post("/v1/complaints", json={**FULL, "title": "อื่น"}, headers=headers)
    assert other_body.status_code == 409
    assert other_body.json()["error"]["code"] == "idempotency.key_reused"
    # Keys belong to their caller: the same key from someone else is another request.
    theirs = await api.http.post(
        "/v1/complaints", json=FULL, headers={**org.supervisor, "Idempotency-Key": "call-1111-000042"}
    )
    assert theirs.json()["id"] != first.json()["id"]


async def test_concurrent_retries_create_one_complaint(api: Api, org: Org) -> None:
    headers = {**org.front_desk, "Idempotency-Key": "retry-storm"}
    responses = await asyncio.gather(*[api.http.post("/v1/complaints", json=FULL, headers=headers) for _ in range(12)])
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    listed = (await api.http.get("/v1/complaints", headers=org.front_desk)).json()["items"]
    assert len(listed) == 1
