"""bma-2563 part 2 (SPEC §5.2): the categories an agency chose, and reviewers' verdicts."""

from __future__ import annotations

import datetime as dt
import uuid

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy.dialects.postgresql import insert

from kit.errors import ERROR_RESPONSES, AppError
from kit.runtime import TransactionalRoute
from scoring.audit_log.service import record
from scoring.deps import REVIEWERS, CtxDep
from scoring.reviews.models import Review, ReviewCategories
from scoring.stream.models import ComplaintFacts

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/reviews", tags=["reviews"], responses=ERROR_RESPONSES)


class CategoriesIn(BaseModel):
    agency: str
    fiscal_year: int = Field(ge=2500, le=2700)
    categories: list[str] = Field(min_length=1, max_length=5)


class ReviewIn(BaseModel):
    agency: str
    passed: bool
    note: str | None = Field(None, max_length=2000)


@router.put("/categories", response_model=CategoriesIn, summary="The (up to five) categories reviewed for a year")
async def choose(data: CategoriesIn, ctx: CtxDep) -> CategoriesIn:
    ctx.principal.require_role(*REVIEWERS)
    await ctx.agencies_visible(data.agency)
    values = {
        "agency": data.agency,
        "fiscal_year": data.fiscal_year,
        "categories": sorted(set(data.categories)),
        "chosen_by": ctx.principal.actor_ref,
    }
    await ctx.session.execute(
        insert(ReviewCategories)
        .values(**values)
        .on_conflict_do_update(
            index_elements=["agency", "fiscal_year"],
            set_={"categories": values["categories"], "chosen_by": values["chosen_by"]},
        )
    )
    record(
        ctx.session,
        ctx.principal,
        "review.categories",
        f"{data.agency}/{data.fiscal_year}",
        categories=values["categories"],
    )
    return data


@router.put("/{complaint_id}", response_model=ReviewIn, summary="Mark a completed complaint's resolution pass/fail")
async def review(complaint_id: uuid.UUID, data: ReviewIn, ctx: CtxDep) -> ReviewIn:
    ctx.principal.require_role(*REVIEWERS)
    await ctx.agencies_visible(data.agency)
    facts = await ctx.session.get(ComplaintFacts, complaint_id)
    if facts is None or (facts.completed_at is None and facts.concluded_at is None):
        raise AppError(
            409,
            "review.not_completed",
            "ตรวจได้เฉพาะเรื่องที่ดำเนินการเสร็จสิ้นแล้ว",
            "Only completed complaints are reviewed",
            fields={"complaint_id": str(complaint_id)},
        )
    values = {
        "complaint_id": complaint_id,
        "agency": data.agency,
        "passed": data.passed,
        "note": data.note,
        "reviewed_by": ctx.principal.actor_ref,
        "reviewed_at": dt.datetime.now(dt.UTC),
    }
    await ctx.session.execute(
        insert(Review)
        .values(**values)
        .on_conflict_do_update(
            index_elements=["complaint_id", "agency"],
            set_={k: values[k] for k in ("passed", "note", "reviewed_by", "reviewed_at")},
        )
    )
    record(ctx.session, ctx.principal, "review.verdict", str(complaint_id), passed=data.passed)
    return data
