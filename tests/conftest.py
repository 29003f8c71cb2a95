"""Test infrastructure: real PostgreSQL and Redis (started here), one migrated database per xdist
worker, a clean slate before every test, and the intake app with an HTTP client."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import asyncpg
import pytest
from redis.asyncio import Redis
from xdist.scheduler import LoadGroupScheduling  # type: ignore[import-untyped]

from stack import throwaway
from tests import servers

os.environ.setdefault("RONGTOOK_ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("RONGTOOK_ARGON2_TIME_COST", "1")
JWT_SECRET = "test-secret-" + "x" * 40
ADMIN_PASSWORD = "admin-password"
_servers: throwaway.Throwaway | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _servers
    if hasattr(config, "workerinput") or os.environ.get(servers.PG_ENV):
        return  # an xdist worker, or servers given from outside: use them
    _servers = servers.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _servers is not None:
        _servers.stop()


class _Groups(LoadGroupScheduling):  # type: ignore[misc]
    """`--dist loadgroup` that also works with pytest ≥ 9.2, where xdist 3.8 can no longer add the
    group to a test's id (pytest-xdist#1386: every test is then scheduled on its own): the
    end-to-end tests (tests/e2e, all in the group "e2e") are one unit of work for one worker."""

    def _split_scope(self, nodeid: str) -> str:
        scope = str(super()._split_scope(nodeid))
        if scope == nodeid and nodeid.startswith("tests/e2e/"):
            return "e2e"
        return scope


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> _Groups | None:
    return _Groups(config, log) if config.getvalue("dist") == "loadgroup" else None


def _worker_number() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    match = re.search(r"(\d+)$", worker)
    return int(match.group(1)) if match else 0


@pytest.fixture(scope="session")
def database_url() -> str:
    """A database of this worker's own, migrated by Alembic with the reference data in place."""
    from kit.migrations import upgrade

    url = asyncio.run(servers.fresh_database(f"rongtook_test_{_worker_number()}"))
    upgrade("intake", url)
    upgrade("scoring", url)
    upgrade("reporting", url)
    return url


@pytest.fixture(scope="session")
def redis_url() -> str:
    return f"{os.environ[servers.REDIS_ENV]}/{_worker_number() % servers.E2E_REDIS_DB}"


_KEEP = {"alembic_version"}
_SCHEMAS = ("intake", "scoring", "reporting")


async def _reset(database_url: str, redis_url: str) -> None:
    from intake.setup import ensure_root_agency, prepare
    from intake.users.service import ensure_admin
    from kit.db import create_database
    from scoring.setup import prepare as prepare_scoring

    conn = await asyncpg.connect(database_url)
    try:
        tables = [
            f"{r['schemaname']}.{r['tablename']}"
            for r in await conn.fetch(
                "SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY($1::text[])", list(_SCHEMAS)
            )
            if r["tablename"] not in _KEEP
        ]
        await conn.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")
        await conn.execute(
            "INSERT INTO intake.sequencer_state VALUES (1, 0, 0, '00000000-0000-0000-0000-000000000000') "
            "ON CONFLICT DO NOTHING"
        )
    finally:
        await conn.close()
    db = create_database(database_url, application_name="test-reset", pool_size=1)
    try:
        async with db.transaction() as session:
            await prepare(session)
            await prepare_scoring(session)
            await ensure_admin(session, (await ensure_root_agency(session)).id, ADMIN_PASSWORD)
    finally:
        await db.dispose()
    redis = Redis.from_url(redis_url)
    try:
        await redis.flushdb()
    finally:
        await redis.aclose()


@pytest.fixture
async def clean(database_url: str, redis_url: str) -> None:
    await _reset(database_url, redis_url)


@pytest.fixture
def intake_settings(database_url: str, redis_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    from intake.config import IntakeSettings

    return IntakeSettings(
        database_url=database_url,
        redis_url=redis_url,
        jwt_secret=JWT_SECRET,
        var_dir=tmp_path / "var",
        log_json=True,
        log_level="WARNING",
        db_pool_size=20,
    )
