"""The context every reporting endpoint works with: the caller, the request's session and jobs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from kit.agencies import Agencies, home_agency, visible_tree
from kit.auth import Principal, Role, request_principal
from kit.errors import forbidden
from kit.jobs import JobBuffer
from kit.runtime import unit_of_work
from reporting.state import ReportingState

# Who keeps plans and projects: the planning staff and the agencies' own officers.
PLANNERS = (Role.AGENCY_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR)
# Who may print reports (the front desk prints receipts, not reports).
READERS = (Role.AGENCY_OFFICER, Role.SUPERVISOR, Role.AUDITOR, Role.ADMINISTRATOR)


@dataclass
class Ctx:
    session: AsyncSession
    state: ReportingState
    principal: Principal
    jobs: JobBuffer

    def require(self, *roles: Role) -> None:
        if not self.principal.is_service and not self.principal.has_role(*roles):
            raise forbidden()

    async def agencies_visible(self, code: str, field: str = "agency") -> Agencies:
        return await visible_tree(self.state.agencies, self.principal, code, field)

    def home_agency(self) -> str:
        return home_agency(self.principal)


def reporting_state(request: Request) -> ReportingState:
    state = request.app.state.reporting
    assert isinstance(state, ReportingState)
    return state


async def _ctx(request: Request) -> Ctx:
    state = reporting_state(request)
    principal = request_principal(request, state.jwt_secret)
    unit = unit_of_work(request)
    return Ctx(unit.session, state, principal, unit.jobs)


CtxDep = Annotated[Ctx, Depends(_ctx)]
