"""Who did something, in words: the services record actors by reference ("user:<id>", "api_key:<id>")
and every signed-in screen that lists events, audits or decisions needs their names."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from intake.actors.schemas import ActorOut
from intake.apikeys.models import ApiKey
from intake.deps import CtxDep
from intake.users.models import User
from kit.auth import PrincipalKind
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/actors", tags=["users"], responses=ERROR_RESPONSES)

MAX_REFS = 200


def _ids(refs: list[str], kind: PrincipalKind) -> set[uuid.UUID]:
    ids = set()
    for ref in refs:
        prefix, _, rest = ref.partition(":")
        if prefix == kind.value:
            try:
                ids.add(uuid.UUID(rest))
            except ValueError:
                continue  # not one of ours: left unnamed, as an unknown reference is
    return ids


@router.get("", response_model=list[ActorOut], summary="Names of the users and API keys behind actor references")
async def actors(
    ctx: CtxDep,
    ref: Annotated[list[str], Query(max_length=MAX_REFS, description='"user:<id>" or "api_key:<id>", repeated')],
) -> list[ActorOut]:
    """Staff names are shown to staff (no complainant data here); references not found are left out."""
    found: list[ActorOut] = []
    if user_ids := _ids(ref, PrincipalKind.USER):
        users = await ctx.session.execute(
            select(User.id, User.display_name, User.agency_id).where(User.id.in_(user_ids))
        )
        found += [
            ActorOut(ref=f"user:{id_}", kind=PrincipalKind.USER, name=name, agency=ctx.agency_code(agency))
            for id_, name, agency in users
        ]
    if key_ids := _ids(ref, PrincipalKind.API_KEY):
        keys = await ctx.session.execute(select(ApiKey.id, ApiKey.name, ApiKey.agency_id).where(ApiKey.id.in_(key_ids)))
        found += [
            ActorOut(ref=f"api_key:{id_}", kind=PrincipalKind.API_KEY, name=name, agency=ctx.agency_code(agency))
            for id_, name, agency in keys
        ]
    return found
