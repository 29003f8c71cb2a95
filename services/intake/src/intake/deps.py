"""Typed dependencies of the intake endpoints."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.access import Access
from intake.apikeys.models import ApiKey
from intake.attachments.storage import Storage
from intake.complaints.tickets import TicketNumbers
from intake.config import IntakeSettings
from intake.reference import ReferenceCache, ReferenceData
from kit.auth import Principal, PrincipalKind, bearer_token, verify_token
from kit.errors import unauthorized
from kit.runtime import JobsDep, Runtime, SessionDep

__all__ = ["AccessDep", "IntakeState", "JobsDep", "PrincipalDep", "ReferenceDep", "SessionDep", "StateDep"]

_API_KEY_TTL = 30.0


@dataclass
class IntakeState:
    settings: IntakeSettings
    runtime: Runtime
    reference: ReferenceCache
    storage: Storage
    tickets: TicketNumbers
    jwt_secret: str
    # API-key lookups cached per process; a revoked key stops working within _API_KEY_TTL.
    api_keys: dict[str, tuple[float, Principal | None, str]] = field(default_factory=dict)


def _state(request: Request) -> IntakeState:
    state = request.app.state.intake
    assert isinstance(state, IntakeState)
    return state


StateDep = Annotated[IntakeState, Depends(_state)]


async def _reference(state: StateDep, session: SessionDep) -> ReferenceData:
    return await state.reference.get(session)


ReferenceDep = Annotated[ReferenceData, Depends(_reference)]


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
    if cached is None or now - cached[0] > _API_KEY_TTL:
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
    return principal


async def _principal(
    request: Request,
    state: StateDep,
    session: SessionDep,
    authorization: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
) -> Principal:
    token = bearer_token(authorization)
    if token is not None:
        principal = verify_token(state.jwt_secret, token)
    elif x_api_key:
        principal = await api_key_principal(state, session, x_api_key)
    else:
        raise unauthorized()
    request.state.principal_id = principal.actor_ref
    return principal


PrincipalDep = Annotated[Principal, Depends(_principal)]


async def _access(principal: PrincipalDep, reference: ReferenceDep) -> Access:
    return Access(principal, reference)


AccessDep = Annotated[Access, Depends(_access)]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
