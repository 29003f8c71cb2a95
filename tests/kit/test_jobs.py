"""kit.jobs: sent after commit, dropped on rollback, deduplicated, coalesced, survives Redis being down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, FastAPI, Request
from redis.asyncio import Redis
from sqlalchemy import text

from kit.errors import AppError
from kit.jobs import JobSender, queue_name, queued_jobs
from kit.runtime import TransactionalRoute, open_runtime, unit_of_work
from kit.settings import ServiceSettings
from kit.web import build_app
from tests.conftest import JWT_SECRET


@pytest.fixture
async def app(database_url: str, redis_url: str, clean: None) -> AsyncIterator[httpx.AsyncClient]:
    settings = ServiceSettings(database_url=database_url, redis_url=redis_url, jwt_secret=JWT_SECRET)

    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        async with open_runtime(settings) as runtime:
            app.state.runtime = runtime
            yield

    from contextlib import asynccontextmanager

    application = build_app(
        service="test", title="t", description="t", lifespan=asynccontextmanager(lifespan), routers=[]
    )

    router = APIRouter(route_class=TransactionalRoute)

    @router.post("/ok")
    async def ok(request: Request) -> dict[str, int]:
        unit = unit_of_work(request)
        await unit.session.execute(text("SELECT 1"))
        unit.jobs.enqueue("scoring.sync", service="scoring", job_id="scoring.sync")
        return {"ok": 1}

    @router.post("/fails")
    async def fails(request: Request) -> dict[str, int]:
        unit = unit_of_work(request)
        await unit.session.execute(text("SELECT 1"))
        unit.jobs.enqueue("scoring.sync", service="scoring", job_id="scoring.sync")
        raise AppError(409, "test.refused", "ไม่ได้", "refused")

    application.include_router(router)

    async with (
        LifespanManager(application),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url="http://t") as client,
    ):
        client.app = application  # type: ignore[attr-defined]
        yield client


async def _queued(redis_url: str) -> list[str]:
    redis = Redis.from_url(redis_url)
    try:
        return [job_id async for job_id, _ in queued_jobs(redis, "scoring")]
    finally:
        await redis.aclose()


async def test_a_rollback_drops_the_jobs(app: httpx.AsyncClient, redis_url: str) -> None:
    assert (await app.post("/fails")).status_code == 409
    await app.app.state.runtime.jobs.flush()  # type: ignore[attr-defined]
    assert await _queued(redis_url) == []
    assert (await app.post("/ok")).status_code == 200
    await app.app.state.runtime.jobs.flush()  # type: ignore[attr-defined]
    assert await _queued(redis_url) == ["scoring.sync"]


async def test_many_requests_one_trip_one_job(app: httpx.AsyncClient, redis_url: str) -> None:
    sender: JobSender = app.app.state.runtime.jobs  # type: ignore[attr-defined]
    before = sender.round_trips
    responses = await asyncio.gather(*(app.post("/ok") for _ in range(50)))
    assert all(r.status_code == 200 for r in responses)
    await sender.flush()
    assert await _queued(redis_url) == ["scoring.sync"]
    assert sender.round_trips - before <= 10


async def test_redis_down_loses_the_wakeup_not_the_request(database_url: str) -> None:
    dead = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    sender = JobSender(dead)
    from kit.jobs import JobRequest

    sender.submit([JobRequest("scoring.sync", queue_name("scoring"), "scoring.sync")])
    assert await sender.flush() == 0  # logged, not raised
    await dead.aclose()
