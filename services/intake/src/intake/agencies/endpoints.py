from __future__ import annotations

from fastapi import APIRouter

from intake.agencies import service
from intake.agencies.schemas import AgencyCreate, AgencyOut, AgencyUpdate
from intake.deps import CtxDep
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/agencies", tags=["agencies"], responses=ERROR_RESPONSES)


@router.get("", response_model=list[AgencyOut], summary="The agency tree, parents before children")
async def list_agencies(ctx: CtxDep) -> list[AgencyOut]:
    agencies = await service.list_agencies(ctx.session)
    ref = await ctx.state.reference.covering(ctx.session, (a.parent_id for a in agencies))
    return [service.agency_out(a, ref) for a in agencies]


@router.get("/{code}", response_model=AgencyOut)
async def get_agency(code: str, ctx: CtxDep) -> AgencyOut:
    return service.agency_out(await service.get(ctx.session, code), ctx.access.ref)


@router.post("", status_code=201, response_model=AgencyOut, summary="Add an agency (administrators)")
async def create_agency(data: AgencyCreate, ctx: CtxDep) -> AgencyOut:
    ctx.access.require_admin()
    agency = await service.create(ctx.session, ctx.access.principal, data)
    ref = await ctx.state.reference.snapshot(ctx.session)
    return service.agency_out(agency, ref)


@router.patch("/{code}", response_model=AgencyOut, summary="Rename, move or (de)activate an agency (administrators)")
async def update_agency(code: str, data: AgencyUpdate, ctx: CtxDep) -> AgencyOut:
    ctx.access.require_admin()
    agency = await service.change(ctx.session, ctx.access.principal, code, data)
    ref = await ctx.state.reference.snapshot(ctx.session)
    return service.agency_out(agency, ref)
