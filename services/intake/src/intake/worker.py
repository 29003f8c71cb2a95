"""Intake's background jobs: keep the event stream numbered, forget old idempotency keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from arq.worker import Worker
from sqlalchemy import delete, text

from intake.config import IntakeSettings
from intake.feed import sequencer
from intake.idempotency.models import IdempotentResponse
from kit.jobs import CronJob, build_worker
from kit.logging import configure_logging
from kit.runtime import Runtime, open_runtime


@dataclass
class WorkerState:
    settings: IntakeSettings
    runtime: Runtime


async def number_events(state: WorkerState) -> int:
    """Give committed events their stream position promptly (readers also do it on demand): a
    backlog at once, batch after batch; a steady trickle once per run, not in a busy loop."""
    added = 0
    while True:
        async with state.runtime.db.transaction() as session:
            _, batch = await sequencer.sequence_committed(session)
        added += batch
        if batch < sequencer.BATCH:
            return added


SEARCH_INDEX = "intake.ix_complaints_search_text_trgm"


async def merge_search_index(state: WorkerState) -> int:
    """Merge the text-search index's pending entries (see complaints/models.py) in one batch, so
    searches never scan a long pending list and no request pays for the merge."""
    async with state.runtime.db.transaction() as session:
        merged = (
            await session.execute(
                text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"), {"index": SEARCH_INDEX}
            )
        ).scalar_one()
    return int(merged)


# The tables every create and event writes. Every connection keeps the plans it made (generic plans,
# kit.db), and a plan made while a table was nearly empty (a new installation, a new database)
# scans it whole — the likely duplicates of each new complaint, for one — until the table's
# statistics change. Autovacuum changes them, but looks only once a minute; this looks every run.
GROWING_TABLES = ("intake.complaints", "intake.complainants", "intake.assignments", "intake.events")
_GATHER_FROM = 500  # rows; below that a whole scan costs little

_DOUBLED = text(
    """
    SELECT s.relid::regclass::text
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.relid = ANY(CAST(:tables AS regclass[]))
      AND s.n_live_tup >= :from_rows AND s.n_live_tup >= 2 * greatest(c.reltuples, 0)
    """
)


async def gather_statistics(state: WorkerState) -> list[str]:
    """ANALYZE each growing table whose rows have doubled since its statistics were gathered (so a
    few times while it is young, then rarely); returns the tables analysed."""
    async with state.runtime.db.transaction() as session:
        doubled = list(
            (await session.execute(_DOUBLED, {"tables": list(GROWING_TABLES), "from_rows": _GATHER_FROM})).scalars()
        )
        for table in doubled:
            await session.execute(text(f"ANALYZE {table}"))
    return doubled


async def purge_idempotency_keys(state: WorkerState) -> int:
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(hours=state.settings.idempotency_retention_hours)
    async with state.runtime.db.transaction() as session:
        result = await session.execute(delete(IdempotentResponse).where(IdempotentResponse.created_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def create_worker(
    settings: IntakeSettings | None = None, *, burst: bool = False, handle_signals: bool | None = None
) -> Worker:
    settings = settings or IntakeSettings()
    configure_logging("intake-worker", settings.log_level, settings.log_json)

    @asynccontextmanager
    async def state() -> AsyncIterator[WorkerState]:
        async with open_runtime(settings, pool_size=2) as runtime:
            yield WorkerState(settings, runtime)

    return build_worker(
        service="intake",
        redis_url=settings.redis_url,
        state=state,
        crons=[
            CronJob("intake.number_events", number_events, every_seconds=2),
            CronJob("intake.merge_search_index", merge_search_index, every_seconds=2),
            CronJob("intake.gather_statistics", gather_statistics, every_seconds=5),
            CronJob("intake.purge_idempotency_keys", purge_idempotency_keys, minute=17),
        ],
        burst=burst,
        handle_signals=handle_signals,
    )
