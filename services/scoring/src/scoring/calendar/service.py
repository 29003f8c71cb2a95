"""The working-day calendar in force: the Thai holiday data plus the administrators' overrides and
outage windows, rebuilt whenever those change (checked by a cheap fingerprint per use)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from kit.errors import AppError
from kit.jobs import JobBuffer
from kit.workdays import Outage as OutageWindow
from kit.workdays import Override, WorkCalendar
from scoring.audit_log.service import record
from scoring.calendar.models import CalendarOverride, Outage
from scoring.calendar.schemas import OutageCreate, OverrideCreate

RECOMPUTE = "scoring.recompute"


class CalendarCache:
    def __init__(self) -> None:
        self._calendar: WorkCalendar | None = None
        self._fingerprint: tuple[object, ...] | None = None
        self._lock = asyncio.Lock()

    async def current(self, session: AsyncSession) -> WorkCalendar:
        fingerprint = await _fingerprint(session)
        if self._calendar is not None and fingerprint == self._fingerprint:
            return self._calendar
        async with self._lock:
            overrides = (await session.execute(select(CalendarOverride))).scalars().all()
            outages = (await session.execute(select(Outage))).scalars().all()
            calendar = WorkCalendar(
                [Override(o.day, o.working, o.name, o.reference) for o in overrides],
                [OutageWindow(o.starts_at, o.ends_at) for o in outages],
            )
            self._calendar, self._fingerprint = calendar, fingerprint
            return calendar


async def _fingerprint(session: AsyncSession) -> tuple[object, ...]:
    row = (
        await session.execute(
            select(
                select(func.count()).select_from(CalendarOverride).scalar_subquery(),
                select(func.max(CalendarOverride.created_at)).scalar_subquery(),
                select(func.count()).select_from(Outage).scalar_subquery(),
                select(func.max(Outage.created_at)).scalar_subquery(),
            )
        )
    ).one()
    return tuple(row)


def _enqueue_recompute(jobs: JobBuffer, first: dt.date, last: dt.date) -> None:
    # One job per changed range; the job recomputes every complaint whose clocks ran then.
    jobs.enqueue(
        RECOMPUTE,
        service="scoring",
        job_id=f"recompute:{first.isoformat()}:{last.isoformat()}:{uuid.uuid4().hex[:8]}",
        first=first.isoformat(),
        last=last.isoformat(),
    )


async def add_override(
    session: AsyncSession, principal: Principal, jobs: JobBuffer, data: OverrideCreate
) -> CalendarOverride:
    existing = (await session.execute(select(CalendarOverride).where(CalendarOverride.day == data.day))).scalar()
    if existing is not None:
        raise AppError(
            409,
            "calendar.override_exists",
            "วันนี้มีการกำหนดไว้แล้ว ลบรายการเดิมก่อน",
            "This day already has an override; delete it first",
            fields={"day": "already overridden"},
        )
    override = CalendarOverride(
        day=data.day, working=data.working, name=data.name, reference=data.reference, created_by=principal.actor_ref
    )
    session.add(override)
    await session.flush()
    record(session, principal, "calendar.override_added", data.day.isoformat(), **data.model_dump(mode="json"))
    _enqueue_recompute(jobs, data.day, data.day)
    return override


async def delete_override(session: AsyncSession, principal: Principal, jobs: JobBuffer, day: dt.date) -> None:
    found = (
        await session.execute(delete(CalendarOverride).where(CalendarOverride.day == day).returning(CalendarOverride))
    ).scalar()
    if found is None:
        raise AppError(404, "calendar.override_not_found", "ไม่พบการกำหนดวันนี้", "No override for this day")
    record(session, principal, "calendar.override_deleted", day.isoformat(), name=found.name, working=found.working)
    _enqueue_recompute(jobs, day, day)


async def add_outage(session: AsyncSession, principal: Principal, jobs: JobBuffer, data: OutageCreate) -> Outage:
    outage = Outage(starts_at=data.starts_at, ends_at=data.ends_at, reason=data.reason, created_by=principal.actor_ref)
    session.add(outage)
    await session.flush()
    record(session, principal, "calendar.outage_added", str(outage.id), **data.model_dump(mode="json"))
    _enqueue_recompute(jobs, data.starts_at.date() - dt.timedelta(days=1), data.ends_at.date())
    return outage


async def delete_outage(session: AsyncSession, principal: Principal, jobs: JobBuffer, outage_id: uuid.UUID) -> None:
    found = (await session.execute(delete(Outage).where(Outage.id == outage_id).returning(Outage))).scalar()
    if found is None:
        raise AppError(404, "calendar.outage_not_found", "ไม่พบช่วงเวลาระบบขัดข้องนี้", "No such outage")
    record(session, principal, "calendar.outage_deleted", str(outage_id), reason=found.reason)
    _enqueue_recompute(jobs, found.starts_at.date() - dt.timedelta(days=1), found.ends_at.date())
