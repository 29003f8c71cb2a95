"""GET /v1/complaints/{id} offers the events the caller may record now: what the lifecycle accepts
in the complaint's state and the caller's role and agency allow — and each one offered is accepted."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.intake.conftest import Api, Org

ALL = {
    "received",
    "forwarded",
    "acknowledged",
    "progress_reported",
    "followup_requested",
    "evidence_attached",
    "completed",
    "complainant_notified",
    "concluded",
    "transferred",
    "rejected",
    "duplicate_of",
    "reopened",
}


async def _allowed(api: Api, headers: dict[str, str], complaint_id: str) -> list[str]:
    response = await api.http.get(f"/v1/complaints/{complaint_id}", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["allowed_events"])


async def _ok(api: Api, headers: dict[str, str], complaint_id: str, type_: str, **fields: Any) -> None:
    response = await api.event(headers, complaint_id, type_, **fields)
    assert response.status_code == 201, response.text


async def test_the_offer_follows_the_lifecycle(api: Api, org: Org) -> None:
    created = await api.complaint(org.front_desk, agency="DA")
    c = created["id"]
    # The creation's answer already says what comes next.
    assert "acknowledged" in created["allowed_events"] and "forwarded" not in created["allowed_events"]
    fresh = set(await _allowed(api, org.officer_a, c))
    assert {"acknowledged", "transferred", "followup_requested", "rejected", "duplicate_of"} <= fresh
    assert "evidence_attached" in fresh
    assert not fresh & {"received", "forwarded", "completed", "progress_reported", "concluded", "reopened"}

    await _ok(api, org.officer_a, c, "acknowledged")
    acknowledged = set(await _allowed(api, org.officer_a, c))
    assert {"progress_reported", "completed", "transferred"} <= acknowledged
    assert "acknowledged" not in acknowledged and "complainant_notified" not in acknowledged

    await _ok(api, org.officer_a, c, "completed", result="ซ่อมเรียบร้อยแล้ว")
    completed = await _allowed(api, org.officer_a, c)
    assert completed == ["evidence_attached", "complainant_notified", "concluded", "reopened"]

    await _ok(api, org.front_desk, c, "concluded")
    assert await _allowed(api, org.front_desk, c) == ["evidence_attached", "complainant_notified", "reopened"]


async def test_not_forwarded_yet(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk))["id"]
    allowed = await _allowed(api, org.front_desk, c)
    assert allowed == ["forwarded", "evidence_attached", "rejected", "duplicate_of"]


async def test_roles_that_cannot_write_are_offered_nothing(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA"))["id"]
    assert await _allowed(api, org.auditor, c) == []
    assert (await api.event(org.auditor, c, "acknowledged")).status_code == 403
    assert await _allowed(api, org.supervisor, c) != []


async def test_an_agency_is_offered_only_its_own_part(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA", triage="multi_agency"))["id"]
    await _ok(api, org.front_desk, c, "forwarded", agency="DB")
    # DB sees the complaint and may acknowledge its own assignment.
    assert "acknowledged" in await _allowed(api, org.officer_b, c)
    await _ok(api, org.officer_b, c, "acknowledged", agency="DB")
    officer_b = set(await _allowed(api, org.officer_b, c))
    assert {"progress_reported", "completed"} <= officer_b and "acknowledged" not in officer_b
    # DA's assignment is still waiting for DA, not for DB.
    officer_a = set(await _allowed(api, org.officer_a, c))
    assert "acknowledged" in officer_a and not officer_a & {"progress_reported", "completed"}
    assert (await api.event(org.officer_b, c, "acknowledged", agency="DA")).status_code == 403


async def _key(api: Api, scopes: list[str]) -> dict[str, str]:
    created = await api.http.post(
        "/v1/api-keys", json={"name": "ระบบของเขต", "agency": "DA", "scopes": scopes}, headers=api.admin
    )
    assert created.status_code == 201, created.text
    return {"X-API-Key": created.json()["key"]}


async def test_evidence_is_offered_only_to_who_may_upload(api: Api, org: Org) -> None:
    c = (await api.complaint(org.front_desk, agency="DA"))["id"]
    events_only = await _allowed(api, await _key(api, ["complaints:read", "events:write"]), c)
    assert "acknowledged" in events_only and "evidence_attached" not in events_only
    uploader = await _key(api, ["complaints:read", "attachments:write"])
    assert await _allowed(api, uploader, c) == ["evidence_attached"]
    assert (await api.event(uploader, c, "acknowledged")).status_code == 403
    assert await _allowed(api, await _key(api, ["complaints:read"]), c) == []


# ---- every event offered is accepted, every other one refused, from several states -------------

FIELDS: dict[str, dict[str, Any]] = {
    "forwarded": {"agency": "DB"},
    "transferred": {"agency": "DB"},
    "progress_reported": {"text": "กำลังดำเนินการ"},
    "completed": {"result": "ดำเนินการแล้ว"},
    "rejected": {"text": "ไม่อยู่ในอำนาจหน้าที่"},
    "evidence_attached": {"evidence_kind": "before"},
    "complainant_notified": {"notified_via": "phone"},
}
Setup = Callable[[Api, Org], Awaitable[str]]


async def _received(api: Api, org: Org) -> str:
    return str((await api.complaint(org.officer_a))["id"])  # received at DA: DA and the center see it


async def _forwarded(api: Api, org: Org) -> str:
    return str((await api.complaint(org.front_desk, agency="DA"))["id"])


async def _acknowledged(api: Api, org: Org) -> str:
    c = await _forwarded(api, org)
    await _ok(api, org.officer_a, c, "acknowledged")
    return c


async def _completed(api: Api, org: Org) -> str:
    c = await _acknowledged(api, org)
    await _ok(api, org.officer_a, c, "completed", result="ดำเนินการแล้ว")
    return c


async def _rejected(api: Api, org: Org) -> str:
    c = await _forwarded(api, org)
    await _ok(api, org.front_desk, c, "rejected", text="ไม่อยู่ในอำนาจหน้าที่")
    return c


@pytest.mark.parametrize("setup", [_received, _forwarded, _acknowledged, _completed, _rejected])
@pytest.mark.parametrize("caller", ["front_desk", "officer_a", "supervisor"])
async def test_what_is_offered_is_what_is_accepted(api: Api, org: Org, setup: Setup, caller: str) -> None:
    headers: dict[str, str] = getattr(org, caller)
    other = (await api.complaint(org.front_desk, agency="DA"))["ticket_no"]
    fields = {**FIELDS, "duplicate_of": {"duplicate_of": other}}
    c = await setup(api, org)
    allowed = await _allowed(api, headers, c)
    assert allowed
    assert "received" not in allowed
    for type_ in sorted(ALL - set(allowed) - {"received"}):
        refused = await api.event(headers, c, type_, **fields.get(type_, {}))
        assert refused.status_code in (403, 409), (type_, refused.text)
    for type_ in allowed:
        fresh = await setup(api, org)
        accepted = await api.event(headers, fresh, type_, **fields.get(type_, {}))
        assert accepted.status_code == 201, (type_, accepted.text)
