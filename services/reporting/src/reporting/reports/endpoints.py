"""Reports: `POST /v1/reports` queues one, the worker renders it, `GET …/file` downloads it."""

from __future__ import annotations

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response

from kit.auth import Role
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from reporting.deps import READERS, Ctx, CtxDep
from reporting.documents.params import AgencyParams
from reporting.reports import service
from reporting.reports.models import Report
from reporting.reports.schemas import MonthlySubmission, ReportIn, ReportOut

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/reports", tags=["reports"], responses=ERROR_RESPONSES)


def _out(report: Report) -> ReportOut:
    return ReportOut.model_validate(report, from_attributes=True)


async def _readable(ctx: Ctx, report_id: uuid.UUID) -> Report:
    report = await service.get(ctx.session, report_id)
    if report.requested_by != ctx.principal.actor_ref:
        ctx.require(*READERS)
        await ctx.agencies_visible(report.agency)
    return report


@router.post(
    "",
    status_code=202,
    response_model=ReportOut,
    response_model_exclude_none=True,
    summary="Ask for a report; it is rendered in the background",
)
async def request_report(data: ReportIn, ctx: CtxDep) -> ReportOut:
    ctx.require(*READERS)
    kind = service.kind_of(data.type)
    params = service.parse_params(kind, data.params)
    agency = await kind.agency_of(ctx.session, params) or ctx.home_agency()
    if isinstance(params, AgencyParams) and params.agency is None:
        params = params.model_copy(update={"agency": agency})  # the report says whose it is, for good
    await ctx.agencies_visible(agency, "params.agency")
    report = await service.create(ctx.session, ctx.jobs, data, params, agency, ctx.principal.actor_ref)
    return _out(report)


@router.get("", response_model=list[ReportOut], response_model_exclude_none=True, summary="Your latest reports")
async def my_reports(ctx: CtxDep, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> list[ReportOut]:
    return [_out(r) for r in await service.recent(ctx.session, ctx.principal.actor_ref, limit)]


@router.get("/{report_id}", response_model=ReportOut, response_model_exclude_none=True, summary="A report's status")
async def get_report(report_id: uuid.UUID, ctx: CtxDep) -> ReportOut:
    return _out(await _readable(ctx, report_id))


@router.get(
    "/{report_id}/file",
    response_class=Response,
    summary="The rendered file (409 while it is not done)",
    responses={200: {"content": {"application/pdf": {}, "text/csv": {}, "application/json": {}}}},
)
async def report_file(report_id: uuid.UUID, ctx: CtxDep) -> Response:
    report = await _readable(ctx, report_id)
    content = await service.content(ctx.session, report)
    filename = report.filename or f"report.{report.format}"
    return Response(
        content,
        media_type=report.media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


@router.post(
    "/{report_id}/submit",
    response_model=MonthlySubmission,
    summary="Submit a monthly summary: records its submission in scoring, as the user who submits it",
)
async def submit_monthly(report_id: uuid.UUID, ctx: CtxDep, request: Request) -> MonthlySubmission:
    ctx.require(Role.AGENCY_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR)
    report = await _readable(ctx, report_id)
    return await service.submit_monthly(ctx.state.scoring, report, request.headers.get("authorization", ""))


@router.post(
    "/{report_id}/retry",
    status_code=202,
    response_model=ReportOut,
    response_model_exclude_none=True,
    summary="Render a failed report again",
)
async def retry_report(report_id: uuid.UUID, ctx: CtxDep) -> ReportOut:
    report = await _readable(ctx, report_id)
    return _out(await service.retry(ctx.session, ctx.jobs, report))
