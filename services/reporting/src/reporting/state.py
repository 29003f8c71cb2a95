"""What the reporting service and its worker hold for their whole life."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from kit.agencies import AgencyTree
from kit.http import ServiceClient
from kit.runtime import Runtime, open_runtime
from reporting.config import ReportingSettings


@dataclass
class ReportingState:
    settings: ReportingSettings
    runtime: Runtime
    intake: ServiceClient
    scoring: ServiceClient
    agencies: AgencyTree
    jwt_secret: str


@asynccontextmanager
async def open_state(settings: ReportingSettings, *, pool_size: int | None = None) -> AsyncIterator[ReportingState]:
    secret = settings.require_secret()
    # Reports read whole fiscal years from scoring: allow the time that takes.
    intake = ServiceClient(settings.intake_url, secret=secret, caller="reporting", timeout=120.0)
    scoring = ServiceClient(settings.scoring_url, secret=secret, caller="reporting", timeout=120.0)
    try:
        async with open_runtime(settings, pool_size=pool_size) as runtime:
            yield ReportingState(
                settings=settings,
                runtime=runtime,
                intake=intake,
                scoring=scoring,
                agencies=AgencyTree(intake, settings.agencies_ttl_seconds),
                jwt_secret=secret,
            )
    finally:
        await intake.aclose()
        await scoring.aclose()
