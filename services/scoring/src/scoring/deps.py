"""The context every scoring endpoint works with: the caller, the request's session and jobs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal, Role, bearer_token, verify_token
from kit.errors import AppError, forbidden, unauthorized
from kit.jobs import JobBuffer
from kit.runtime import unit_of_work
from scoring.agencies import Agencies
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
        """The agency tree, once checked that the caller may see ``code`` (SPEC §8: an agency sees
        its own and its sub-agencies'; the central office, at the root, sees all)."""
        agencies = await self.state.agencies.resolve(code, field)
        if self.principal.is_service:
            return agencies
        if self.principal.agency_code not in agencies.ancestors(code):
            raise AppError(
                403,
                "auth.agency_not_visible",
                "คุณดูข้อมูลได้เฉพาะหน่วยงานของคุณและหน่วยงานในสังกัด",
                "You may see only your agency and the agencies under it",
                fields={field: code},
            )
        return agencies

    def home_agency(self) -> str:
        if self.principal.agency_code is None:
            raise AppError(422, "agency.required", "กรุณาระบุหน่วยงาน", "Say which agency", fields={"agency": "required"})
        return self.principal.agency_code


def scoring_state(request: Request) -> ScoringState:
    state = request.app.state.scoring
    assert isinstance(state, ScoringState)
    return state


async def _ctx(request: Request) -> Ctx:
    state = scoring_state(request)
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise unauthorized()
    principal = verify_token(state.jwt_secret, token)
    request.state.principal_id = principal.actor_ref
    unit = unit_of_work(request)
    return Ctx(unit.session, state, principal, unit.jobs)


CtxDep = Annotated[Ctx, Depends(_ctx)]
