from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from kit.errors import ERROR_RESPONSES, AppError
from kit.runtime import TransactionalRoute
from scoring.deps import CtxDep
from scoring.stats import service
from scoring.stats.schemas import ProgressOut, StatsOut

router = APIRouter(route_class=TransactionalRoute, prefix="/v1", tags=["statistics"], responses=ERROR_RESPONSES)


@router.get(
    "/progress",
    response_model=ProgressOut,
    response_model_by_alias=True,
    summary="Complaints forwarded to an agency in a period: completed and in progress (seed 004)",
)
async def progress(
    ctx: CtxDep,
    agency: str,
    start: Annotated[dt.date, Query(alias="from")],
    to: dt.date,
    as_of: dt.datetime | None = None,
) -> ProgressOut:
    if to < start:
        raise AppError(
            422, "progress.bad_range", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม", "'to' must not be before 'from'", fields={"to": "bad"}
        )
    if as_of is not None and as_of.tzinfo is None:
        raise AppError(
            422,
            "progress.naive_as_of",
            "as_of ต้องระบุเขตเวลา",
            "as_of needs a time zone (e.g. +07:00 or Z)",
            fields={"as_of": "no time zone"},
        )
    agencies = await ctx.agencies_visible(agency)
    return await service.progress(
        ctx.session, agency, agencies.subtree(agency), start, to, as_of or dt.datetime.now(dt.UTC)
    )


@router.get("/stats", response_model=StatsOut, summary="Complaints by group, fiscal years side by side")
async def stats(
    ctx: CtxDep,
    fy: Annotated[int, Query(ge=2500, le=2700)],
    group_by: service.GroupBy = "category",
    agency: str | None = None,
    compare_years: Annotated[int, Query(ge=1, le=10)] = 3,
) -> StatsOut:
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    subtree = None if agencies.by_code[code].parent is None else agencies.subtree(code)
    return await service.statistics(ctx.session, fy, group_by, agency, subtree, compare_years)
