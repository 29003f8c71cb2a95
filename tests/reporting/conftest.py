"""Reporting under test, end to end: intake, scoring and reporting each served by uvicorn (real HTTP
between them and from the tests); reports rendered by the worker's own job function."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import JWT_SECRET
from tests.scoring.conftest import Stack, _Server, stack

__all__ = ["Reporting", "stack"]


@dataclass
class Reporting:
    stack: Stack
    http: httpx.AsyncClient
    state: Any  # reporting.state.ReportingState, as the worker holds it

    @property
    def admin(self) -> dict[str, str]:
        return self.stack.intake.admin

    async def post(self, path: str, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
        return await self.http.post(path, json=body, headers=headers or self.admin)

    async def request(self, type_: str, params: dict[str, Any], format: str = "pdf", **options: Any) -> str:
        response = await self.post("/v1/reports", {"type": type_, "params": params, "format": format, **options})
        assert response.status_code == 202, response.text
        body = response.json()
        assert body["status"] == "queued"
        return str(body["id"])

    async def render(self, report_id: str) -> dict[str, Any]:
        """Run the worker's job for the report, as arq would; the report's status afterwards."""
        from reporting.reports.tasks import render_report

        await render_report(self.state, report_id)
        return await self.status(report_id)

    async def status(self, report_id: str) -> dict[str, Any]:
        response = await self.http.get(f"/v1/reports/{report_id}", headers=self.admin)
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def make(self, type_: str, params: dict[str, Any], format: str = "pdf", **options: Any) -> bytes:
        """Request, render and download a report."""
        report_id = await self.request(type_, params, format, **options)
        status = await self.render(report_id)
        assert status["status"] == "done", status
        response = await self.http.get(f"/v1/reports/{report_id}/file", headers=self.admin)
        assert response.status_code == 200, response.text
        return response.content


@pytest.fixture
async def reporting(stack: Stack, database_url: str, redis_url: str, tmp_path: Path) -> AsyncIterator[Reporting]:
    from reporting.app import create_app
    from reporting.config import ReportingSettings
    from reporting.state import open_state

    settings = ReportingSettings(
        database_url=database_url,
        redis_url=redis_url,
        jwt_secret=JWT_SECRET,
        intake_url=str(stack.intake.http.base_url).rstrip("/"),
        scoring_url=str(stack.scoring.base_url).rstrip("/"),
        var_dir=tmp_path / "var",
        log_level="WARNING",
        db_pool_size=5,
        agencies_ttl_seconds=0,
    )
    async with (
        _Server(create_app(settings)) as server,
        httpx.AsyncClient(base_url=server.url, timeout=60) as http,
        open_state(settings, pool_size=3) as state,
    ):
        yield Reporting(stack, http, state)


async def wait_for(check: Any, timeout: float = 30.0) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)
