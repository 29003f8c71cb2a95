"""What a running service holds open: database engine, Redis, job sender — and the per-request
unit of work built on them (session committed before the response, jobs sent after the commit)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import Database, create_database
from kit.jobs import JobBuffer, JobSender
from kit.settings import ServiceSettings


@dataclass
class Runtime:
    settings: ServiceSettings
    db: Database
    redis: Redis
    jobs: JobSender

    async def check_database(self) -> None:
        async with self.db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def check_redis(self) -> None:
        await self.redis.ping()


@asynccontextmanager
async def open_runtime(settings: ServiceSettings, *, pool_size: int | None = None) -> AsyncIterator[Runtime]:
    db = create_database(
        settings.database_url,
        application_name=settings.service_name,
        pool_size=pool_size or settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    redis = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    sender = JobSender(redis, flush_interval=settings.job_flush_interval)
    sender.start()
    try:
        yield Runtime(settings=settings, db=db, redis=redis, jobs=sender)
    finally:
        await sender.close()
        await redis.aclose()
        await db.dispose()


def runtime_of(request: Request) -> Runtime:
    runtime = request.app.state.runtime
    assert isinstance(runtime, Runtime)
    return runtime


def _job_buffer(request: Request) -> JobBuffer:
    return JobBuffer()


JobsDep = Annotated[JobBuffer, Depends(_job_buffer)]


async def _session(request: Request, jobs: JobsDep) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the endpoint returns — before the response
    is sent, so a 2xx always means committed — rolled back (with its jobs) on any error."""
    runtime = runtime_of(request)
    async with runtime.db.sessions() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            jobs.discard()
            await session.rollback()
            raise
    runtime.jobs.submit(jobs.drain())


SessionDep = Annotated[AsyncSession, Depends(_session, scope="function")]
