"""Historical import throughput (issue 2: ≥ 5,000 complaints/s in batches), through the HTTP API
as an agency migrating its history would send it: batches of 2,000 complaints with ~6 events each."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sys
import time
from typing import Any

import asyncpg
import httpx
import orjson

from bench.common import (
    ADMIN_PASSWORD,
    CATEGORIES,
    Report,
    background,
    cpu_per,
    cpu_seconds,
    login,
    organisation,
    prepared,
    serving,
    settle,
)
from stack import throwaway

BATCH = 2000
BATCHES = 25
STREAMS = 3
BANGKOK = dt.timezone(dt.timedelta(hours=7))


def history(rng: random.Random, n: int, districts: list[str]) -> dict[str, Any]:
    received = dt.datetime(2019, 10, 1, 8, tzinfo=BANGKOK) + dt.timedelta(minutes=rng.randrange(0, 500_000))
    agency = rng.choice(districts)
    t = received + dt.timedelta(minutes=rng.randrange(10, 240))
    events: list[dict[str, Any]] = [{"type": "forwarded", "at": t.isoformat(), "agency": agency}]
    t += dt.timedelta(hours=rng.randrange(1, 30))
    events.append({"type": "acknowledged", "at": t.isoformat()})
    for _ in range(rng.randrange(1, 3)):
        t += dt.timedelta(days=rng.randrange(1, 10))
        events.append({"type": "progress_reported", "at": t.isoformat(), "text": "ดำเนินการตรวจสอบพื้นที่แล้ว"})
    t += dt.timedelta(days=rng.randrange(1, 20))
    events.append({"type": "completed", "at": t.isoformat(), "result": "แก้ไขเรียบร้อยแล้ว", "letter_no": f"กท {n}/2563"})
    if rng.random() < 0.7:
        events.append({"type": "concluded", "at": (t + dt.timedelta(days=1)).isoformat()})
    return {
        "external_id": f"bench-{n}",
        "channel": rng.choice(["call_center", "website", "walk_in", "letter"]),
        "title": f"ถนนชำรุดเป็นหลุมบ่อ ซอย {n % 500}",
        "description": "ผิวจราจรชำรุดเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อยครั้ง ขอให้ซ่อมแซมโดยเร็ว",
        "category": rng.choice(CATEGORIES)[0],
        "received_at": received.isoformat(),
        "location": {
            "address": f"ซอย {n % 500} แขวงตัวอย่าง",
            "lat": 13.75 + rng.random() / 10,
            "long": 100.5 + rng.random() / 10,
        },
        "complainant": {"name": f"ผู้ร้อง {n}", "phone": f"08{n:08d}"},
        "events": events,
    }


def _wait_numbered(database_url: str, events: int, timeout: float = 600) -> None:
    """Until the worker has given every imported event its place in the stream."""

    async def numbered() -> int:
        conn = await asyncpg.connect(database_url)
        try:
            return int(await conn.fetchval("SELECT last_seq FROM intake.sequencer_state"))
        finally:
            await conn.close()

    deadline = time.monotonic() + timeout
    while asyncio.run(numbered()) < events and time.monotonic() < deadline:
        time.sleep(0.2)


async def _send(base: str, admin: dict[str, str], bodies: list[bytes]) -> int:
    """Several batches in flight, as a migration script would send them, one per uvicorn worker and
    one more so that neither waits for the next batch to arrive."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    imported = 0

    async def stream(client: httpx.AsyncClient) -> None:
        nonlocal imported
        while not queue.empty():
            response = await client.post("/v1/import/complaints", content=queue.get_nowait())
            response.raise_for_status()
            result = response.json()
            assert not result["errors"], result["errors"][:3]
            imported += result["imported"]

    headers = {**admin, "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=600) as client:
        await asyncio.gather(*(stream(client) for _ in range(STREAMS)))
    return imported


def run(env: dict[str, str]) -> Report:
    report = Report(f"intake: historical import ({BATCHES} batches of {BATCH:,} complaints)")
    log_dir = prepared(env)
    port = throwaway.free_port()
    command = [sys.executable, "-m", "stack.cli", "serve", "intake", "--workers", "2", "--port", str(port)]
    # The worker runs as in production: numbering the imported events for the stream is part of
    # the cost of an import.
    worker = [sys.executable, "-m", "stack.cli", "worker", "intake"]
    with (
        background(worker, env, log_dir / "worker-import.log"),
        serving(command, port, env, log_dir / "intake-import.log") as base,
    ):
        admin = login(base, "admin", ADMIN_PASSWORD)
        districts = organisation(base, admin)
        rng = random.Random(5000)
        batches = [[history(rng, b * BATCH + i, districts) for i in range(BATCH)] for b in range(BATCHES)]
        events = sum(len(c["events"]) + 1 for batch in batches for c in batch)
        bodies = [orjson.dumps({"complaints": batch}) for batch in batches]
        started = time.perf_counter()
        cpu_before = cpu_seconds()
        imported = asyncio.run(_send(base, admin, bodies))
        _wait_numbered(env["RONGTOOK_DATABASE_URL"], events)
        elapsed = time.perf_counter() - started
        cpu = cpu_per(cpu_before, cpu_seconds(), imported)
    settle(env["RONGTOOK_DATABASE_URL"])
    rate = imported / elapsed
    report.add("imported complaints per second", rate, "/s", "≥ 5,000", rate >= 5000)
    report.add("imported events per second, numbered for the stream", events / elapsed, "/s", "(info)", True)
    for role, value in sorted(cpu.items()):
        report.add(f"CPU per complaint: {role}", value, "ms", "(info)", True)
    report.notes.append(f"{imported:,} complaints in {elapsed:.1f} s, 2 uvicorn workers, {STREAMS} batches in flight")
    return report
