from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request

from intake.complaints import recorder, repository, service
from intake.complaints.schemas import (
    ComplaintCreate,
    ComplaintOut,
    ComplaintPage,
    DuplicateCandidate,
    EventAccepted,
    EventCreate,
    EventOut,
)
from intake.deps import CtxDep
from intake.idempotency.service import request_hash, run_idempotent
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from kit.web import JSONBody, app_path

router = APIRouter(
    route_class=TransactionalRoute, prefix="/v1/complaints", tags=["complaints"], responses=ERROR_RESPONSES
)

IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="retrying with the same key returns the first response"),
]


@router.post("", status_code=201, response_model=ComplaintOut, summary="Log a new complaint")
async def create_complaint(
    payload: ComplaintCreate, request: Request, ctx: CtxDep, idempotency_key: IdempotencyKey = None
) -> JSONBody:
    if idempotency_key is None:
        created = await service.create(ctx, payload)
        return JSONBody.of(created, status_code=201)
    return await run_idempotent(
        ctx.session,
        ctx.jobs,
        principal=ctx.principal.actor_ref,
        key=idempotency_key,
        digest=request_hash("POST", app_path(request), payload),
        status_code=201,
        action=lambda: service.create(ctx, payload),
    )


@router.get("", response_model=ComplaintPage, summary="Find complaints (filters, Thai text search, cursor pages)")
async def list_complaints(
    ctx: CtxDep,
    status: Annotated[list[str] | None, Query(description="one or more statuses")] = None,
    agency: Annotated[str | None, Query(description="agency code; includes its sub-agencies")] = None,
    category: str | None = None,
    channel: str | None = None,
    received_from: Annotated[dt.date | None, Query(description="first day (Asia/Bangkok), inclusive")] = None,
    received_to: Annotated[dt.date | None, Query(description="last day (Asia/Bangkok), inclusive")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text; Thai works without spaces")] = None,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    name: Annotated[str | None, Query(max_length=200)] = None,
    ticket_no: Annotated[str | None, Query(max_length=64)] = None,
    imported: bool | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ComplaintPage:
    statuses = [s for value in status or () for s in value.split(",") if s] or None
    query = service.ListQuery(
        status=statuses,
        agency=agency,
        category=category,
        channel=channel,
        received_from=received_from,
        received_to=received_to,
        q=q,
        phone=phone,
        name=name,
        ticket_no=ticket_no,
        imported=imported,
        cursor=cursor,
        limit=limit,
    )
    return await service.list_complaints(ctx, query)


@router.get("/duplicates", response_model=list[DuplicateCandidate], summary="Likely duplicates of a text being typed")
async def likely_duplicates(
    ctx: CtxDep,
    category: str,
    text: Annotated[str, Query(min_length=1, max_length=2000)],
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    long: Annotated[float | None, Query(ge=-180, le=180)] = None,
) -> list[DuplicateCandidate]:
    return await service.likely_duplicates(ctx, category, text, lat, long)


@router.get("/{complaint_id}", response_model=ComplaintOut, summary="A complaint with its events and attachments")
async def get_complaint(complaint_id: uuid.UUID, ctx: CtxDep) -> ComplaintOut:
    return await service.get(ctx, complaint_id)


@router.get("/{complaint_id}/events", response_model=list[EventOut], summary="A complaint's events, oldest first")
async def list_events(complaint_id: uuid.UUID, ctx: CtxDep) -> list[EventOut]:
    complaint = await service.load_visible(ctx, complaint_id)
    return [service.event_out(ctx, e, seq) for e, seq in await repository.events_of(ctx.session, complaint.id)]


@router.post(
    "/{complaint_id}/events",
    status_code=201,
    response_model=EventAccepted,
    summary="Record an event (SPEC §3); refused with 409 when the lifecycle does not allow it",
)
async def record_event(
    complaint_id: uuid.UUID, payload: EventCreate, request: Request, ctx: CtxDep, idempotency_key: IdempotencyKey = None
) -> JSONBody:
    async def action() -> EventAccepted:
        return await recorder.record(ctx, complaint_id, payload)

    return await run_idempotent(
        ctx.session,
        ctx.jobs,
        principal=ctx.principal.actor_ref,
        key=idempotency_key,
        digest=request_hash("POST", app_path(request), payload),
        status_code=201,
        action=action,
    )
