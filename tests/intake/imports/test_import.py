"""Historical import: years of history with original timestamps, validated like live events,
per-item errors, nothing bad written (issue 2 contract)."""

from __future__ import annotations

from typing import Any

from tests.intake.conftest import Api, Org


def item(n: int, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "external_id": f"legacy-{n}",
        "channel": "call_center",
        "title": f"ไฟฟ้าส่องสว่างดับ จุดที่ {n}",
        "description": "โคมไฟถนนดับหลายดวง",
        "category": "roads",
        "received_at": "2019-10-01T09:15:00+07:00",
        "events": [
            {"type": "forwarded", "at": "2019-10-01T10:00:00+07:00", "agency": "DA"},
            {"type": "acknowledged", "at": "2019-10-02T09:00:00+07:00"},
            {"type": "progress_reported", "at": "2019-10-04T15:00:00+07:00", "text": "สั่งซื้ออุปกรณ์"},
            {"type": "completed", "at": "2019-10-20T11:00:00+07:00", "result": "เปลี่ยนหลอดไฟแล้ว"},
            {"type": "concluded", "at": "2019-10-21T09:00:00+07:00"},
        ],
    }
    body.update(changes)
    return body


async def _import(api: Api, items: list[dict[str, Any]], headers: dict[str, str] | None = None) -> Any:
    response = await api.http.post("/v1/import/complaints", json={"complaints": items}, headers=headers or api.admin)
    return response


async def test_history_keeps_its_original_times(api: Api, org: Org) -> None:
    response = await _import(api, [item(1), item(2, events=[])])
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["imported"] == 2 and result["errors"] == []
    ticket = result["items"][0]["ticket_no"]
    assert ticket.startswith(f"{org.root}-2563-")  # FY 2563 = Oct 2019 – Sep 2020
    got = (await api.http.get(f"/v1/complaints/{result['items'][0]['id']}", headers=org.supervisor)).json()
    assert got["status"] == "concluded" and got["imported"] is True
    assert [(e["type"], e["recorded_at"]) for e in got["events"]] == [
        ("received", "2019-10-01T02:15:00Z"),
        ("forwarded", "2019-10-01T03:00:00Z"),
        ("acknowledged", "2019-10-02T02:00:00Z"),
        ("progress_reported", "2019-10-04T08:00:00Z"),
        ("completed", "2019-10-20T04:00:00Z"),
        ("concluded", "2019-10-21T02:00:00Z"),
    ]
    assert all(e["imported"] for e in got["events"])
    assert got["events"][3]["agency"] == "DA"  # the state machine names the agency it acted on
    assert got["assignments"][0]["acknowledged_at"] == "2019-10-02T02:00:00Z"
    # Imported history is visible to the agency, and searchable.
    found = (
        await api.http.get("/v1/complaints", params={"q": "ไฟฟ้าส่องสว่าง", "imported": True}, headers=org.officer_a)
    ).json()
    assert len(found["items"]) == 1


async def test_bad_items_are_reported_and_not_written(api: Api, org: Org) -> None:
    items = [
        item(1),
        item(2, events=[{"type": "acknowledged", "at": "2019-10-02T09:00:00+07:00"}]),  # never forwarded
        item(
            3,
            events=[
                {"type": "forwarded", "at": "2019-10-03T10:00:00+07:00", "agency": "DA"},
                {"type": "acknowledged", "at": "2019-10-02T09:00:00+07:00"},  # before the previous event
            ],
        ),
        item(4, category="ufo"),
        item(5, received_at="2019-10-01T09:15:00"),  # no offset
        item(6, received_at="2999-01-01T00:00:00+07:00"),
        item(7, events=[{"type": "completed", "at": "2019-10-20T11:00:00+07:00"}]),  # no result
        item(1),  # the same external id twice in a batch
        {"external_id": "legacy-9"},
        item(10, events=[{"type": "forwarded", "at": "2019-10-01T10:00:00+07:00", "agency": "NOPE"}]),
    ]
    result = (await _import(api, items)).json()
    assert result["imported"] == 1
    codes = {e["index"]: e["code"] for e in result["errors"]}
    assert codes == {
        1: "complaint.not_forwarded",
        2: "complaint.event_before_previous",
        3: "reference.unknown_code",
        4: "request.invalid",
        5: "import.in_future",
        6: "request.invalid",
        7: "import.duplicate_in_batch",
        8: "request.invalid",
        9: "reference.unknown_code",
    }
    error = next(e for e in result["errors"] if e["index"] == 1)
    assert error["external_id"] == "legacy-2" and error["message_en"] and error["message_th"]
    assert "events.0" in error["fields"]
    assert "received_at" in next(e for e in result["errors"] if e["index"] == 4)["fields"]
    listed = (await api.http.get("/v1/complaints", headers=org.supervisor)).json()["items"]
    assert len(listed) == 1


async def test_reimporting_imports_nothing_twice(api: Api, org: Org) -> None:
    first = (await _import(api, [item(1), item(2)])).json()
    assert first["imported"] == 2
    again = (await _import(api, [item(1), item(2), item(3)])).json()
    assert again["imported"] == 1
    assert [(e["index"], e["code"]) for e in again["errors"]] == [
        (0, "import.already_imported"),
        (1, "import.already_imported"),
    ]


