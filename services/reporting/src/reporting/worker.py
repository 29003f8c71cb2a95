"""Reporting's worker: renders reports, and recovers renders that lost their job or worker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq.worker import Worker

from kit.jobs import CronJob, JobFunction, build_worker
from kit.logging import configure_logging
from reporting.config import ReportingSettings
from reporting.render.pdf import warm_up
from reporting.reports.service import RENDER
from reporting.reports.tasks import recover, render_report
from reporting.state import ReportingState, open_state


def create_worker(
    settings: ReportingSettings | None = None, *, burst: bool = False, handle_signals: bool | None = None
) -> Worker:
    settings = settings or ReportingSettings()
    configure_logging("reporting-worker", settings.log_level, settings.log_json)

    @asynccontextmanager
    async def state() -> AsyncIterator[ReportingState]:
        warm_up()  # the word list and fonts load once here, not during the first user's report
        async with open_state(settings, pool_size=settings.render_concurrency + 2) as opened:
            yield opened

    return build_worker(
        service="reporting",
        redis_url=settings.redis_url,
        state=state,
        functions=[JobFunction(RENDER, render_report, max_tries=3, timeout_seconds=1800)],
        crons=[CronJob("reporting.recover", recover, every_seconds=30)],
        burst=burst,
        handle_signals=handle_signals,
        max_jobs=settings.render_concurrency,
    )
