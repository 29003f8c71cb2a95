"""The worker's jobs: follow intake's stream (``scoring.sync``) and rebuild projections after a
calendar change (``scoring.recompute``)."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import Any

import orjson
import structlog

from kit.db import driver_connection
from kit.errors import AppError
from kit.http import ServiceClient
from kit.runtime import Runtime
from scoring.calendar.service import CalendarCache
from scoring.config import ScoringSettings
from scoring.sla import repository
from scoring.sla.projection import StreamEvent
from scoring.stream import service

log = structlog.get_logger("scoring.stream")

RECOMPUTE_CHUNK = 5000


@dataclass
class WorkerState:
    settings: ScoringSettings
    runtime: Runtime
    intake: ServiceClient
    calendars: CalendarCache


async def _page(state: WorkerState, after: int, limit: int) -> list[dict[str, Any]]:
    response = await state.intake.get("/internal/v1/events", params={"after": after, "limit": limit})
    if response.status_code != 200:
        raise AppError(503, "intake.unavailable", "ระบบรับเรื่องไม่ตอบสนอง", f"intake answered {response.status_code}")
    events: list[dict[str, Any]] = orjson.loads(response.content)["events"]
    return events


async def sync(state: WorkerState) -> int:
    """Apply pages until the stream is caught up; the events applied.

    While a full page is applied, the next one is read from intake: intake's work and ours overlap.
    It is used only if the cursor, locked again, is where that page starts (another worker may have
    moved it); a later commit never gets a smaller number, so the page is still the stream's next."""
    applied = 0
    limit = state.settings.sync_page_size
    ahead: tuple[int, asyncio.Task[list[dict[str, Any]]]] | None = None
    try:
        while True:
            async with state.runtime.db.transaction() as session:
                raw = await driver_connection(session)
                after = await service.lock_cursor(raw)
                if ahead is not None and ahead[0] == after:
                    events = await ahead[1]
                else:
                    if ahead is not None:
                        ahead[1].cancel()
                    events = await _page(state, after, limit)
                ahead = None
                if len(events) == limit:
                    next_after = int(events[-1]["seq"])
                    ahead = (next_after, asyncio.create_task(_page(state, next_after, limit)))
                calendar = await state.calendars.current(session)
                count = await service.apply_page(session, events, calendar)
            applied += count
            if count < limit:
                if applied:
                    log.info("stream_synced", events=applied)
                return applied
    finally:
        if ahead is not None:
            ahead[1].cancel()


_POSITION = "SELECT seq FROM scoring.cursors WHERE name = $1"
# The complaints of a recompute chunk, with the digests of their stored projections.
_ALL = "SELECT id, projection_digest FROM scoring.complaints WHERE id > $1 ORDER BY id LIMIT $2"
_AFFECTED = """
SELECT a.complaint_id, c.projection_digest
  FROM (SELECT DISTINCT complaint_id FROM scoring.assignments
         WHERE forwarded_at < $2
           AND (is_open OR (SELECT last_event_at FROM scoring.complaints c WHERE c.id = complaint_id) >= $1)
           AND complaint_id > $3
         ORDER BY complaint_id
         LIMIT $4) a
  JOIN scoring.complaints c ON c.id = a.complaint_id
 ORDER BY a.complaint_id
"""


@dataclass
class _Ahead:
    position: int | None  # the stream position the events were read at; None if it moved meanwhile
    ids: list[Any]
    events: dict[Any, list[StreamEvent]]


async def _read_ahead(state: WorkerState, query: str, args: tuple[Any, ...]) -> _Ahead:
    """The next recompute chunk's complaints and events, read on another connection while this one
    is projected. Used only if, under the lock, the stream is where it was while they were read
    (the stream is the only writer of events) and the chunk holds the same complaints."""
    async with state.runtime.db.transaction() as session:
        raw = await driver_connection(session)
        before = await raw.fetchval(_POSITION, service.CURSOR)
        ids = [r[0] for r in await raw.fetch(query, *args)]
        events = await repository.load_events(raw, ids)
        unchanged = await raw.fetchval(_POSITION, service.CURSOR) == before
        return _Ahead(before if unchanged else None, ids, events)


async def recompute(state: WorkerState, first: str | None = None, last: str | None = None) -> dict[str, int]:
    """Project again every complaint whose clock ran between ``first`` and ``last`` (dates; all
    complaints when not given), in chunks, each under the stream lock with the calendar in force.
    Returns how many complaints were projected and how many assignment rows had changed."""
    start = (
        dt.datetime.combine(dt.date.fromisoformat(first), dt.time(), dt.UTC) - dt.timedelta(days=1) if first else None
    )
    end = dt.datetime.combine(dt.date.fromisoformat(last), dt.time(), dt.UTC) + dt.timedelta(days=2) if last else None
    query, bounds = (_ALL, ()) if start is None or end is None else (_AFFECTED, (start, end))
    done = rewritten = 0
    after = "00000000-0000-0000-0000-000000000000"
    ahead: asyncio.Task[_Ahead] | None = None
    try:
        while True:
            async with state.runtime.db.transaction() as session:
                raw = await driver_connection(session)
                position = await service.lock_cursor(raw)
                rows = await raw.fetch(query, *bounds, after, RECOMPUTE_CHUNK)
                ids = [r[0] for r in rows]
                known = None
                if ahead is not None:
                    read = await ahead
                    ahead = None
                    if read.position == position and read.ids == ids:
                        known = read.events
                if len(ids) == RECOMPUTE_CHUNK:
                    ahead = asyncio.create_task(_read_ahead(state, query, (*bounds, str(ids[-1]), RECOMPUTE_CHUNK)))
                if ids:
                    calendar = await state.calendars.current(session)
                    digests = {r[0]: r[1] for r in rows if r[1] is not None}
                    rewritten += await service.reproject(raw, ids, calendar, known, stored_digests=digests)
            done += len(ids)
            if len(ids) < RECOMPUTE_CHUNK:
                log.info("recomputed", complaints=done, assignments_rewritten=rewritten, first=first, last=last)
                return {"complaints": done, "assignments_rewritten": rewritten}
            after = str(ids[-1])
    finally:
        if ahead is not None:
            ahead.cancel()
