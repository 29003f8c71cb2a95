from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute
from scoring.deps import CtxDep
from scoring.schemes.definitions import SchemeDefinition
from scoring.scorecards import service
from scoring.scorecards.schemas import ScorecardOut, ScorecardsOut

router = APIRouter(route_class=TransactionalRoute, prefix="/v1", tags=["scorecards"], responses=ERROR_RESPONSES)


@router.get("/scorecards", response_model=ScorecardsOut, summary="KPI scorecards of a scheme for a fiscal year")
async def scorecards(
    ctx: CtxDep,
    scheme: str,
    fy: Annotated[int, Query(ge=2500, le=2700, description="fiscal year, Buddhist era")],
    agency: str | None = Query(None, description="an agency, or a parent: one scorecard per child and a roll-up"),
    version: int | None = None,
) -> ScorecardsOut:
    stored = await ctx.state.schemes.get(ctx.session, scheme, version)
    definition = SchemeDefinition.model_validate(stored.definition)
    as_of = dt.datetime.now(dt.UTC)
    if agency is None:
        agencies = await ctx.agencies_visible(ctx.home_agency())
        visible = set(agencies.subtree(ctx.home_agency())) if not ctx.principal.is_service else None
        codes = [c for c in await service.agencies_with_assignments(ctx.session, fy) if visible is None or c in visible]
        parent = None
    else:
        agencies = await ctx.agencies_visible(agency)
        children = agencies.children.get(agency, [])
        codes, parent = (children, agency) if children else ([agency], None)

    async def card(code: str, rollup: bool) -> ScorecardOut:
        return await service.scorecard(
            ctx.session, definition, fy, code, agencies, as_of, rollup=rollup, intake=ctx.state.intake
        )

    return ScorecardsOut(
        scheme=stored.code,
        scheme_version=stored.version,
        fiscal_year=fy,
        as_of=as_of,
        events_applied_through=await service.applied_through(ctx.session),
        scorecards=[await card(code, False) for code in codes],
        rollup=await card(parent, True) if parent else None,
    )
