"""Scoring's worker: follows intake's event stream and recomputes after calendar changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq.worker import Worker

from kit.db import plain_url
from kit.http import ServiceClient
from kit.jobs import CronJob, JobFunction, build_worker
from kit.logging import configure_logging
from kit.runtime import open_runtime
from scoring.calendar.service import RECOMPUTE, CalendarCache
from scoring.config import ScoringSettings
from scoring.stream.projectors import Projectors
from scoring.stream.tasks import WorkerState, recompute, sync

SYNC = "scoring.sync"


def create_worker(
    settings: ScoringSettings | None = None, *, burst: bool = False, handle_signals: bool | None = None
) -> Worker:
    settings = settings or ScoringSettings()
    configure_logging("scoring-worker", settings.log_level, settings.log_json)

    @asynccontextmanager
    async def state() -> AsyncIterator[WorkerState]:
        intake = ServiceClient(settings.intake_url, secret=settings.require_secret(), caller="scoring")
        # Started now: a worker's first full recompute should not wait for them.
        projectors = Projectors(plain_url(settings.database_url))
        projectors.start()
        try:
            async with open_runtime(settings, pool_size=3) as runtime:
                yield WorkerState(settings, runtime, intake, CalendarCache(), projectors)
        finally:
            projectors.close()
            await intake.aclose()

    return build_worker(
        service="scoring",
        redis_url=settings.redis_url,
        state=state,
        functions=[
            # Intake sends scoring.sync after every commit that adds events (deduplicated by job id).
            JobFunction(SYNC, sync, max_tries=3),
            JobFunction(RECOMPUTE, recompute, timeout_seconds=3600),
        ],
        # The safety net: a lost job, a Redis outage or a dead worker only delays scoring.
        crons=[CronJob("scoring.sync_cron", sync, every_seconds=5)],
        burst=burst,
        handle_signals=handle_signals,
    )
