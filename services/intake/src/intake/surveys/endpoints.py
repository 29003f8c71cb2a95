from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from intake.deps import CtxDep
from intake.surveys import service
from intake.surveys.schemas import ResponseCreate, ResponseOut, ResponsePage, TemplateCreate, TemplateOut
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/surveys", tags=["surveys"], responses=ERROR_RESPONSES)


@router.get("/templates", response_model=list[TemplateOut], summary="The latest version of every questionnaire")
async def list_templates(ctx: CtxDep) -> list[TemplateOut]:
    return [service.template_out(t) for t in await service.latest_templates(ctx.session)]


@router.get("/templates/{code}", response_model=TemplateOut)
async def get_template(code: str, ctx: CtxDep, version: int | None = None) -> TemplateOut:
    return service.template_out(await service.template(ctx.session, code, version))


@router.post(
    "/templates",
    status_code=201,
    response_model=TemplateOut,
    summary="Add a questionnaire, or a new version of one (administrators)",
)
async def add_template(data: TemplateCreate, ctx: CtxDep) -> TemplateOut:
    ctx.access.require_admin()
    return service.template_out(await service.add_template(ctx.session, ctx.access.principal, data))


@router.post("/responses", status_code=201, response_model=ResponseOut, summary="Record a survey response")
async def record_response(data: ResponseCreate, ctx: CtxDep) -> ResponseOut:
    return await service.record_response(ctx, data)


@router.get("/responses", response_model=ResponsePage, summary="Survey responses of the caller's agencies")
async def list_responses(
    ctx: CtxDep,
    template: str | None = None,
    agency: str | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> ResponsePage:
    return await service.list_responses(ctx, template, agency, cursor, limit)
