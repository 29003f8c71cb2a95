"""Action plans: budgets add up from the items; a sub-activity's budget is part of its item's."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.errors import AppError, not_found
from reporting.plans.models import Plan
from reporting.plans.schemas import Item, ItemOut, PlanBody, PlanIn, PlanOut
from reporting.records import check_version, flush_unique


def item_total(item: Item) -> Decimal:
    if item.budget is not None:
        return item.budget
    return sum((sub.budget or Decimal(0) for sub in item.sub_activities), Decimal(0))


def plan_total(items: list[Item]) -> Decimal:
    return sum((item_total(item) for item in items), Decimal(0))


def default_title(fiscal_year: int) -> str:
    return f"แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. {fiscal_year}"


def check(plan: PlanBody) -> None:
    """Sub-activities break an item's budget down: together they may not exceed it."""
    for n, item in enumerate(plan.items):
        parts = sum((sub.budget or Decimal(0) for sub in item.sub_activities), Decimal(0))
        if item.budget is not None and parts > item.budget:
            raise AppError(
                422,
                "plan.sub_activities_exceed_budget",
                f"งบประมาณของกิจกรรมย่อย ({parts:,}) เกินงบประมาณของรายการ ({item.budget:,})",
                f"The sub-activities' budgets ({parts:,}) exceed the item's budget ({item.budget:,})",
                fields={f"items.{n}.sub_activities": "exceeds budget"},
            )


def to_out(plan: Plan) -> PlanOut:
    body = PlanBody.model_validate(plan.body)
    return PlanOut(
        id=plan.id,
        agency=plan.agency,
        fiscal_year=plan.fiscal_year,
        title=plan.title,
        unit_name=body.unit_name,
        output=body.output,
        activity=body.activity,
        budget_kpis=body.budget_kpis,
        budget_group=body.budget_group,
        items=[ItemOut(**item.model_dump(), budget_total=item_total(item)) for item in body.items],
        total_budget=plan_total(body.items),
        version=plan.version,
        created_at=plan.created_at,
        updated_at=plan.updated_at,
    )


def _body(data: PlanIn) -> dict[str, object]:
    return PlanBody.model_validate(data.model_dump()).model_dump(mode="json")


async def get(session: AsyncSession, plan_id: uuid.UUID) -> Plan:
    plan = await session.get(Plan, plan_id)
    if plan is None:
        raise not_found("Plan", "แผนปฏิบัติการ", "plan.not_found")
    return plan


def _taken() -> AppError:
    return AppError(
        409,
        "plan.exists",
        "หน่วยงานนี้มีแผนชื่อนี้ในปีงบประมาณนี้แล้ว",
        "This agency already has a plan with this title for this fiscal year",
        fields={"title": "taken"},
    )


async def create(session: AsyncSession, data: PlanIn, actor: str) -> Plan:
    check(data)
    plan = Plan(
        agency=data.agency,
        fiscal_year=data.fiscal_year,
        title=data.title or default_title(data.fiscal_year),
        body=_body(data),
        version=1,
        created_by=actor,
    )
    session.add(plan)
    await flush_unique(session, _taken())
    await session.refresh(plan)
    return plan


async def update(session: AsyncSession, plan: Plan, data: PlanIn, version: int | None) -> Plan:
    check(data)
    check_version(plan.version, version, "plan.changed", "แผน", "plan")
    plan.agency = data.agency
    plan.fiscal_year = data.fiscal_year
    plan.title = data.title or default_title(data.fiscal_year)
    plan.body = _body(data)
    plan.version += 1
    await flush_unique(session, _taken())
    await session.refresh(plan)
    return plan


async def listing(session: AsyncSession, agencies: list[str], fiscal_year: int | None) -> list[Plan]:
    query = select(Plan).where(Plan.agency.in_(agencies)).order_by(Plan.fiscal_year.desc(), Plan.agency, Plan.title)
    if fiscal_year is not None:
        query = query.where(Plan.fiscal_year == fiscal_year)
    return list((await session.execute(query)).scalars())
