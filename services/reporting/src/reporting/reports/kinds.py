"""The report types: how each one's params are checked, whose data it shows, and how it is built."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from reporting.documents import action_plan, cpl, monthly, params, progress, satisfaction, scorecard, statistics
from reporting.documents.base import Options, Sources
from reporting.render.model import Document

P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True)
class ReportKind(Generic[P]):
    params: type[P]
    # The agency whose data the report shows (None: the requester's own); decides who may read it.
    agency_of: Callable[[AsyncSession, P], Awaitable[str | None]]
    build: Callable[[Sources, P, Options], Awaitable[Document]]


KINDS: dict[str, ReportKind[Any]] = {
    "progress": ReportKind(progress.ProgressParams, progress.agency_of, progress.build),
    "action-plan": ReportKind(action_plan.ActionPlanParams, action_plan.agency_of, action_plan.build),
    "kpi-scorecard": ReportKind(scorecard.ScorecardParams, params.agency_of, scorecard.build),
    "cpl-r001": ReportKind(params.AgencyParams, params.agency_of, cpl.build_outstanding),
    "cpl-r003": ReportKind(cpl.PerformanceParams, params.agency_of, cpl.build_performance),
    "monthly-summary": ReportKind(monthly.MonthlyParams, params.agency_of, monthly.build),
    "statistics": ReportKind(statistics.StatisticsParams, params.agency_of, statistics.build),
    "satisfaction": ReportKind(satisfaction.SatisfactionParams, params.agency_of, satisfaction.build),
}
