from __future__ import annotations

from fastapi import APIRouter

from intake.agencies import service
from intake.agencies.schemas import AgencyCreate, AgencyOut, AgencyUpdate
from intake.deps import AccessDep, SessionDep, StateDep
from kit.errors import ERROR_RESPONSES

router = APIRouter(prefix="/v1/agencies", tags=["agencies"], responses=ERROR_RESPONSES)


@router.get("", response_model=list[AgencyOut], summary="The agency tree, parents before children")
async def list_agencies(session: SessionDep, state: StateDep, access: AccessDep) -> list[AgencyOut]:
    agencies = await service.list_agencies(session)
    ref = await state.reference.covering(session, (a.parent_id for a in agencies))
    return [service.agency_out(a, ref) for a in agencies]


@router.get("/{code}", response_model=AgencyOut)
async def get_agency(code: str, session: SessionDep, access: AccessDep) -> AgencyOut:
    return service.agency_out(await service.get(session, code), access.ref)


@router.post("", status_code=201, response_model=AgencyOut, summary="Add an agency (administrators)")
async def create_agency(data: AgencyCreate, session: SessionDep, state: StateDep, access: AccessDep) -> AgencyOut:
    access.require_admin()
    agency = await service.create(session, access.principal, data)
    ref = await state.reference.snapshot(session)
    return service.agency_out(agency, ref)


@router.patch("/{code}", response_model=AgencyOut, summary="Rename, move or (de)activate an agency (administrators)")
async def update_agency(
    code: str, data: AgencyUpdate, session: SessionDep, state: StateDep, access: AccessDep
) -> AgencyOut:
    access.require_admin()
    agency = await service.change(session, access.principal, code, data)
    ref = await state.reference.snapshot(session)
    return service.agency_out(agency, ref)
