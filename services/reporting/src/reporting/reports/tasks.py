"""The worker's side of reports: render one (idempotent), and recover renders that lost their job
or their worker."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
import uuid
from typing import Any

import structlog
from sqlalchemy import or_, select, update

from kit.errors import AppError
from kit.jobs import JobBuffer
from reporting.documents.base import Options, RenderError, Sources
from reporting.render import render
from reporting.reports import service
from reporting.reports.models import Report, ReportFile
from reporting.state import ReportingState

log = structlog.get_logger("reporting.render")

# Failures worth another try on their own: a service that did not answer, a lost connection.
_TRANSIENT = ("scoring.unavailable", "intake.unavailable", "internal")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _claim(state: ReportingState, report_id: uuid.UUID) -> Report | None:
    """Mark the report running, unless it is finished or another worker is on it."""
    stale = _now() - dt.timedelta(seconds=state.settings.render_stale_seconds)
    async with state.runtime.db.transaction() as session:
        report = (
            await session.execute(select(Report).where(Report.id == report_id).with_for_update(skip_locked=True))
        ).scalar_one_or_none()
        if report is None or report.status in ("done", "failed"):
            return None
        if report.status == "running" and report.heartbeat_at is not None and report.heartbeat_at > stale:
            return None
        report.status = "running"
        report.attempts += 1
        report.progress = 5
        report.started_at = report.heartbeat_at = _now()
        report.error = report.error_code = None
        await session.flush()
        session.expunge(report)
        return report


async def _touch(state: ReportingState, report_id: uuid.UUID, progress: int | None = None) -> None:
    values: dict[str, Any] = {"heartbeat_at": _now()}
    if progress is not None:
        values["progress"] = progress
    async with state.runtime.db.transaction() as session:
        await session.execute(update(Report).where(Report.id == report_id, Report.status == "running").values(**values))


async def _heartbeat(state: ReportingState, report_id: uuid.UUID) -> None:
    while True:
        await asyncio.sleep(min(30.0, state.settings.render_stale_seconds / 4))
        await _touch(state, report_id)


async def _finish(state: ReportingState, report: Report, content: bytes, media_type: str) -> None:
    stamp = _now().strftime("%Y%m%d-%H%M")
    async with state.runtime.db.transaction() as session:
        await session.merge(ReportFile(report_id=report.id, content=content))
        await session.execute(
            update(Report)
            .where(Report.id == report.id)
            .values(
                status="done",
                progress=100,
                finished_at=_now(),
                filename=f"{report.type}-{report.agency}-{stamp}.{report.format}",
                media_type=media_type,
                size=len(content),
            )
        )


async def _fail(state: ReportingState, report: Report, code: str, message: str) -> None:
    again = code in _TRANSIENT and report.attempts < state.settings.render_max_attempts
    async with state.runtime.db.transaction() as session:
        await session.execute(
            update(Report)
            .where(Report.id == report.id)
            .values(
                status="queued" if again else "failed",
                error_code=code,
                error=message,
                finished_at=None if again else _now(),
            )
        )
    if again:
        jobs = JobBuffer()
        service.enqueue(jobs, report, defer_seconds=5.0 * report.attempts)
        state.runtime.jobs.submit(jobs.drain())


async def render_report(state: ReportingState, report_id: str) -> None:
    report = await _claim(state, uuid.UUID(report_id))
    if report is None:
        return
    started = time.perf_counter()
    kind = service.kind_of(report.type)
    heartbeat = asyncio.create_task(_heartbeat(state, report.id))
    try:
        options = Options(report.language, report.thai_digits, _now())  # type: ignore[arg-type]
        async with state.runtime.db.sessions() as session:
            sources = Sources(
                session=session,
                scoring=state.scoring,
                intake=state.intake,
                agencies=await state.agencies.get(),
                report_progress=lambda p: _touch(state, report.id, p),
            )
            document = await kind.build(sources, kind.params.model_validate(report.params), options)
        await _touch(state, report.id, 85)
        # Rendering is CPU work: a thread keeps this worker's heartbeats and other jobs moving.
        content, media_type = await asyncio.to_thread(render, document, report.format)  # type: ignore[arg-type]
        await _finish(state, report, content, media_type)
        log.info(
            "report.done", report=str(report.id), type=report.type, seconds=round(time.perf_counter() - started, 3)
        )
    except RenderError as exc:
        log.info("report.failed", report=str(report.id), type=report.type, code=exc.code)
        await _fail(state, report, exc.code, exc.message)
    except AppError as exc:  # what the report is about is gone (a deleted project or plan)
        log.info("report.failed", report=str(report.id), type=report.type, code=exc.code)
        await _fail(state, report, exc.code, f"{exc.message_en} / {exc.message_th}")
    except Exception as exc:
        log.exception("report.crashed", report=str(report.id), type=report.type)
        await _fail(state, report, "internal", f"{type(exc).__name__}: {exc}")
    finally:
        heartbeat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await heartbeat


async def recover(state: ReportingState) -> int:
    """Queue again what was accepted but is not being worked on: a job lost with Redis, a worker
    that died mid-render. Returns how many were queued."""
    now = _now()
    stale = now - dt.timedelta(seconds=state.settings.render_stale_seconds)
    async with state.runtime.db.transaction() as session:
        reports = list(
            (
                await session.execute(
                    select(Report)
                    .where(
                        or_(
                            # A queued report's job is normally picked up within a second.
                            (Report.status == "queued") & (Report.created_at < now - dt.timedelta(seconds=30)),
                            (Report.status == "running") & (Report.heartbeat_at < stale),
                        )
                    )
                    .with_for_update(skip_locked=True)
                )
            ).scalars()
        )
        for report in reports:
            if report.status == "running":
                report.status = "queued"
        await session.flush()
    jobs = JobBuffer()
    for report in reports:
        service.enqueue(jobs, report)
    state.runtime.jobs.submit(jobs.drain())
    return len(reports)
