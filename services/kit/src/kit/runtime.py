"""What a running service holds open: database engine, Redis, job sender — and the per-request
unit of work built on them (session committed before the response, jobs sent after the commit)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from fastapi import Request, Response
from fastapi.routing import APIRoute
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import SERVER_SETTINGS, Database, create_database, plain_url
from kit.jobs import JobBuffer, JobSender
from kit.settings import ServiceSettings


@dataclass
class Runtime:
    settings: ServiceSettings
    db: Database
    # asyncpg connections for writes that are one statement, committed as it returns: no session and
    # no transaction to begin and end around it (each costs a request more than such a statement).
    # Opened on first use, so a service that never asks for one holds none. Half the session pool's
    # size: such a statement holds its connection only while the database runs it (a quarter made
    # requests queue for one: p99 doubled at 64 concurrent creates).
    statements: asyncpg.Pool
    redis: Redis
    jobs: JobSender

    async def check_database(self) -> None:
        async with self.db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def check_redis(self) -> None:
        await self.redis.ping()


@asynccontextmanager
async def open_runtime(settings: ServiceSettings, *, pool_size: int | None = None) -> AsyncIterator[Runtime]:
    size = pool_size or settings.db_pool_size
    db = create_database(
        settings.database_url,
        application_name=settings.service_name,
        pool_size=size,
        max_overflow=settings.db_max_overflow,
    )
    statements = await asyncpg.create_pool(
        plain_url(settings.database_url),
        min_size=0,
        max_size=max(2, size // 2),
        server_settings={"application_name": settings.service_name, **SERVER_SETTINGS},
        reset=_keep_session,
    )
    redis = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    sender = JobSender(redis, flush_interval=settings.job_flush_interval)
    sender.start()
    try:
        yield Runtime(settings=settings, db=db, statements=statements, redis=redis, jobs=sender)
    finally:
        await sender.close()
        await redis.aclose()
        await statements.close()
        await db.dispose()


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Release a statement connection as it is. asyncpg rolls back an open transaction first; the
    rest of its default reset (a round trip for RESET ALL and the like) undoes what these
    single statements never do."""


def runtime_of(request: Request) -> Runtime:
    runtime = request.app.state.runtime
    assert isinstance(runtime, Runtime)
    return runtime


@dataclass
class UnitOfWork:
    """A request's transaction and the jobs it asks for."""

    session: AsyncSession
    jobs: JobBuffer


class TransactionalRoute(APIRoute):
    """Every request in one unit of work: its session commits when the endpoint returns — before the
    response is sent, so a 2xx always means committed — or rolls back, with its jobs, on any error;
    the jobs are handed to the queue after the commit.

    A route class rather than a dependency with ``yield``: the dependency machinery costs more per
    request than the busiest endpoints' own work, and the order (commit, then send) is explicit here."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            runtime = runtime_of(request)
            session = runtime.db.sessions()
            unit = UnitOfWork(session, JobBuffer())
            request.state.unit_of_work = unit
            try:
                response = await handler(request)
                if session.in_transaction():
                    await session.commit()
            except BaseException:
                unit.jobs.discard()
                if session.in_transaction():
                    await session.rollback()
                raise
            finally:
                # Only a transaction holds a connection; closing a session without one would cost
                # a request that never used it (a write through Runtime.statements) a greenlet.
                if session.in_transaction():
                    await session.close()
            runtime.jobs.submit(unit.jobs.drain())
            return response

        return handle


def unit_of_work(request: Request) -> UnitOfWork:
    unit = request.state.unit_of_work
    assert isinstance(unit, UnitOfWork), "the route is not a TransactionalRoute"
    return unit