async def test_kept_ticket_numbers_must_be_free(api: Api, org: Org) -> None:
    result = (await _import(api, [item(1, ticket_no="OLD-2562-000001"), item(2, ticket_no="OLD-2562-000001")])).json()
    assert result["imported"] == 1 and result["items"][0]["ticket_no"] == "OLD-2562-000001"
    clash = (await _import(api, [item(3, ticket_no="OLD-2562-000001")])).json()
    assert clash["errors"][0]["code"] == "import.ticket_taken"


async def test_a_received_event_in_the_list_is_accepted_when_it_matches(api: Api, org: Org) -> None:
    events = [{"type": "received", "at": "2019-10-01T09:15:00+07:00"}, *item(0)["events"]]
    ok = (await _import(api, [item(1, events=events)])).json()
    assert ok["imported"] == 1
    wrong = [{"type": "received", "at": "2019-10-01T09:16:00+07:00"}]
    assert (await _import(api, [item(2, events=wrong)])).json()["errors"][0]["code"] == "import.received_mismatch"


async def test_transfers_and_multi_agency_history(api: Api, org: Org) -> None:
    transferred = item(
        1,
        events=[
            {"type": "forwarded", "at": "2019-10-01T10:00:00+07:00", "agency": "DA"},
            {"type": "transferred", "at": "2019-10-01T15:00:00+07:00", "agency": "DB", "text": "นอกพื้นที่"},
            {"type": "acknowledged", "at": "2019-10-02T09:00:00+07:00"},
        ],
    )
    multi = item(
        2,
        triage="multi_agency",
        events=[
            {"type": "forwarded", "at": "2019-10-01T10:00:00+07:00", "agency": "DA"},
            {"type": "forwarded", "at": "2019-10-01T10:00:00+07:00", "agency": "DB"},
            {"type": "acknowledged", "at": "2019-10-02T09:00:00+07:00", "agency": "DB"},
        ],
    )
    result = (await _import(api, [transferred, multi])).json()
    assert result["imported"] == 2, result
    got = (await api.http.get(f"/v1/complaints/{result['items'][0]['id']}", headers=org.supervisor)).json()
    assert [(a["agency"], a["status"]) for a in got["assignments"]] == [("DA", "transferred"), ("DB", "acknowledged")]
    assert got["events"][2]["payload"]["from_agency"] == "DA"
    assert (await api.http.get(f"/v1/complaints/{result['items'][0]['id']}", headers=org.officer_a)).status_code == 200


async def test_only_administrators_import(api: Api, org: Org) -> None:
    for headers in (org.supervisor, org.front_desk):
        assert (await _import(api, [item(1)], headers)).status_code == 403


async def test_imported_events_reach_the_feed(api: Api, org: Org) -> None:
    await _import(api, [item(1)])
    events = await api.feed(6)
    assert [e["type"] for e in events] == [
        "received",
        "forwarded",
        "acknowledged",
        "progress_reported",
        "completed",
        "concluded",
    ]
    assert all(e["imported"] for e in events)
    assert events[1]["recorded_at"] == "2019-10-01T03:00:00Z"


async def test_duplicates_link_to_the_complaint_they_repeat(api: Api, org: Org) -> None:
    stored = (await _import(api, [item(1, ticket_no="OLD-2562-000010")])).json()
    merged_events = [{"type": "duplicate_of", "at": "2019-10-01T11:00:00+07:00", "duplicate_of": "OLD-2562-000010"}]
    in_batch = [{"type": "duplicate_of", "at": "2019-10-01T11:00:00+07:00", "duplicate_of": "legacy-3"}]
    missing = [{"type": "duplicate_of", "at": "2019-10-01T11:00:00+07:00", "duplicate_of": "OLD-0000-000000"}]
    result = (
        await _import(api, [item(2, events=merged_events), item(3), item(4, events=in_batch), item(5, events=missing)])
    ).json()
    assert result["imported"] == 3
    assert [(e["index"], e["code"]) for e in result["errors"]] == [(3, "complaint.duplicate_target_not_found")]
    by_index = {i["index"]: i for i in result["items"]}
    first = (await api.http.get(f"/v1/complaints/{by_index[0]['id']}", headers=org.supervisor)).json()
    assert first["status"] == "duplicate"
    assert first["duplicate_of"] == "OLD-2562-000010"
    assert first["events"][1]["payload"]["duplicate_of"]["id"] == stored["items"][0]["id"]
    second = (await api.http.get(f"/v1/complaints/{by_index[2]['id']}", headers=org.supervisor)).json()
    assert second["duplicate_of"] == by_index[1]["ticket_no"]


async def test_a_letter_dated_in_the_future_is_refused(api: Api, org: Org) -> None:
    result = (await _import(api, [item(1, occurred_at="2999-01-01T00:00:00+07:00")])).json()
    assert result["errors"][0]["code"] == "import.in_future"
    assert result["errors"][0]["fields"] == {"occurred_at": "in the future"}


async def test_codes_added_by_another_process_are_known(api: Api, org: Org) -> None:
    # This process's organisation cache is warm; the category arrives straight in the database,
    # as when another process (or replica) created it a moment ago.
    from sqlalchemy import text

    async with api.app.state.runtime.db.transaction() as session:
        await session.execute(
            text(
                "INSERT INTO intake.categories (id, code, name_th, active, sort_order) "
                "VALUES (gen_random_uuid(), 'canals', 'คลอง', true, 0)"
            )
        )
    result = (await _import(api, [item(1, category="canals")])).json()
    assert result["imported"] == 1, result
