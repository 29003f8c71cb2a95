"""POST /v1/complaints/{id}/events: the SPEC §3 lifecycle, enforced (409 naming the rule, nothing written)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.intake.conftest import Api, Org


async def _events(api: Api, headers: dict[str, str], complaint_id: str) -> list[dict[str, Any]]:
    response = await api.http.get(f"/v1/complaints/{complaint_id}/events", headers=headers)
    assert response.status_code == 200
    return list(response.json())


async def _ok(api: Api, headers: dict[str, str], complaint_id: str, type_: str, **fields: Any) -> dict[str, Any]:
    response = await api.event(headers, complaint_id, type_, **fields)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _refused(api: Api, headers: dict[str, str], complaint_id: str, type_: str, code: str, **fields: Any) -> None:
    before = await _events(api, api.admin, complaint_id)
    response = await api.event(headers, complaint_id, type_, **fields)
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message_th"] and error["message_en"]
    assert await _events(api, api.admin, complaint_id) == before


async def test_the_whole_lifecycle(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk))["id"]
    forwarded = await _ok(api, org.front_desk, c, "forwarded", agency="DA")
    assert forwarded["complaint"]["status"] == "forwarded"
    ack = await _ok(api, org.officer_a, c, "acknowledged")
    assert ack["event"]["agency"] == "DA" and ack["complaint"]["status"] == "in_progress"
    await _ok(api, org.officer_a, c, "progress_reported", text="ส่งช่างออกสำรวจพื้นที่แล้ว")
    await _ok(api, org.front_desk, c, "followup_requested", text="เร่งรัดการดำเนินการ")
    await _ok(api, org.officer_a, c, "evidence_attached", evidence_kind="before")
    done = await _ok(
        api,
        org.officer_a,
        c,
        "completed",
        result="ซ่อมผิวจราจรเรียบร้อยแล้ว",
        letter_no="กท 1234/2569",
        order_no="คำสั่งที่ 12/2569",
        coordination="ประสานสำนักการโยธา",
    )
    assert done["complaint"]["status"] == "completed"
    assert done["event"]["payload"] == {
        "result": "ซ่อมผิวจราจรเรียบร้อยแล้ว",
        "letter_no": "กท 1234/2569",
        "order_no": "คำสั่งที่ 12/2569",
        "coordination": "ประสานสำนักการโยธา",
    }
    await _ok(api, org.front_desk, c, "complainant_notified", notified_via="phone")
    concluded = await _ok(api, org.front_desk, c, "concluded")
    assert concluded["complaint"]["status"] == "concluded"
    reopened = await _ok(api, org.front_desk, c, "reopened", text="ผู้ร้องแจ้งว่ายังไม่เรียบร้อย")
    assert reopened["complaint"]["status"] == "in_progress"
    events = await _events(api, org.front_desk, c)
    assert [e["type"] for e in events] == [
        "received",
        "forwarded",
        "acknowledged",
        "progress_reported",
        "followup_requested",
        "evidence_attached",
        "completed",
        "complainant_notified",
        "concluded",
        "reopened",
    ]
    times = [e["recorded_at"] for e in events]
    assert times == sorted(times)
    assert all(e["actor"].startswith("user:") for e in events)


async def test_refused_transitions_name_the_rule_and_write_nothing(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk))["id"]
    await _refused(api, org.front_desk, c, "acknowledged", "complaint.not_forwarded")
    await _refused(api, org.front_desk, c, "followup_requested", "complaint.not_forwarded")
    await _refused(api, org.front_desk, c, "concluded", "complaint.not_completed")
    await _refused(api, org.front_desk, c, "complainant_notified", "complaint.not_completed")
    await _refused(api, org.front_desk, c, "reopened", "complaint.not_closed")
    await _ok(api, org.front_desk, c, "forwarded", agency="DA")
    await _refused(api, org.front_desk, c, "forwarded", "complaint.already_forwarded_to_agency", agency="DA")
    await _refused(api, org.front_desk, c, "forwarded", "complaint.single_agency_use_transfer", agency="DB")
    await _refused(api, org.officer_a, c, "progress_reported", "complaint.not_acknowledged", text="x")
    await _refused(api, org.officer_a, c, "completed", "complaint.not_acknowledged", result="x")
    await _refused(api, org.front_desk, c, "acknowledged", "complaint.not_forwarded_to_agency", agency="DB")
    await _ok(api, org.officer_a, c, "acknowledged")
    await _refused(api, org.officer_a, c, "acknowledged", "complaint.already_acknowledged")
    await _refused(api, org.front_desk, c, "transferred", "complaint.transfer_to_same_agency", agency="DA")
    await _ok(api, org.officer_a, c, "completed", result="เสร็จแล้ว")
    await _refused(api, org.officer_a, c, "progress_reported", "complaint.closed", text="x")
    await _refused(api, org.front_desk, c, "rejected", "complaint.closed", text="x")
    await _ok(api, org.front_desk, c, "concluded")
    await _refused(api, org.front_desk, c, "concluded", "complaint.already_concluded")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "completed"}, "result"),
        ({"type": "completed", "result": "   "}, "result"),
        ({"type": "progress_reported"}, "text"),
        ({"type": "forwarded"}, "agency"),
        ({"type": "rejected"}, "text"),
        ({"type": "duplicate_of"}, "duplicate_of"),
        ({"type": "evidence_attached"}, "evidence_kind"),
        ({"type": "acknowledged", "result": "x"}, "result"),
        ({"type": "received"}, "body"),
        ({"type": "teleported"}, "type"),
        ({"type": "acknowledged", "recorded_at": "2020-01-01T00:00:00+07:00"}, "recorded_at"),
    ],
)
async def test_malformed_events_get_422(api: Api, org: Org, body: dict[str, Any], field: str) -> None:
    c = (await api.complaint(org.front_desk, agency="DA"))["id"]
    response = await api.http.post(f"/v1/complaints/{c}/events", json=body, headers=org.officer_a)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "request.invalid"
    assert any(field in key or field in message for key, message in error["fields"].items()), error
    assert len(await _events(api, org.officer_a, c)) == 2


async def test_events_carry_the_server_time(api: Api, org: Org) -> None:
    c = await api.complaint(org.front_desk, agency="DA")
    ack = await _ok(api, org.officer_a, c["id"], "acknowledged")
    assert ack["event"]["recorded_at"] >= c["received_at"]


async def test_only_the_assigned_agency_records_its_own_part(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA-WORKS"))["id"]
    # DB cannot even see it; the section's parent district can act for it.
    assert (await api.event(org.officer_b, c, "acknowledged")).status_code == 404
    await _ok(api, org.officer_a, c, "acknowledged")
    await _ok(api, org.section_officer_a, c, "progress_reported", text="กำลังดำเนินการ")
    assert (await api.event(org.auditor, c, "progress_reported", text="x")).status_code == 403


async def test_transfer_starts_a_new_assignment(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA"))["id"]
    await _ok(api, org.officer_a, c, "acknowledged")
    moved = await _ok(api, org.front_desk, c, "transferred", agency="DB", text="ไม่อยู่ในพื้นที่รับผิดชอบ")
    assert moved["complaint"]["status"] == "forwarded"
    assert moved["complaint"]["agencies"] == ["DB"]
    assert moved["event"]["payload"]["from_agency"] == "DA"
    got = (await api.http.get(f"/v1/complaints/{c}", headers=org.front_desk)).json()
    assert [(a["agency"], a["status"]) for a in got["assignments"]] == [("DA", "transferred"), ("DB", "forwarded")]
    # The transferring agency keeps seeing the history of a complaint it held.
    assert (await api.http.get(f"/v1/complaints/{c}", headers=org.officer_a)).status_code == 200
    await _refused(
        api, org.officer_a, c, "progress_reported", "complaint.not_forwarded_to_agency", text="x", agency="DA"
    )
    await _ok(api, org.officer_b, c, "acknowledged")


async def test_multi_agency_complaints_have_one_clock_per_agency(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA", triage="multi_agency"))["id"]
    await _ok(api, org.front_desk, c, "forwarded", agency="DB")
    await _refused(api, org.front_desk, c, "acknowledged", "complaint.agency_required")
    await _ok(api, org.officer_a, c, "acknowledged", agency="DA")
    await _ok(api, org.officer_b, c, "acknowledged", agency="DB")
    first = await _ok(api, org.officer_a, c, "completed", agency="DA", result="ส่วนของเขตเอเสร็จแล้ว")
    assert first["complaint"]["status"] == "in_progress"
    second = await _ok(api, org.officer_b, c, "completed", agency="DB", result="ส่วนของเขตบีเสร็จแล้ว")
    assert second["complaint"]["status"] == "completed"


async def test_rejected_and_duplicate_complaints(api: Api, org: Org) -> None:
    original = await api.complaint(org.front_desk)
    copy = await api.complaint(org.front_desk)
    merged = await _ok(api, org.front_desk, copy["id"], "duplicate_of", duplicate_of=original["ticket_no"])
    assert merged["complaint"]["status"] == "duplicate"
    assert merged["event"]["payload"]["duplicate_of"]["ticket_no"] == original["ticket_no"]
    got = (await api.http.get(f"/v1/complaints/{copy['id']}", headers=org.front_desk)).json()
    assert got["duplicate_of"] == original["ticket_no"]
    await _ok(api, org.front_desk, copy["id"], "concluded")
    self_dup = await api.event(org.front_desk, original["id"], "duplicate_of", duplicate_of=original["id"])
    assert self_dup.status_code == 422
    missing = await api.event(org.front_desk, original["id"], "duplicate_of", duplicate_of="ORG-2500-999999")
    assert missing.status_code == 422

    rejected = await _ok(api, org.front_desk, original["id"], "rejected", text="ไม่อยู่ในอำนาจหน้าที่ของหน่วยงาน")
    assert rejected["complaint"]["status"] == "rejected"
    await _ok(api, org.front_desk, original["id"], "complainant_notified", notified_via="letter")
    await _ok(api, org.front_desk, original["id"], "concluded")


async def test_unknown_complaint_is_404(api: Api, org: Org) -> None:
    response = await api.event(org.front_desk, "01a1fe5c-6814-706a-b261-6a966e31b15a", "concluded")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "complaint.not_found"
    assert (await api.http.get("/v1/complaints/not-a-uuid", headers=org.front_desk)).status_code == 422


async def test_event_idempotency(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA"))["id"]
    headers = {**org.officer_a, "Idempotency-Key": "ack-1"}
    first = await api.http.post(f"/v1/complaints/{c}/events", json={"type": "acknowledged"}, headers=headers)
    retry = await api.http.post(f"/v1/complaints/{c}/events", json={"type": "acknowledged"}, headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert len(await _events(api, org.officer_a, c)) == 3


async def test_a_missing_event_field_is_named_in_both_languages(api: Api, org: Org) -> None:
    """A form shows the message next to the field: the error names `result`, not the body."""
    c = (await api.complaint(org.front_desk, agency="DA"))["id"]
    await _ok(api, org.officer_a, c, "acknowledged")
    response = await api.http.post(
        f"/v1/complaints/{c}/events", json={"type": "completed", "text": "เสร็จ"}, headers=org.officer_a
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert set(error["fields"]) == {"result"}
    assert error["fields_th"]["result"] == "ต้องระบุสำหรับเหตุการณ์ประเภทนี้"
    assert error["message_th"].startswith("ข้อมูลไม่ถูกต้อง: result")


async def test_a_transfer_carries_its_letter_number(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA"))["id"]
    await _ok(api, org.officer_a, c, "transferred", agency="DB", letter_no="กท 1234/2562")
    events = await _events(api, org.officer_a, c)
    assert events[-1]["payload"]["letter_no"] == "กท 1234/2562"
