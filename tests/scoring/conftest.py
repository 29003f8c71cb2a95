"""Scoring under test, end to end: intake and scoring each served by uvicorn on a port of their own
(real HTTP between them and from the tests), the worker's jobs run against them."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from kit.http import ServiceClient
from kit.runtime import open_runtime
from tests.conftest import ADMIN_PASSWORD, JWT_SECRET
from tests.intake.conftest import Api
from tests.servers import free_port


class _Server:
    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None, access_log=False, lifespan="on")
        )
        self.task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> _Server:
        self.task = asyncio.create_task(self.server.serve())
        while not self.server.started:
            if self.task.done():
                self.task.result()
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *_: object) -> None:
        self.server.should_exit = True
        assert self.task is not None
        await self.task


@dataclass
class Stack:
    intake: Api
    scoring: httpx.AsyncClient
    worker: Any  # scoring.stream.tasks.WorkerState
    database_url: str

    async def sync(self, timeout: float = 20.0) -> int:
        """Run the worker's sync job until scoring holds every event intake committed."""
        from scoring.stream.tasks import sync

        deadline = asyncio.get_running_loop().time() + timeout
        conn = await asyncpg.connect(self.database_url)
        try:
            while True:
                await sync(self.worker)
                stored = await conn.fetchval("SELECT count(*) FROM scoring.events")
                written = await conn.fetchval("SELECT count(*) FROM intake.events")
                if stored == written:
                    return int(stored)
                if asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(f"scoring has {stored} of intake's {written} events")
                await asyncio.sleep(0.05)
        finally:
            await conn.close()

    async def recompute(self, first: str | None = None, last: str | None = None) -> dict[str, int]:
        from scoring.stream.tasks import recompute

        return await recompute(self.worker, first, last)

    async def get(self, path: str, headers: dict[str, str], **params: Any) -> Any:
        response = await self.scoring.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
async def stack(
    clean: None, intake_settings: Any, database_url: str, redis_url: str, tmp_path: Path
) -> AsyncIterator[Stack]:
    from intake.app import create_app as create_intake
    from scoring.app import create_app as create_scoring
    from scoring.calendar.service import CalendarCache
    from scoring.config import ScoringSettings
    from scoring.stream.projectors import Projectors
    from scoring.stream.tasks import WorkerState

    async with _Server(create_intake(intake_settings)) as intake:
        settings = ScoringSettings(
            database_url=database_url,
            redis_url=redis_url,
            jwt_secret=JWT_SECRET,
            intake_url=intake.url,
            var_dir=tmp_path / "var",
            log_level="WARNING",
            db_pool_size=5,
            agencies_ttl_seconds=0,
        )
        async with (
            _Server(create_scoring(settings)) as scoring,
            httpx.AsyncClient(base_url=intake.url, timeout=30) as intake_http,
            httpx.AsyncClient(base_url=scoring.url, timeout=30) as scoring_http,
            open_runtime(settings, pool_size=2) as runtime,
        ):
            client = ServiceClient(intake.url, secret=JWT_SECRET, caller="scoring")
            projectors = Projectors(database_url)  # spawned by the first recompute of more than one chunk
            try:
                api = Api(intake_http, intake.server.config.app)  # type: ignore[arg-type]
                api.admin = await api.login("admin", ADMIN_PASSWORD)
                worker = WorkerState(settings, runtime, client, CalendarCache(), projectors)
                yield Stack(api, scoring_http, worker, database_url)
            finally:
                projectors.close()
                await client.aclose()


def bangkok(text: str) -> dt.datetime:
    """'2024-04-12 10:00' in Bangkok time, as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))
