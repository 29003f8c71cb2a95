from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

from fastapi import APIRouter
from sqlalchemy import select

from intake.apikeys.models import ApiKey
from intake.apikeys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from intake.audit import service as audit
from intake.deps import AccessDep, SessionDep, StateDep
from intake.reference import ReferenceData
from kit.errors import ERROR_RESPONSES, AppError
from kit.ids import new_id

router = APIRouter(prefix="/v1/api-keys", tags=["api keys"], responses=ERROR_RESPONSES)


def _out(key: ApiKey, ref: ReferenceData) -> ApiKeyOut:
    return ApiKeyOut(
        id=key.id,
        name=key.name,
        prefix=key.prefix,
        agency=ref.agency_code(key.agency_id) or "?",
        scopes=list(key.scopes),
        active=key.active and key.revoked_at is None,
        created_by=key.created_by,
        created_at=key.created_at,
        revoked_at=key.revoked_at,
    )


@router.get("", response_model=list[ApiKeyOut], summary="All API keys (administrators)")
async def list_keys(session: SessionDep, access: AccessDep) -> list[ApiKeyOut]:
    access.require_admin()
    keys = (await session.execute(select(ApiKey).order_by(ApiKey.created_at))).scalars()
    return [_out(k, access.ref) for k in keys]


@router.post("", status_code=201, response_model=ApiKeyCreated, summary="Create an API key; the key is shown once")
async def create_key(data: ApiKeyCreate, session: SessionDep, access: AccessDep) -> ApiKeyCreated:
    access.require_admin()
    agency = access.ref.agencies_by_code.get(data.agency)
    if agency is None:
        raise AppError(
            422,
            "reference.unknown_code",
            f"ไม่พบหน่วยงานรหัส '{data.agency}'",
            f"Unknown agency code '{data.agency}'",
            fields={"agency": "unknown agency code"},
        )
    prefix = secrets.token_hex(6)
    raw = f"rtk_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        id=new_id(),
        name=data.name.strip(),
        prefix=prefix,
        secret_sha256=hashlib.sha256(raw.encode()).hexdigest(),
        agency_id=agency.id,
        scopes=sorted({s.value for s in data.scopes}),
        active=True,
        created_by=access.principal.actor_ref,
        created_at=dt.datetime.now(dt.UTC),
    )
    session.add(key)
    await session.flush()
    await audit.record(
        session,
        access.principal.actor_ref,
        "api_key.create",
        "api_key",
        str(key.id),
        {"agency": data.agency, "scopes": key.scopes},
    )
    return ApiKeyCreated(**_out(key, access.ref).model_dump(), key=raw)


@router.delete("/{key_id}", status_code=204, summary="Revoke an API key (takes effect within 30 seconds)")
async def revoke_key(key_id: uuid.UUID, session: SessionDep, state: StateDep, access: AccessDep) -> None:
    access.require_admin()
    key = await session.get(ApiKey, key_id)
    if key is None:
        raise AppError(404, "api_key.not_found", "ไม่พบ API key", "API key not found")
    if key.revoked_at is None:
        key.revoked_at = dt.datetime.now(dt.UTC)
        key.active = False
        await audit.record(session, access.principal.actor_ref, "api_key.revoke", "api_key", str(key.id))
    state.api_keys.pop(key.prefix, None)
