"""GET /internal/v1/events: the event stream, read by cursor (ARCHITECTURE: how the stream flows)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from intake.deps import CtxDep
from intake.feed import repository
from intake.feed.schemas import FeedPage
from kit.auth import require_service
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from kit.web import JSONBody

router = APIRouter(route_class=TransactionalRoute, prefix="/internal/v1", tags=["internal"], responses=ERROR_RESPONSES)


@router.get("/events", response_model=FeedPage, summary="Events after a sequence number, in order")
async def events(
    ctx: CtxDep, after: Annotated[int, Query(ge=0)] = 0, limit: Annotated[int, Query(ge=1, le=10000)] = 1000
) -> JSONBody:
    require_service(ctx.principal)
    return JSONBody(await repository.read_feed(ctx.session, ctx.state, ctx.ref, after, limit))
