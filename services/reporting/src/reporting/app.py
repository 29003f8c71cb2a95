"""The reporting service: action plans, projects, and reports in PDF, XLSX, CSV and JSON
(ARCHITECTURE: reporting)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from kit.logging import configure_logging
from kit.web import build_app
from reporting.config import ReportingSettings
from reporting.plans.endpoints import router as plans_router
from reporting.projects.endpoints import router as projects_router
from reporting.reports.endpoints import router as reports_router
from reporting.state import open_state

DESCRIPTION = """
รายงาน แผนปฏิบัติการ และโครงการ — action plans, projects, and reports (progress, action plan,
KPI scorecard, CPL_R001/CPL_R003, monthly summary, statistics, satisfaction) rendered in the
background as PDF (Thai, Buddhist-era dates), XLSX, CSV (UTF-8 with BOM) and JSON.
Users send `Authorization: Bearer <token>` (from intake's `POST /v1/auth/token`).
"""


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("reporting", settings.log_level, settings.log_json)
        async with open_state(settings) as state:
            app.state.runtime = state.runtime
            app.state.reporting = state
            yield

    return build_app(
        service="reporting",
        title="Rongtook reporting",
        description=DESCRIPTION,
        lifespan=lifespan,
        routers=[reports_router, plans_router, projects_router],
    )
