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
from intake.deps import CtxDep
from intake.reference import ReferenceData
from kit.errors import ERROR_RESPONSES, AppError
from kit.ids import new_id
from kit.runtime import TransactionalRoute

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/api-keys", tags=["api keys"], responses=ERROR_RESPONSES)


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
        last_used_at=key.last_used_at,
    )


@router.get("", response_model=list[ApiKeyOut], summary="All API keys (administrators)")
async def list_keys(ctx: CtxDep) -> list[ApiKeyOut]:
    ctx.access.require_admin()
    keys = (await ctx.session.execute(select(ApiKey).order_by(ApiKey.created_at))).scalars()
    return [_out(k, ctx.access.ref) for k in keys]


@router.post("", status_code=201, response_model=ApiKeyCreated, summary="Create an API key; the key is shown once")
async def create_key(data: ApiKeyCreate, ctx: CtxDep) -> ApiKeyCreated:
    ctx.access.require_admin()
    agency = ctx.access.ref.agencies_by_code.get(data.agency)
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
        created_by=ctx.access.principal.actor_ref,
        created_at=dt.datetime.now(dt.UTC),
    )
    ctx.session.add(key)
    await ctx.session.flush()
    await audit.record(
        ctx.session,
        ctx.access.principal.actor_ref,
        "api_key.create",
        "api_key",
        str(key.id),
        {"agency": data.agency, "scopes": key.scopes},
    )
    return ApiKeyCreated(**_out(key, ctx.access.ref).model_dump(), key=raw)


@router.delete("/{key_id}", status_code=204, summary="Revoke an API key (takes effect within 30 seconds)")
async def revoke_key(key_id: uuid.UUID, ctx: CtxDep) -> None:
    ctx.access.require_admin()
    key = await ctx.session.get(ApiKey, key_id)
    if key is None:
        raise AppError(404, "api_key.not_found", "ไม่พบ API key", "API key not found")
    if key.revoked_at is None:
        key.revoked_at = dt.datetime.now(dt.UTC)
        key.active = False
        await audit.record(ctx.session, ctx.access.principal.actor_ref, "api_key.revoke", "api_key", str(key.id))
    ctx.state.api_keys.pop(key.prefix, None)
