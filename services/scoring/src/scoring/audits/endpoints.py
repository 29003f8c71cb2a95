"""Audits (SPEC §5.1 step 2): a reproducible 10 % sample of a month's completed complaints."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, select, text

from kit.auth import Role
from kit.errors import ERROR_RESPONSES, AppError, not_found
from kit.runtime import TransactionalRoute
from kit.thai import BANGKOK
from scoring.audit_log.service import record
from scoring.audits.models import Audit, AuditItem
from scoring.deps import REVIEWERS, CtxDep
from scoring.months import next_month, parse_month
from scoring.schemes import arithmetic

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/audits", tags=["audits"], responses=ERROR_RESPONSES)
# Seeds are shown and typed again in the web app: below 2**53 they stay exact as JavaScript numbers.
SEED_LIMIT = 2**53


class AuditCreate(BaseModel):
    agency: str
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM (Christian era)")
    seed: int | None = Field(None, ge=0, lt=SEED_LIMIT, description="reuse a seed to draw the same sample again")


class ItemOut(BaseModel):
    complaint_id: uuid.UUID
    ticket_no: str
    passed: bool | None
    note: str | None
    reviewed_by: str | None
    reviewed_at: dt.datetime | None


class AuditOut(BaseModel):
    id: uuid.UUID
    agency: str
    month: dt.date
    seed: int
    population: int = Field(description="complaints completed by the agency in the month")
    sample_size: int
    passed: int
    failed: int
    pass_percent: str | None
    items: list[ItemOut]


class AuditSummary(BaseModel):
    id: uuid.UUID
    agency: str
    month: dt.date = Field(description="the month's first day")
    seed: int
    population: int = Field(description="complaints completed by the agency in the month")
    sample_size: int
    judged: int = Field(description="sampled complaints marked pass or fail so far")
    passed: int
    failed: int
    pass_percent: str | None = Field(description="passed × 100 / judged, 4 places; null until one is judged")
    created_by: str
    created_at: dt.datetime


class Verdict(BaseModel):
    passed: bool
    note: str | None = Field(None, max_length=2000)


# Completed in the month (Bangkok time) by the agency or an agency under it, as the projections say.
_POPULATION = """
SELECT DISTINCT a.complaint_id, c.ticket_no
  FROM scoring.assignments a JOIN scoring.complaints c ON c.id = a.complaint_id
 WHERE a.agency = ANY(:agencies) AND a.completed_at >= :start AND a.completed_at < :end
