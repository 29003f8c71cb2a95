"""Monthly-report submissions (SPEC §5.1 step 3)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, Field
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from kit.auth import Role
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from scoring.audit_log.service import record
from scoring.deps import CtxDep
from scoring.monthly.models import MonthlyReport
from scoring.months import parse_month

router = APIRouter(
    route_class=TransactionalRoute, prefix="/v1/monthly-reports", tags=["monthly reports"], responses=ERROR_RESPONSES
)


class SubmissionCreate(BaseModel):
    agency: str
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="the month reported, YYYY-MM")
    submitted_at: AwareDatetime | None = Field(None, description="defaults to now")


class SubmissionOut(BaseModel):
    agency: str
    month: dt.date
    submitted_at: dt.datetime
    recorded_by: str


@router.post("", status_code=201, response_model=SubmissionOut, summary="Record a monthly report's submission")
async def submit(data: SubmissionCreate, ctx: CtxDep) -> SubmissionOut:
    ctx.principal.require_role(Role.AGENCY_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR)
    await ctx.agencies_visible(data.agency)
    month = parse_month(data.month, "monthly.bad_month")
    submitted_at = data.submitted_at or dt.datetime.now(dt.UTC)
    # The first submission is the one that counts; a second one does not move it.
    await ctx.session.execute(
        insert(MonthlyReport)
        .values(agency=data.agency, month=month, submitted_at=submitted_at, recorded_by=ctx.principal.actor_ref)
        .on_conflict_do_nothing()
    )
    row = (
        await ctx.session.execute(
            select(MonthlyReport).where(MonthlyReport.agency == data.agency, MonthlyReport.month == month)
        )
    ).scalar_one()
    record(
        ctx.session,
        ctx.principal,
        "monthly_report.submitted",
        f"{data.agency}/{data.month}",
        submitted_at=submitted_at.isoformat(),
    )
    return SubmissionOut.model_validate(row, from_attributes=True)


@router.get("", response_model=list[SubmissionOut], summary="Submissions of an agency")
async def list_submissions(ctx: CtxDep, agency: str) -> list[SubmissionOut]:
    await ctx.agencies_visible(agency)
    rows = (
        await ctx.session.execute(
            select(MonthlyReport).where(MonthlyReport.agency == agency).order_by(MonthlyReport.month)
        )
    ).scalars()
    return [SubmissionOut.model_validate(r, from_attributes=True) for r in rows]
