"""Scoring's worker (issue 3): intake's after-commit ``scoring.sync`` job brings a live complaint
into scoring, and the cron brings it even when the job is lost (ARCHITECTURE: nothing is lost)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from redis.asyncio import Redis

from tests.scoring.conftest import Stack
from tests.scoring.history import organisation
from tests.workers import running


async def _applied(stack: Stack, complaint_id: str, within: float) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        response = await stack.scoring.get(f"/v1/complaints/{complaint_id}/sla", headers=stack.intake.admin)
        if response.status_code == 200:
            return dict(response.json())
        assert response.status_code == 404, response.text
        assert time.monotonic() < deadline, f"scoring did not see {complaint_id} within {within} s"
        await asyncio.sleep(0.2)


@pytest.mark.filterwarnings("ignore:Call to deprecated close:DeprecationWarning")
async def test_live_complaints_reach_scoring_by_job_and_by_cron(stack: Stack) -> None:
    from scoring.worker import create_worker

    await organisation(stack)
    async with running(create_worker(stack.worker.settings, handle_signals=False)):
        created = await stack.intake.complaint(stack.intake.admin, agency="DA")
        sla = await _applied(stack, created["id"], within=15)
        assert [a["agency"] for a in sla["assignments"]] == ["DA"]
        # Redis loses every queued job: the cron (every 5 s) still brings the next complaint in.
        redis = Redis.from_url(stack.worker.settings.redis_url)
        try:
            second = await stack.intake.complaint(stack.intake.admin, agency="DB")
            await redis.delete("rongtook:scoring:queue")
        finally:
            await redis.aclose()
        sla = await _applied(stack, second["id"], within=20)
        assert sla["status"] == "forwarded"
