"""The scoring service: working days, SLA projections, KPI schemes and scorecards, audits,
statistics (ARCHITECTURE: scoring)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from kit.agencies import AgencyTree
from kit.http import ServiceClient
from kit.logging import configure_logging
from kit.runtime import open_runtime
from kit.web import build_app
from scoring.audits.endpoints import router as audits_router
from scoring.calendar.endpoints import router as calendar_router
from scoring.calendar.service import CalendarCache
from scoring.config import ScoringSettings
from scoring.cpl.endpoints import router as cpl_router
from scoring.monthly.endpoints import router as monthly_router
from scoring.reviews.endpoints import router as reviews_router
from scoring.satisfaction.endpoints import router as satisfaction_router
from scoring.schemes.endpoints import router as schemes_router
from scoring.schemes.service import SchemeCatalog
from scoring.scorecards.endpoints import router as scorecards_router
from scoring.sla.endpoints import router as sla_router
from scoring.state import ScoringState
from scoring.stats.endpoints import router as stats_router

DESCRIPTION = """
วันทำการ การติดตามตามกำหนดเวลา และตัวชี้วัด — Thai working days, SLA checkpoints per complaint,
KPI scorecards per scheme and fiscal year, audits, monthly-report submissions, statistics, satisfaction.
Users send `Authorization: Bearer <token>` (from intake's `POST /v1/auth/token`).
"""


def create_app(settings: ScoringSettings | None = None) -> FastAPI:
    settings = settings or ScoringSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("scoring", settings.log_level, settings.log_json)
        secret = settings.require_secret()
        intake = ServiceClient(settings.intake_url, secret=secret, caller="scoring")
        try:
            async with open_runtime(settings) as runtime:
                app.state.runtime = runtime
                app.state.scoring = ScoringState(
                    settings=settings,
                    runtime=runtime,
                    intake=intake,
                    calendars=CalendarCache(),
                    agencies=AgencyTree(intake, settings.agencies_ttl_seconds),
                    schemes=SchemeCatalog(),
                    jwt_secret=secret,
                )
                yield
        finally:
            await intake.aclose()

    return build_app(
        service="scoring",
        title="Rongtook scoring",
        description=DESCRIPTION,
        lifespan=lifespan,
        routers=[
            sla_router,
            scorecards_router,
            stats_router,
            satisfaction_router,
            cpl_router,
            calendar_router,
            schemes_router,
            audits_router,
            monthly_router,
            reviews_router,
        ],
    )
