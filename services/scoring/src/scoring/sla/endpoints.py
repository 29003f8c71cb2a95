from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit.errors import ERROR_RESPONSES, forbidden
from kit.runtime import TransactionalRoute
from scoring.deps import CtxDep
from scoring.sla import service
from scoring.sla.schemas import ComplaintSla, DueList

router = APIRouter(route_class=TransactionalRoute, prefix="/v1", tags=["sla"], responses=ERROR_RESPONSES)


@router.get("/complaints/{complaint_id}/sla", response_model=ComplaintSla, summary="A complaint's SLA checkpoints")
async def complaint_sla(complaint_id: uuid.UUID, ctx: CtxDep) -> ComplaintSla:
    sla, holders = await service.complaint_sla(ctx.session, complaint_id)
    if not ctx.principal.is_service:
        agencies = await ctx.state.agencies.get()
        home = ctx.principal.agency_code
        if not any(home in agencies.ancestors(code) for code in holders):
            raise forbidden()
    return sla


@router.get("/due", response_model=DueList, summary="The worklist: overdue, due today, due within N working days")
async def due(
    ctx: CtxDep,
    agency: str | None = None,
    within: Annotated[int, Query(ge=0, le=60, description="working days ahead")] = 3,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> DueList:
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    calendar = await ctx.state.calendars.current(ctx.session)
    return await service.worklist(ctx.session, code, agencies.subtree(code), within, limit, calendar)
