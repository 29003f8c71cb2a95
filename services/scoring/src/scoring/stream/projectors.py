"""Projecting a recompute's chunks in helper processes.

A full recompute is Python's work (decoding events, projecting, digesting), and one process uses
one core. Each helper reads a chunk — its complaints, their digests and their events — in one
snapshot, projects it with the calendar it is given and keeps only what differs from what is
stored. The job then writes that under the stream lock, if the stream has not moved since the
snapshot and the calendar is still the one given (``tasks.recompute``). Helpers only read.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.util import Finalize
from typing import Any

import asyncpg

from kit.db import SERVER_SETTINGS
from kit.heap import settle_heap
from kit.workdays import Outage, Override, WorkCalendar
from scoring.sla import repository
from scoring.sla.projection import project
from scoring.stream.service import CURSOR


def _clocks_ran(start: str, end: str) -> str:
    """The condition on an assignment whose complaint's clocks ran between two times (the
    parameters named): open and forwarded before the end, or with an event since the start."""
    return (
        f"forwarded_at < {end} AND (is_open OR "
        f"(SELECT last_event_at FROM scoring.complaints c WHERE c.id = complaint_id) >= {start})"
    )


# A chunk is the complaints with ids in (low, high]: the last chunk's high is the largest uuid.
LAST_ID = uuid.UUID(int=(1 << 128) - 1)
_ALL = "SELECT id, projection_digest FROM scoring.complaints WHERE id > $1 AND id <= $2 ORDER BY id"
_AFFECTED = f"""
SELECT a.complaint_id, c.projection_digest
  FROM (SELECT DISTINCT complaint_id FROM scoring.assignments
         WHERE {_clocks_ran("$3", "$4")} AND complaint_id > $1 AND complaint_id <= $2) a
  JOIN scoring.complaints c ON c.id = a.complaint_id
 ORDER BY a.complaint_id
"""
# Every ``size``-th complaint of the same sets: the chunks' upper bounds.
_ALL_BOUNDS = """
SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM scoring.complaints) s
 WHERE n % $1 = 0 ORDER BY id
"""
_AFFECTED_BOUNDS = f"""
SELECT complaint_id FROM (
  SELECT complaint_id, row_number() OVER (ORDER BY complaint_id) AS n
    FROM (SELECT DISTINCT complaint_id FROM scoring.assignments WHERE {_clocks_ran("$2", "$3")}) a) s
 WHERE n % $1 = 0 ORDER BY complaint_id
"""


@dataclass(frozen=True)
class Selection:
    """Which complaints a recompute projects: all, or those whose clocks ran in [start, end)."""

    window: tuple[Any, Any] | None = None

    async def bounds(self, raw: Any, size: int) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """The chunks, as (low, high] id ranges holding ``size`` complaints each (the last: fewer)."""
        if self.window is None:
            highs = [r[0] for r in await raw.fetch(_ALL_BOUNDS, size)]
        else:
            highs = [r[0] for r in await raw.fetch(_AFFECTED_BOUNDS, size, *self.window)]
        lows = [uuid.UUID(int=0), *highs]
        return list(zip(lows, [*highs, LAST_ID], strict=True))

    async def chunk(self, raw: Any, low: uuid.UUID, high: uuid.UUID) -> dict[uuid.UUID, bytes | None]:
        """The chunk's complaints, in id order, with the digests of their stored projections."""
        if self.window is None:
            rows = await raw.fetch(_ALL, low, high)
        else:
            rows = await raw.fetch(_AFFECTED, low, high, *self.window)
        return {r[0]: r[1] for r in rows}


@dataclass
class ProjectedChunk:
    position: int  # the stream position of the snapshot
    complaints: int
    changes: repository.ProjectionChanges


async def project_chunk(
    raw: Any, position: int, selection: Selection, low: uuid.UUID, high: uuid.UUID, calendar: WorkCalendar
) -> ProjectedChunk:
    """The chunk's complaints projected as ``raw`` sees them, at stream ``position``; only what
    differs from the stored projections."""
    digests = await selection.chunk(raw, low, high)
    events = await repository.load_events(raw, list(digests))
    stored = {cid: d for cid, d in digests.items() if d is not None}
    changes = repository.changed_projections(((cid, project(events[cid], calendar)) for cid in events), stored)
    return ProjectedChunk(position, len(digests), changes)


async def read_and_project(
    raw: Any, selection: Selection, low: uuid.UUID, high: uuid.UUID, calendar: WorkCalendar
) -> ProjectedChunk:
    """Project the chunk as one snapshot shows it, with the stream position of that snapshot."""
    async with raw.transaction(isolation="repeatable_read", readonly=True):
        position = int(await raw.fetchval("SELECT seq FROM scoring.cursors WHERE name = $1", CURSOR) or 0)
        return await project_chunk(raw, position, selection, low, high, calendar)


class Projectors:
    """The helper processes, started on first use (spawned: the worker's event loop and
    connections must not be copied into them)."""

    def __init__(self, database_url: str, processes: int | None = None) -> None:
        self.database_url = database_url
        self.processes = processes or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Spawn the helpers now rather than on the first chunk (a worker does this once started)."""
        pool = self._executor()
        for spawned in [pool.submit(os.getpid) for _ in range(self.processes)]:
            spawned.result()

    def submit(
        self, selection: Selection, low: uuid.UUID, high: uuid.UUID, calendar: WorkCalendar
    ) -> Future[ProjectedChunk]:
        return self._executor().submit(
            _project_chunk, self.database_url, selection, low, high, calendar.overrides, calendar.outages
        )

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_start_helper
            )
        return self._pool

    def close(self, *, wait: bool = True) -> None:
        """Stop the helpers; without waiting after one died (a broken pool takes no more work)."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None


# -- inside a helper process --------------------------------------------------------------------

_loop: asyncio.AbstractEventLoop | None = None
_connection: Any = None
_calendar: WorkCalendar | None = None


def _start_helper() -> None:
    global _loop
    _loop = asyncio.new_event_loop()
    Finalize(_loop, _stop_helper, exitpriority=10)
    settle_heap()


def _stop_helper() -> None:
    if _loop is not None and _connection is not None:
        _loop.run_until_complete(_connection.close())


def _project_chunk(
    database_url: str,
    selection: Selection,
    low: uuid.UUID,
    high: uuid.UUID,
    overrides: tuple[Override, ...],
    outages: tuple[Outage, ...],
) -> ProjectedChunk:
    global _connection, _calendar
    assert _loop is not None
    if _calendar is None or (_calendar.overrides, _calendar.outages) != (overrides, outages):
        _calendar = WorkCalendar(overrides, outages)
    if _connection is None:
        _connection = _loop.run_until_complete(
            asyncpg.connect(database_url, server_settings={"application_name": "scoring-projector", **SERVER_SETTINGS})
        )
    try:
        return _loop.run_until_complete(read_and_project(_connection, selection, low, high, _calendar))
    except Exception:
        if _connection.is_closed():  # the database restarted, say: connect again next time
            _connection = None
        raise
