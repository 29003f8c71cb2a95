"""GET /internal/v1/events: the stream scoring reads by cursor (ARCHITECTURE: how the stream flows)."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import random
import uuid
from typing import Any

import asyncpg
import orjson
from redis.asyncio import Redis

from intake.feed import sequencer
from kit.auth import issue_service_token
from kit.ids import new_id
from kit.jobs import queue_name, queued_jobs
from tests.conftest import JWT_SECRET
from tests.intake.conftest import Api, Org

SERVICE = {"Authorization": f"Bearer {issue_service_token(JWT_SECRET, 'scoring')}"}


async def test_feed_carries_events_in_order_with_codes_and_no_text(api: Api, org: Org) -> None:
    created = await api.complaint(org.front_desk, agency="DA", complainant={"name": "นายลับ", "phone": "0811111111"})
    await api.event(org.officer_a, created["id"], "acknowledged")
    await api.event(org.officer_a, created["id"], "progress_reported", text="ข้อความภายใน 0811111111")
    await api.event(org.officer_a, created["id"], "completed", result="ซ่อมแล้ว", letter_no="กท 1/2569")
    events = await api.feed(5)
    assert [e["type"] for e in events] == ["received", "forwarded", "acknowledged", "progress_reported", "completed"]
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5]
    assert events[1]["agency"] == "DA"
    assert events[3]["has_text"] is True
    assert events[4]["has_result"] is True and events[4]["has_result_details"] is True
    assert events[0]["complaint"] == {
        "ticket_no": created["ticket_no"],
        "category": "roads",
        "channel": "walk_in",
        "receiving_agency": org.root,
        "complainant_group": None,
        "triage": "general",
        "received_at": events[0]["complaint"]["received_at"],
        "imported": False,
    }
    raw = orjson.dumps(events).decode()
    assert "0811111111" not in raw and "นายลับ" not in raw and "ซ่อมแล้ว" not in raw


async def test_feed_is_for_services_only(api: Api, org: Org) -> None:
    for headers in (org.front_desk, api.admin):
        response = await api.http.get("/internal/v1/events", headers=headers)
        assert response.status_code == 403
    assert (await api.http.get("/internal/v1/events")).status_code == 401


async def test_paging_by_cursor(api: Api, org: Org) -> None:
    for _ in range(5):
        await api.complaint(org.front_desk, agency="DA")
    assert len(await api.feed(10)) == 10
    first = (await api.http.get("/internal/v1/events", params={"after": 0, "limit": 4}, headers=SERVICE)).json()
    assert [e["seq"] for e in first["events"]] == [1, 2, 3, 4]
    assert first["last_seq"] == 10
    rest = (await api.http.get("/internal/v1/events", params={"after": 4, "limit": 100}, headers=SERVICE)).json()
    assert [e["seq"] for e in rest["events"]] == [5, 6, 7, 8, 9, 10]
    empty = (await api.http.get("/internal/v1/events", params={"after": 10}, headers=SERVICE)).json()
    assert empty == {"events": [], "next_after": 10, "last_seq": 10}


async def test_sixteen_concurrent_writers_and_a_following_reader(api: Api, org: Org, database_url: str) -> None:
    """Transactions commit in another order than they started: a reader following the feed must still
    see every event exactly once, in sequence order, with no gaps."""
    complaints = [(await api.complaint(org.front_desk, agency="DA"))["id"] for _ in range(16)]
    rng = random.Random(16)
    inserted: set[uuid.UUID] = set()
    commits: list[int] = []  # writing transaction ids in commit order
    writers_done = asyncio.Event()

    async def writer(complaint_id: str, n: int) -> None:
        conn = await asyncpg.connect(database_url)
        try:
            for _ in range(n):
                event_id = new_id()
                async with conn.transaction():
                    tx = await conn.fetchval(
                        "INSERT INTO intake.events (id, complaint_id, type, recorded_at, actor, payload, imported) "
                        "VALUES ($1, $2, 'evidence_attached', $3, 'user:test', '{\"evidence_kind\": \"other\"}', false) "
                        "RETURNING tx",
                        event_id,
                        uuid.UUID(complaint_id),
                        dt.datetime.now(dt.UTC),
                    )
                    # Hold the transaction open a random while: later transactions overtake it.
                    await asyncio.sleep(rng.uniform(0, 0.03))
                inserted.add(event_id)
                commits.append(tx)
        finally:
            await conn.close()

    async def api_writer(complaint_id: str) -> None:
        await api.event(org.officer_a, complaint_id, "acknowledged")
        for i in range(5):
            response = await api.event(org.officer_a, complaint_id, "progress_reported", text=f"รายงานครั้งที่ {i}")
            assert response.status_code == 201

    seen: list[dict[str, Any]] = []
    expected_total = 16 * 2 + 12 * 25 + 4 * 6

    async def reader() -> None:
        after = 0
        quiet_rounds = 0
        give_up = None
        while quiet_rounds < 3 or len(seen) < expected_total:
            page = (
                await api.http.get("/internal/v1/events", params={"after": after, "limit": 7}, headers=SERVICE)
            ).json()
            seen.extend(page["events"])
            after = page["next_after"]
            if writers_done.is_set() and not page["events"]:
                quiet_rounds += 1
                give_up = give_up or asyncio.get_running_loop().time() + 30
                if asyncio.get_running_loop().time() > give_up:
                    break  # the assertions below say what is missing
            await asyncio.sleep(0.005)

    async def writers() -> None:
        await asyncio.gather(
            *(writer(c, 25) for c in complaints[:12]),
            *(api_writer(c) for c in complaints[12:]),
        )
        writers_done.set()

    await asyncio.gather(writers(), reader())

    # The hazard really happened: some transaction committed after a later-started one.
    assert any(later < earlier for earlier, later in itertools.pairwise(commits))
    seqs = [e["seq"] for e in seen]
    assert seqs == list(range(1, len(seen) + 1)), "in order, no gap, no repeat"
    ids = [uuid.UUID(e["id"]) for e in seen]
    assert len(ids) == len(set(ids))
    assert inserted <= set(ids)
    async with asyncpg.create_pool(database_url, min_size=1, max_size=1) as pool:
        total = await pool.fetchval("SELECT count(*) FROM intake.events")
    assert len(seen) == total == expected_total


async def test_committed_events_wake_scoring_once(api: Api, org: Org, redis_url: str) -> None:
    sender = api.app.state.runtime.jobs
    trips_before = sender.round_trips
    await asyncio.gather(*(api.complaint(org.front_desk, agency="DA") for _ in range(40)))
    await sender.flush()
    redis = Redis.from_url(redis_url)
    try:
        jobs = [job async for job in queued_jobs(redis, "scoring")]
        assert [(job_id, payload["f"]) for job_id, payload in jobs] == [("scoring.sync", "scoring.sync")]
        assert await redis.zcard(queue_name("scoring")) == 1
    finally:
        await redis.aclose()
    # Forty commits, far fewer trips to Redis: requests finishing together share one.
    assert sender.round_trips - trips_before < 20


async def test_no_job_for_a_refused_request(api: Api, org: Org, redis_url: str) -> None:
    complaint = await api.complaint(org.front_desk)
    redis = Redis.from_url(redis_url)
    try:
        await api.app.state.runtime.jobs.flush()
        await redis.flushdb()
        refused = await api.event(org.front_desk, complaint["id"], "concluded")
        assert refused.status_code == 409
        await api.app.state.runtime.jobs.flush()
        assert await redis.zcard(queue_name("scoring")) == 0
    finally:
        await redis.aclose()


async def test_numbering_starts_at_the_cursor(database_url: str, clean: None) -> None:
    """The numbering statement reads from the cursor on, through the index: its cost follows the
    events still to number, not every event ever written (it runs every two seconds for years)."""
    statement = str(sequencer._SEQUENCE).replace(":batch", "1000")
    conn = await asyncpg.connect(database_url)
    try:
        # Whether an index can serve the cursor, not whether a tiny test table is worth one.
        await conn.execute("SET enable_seqscan = off")
        plan = orjson.loads(await conn.fetchval("EXPLAIN (FORMAT JSON) " + statement))[0]["Plan"]
    finally:
        await conn.close()

    def nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
        return [node, *(n for child in node.get("Plans", []) for n in nodes(child))]

    [by_cursor] = [n for n in nodes(plan) if n.get("Index Name") == "ix_events_tx_id"]
    assert by_cursor["Index Cond"].startswith("((ROW(tx, id) > ROW(")
