from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from kit.errors import ERROR_RESPONSES, AppError
from kit.runtime import TransactionalRoute
from kit.workdays import WorkCalendar
from scoring.calendar import service
from scoring.calendar.models import CalendarOverride, Outage
from scoring.calendar.schemas import AddedDay, DayOut, OutageCreate, OutageOut, OverrideCreate, OverrideOut
from scoring.deps import CtxDep

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/calendar", tags=["calendar"], responses=ERROR_RESPONSES)

MAX_DAYS = 3660


def in_range(calendar: WorkCalendar, day: dt.date, field: str) -> None:
    if not calendar.first_day <= day <= calendar.last_day:
        raise AppError(
            422,
            "calendar.out_of_range",
            f"ปฏิทินครอบคลุมวันที่ {calendar.first_day} ถึง {calendar.last_day}",
            f"The calendar covers {calendar.first_day} to {calendar.last_day}",
            fields={field: "out of range"},
        )


@router.get("", response_model=list[DayOut], summary="Each day from 'from' to 'to': working or not, and why")
async def days(
    ctx: CtxDep, from_: Annotated[dt.date, Query(alias="from")], to: Annotated[dt.date, Query()]
) -> list[DayOut]:
    calendar = await ctx.state.calendars.current(ctx.session)
    in_range(calendar, from_, "from")
    in_range(calendar, to, "to")
    if to < from_ or (to - from_).days > MAX_DAYS:
        raise AppError(
            422,
            "calendar.bad_range",
            "ช่วงวันที่ไม่ถูกต้อง (ไม่เกิน 10 ปี และวันสิ้นสุดต้องไม่ก่อนวันเริ่ม)",
            "'to' must not be before 'from', and the range at most ten years",
            fields={"to": "bad range"},
        )
    return [
        DayOut(date=d.day, working=d.working, kind=d.kind, name=d.name, name_en=d.name_en, reference=d.reference)
        for d in calendar.days(from_, to)
    ]


@router.get("/add-working-days", response_model=AddedDay, summary="The n-th working day strictly after 'date'")
async def add_working_days(ctx: CtxDep, date: dt.date, n: Annotated[int, Query(ge=1, le=3650)]) -> AddedDay:
    calendar = await ctx.state.calendars.current(ctx.session)
    in_range(calendar, date, "date")
    try:
        return AddedDay(date=calendar.add_working_days(date, n))
    except ValueError as exc:
        raise AppError(
            422, "calendar.out_of_range", "ผลลัพธ์อยู่นอกช่วงของปฏิทิน", str(exc), fields={"n": "too large"}
        ) from exc


@router.get("/overrides", response_model=list[OverrideOut], summary="Administrators' holidays and make-up working days")
async def list_overrides(ctx: CtxDep) -> list[OverrideOut]:
    rows = (await ctx.session.execute(select(CalendarOverride).order_by(CalendarOverride.day))).scalars()
    return [OverrideOut.model_validate(r, from_attributes=True) for r in rows]


@router.post("/overrides", status_code=201, response_model=OverrideOut, summary="Declare a holiday or a working day")
async def add_override(data: OverrideCreate, ctx: CtxDep) -> OverrideOut:
    ctx.require_admin()
    calendar = await ctx.state.calendars.current(ctx.session)
    in_range(calendar, data.day, "day")
    override = await service.add_override(ctx.session, ctx.principal, ctx.jobs, data)
    return OverrideOut.model_validate(override, from_attributes=True)


@router.delete("/overrides/{day}", status_code=204, summary="Remove an override")
async def delete_override(day: dt.date, ctx: CtxDep) -> None:
    ctx.require_admin()
    await service.delete_override(ctx.session, ctx.principal, ctx.jobs, day)


@router.get("/outages", response_model=list[OutageOut], summary="System outage windows")
async def list_outages(ctx: CtxDep) -> list[OutageOut]:
    rows = (await ctx.session.execute(select(Outage).order_by(Outage.starts_at))).scalars()
    return [OutageOut.model_validate(r, from_attributes=True) for r in rows]


@router.post("/outages", status_code=201, response_model=OutageOut, summary="Declare an outage window")
async def add_outage(data: OutageCreate, ctx: CtxDep) -> OutageOut:
    ctx.require_admin()
    calendar = await ctx.state.calendars.current(ctx.session)
    in_range(calendar, data.starts_at.date(), "starts_at")
    in_range(calendar, data.ends_at.date(), "ends_at")
    outage = await service.add_outage(ctx.session, ctx.principal, ctx.jobs, data)
    return OutageOut.model_validate(outage, from_attributes=True)


@router.delete("/outages/{outage_id}", status_code=204, summary="Remove an outage window")
async def delete_outage(outage_id: uuid.UUID, ctx: CtxDep) -> None:
    ctx.require_admin()
    await service.delete_outage(ctx.session, ctx.principal, ctx.jobs, outage_id)
