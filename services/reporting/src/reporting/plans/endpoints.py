"""Action plans per agency and fiscal year: `/v1/plans`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from reporting.deps import PLANNERS, READERS, CtxDep
from reporting.plans import service
from reporting.plans.schemas import PlanIn, PlanOut, PlanUpdate

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/plans", tags=["action plans"], responses=ERROR_RESPONSES)


@router.post("", status_code=201, response_model=PlanOut, summary="Enter an action plan")
async def create_plan(data: PlanIn, ctx: CtxDep) -> PlanOut:
    ctx.require(*PLANNERS)
    await ctx.agencies_visible(data.agency)
    return service.to_out(await service.create(ctx.session, data, ctx.principal.actor_ref))


@router.get("", response_model=list[PlanOut], summary="The plans of an agency and the agencies under it")
async def list_plans(
    ctx: CtxDep, agency: str | None = None, fy: Annotated[int | None, Query(ge=2500, le=2700)] = None
) -> list[PlanOut]:
    ctx.require(*READERS)
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    return [service.to_out(plan) for plan in await service.listing(ctx.session, agencies.subtree(code), fy)]


@router.get("/{plan_id}", response_model=PlanOut, summary="A plan with its items and total budget")
async def get_plan(plan_id: uuid.UUID, ctx: CtxDep) -> PlanOut:
    ctx.require(*READERS)
    plan = await service.get(ctx.session, plan_id)
    await ctx.agencies_visible(plan.agency)
    return service.to_out(plan)


@router.put("/{plan_id}", response_model=PlanOut, summary="Replace a plan (send the version you read)")
async def update_plan(plan_id: uuid.UUID, data: PlanUpdate, ctx: CtxDep) -> PlanOut:
    ctx.require(*PLANNERS)
    plan = await service.get(ctx.session, plan_id)
    await ctx.agencies_visible(plan.agency)
    await ctx.agencies_visible(data.agency)
    return service.to_out(await service.update(ctx.session, plan, data, data.version))


@router.delete("/{plan_id}", status_code=204, summary="Delete a plan")
async def delete_plan(plan_id: uuid.UUID, ctx: CtxDep) -> None:
    ctx.require(*PLANNERS)
    plan = await service.get(ctx.session, plan_id)
    await ctx.agencies_visible(plan.agency)
    await ctx.session.delete(plan)
