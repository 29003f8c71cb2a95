"""The context every scoring endpoint works with: the caller, the request's session and jobs."""

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
from scoring.state import ScoringState

# Who may change the rules or the verdicts, by what they change.
REVIEWERS = (Role.AUDITOR, Role.SUPERVISOR, Role.ADMINISTRATOR)


@dataclass
class Ctx:
    session: AsyncSession
    state: ScoringState
    principal: Principal
    jobs: JobBuffer

    def require_admin(self) -> None:
        if not self.principal.is_admin:
            raise forbidden("เฉพาะผู้ดูแลระบบเท่านั้น", "Administrators only")

    async def agencies_visible(self, code: str, field: str = "agency") -> Agencies:
        return await visible_tree(self.state.agencies, self.principal, code, field)

    def home_agency(self) -> str:
        return home_agency(self.principal)


def scoring_state(request: Request) -> ScoringState:
    state = request.app.state.scoring
    assert isinstance(state, ScoringState)
    return state


async def _ctx(request: Request) -> Ctx:
    state = scoring_state(request)
    principal = request_principal(request, state.jwt_secret)
    unit = unit_of_work(request)
    return Ctx(unit.session, state, principal, unit.jobs)


CtxDep = Annotated[Ctx, Depends(_ctx)]
