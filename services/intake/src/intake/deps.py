"""The dependencies of the intake endpoints. Deliberately few: each costs FastAPI more per request
than most endpoints' own work (the unit of work is the route class's, see kit.runtime)."""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from intake.access import Access
from intake.apikeys.models import ApiKey
from intake.context import Ctx
from intake.state import IntakeState
from kit.auth import Principal, PrincipalKind, bearer_token, verify_token
from kit.errors import unauthorized
from kit.jobs import JobBuffer
from kit.runtime import unit_of_work

__all__ = ["CtxDep", "IntakeState", "PublicDep", "api_key_parts", "api_key_principal", "authenticate"]

API_KEY_TTL = 30.0


def api_key_parts(raw: str) -> tuple[str, str] | None:
    """'rtk_<prefix>_<secret>' → (prefix, sha256 of the whole key)."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != "rtk" or not parts[1] or not parts[2]:
        return None
    return parts[1], hashlib.sha256(raw.strip().encode()).hexdigest()


async def api_key_principal(state: IntakeState, session: AsyncSession, raw: str) -> Principal:
    parts = api_key_parts(raw)
    if parts is None:
        raise unauthorized()
    prefix, digest = parts
    now = time.monotonic()
    cached = state.api_keys.get(prefix)
    looked_up = False
    if cached is None or now - cached[0] > API_KEY_TTL:
        looked_up = True
        row = (await session.execute(select(ApiKey).where(ApiKey.prefix == prefix))).scalar_one_or_none()
        principal: Principal | None = None
        stored_digest = ""
        if row is not None and row.active and row.revoked_at is None:
            ref = await state.reference.get(session)
            principal = Principal(
                PrincipalKind.API_KEY,
                str(row.id),
                row.agency_id,
                ref.agency_code(row.agency_id),
                scopes=frozenset(row.scopes),
            )
            stored_digest = row.secret_sha256
        cached = (now, principal, stored_digest)
        state.api_keys[prefix] = cached
    _, principal, stored_digest = cached
    if principal is None or not hmac.compare_digest(stored_digest, digest):
        raise unauthorized()
    if looked_up:
        # As often as the key is looked up again, not at every request: a key in use is seen
        # as such to within API_KEY_TTL (committed with the request it served).
        await session.execute(
            update(ApiKey).where(ApiKey.id == uuid.UUID(principal.id)).values(last_used_at=func.now())
        )
    return principal


async def authenticate(request: Request, state: IntakeState, session: AsyncSession) -> Principal:
    """A bearer token (users, services) or an X-API-Key (integrations)."""
    token = bearer_token(request.headers.get("authorization"))
    if token is not None:
        principal = verify_token(state.jwt_secret, token)
    elif api_key := request.headers.get("x-api-key"):
        principal = await api_key_principal(state, session, api_key)
    else:
        raise unauthorized()
    request.state.principal_id = principal.actor_ref
    return principal


def intake_state(request: Request) -> IntakeState:
    state = request.app.state.intake
    assert isinstance(state, IntakeState)
    return state


async def _ctx(request: Request) -> Ctx:
    state = intake_state(request)
    unit = unit_of_work(request)
    principal = await authenticate(request, state, unit.session)
    reference = await state.reference.get(unit.session)
    return Ctx(unit.session, state, Access(principal, reference), unit.jobs)


CtxDep = Annotated[Ctx, Depends(_ctx)]


@dataclass
class Public:
    """What an endpoint without a caller (login, the complainant's link) works with."""

    session: AsyncSession
    state: IntakeState
    jobs: JobBuffer


async def _public(request: Request) -> Public:
    unit = unit_of_work(request)
    return Public(unit.session, intake_state(request), unit.jobs)


PublicDep = Annotated[Public, Depends(_public)]
