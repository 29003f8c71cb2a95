from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from kit.errors import ERROR_RESPONSES, AppError
from kit.runtime import TransactionalRoute
from scoring.cpl import service
from scoring.cpl.schemas import OutstandingOut, PerformanceOut
from scoring.deps import CtxDep

router = APIRouter(route_class=TransactionalRoute, prefix="/v1", tags=["evidence reports"], responses=ERROR_RESPONSES)


@router.get(
    "/outstanding",
    response_model=OutstandingOut,
    summary="CPL_R001: complaints still open at an agency and the agencies under it, with their age and overdue duties",
)
async def outstanding(ctx: CtxDep, agency: str | None = None) -> OutstandingOut:
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    calendar = await ctx.state.calendars.current(ctx.session)
    return await service.outstanding(ctx.session, code, agencies.subtree(code), calendar)


@router.get(
    "/performance",
    response_model=PerformanceOut,
    response_model_by_alias=True,
    summary="CPL_R003: per agency, assignments of a period by outcome and SLA compliance per step",
)
async def performance(
    ctx: CtxDep, start: Annotated[dt.date, Query(alias="from")], to: dt.date, agency: str | None = None
) -> PerformanceOut:
    if to < start:
        raise AppError(
            422, "performance.bad_range", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม", "'to' must not be before 'from'", fields={"to": "bad"}
        )
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    return await service.performance(ctx.session, code, agencies.subtree(code), start, to)
