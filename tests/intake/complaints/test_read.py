"""Reading and finding complaints: agency isolation, contact data (PDPA), filters, Thai search."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from tests.intake.conftest import Api, Org

WITH_CONTACT = {"complainant": {"name": "นายสมชาย ใจดี", "phone": "081-234-5678"}}


async def _audit(database_url: str) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch("SELECT actor, action, subject_id, detail FROM intake.audit_log ORDER BY at")
    finally:
        await conn.close()
    return [dict(r) for r in rows]


async def test_an_officer_of_another_agency_gets_404(api: Api, org: Org) -> None:
    complaint = await api.complaint(org.front_desk, agency="DA")
    url = f"/v1/complaints/{complaint['id']}"
    assert (await api.http.get(url, headers=org.officer_a)).status_code == 200
    hidden = await api.http.get(url, headers=org.officer_b)
    assert hidden.status_code == 404
    assert hidden.json()["error"]["code"] == "complaint.not_found"
    assert (await api.http.get(url + "/events", headers=org.officer_b)).status_code == 404
    listed = (await api.http.get("/v1/complaints", headers=org.officer_b)).json()
    assert listed["items"] == []
    # A section sees only what reached the section; the center sees everything.
    assert (await api.http.get(url, headers=org.section_officer_a)).status_code == 404
    assert (await api.http.get(url, headers=org.supervisor)).status_code == 200


async def test_contact_data_only_for_roles_that_need_it(api: Api, org: Org, database_url: str) -> None:
    complaint = await api.complaint(org.front_desk, agency="DA", **WITH_CONTACT)
    url = f"/v1/complaints/{complaint['id']}"
    for headers in (org.front_desk, org.officer_a, org.supervisor):
        shown = (await api.http.get(url, headers=headers)).json()["complainant"]
        assert shown == {
            "anonymous": False,
            "redacted": False,
            "name": "นายสมชาย ใจดี",
            "phone": "081-234-5678",
            "email": None,
            "group": None,
        }
    for headers in (org.auditor, api.admin):
        hidden = (await api.http.get(url, headers=headers)).json()
        assert hidden["complainant"]["redacted"] is True
        assert "081-234-5678" not in str(hidden) and "สมชาย" not in str(hidden)
    reads = [a for a in await _audit(database_url) if a["action"] == "complainant.read"]
    assert len(reads) == 3
    assert {r["subject_id"] for r in reads} == {complaint["id"]}
    assert all("234-5678" not in str(r) and "สมชาย" not in str(r) for r in reads)


async def test_anonymous_complainants_have_nothing_to_hide(api: Api, org: Org, database_url: str) -> None:
    complaint = await api.complaint(org.front_desk, complainant={"anonymous": True})
    shown = (await api.http.get(f"/v1/complaints/{complaint['id']}", headers=org.front_desk)).json()["complainant"]
    assert shown["anonymous"] is True and shown["name"] is None
    assert [a for a in await _audit(database_url) if a["action"] == "complainant.read"] == []


async def test_search_by_phone_or_name_is_for_contact_roles_and_audited(api: Api, org: Org, database_url: str) -> None:
    complaint = await api.complaint(org.front_desk, **WITH_CONTACT)
    await api.complaint(org.front_desk, complainant={"name": "นางมาลี", "phone": "0899999999"})
    found = (await api.http.get("/v1/complaints", params={"phone": "+66 81 234 5678"}, headers=org.front_desk)).json()
    assert [c["id"] for c in found["items"]] == [complaint["id"]]
    by_name = (await api.http.get("/v1/complaints", params={"name": "สมชาย"}, headers=org.front_desk)).json()
    assert [c["id"] for c in by_name["items"]] == [complaint["id"]]
    assert (
        await api.http.get("/v1/complaints", params={"phone": "0812345678"}, headers=org.auditor)
    ).status_code == 403
    searches = [a for a in await _audit(database_url) if a["action"] == "complainant.search"]
    assert len(searches) == 2
    assert "0812345678" not in str(searches) and "สมชาย" not in str(searches)


async def test_thai_text_search(api: Api, org: Org) -> None:
    road = await api.complaint(org.front_desk, title="ถนนหน้าบ้านชำรุดเป็นหลุมบ่อ", description="รถล้มบ่อยมาก")
    light = await api.complaint(
        org.front_desk, title="ไฟฟ้าส่องสว่างดับ", description="ซอยมืดมากตอนกลางคืน", location={"address": "ซอยสุขุมวิท 71"}
    )
    flood = await api.complaint(org.front_desk, category="drainage", title="น้ำท่วมขัง", description="ท่อระบายน้ำอุดตัน")

    async def search(q: str) -> list[str]:
        response = await api.http.get("/v1/complaints", params={"q": q}, headers=org.front_desk)
        assert response.status_code == 200
        return [c["id"] for c in response.json()["items"]]

    assert await search("ชำรุด") == [road["id"]]
    assert await search("ถนนชำรุด") == [road["id"]]  # no space between the words, not adjacent in the text
    assert await search("ไฟดับ") == []  # short words stay together: 'ไฟดับ' is not in the text as such
    assert await search("ไฟฟ้า ดับ") == [light["id"]]
    assert await search("สุขุมวิท") == [light["id"]]  # the address is searched too
    assert await search("ท่อระบายน้ำ") == [flood["id"]]
    assert await search("ท่อระบายน้ําอุดตัน") == [flood["id"]]  # decomposed sara am (ํ + า) normalised
    assert await search(light["ticket_no"]) == [light["id"]]
    assert await search("%") == []


async def test_filters(api: Api, org: Org) -> None:
    a = await api.complaint(org.front_desk, agency="DA-WORKS", channel="phone")
    b = await api.complaint(org.front_desk, agency="DB", category="drainage")
    c = await api.complaint(org.front_desk)
    await api.event(org.officer_a, a["id"], "acknowledged")

    async def ids(**params: Any) -> set[str]:
        response = await api.http.get("/v1/complaints", params=params, headers=org.supervisor)
        assert response.status_code == 200, response.text
        return {x["id"] for x in response.json()["items"]}

    assert await ids(status="in_progress") == {a["id"]}
    assert await ids(status=["forwarded", "received"]) == {b["id"], c["id"]}
    assert await ids(status="forwarded,in_progress") == {a["id"], b["id"]}
    assert await ids(agency="DA") == {a["id"]}  # includes sub-agencies
    assert await ids(agency="DB") == {b["id"]}
    assert await ids(category="drainage") == {b["id"]}
    assert await ids(channel="phone") == {a["id"]}
    assert await ids(ticket_no=c["ticket_no"]) == {c["id"]}
    today = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    assert await ids(received_from=today.isoformat(), received_to=today.isoformat()) == {a["id"], b["id"], c["id"]}
    assert await ids(received_to=(today - dt.timedelta(days=1)).isoformat()) == set()
    bad = await api.http.get("/v1/complaints", params={"status": "lost"}, headers=org.supervisor)
    assert bad.status_code == 422
    assert (await api.http.get("/v1/complaints", params={"agency": "NOPE"}, headers=org.supervisor)).status_code == 422


async def test_cursor_pagination_walks_every_complaint_once(api: Api, org: Org) -> None:
    created = [(await api.complaint(org.front_desk))["id"] for _ in range(7)]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = (await api.http.get("/v1/complaints", params=params, headers=org.front_desk)).json()
        seen.extend(c["id"] for c in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(created))  # newest first
    bad = await api.http.get("/v1/complaints", params={"cursor": "!!!"}, headers=org.front_desk)
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "request.invalid_cursor"
