"""The worker's jobs: follow intake's stream (``scoring.sync``) and rebuild projections after a
calendar change (``scoring.recompute``)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections import deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import orjson
import structlog

from kit.db import driver_connection
from kit.errors import AppError
from kit.http import ServiceClient
from kit.runtime import Runtime
from kit.workdays import WorkCalendar
from scoring.calendar.service import CalendarCache
from scoring.config import ScoringSettings
from scoring.sla import repository
from scoring.stream import service
from scoring.stream.projectors import ProjectedChunk, Projectors, Selection, project_chunk

log = structlog.get_logger("scoring.stream")

RECOMPUTE_CHUNK = 5000


@dataclass
class WorkerState:
    settings: ScoringSettings
    runtime: Runtime
    intake: ServiceClient
    calendars: CalendarCache
    projectors: Projectors


async def _page(state: WorkerState, after: int, limit: int) -> list[dict[str, Any]]:
    response = await state.intake.get("/internal/v1/events", params={"after": after, "limit": limit})
    if response.status_code != 200:
        raise AppError(503, "intake.unavailable", "ระบบรับเรื่องไม่ตอบสนอง", f"intake answered {response.status_code}")
    events: list[dict[str, Any]] = orjson.loads(response.content)["events"]
    return events


# While the stream fills its tables faster than autovacuum looks at them (a new scoring database
# catching up with years of history), it gathers their statistics itself each time the complaints
# have doubled. Every connection keeps the plans it made (generic plans, kit.db): one made while a
# table was nearly empty scans it whole, on every page, until its statistics change.
_ANALYSE_FROM = 10_000  # new complaints; below that, a whole scan costs little


async def _analysed_complaints(state: WorkerState) -> float:
    async with state.runtime.db.transaction() as session:
        raw = await driver_connection(session)
        return float(await raw.fetchval("SELECT reltuples FROM pg_class WHERE oid = 'scoring.complaints'::regclass"))


async def _analyse(state: WorkerState) -> None:
    async with state.runtime.db.transaction() as session:
        await (await driver_connection(session)).execute(
            "ANALYZE scoring.complaints, scoring.events, scoring.assignments"
        )
    log.info("stream_statistics_gathered")


async def sync(state: WorkerState) -> int:
    """Apply pages until the stream is caught up; the events applied.

    While a full page is applied, the next one is read from intake: intake's work and ours overlap.
    It is used only if the cursor, locked again, is where that page starts (another worker may have
    moved it); a later commit never gets a smaller number, so the page is still the stream's next."""
    applied = added = 0  # events, and complaints not known before
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
                added += await service.apply_page(session, events, calendar)
            applied += len(events)
            if added >= _ANALYSE_FROM and added >= await _analysed_complaints(state):
                await _analyse(state)
                added = 0
            if len(events) < limit:
                if applied:
                    log.info("stream_synced", events=applied)
                return applied
    finally:
        if ahead is not None:
            ahead[1].cancel()


async def _projected(state: WorkerState, future: Future[ProjectedChunk]) -> ProjectedChunk | None:
    """A helper's chunk; None if the helper failed (the chunk is then projected here)."""
    try:
        return await asyncio.wrap_future(future)
    except Exception as exc:
        log.warning("projector_failed", error=type(exc).__name__)
        if isinstance(exc, BrokenProcessPool):
            state.projectors.close(wait=False)
        return None


async def recompute(state: WorkerState, first: str | None = None, last: str | None = None) -> dict[str, int]:
    """Project again every complaint whose clock ran between ``first`` and ``last`` (dates; all
    complaints when not given), in chunks; returns how many complaints were projected and how many
    assignment rows had changed.

    Each chunk is written under the stream lock with the calendar in force. With more than one
    chunk, helper processes project them ahead, one snapshot each (``projectors``); a chunk whose
    snapshot is older than the stream position or whose calendar is no longer in force is projected
    again here, under the lock."""
    window = None
    if first and last:
        start = dt.datetime.combine(dt.date.fromisoformat(first), dt.time(), dt.UTC) - dt.timedelta(days=1)
        end = dt.datetime.combine(dt.date.fromisoformat(last), dt.time(), dt.UTC) + dt.timedelta(days=2)
        window = (start, end)
    selection = Selection(window)
    async with state.runtime.db.transaction() as session:
        raw = await driver_connection(session)
        chunks = deque(await selection.bounds(raw, RECOMPUTE_CHUNK))
        calendar = await state.calendars.current(session)
    helpers = state.projectors if len(chunks) > 1 else None
    ahead: deque[tuple[uuid.UUID, uuid.UUID, WorkCalendar, Future[ProjectedChunk]]] = deque()
    done = rewritten = 0
    try:
        while chunks or ahead:
            # One chunk more than helpers, so none waits while a result is written.
            while helpers is not None and chunks and len(ahead) <= helpers.processes:
                low, high = chunks.popleft()
                ahead.append((low, high, calendar, helpers.submit(selection, low, high, calendar)))
            projected = sent = None
            if ahead:
                low, high, sent, future = ahead.popleft()
                projected = await _projected(state, future)
            else:
                low, high = chunks.popleft()
            async with state.runtime.db.transaction() as session:
                raw = await driver_connection(session)
                position = await service.lock_cursor(raw)
                calendar = await state.calendars.current(session)
                if projected is None or projected.position != position or calendar is not sent:
                    projected = await project_chunk(raw, position, selection, low, high, calendar)
                rewritten += await repository.write_projections(raw, projected.changes)
                done += projected.complaints
    finally:
        for *_, future in ahead:
            future.cancel()
    log.info("recomputed", complaints=done, assignments_rewritten=rewritten, first=first, last=last)
    return {"complaints": done, "assignments_rewritten": rewritten}
