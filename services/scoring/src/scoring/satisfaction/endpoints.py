from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from kit.errors import ERROR_RESPONSES, AppError
from kit.runtime import TransactionalRoute
from kit.thai import fiscal_year_bounds, fiscal_year_of
from scoring.deps import CtxDep
from scoring.satisfaction import service
from scoring.satisfaction.schemas import SatisfactionOut

router = APIRouter(route_class=TransactionalRoute, prefix="/v1", tags=["satisfaction"], responses=ERROR_RESPONSES)


def _period(fy: int | None, start: dt.date | None, end: dt.date | None, now: dt.datetime) -> tuple[dt.date, dt.date]:
    if fy is not None and (start is not None or end is not None):
        raise AppError(
            422,
            "satisfaction.bad_period",
            "ระบุปีงบประมาณ หรือช่วงวันที่ อย่างใดอย่างหนึ่ง",
            "Give either fy or from and to, not both",
            fields={"fy": "with from/to"},
        )
    if (start is None) != (end is None):
        missing = "from" if start is None else "to"
        raise AppError(
            422,
            "satisfaction.bad_period",
            "ต้องระบุทั้งวันเริ่มและวันสิ้นสุด",
            "Give both from and to",
            fields={missing: "required with the other"},
        )
    if start is not None and end is not None:
        if end < start:
            raise AppError(
                422,
                "satisfaction.bad_range",
                "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม",
                "'to' must not be before 'from'",
                fields={"to": "bad"},
            )
        return start, end
    return fiscal_year_bounds(fy if fy is not None else fiscal_year_of(now))


@router.get(
    "/satisfaction",
    response_model=SatisfactionOut,
    response_model_by_alias=True,
    summary="Satisfaction and dissatisfaction % from survey responses, by dimension, item, group, channel, month, "
    "agency and respondent profile (SPEC §5.5)",
)
async def satisfaction(
    ctx: CtxDep,
    agency: Annotated[
        str | None, Query(description="agency code (with its sub-agencies); default: the caller's")
    ] = None,
    fy: Annotated[
        int | None, Query(ge=2500, le=2700, description="fiscal year (Buddhist era); default: current")
    ] = None,
    start: Annotated[dt.date | None, Query(alias="from", description="first day (Bangkok), with 'to'")] = None,
    to: Annotated[dt.date | None, Query(description="last day (Bangkok), inclusive")] = None,
    template: Annotated[str | None, Query(description="one questionnaire's code; default: every one")] = None,
) -> SatisfactionOut:
    now = dt.datetime.now(dt.UTC)
    first, last = _period(fy, start, to, now)
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    return await service.satisfaction(
        ctx.state.intake, agencies, code, template=template, start=first, end=last, as_of=now
    )
