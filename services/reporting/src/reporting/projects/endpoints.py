"""Projects whose progress is reported: `/v1/projects`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from reporting.deps import PLANNERS, READERS, Ctx, CtxDep
from reporting.projects import service
from reporting.projects.schemas import ProjectIn, ProjectOut, ProjectUpdate

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/projects", tags=["projects"], responses=ERROR_RESPONSES)


async def _check_agencies(ctx: Ctx, data: ProjectIn) -> None:
    await ctx.agencies_visible(data.agency)
    if data.counts_agency:
        await ctx.agencies_visible(data.counts_agency, "counts_agency")


@router.post("", status_code=201, response_model=ProjectOut, summary="Enter a project")
async def create_project(data: ProjectIn, ctx: CtxDep) -> ProjectOut:
    ctx.require(*PLANNERS)
    await _check_agencies(ctx, data)
    return service.to_out(await service.create(ctx.session, data, ctx.principal.actor_ref))


@router.get("", response_model=list[ProjectOut], summary="The projects of an agency and the agencies under it")
async def list_projects(
    ctx: CtxDep, agency: str | None = None, fy: Annotated[int | None, Query(ge=2500, le=2700)] = None
) -> list[ProjectOut]:
    ctx.require(*READERS)
    code = agency or ctx.home_agency()
    agencies = await ctx.agencies_visible(code)
    return [service.to_out(p) for p in await service.listing(ctx.session, agencies.subtree(code), fy)]


@router.get("/{code}", response_model=ProjectOut, summary="A project")
async def get_project(code: str, ctx: CtxDep) -> ProjectOut:
    ctx.require(*READERS)
    project = await service.get(ctx.session, code)
    await ctx.agencies_visible(project.agency)
    return service.to_out(project)


@router.put("/{code}", response_model=ProjectOut, summary="Replace a project (send the version you read)")
async def update_project(code: str, data: ProjectUpdate, ctx: CtxDep) -> ProjectOut:
    ctx.require(*PLANNERS)
    project = await service.get(ctx.session, code)
    await ctx.agencies_visible(project.agency)
    await _check_agencies(ctx, data)
    return service.to_out(await service.update(ctx.session, project, data, data.version))


@router.delete("/{code}", status_code=204, summary="Delete a project")
async def delete_project(code: str, ctx: CtxDep) -> None:
    ctx.require(*PLANNERS)
    project = await service.get(ctx.session, code)
    await ctx.agencies_visible(project.agency)
    await ctx.session.delete(project)
