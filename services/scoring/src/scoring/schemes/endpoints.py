from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from scoring.deps import CtxDep
from scoring.schemes.definitions import SchemeDefinition
from scoring.schemes.models import SchemeVersion

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/schemes", tags=["schemes"], responses=ERROR_RESPONSES)


class SchemeOut(BaseModel):
    code: str
    version: int
    definition: dict[str, Any]
    note: str | None
    created_by: str
    created_at: dt.datetime


class SchemeCreate(BaseModel):
    definition: SchemeDefinition
    note: str | None = Field(None, max_length=2000, description="why this version")


def _out(v: SchemeVersion) -> SchemeOut:
    return SchemeOut.model_validate(v, from_attributes=True)


@router.get("", response_model=list[SchemeOut], summary="The latest version of every scheme")
async def list_schemes(ctx: CtxDep) -> list[SchemeOut]:
    return [_out(v) for v in await ctx.state.schemes.all_latest(ctx.session)]


@router.get("/{code}", response_model=SchemeOut, summary="A scheme, latest or a given version")
async def get_scheme(code: str, ctx: CtxDep, version: int | None = None) -> SchemeOut:
    return _out(await ctx.state.schemes.get(ctx.session, code, version))


@router.post("", status_code=201, response_model=SchemeOut, summary="Add a new version of a scheme (administrators)")
async def add_scheme(data: SchemeCreate, ctx: CtxDep) -> SchemeOut:
    ctx.require_admin()
    return _out(await ctx.state.schemes.add_version(ctx.session, ctx.principal, data.definition, data.note))