"""


async def _out(ctx: CtxDep, audit: Audit) -> AuditOut:
    items = (
        (
            await ctx.session.execute(
                select(AuditItem).where(AuditItem.audit_id == audit.id).order_by(AuditItem.ticket_no)
            )
        )
        .scalars()
        .all()
    )
    passed = sum(1 for i in items if i.passed is True)
    failed = sum(1 for i in items if i.passed is False)
    pct = arithmetic.percent(passed, passed + failed)
    return AuditOut(
        id=audit.id,
        agency=audit.agency,
        month=audit.month,
        seed=audit.seed,
        population=audit.population,
        sample_size=len(items),
        passed=passed,
        failed=failed,
        pass_percent=None if pct is None else str(arithmetic.quantize(pct)),
        items=[ItemOut.model_validate(i, from_attributes=True) for i in items],
    )


@router.post("", status_code=201, response_model=AuditOut, summary="Draw a month's audit sample")
async def create_audit(data: AuditCreate, ctx: CtxDep) -> AuditOut:
    ctx.principal.require_role(*REVIEWERS)
    agencies = await ctx.agencies_visible(data.agency)
    month = parse_month(data.month, "audit.bad_month")
    existing = (
        await ctx.session.execute(select(Audit).where(Audit.agency == data.agency, Audit.month == month))
    ).scalar()
    if existing is not None:
        raise AppError(
            409,
            "audit.exists",
            "มีการสุ่มตรวจของหน่วยงานนี้ในเดือนนี้แล้ว",
            "This agency's month has been sampled already",
            fields={"month": data.month},
            extra={"audit_id": str(existing.id)},
        )
    population = (
        await ctx.session.execute(
            text(_POPULATION),
            {
                "agencies": agencies.subtree(data.agency),
                "start": dt.datetime.combine(month, dt.time(), BANGKOK),
                "end": dt.datetime.combine(next_month(month), dt.time(), BANGKOK),
            },
        )
    ).all()
    seed = data.seed if data.seed is not None else secrets.randbelow(SEED_LIMIT)
    sample = arithmetic.draw_sample(population, seed, arithmetic.sample_size(len(population)))
    audit = Audit(
        agency=data.agency, month=month, seed=seed, population=len(population), created_by=ctx.principal.actor_ref
    )
    ctx.session.add(audit)
    await ctx.session.flush()
    ctx.session.add_all(AuditItem(audit_id=audit.id, complaint_id=cid, ticket_no=ticket) for cid, ticket in sample)
    await ctx.session.flush()
    record(ctx.session, ctx.principal, "audit.drawn", str(audit.id), agency=data.agency, month=data.month, seed=seed)
    return await _out(ctx, audit)


@router.get(
    "", response_model=list[AuditSummary], summary="Audits drawn for an agency and those under it, newest first"
)
async def list_audits(
    ctx: CtxDep,
    agency: Annotated[
        str | None, Query(description="agency code (with its sub-agencies); default: the caller's")
    ] = None,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM (Christian era)")] = None,
) -> list[AuditSummary]:
    ctx.principal.require_role(*REVIEWERS)
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    judged = func.count(AuditItem.passed)
    passed = func.count().filter(AuditItem.passed.is_(True))
    stmt = (
        select(Audit, func.count(AuditItem.complaint_id), judged, passed)
        .outerjoin(AuditItem, AuditItem.audit_id == Audit.id)
        .where(Audit.agency.in_(agencies.subtree(code)))
        .group_by(Audit.id)
        .order_by(Audit.month.desc(), Audit.created_at.desc(), Audit.agency)
    )
    if month is not None:
        stmt = stmt.where(Audit.month == parse_month(month, "audit.bad_month"))
    summaries = []
    for audit, sample_size, judged_count, passed_count in (await ctx.session.execute(stmt)).all():
        pct = arithmetic.percent(passed_count, judged_count)
        summaries.append(
            AuditSummary(
                id=audit.id,
                agency=audit.agency,
                month=audit.month,
                seed=audit.seed,
                population=audit.population,
                sample_size=sample_size,
                judged=judged_count,
                passed=passed_count,
                failed=judged_count - passed_count,
                pass_percent=None if pct is None else str(arithmetic.quantize(pct)),
                created_by=audit.created_by,
                created_at=audit.created_at,
            )
        )
    return summaries


async def _audit(ctx: CtxDep, audit_id: uuid.UUID) -> Audit:
    audit = await ctx.session.get(Audit, audit_id)
    if audit is None:
        raise not_found("Audit", "การสุ่มตรวจ", "audit.not_found")
    await ctx.agencies_visible(audit.agency)
    return audit


@router.get("/{audit_id}", response_model=AuditOut, summary="An audit with its sample and verdicts")
async def get_audit(audit_id: uuid.UUID, ctx: CtxDep) -> AuditOut:
    return await _out(ctx, await _audit(ctx, audit_id))


@router.put("/{audit_id}/items/{complaint_id}", response_model=AuditOut, summary="Mark a sampled complaint pass/fail")
async def judge(audit_id: uuid.UUID, complaint_id: uuid.UUID, data: Verdict, ctx: CtxDep) -> AuditOut:
    ctx.principal.require_role(Role.AUDITOR, Role.ADMINISTRATOR)
    audit = await _audit(ctx, audit_id)
    item = await ctx.session.get(AuditItem, (audit_id, complaint_id))
    if item is None:
        raise not_found("Complaint in this audit's sample", "เรื่องนี้ในตัวอย่างการสุ่มตรวจ", "audit.item_not_found")
    item.passed, item.note = data.passed, data.note
    item.reviewed_by, item.reviewed_at = ctx.principal.actor_ref, dt.datetime.now(dt.UTC)
    await ctx.session.flush()
    record(ctx.session, ctx.principal, "audit.verdict", f"{audit_id}/{complaint_id}", passed=data.passed)
    return await _out(ctx, audit)
