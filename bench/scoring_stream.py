"""Scoring (issue 3): applying intake's event stream, recomputing every projection, scorecards of
all agencies, and the worklist's latency — on the history the import benchmark loaded (run after
it: `make bench` does)."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from dataclasses import dataclass

import asyncpg
import httpx

from bench.common import ADMIN_PASSWORD, Report, login, prepared, serving, settle
from stack import throwaway

HOLIDAY = "2020-03-11"  # a Wednesday in the middle of the imported history (fiscal year 2563)


async def _counts(database_url: str) -> tuple[int, int]:
    conn = await asyncpg.connect(database_url)
    try:
        events = int(await conn.fetchval("SELECT count(*) FROM intake.events"))
        complaints = int(await conn.fetchval("SELECT count(*) FROM intake.complaints"))
        await conn.execute("TRUNCATE scoring.events, scoring.complaints, scoring.assignments, scoring.cursors")
        return events, complaints
    finally:
        await conn.close()


@dataclass
class Timings:
    applied: int
    sync_seconds: float
    recomputed: int
    recompute_seconds: float  # after a holiday is declared
    rewritten: int  # assignment rows that holiday changed
    rewrite_all_seconds: float  # the same recompute, with every projection written again


async def _sync_and_recompute(env: dict[str, str], intake_url: str, scoring_url: str, admin: dict[str, str]) -> Timings:
    from kit.heap import settle_heap
    from kit.http import ServiceClient
    from kit.runtime import open_runtime
    from scoring.calendar.service import CalendarCache
    from scoring.config import ScoringSettings
    from scoring.stream.projectors import Projectors
    from scoring.stream.tasks import WorkerState, recompute, sync

    settings = ScoringSettings(
        database_url=env["RONGTOOK_DATABASE_URL"],
        redis_url=env["RONGTOOK_REDIS_URL"],
        jwt_secret=env["RONGTOOK_JWT_SECRET"],
        intake_url=intake_url,
        log_level="WARNING",
    )
    client = ServiceClient(intake_url, secret=settings.require_secret(), caller="scoring")
    projectors = Projectors(env["RONGTOOK_DATABASE_URL"])
    try:
        async with open_runtime(settings, pool_size=2) as runtime:
            state = WorkerState(settings, runtime, client, CalendarCache(), projectors)
            async with runtime.db.transaction() as session:  # the holiday data, outside the timing
                await state.calendars.current(session)
            state.projectors.start()  # as the worker does once started
            settle_heap()
            started = time.perf_counter()
            applied = await sync(state)
            sync_seconds = time.perf_counter() - started

            # What a full recompute is for: the calendar changed. A day in the middle of the
            # history becomes a holiday (its own, narrower recompute job is not run here).
            holiday = {"day": HOLIDAY, "working": False, "name": "วันหยุดราชการเพิ่มเติม (bench)"}
            async with httpx.AsyncClient(base_url=scoring_url, headers=admin, timeout=60) as scoring:
                (await scoring.post("/v1/calendar/overrides", json=holiday)).raise_for_status()
            started = time.perf_counter()
            result = await recompute(state)
            recompute_seconds = time.perf_counter() - started

            # The worst case: no stored projection to compare with (e.g. a new scoring database).
            conn = await asyncpg.connect(env["RONGTOOK_DATABASE_URL"])
            try:
                await conn.execute("UPDATE scoring.complaints SET projection_digest = NULL")
                await conn.execute("VACUUM ANALYZE scoring.complaints")
            finally:
                await conn.close()
            started = time.perf_counter()
            await recompute(state)
            rewrite_all_seconds = time.perf_counter() - started
    finally:
        projectors.close()
        await client.aclose()
    return Timings(
        applied,
        sync_seconds,
        result["complaints"],
        recompute_seconds,
        result["assignments_rewritten"],
        rewrite_all_seconds,
    )


def _latencies(base: str, headers: dict[str, str], path: str, params: dict[str, str], n: int) -> list[float]:
    timings = []
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        client.get(path, params=params).raise_for_status()
        for _ in range(n):
            started = time.perf_counter()
            client.get(path, params=params).raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def run(env: dict[str, str]) -> Report:
    report = Report("scoring: stream application, recompute, scorecards, worklist")
    log_dir = prepared(env)
    database_url = env["RONGTOOK_DATABASE_URL"]
    # Vacuumed first, as the import benchmark leaves its data. Scoring's tables start empty, as in
    # a new deployment catching up with the history: the stream gathers their statistics as it
    # fills them (stream/tasks.py), which is what brought this figure from about 7,800 to 18,600
    # events/s inside `make bench`.
    settle(database_url)
    events, complaints = asyncio.run(_counts(database_url))
    intake_port, scoring_port = throwaway.free_port(), throwaway.free_port()
    intake_env = dict(env, RONGTOOK_INTAKE_URL=f"http://127.0.0.1:{intake_port}")
    intake = [sys.executable, "-m", "stack.cli", "serve", "intake", "--workers", "1", "--port", str(intake_port)]
    scoring = [sys.executable, "-m", "stack.cli", "serve", "scoring", "--workers", "1", "--port", str(scoring_port)]
    with (
        serving(intake, intake_port, intake_env, log_dir / "intake-scoring.log") as intake_base,
        serving(scoring, scoring_port, intake_env, log_dir / "scoring.log") as scoring_base,
    ):
        admin = login(intake_base, "admin", ADMIN_PASSWORD)
        timings = asyncio.run(_sync_and_recompute(env, intake_base, scoring_base, admin))
        settle(database_url)
        cards = _latencies(scoring_base, admin, "/v1/scorecards", {"scheme": "bma-2557", "fy": "2563"}, 5)
        due = _latencies(scoring_base, admin, "/v1/due", {"agency": "D01", "within": "3"}, 300)
    rate = timings.applied / timings.sync_seconds
    report.add("events applied per second (feed over HTTP → projections)", rate, "/s", "≥ 20,000", rate >= 20000)
    per_million = timings.recompute_seconds / max(timings.recomputed, 1) * 1_000_000
    report.add(
        "full recompute after a holiday is declared, per 1,000,000 complaints",
        per_million,
        "s",
        "≤ 60",
        per_million <= 60,
    )
    rewrite_all = timings.rewrite_all_seconds / max(timings.recomputed, 1) * 1_000_000
    report.add("full recompute writing every projection, per 1,000,000 complaints", rewrite_all, "s", "(info)", True)
    report.add(
        "scorecards of all agencies for a year (median)",
        statistics.median(cards),
        "ms",
        "≤ 1,000",
        statistics.median(cards) <= 1000,
    )
    p99 = statistics.quantiles(due, n=100)[98]
    report.add("/v1/due for one agency, p99", p99, "ms", "< 50", p99 < 50)
    report.notes.append(
        f"{timings.applied:,} of {events:,} events ({complaints:,} complaints) applied in {timings.sync_seconds:.1f} s; "
        f"{timings.recomputed:,} complaints recomputed in {timings.recompute_seconds:.1f} s after {HOLIDAY} became a "
        f"holiday ({timings.rewritten:,} assignment rows changed), in {timings.rewrite_all_seconds:.1f} s when every "
        "projection is written again"
    )
    return report
