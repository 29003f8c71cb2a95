"""Intake's worker (issue 2): the crons that number the event stream, merge the text index, keep the
busy tables' statistics and forget old idempotency keys, run again and again — not once at start."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import asyncpg
import pytest

from intake import worker as intake_worker
from intake.config import IntakeSettings
from intake.worker import WorkerState, create_worker, gather_statistics, purge_idempotency_keys
from kit.runtime import open_runtime
from tests.intake.conftest import Api, Org
from tests.workers import running


async def _value(database_url: str, sql: str) -> float:
    conn = await asyncpg.connect(database_url)
    try:
        return float(await conn.fetchval(sql))
    finally:
        await conn.close()


async def _last_seq(database_url: str) -> int:
    return int(await _value(database_url, "SELECT last_seq FROM intake.sequencer_state"))


async def _numbered(database_url: str, at_least: int, within: float) -> int:
    """The stream's last number once it reaches ``at_least`` (read from the table: asking the feed
    would number the events itself)."""
    deadline = time.monotonic() + within
    while (last := await _last_seq(database_url)) < at_least:
        assert time.monotonic() < deadline, f"only {last} events numbered after {within} s"
        await asyncio.sleep(0.2)
    return last


# arq's Worker.close still calls redis's deprecated close().
@pytest.mark.filterwarnings("ignore:Call to deprecated close:DeprecationWarning")
async def test_the_worker_keeps_numbering_new_events(
    api: Api, org: Org, intake_settings: IntakeSettings, database_url: str
) -> None:
    async with running(create_worker(intake_settings, handle_signals=False)):
        await api.complaint(org.front_desk, agency="DA")  # received + forwarded
        first = await _numbered(database_url, 2, within=8)
        # The cron runs every two seconds, every time (a cron job kept "in progress" by arq for a
        # minute after it ends would make this wait a minute).
        for round_ in range(3):
            await api.complaint(org.front_desk)
            first = await _numbered(database_url, first + 1, within=8)
            assert first == 3 + round_


async def test_old_idempotency_keys_are_forgotten(
    intake_settings: IntakeSettings, database_url: str, clean: None
) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        now = dt.datetime.now(dt.UTC)
        for key, age in (("old", intake_settings.idempotency_retention_hours + 1), ("fresh", 1)):
            await conn.execute(
                "INSERT INTO intake.idempotency_keys (principal, key, request_hash, status_code, response, created_at) "
                "VALUES ('user:1', $1, 'h', 201, '{}', $2)",
                key,
                now - dt.timedelta(hours=age),
            )
        async with open_runtime(intake_settings, pool_size=1) as runtime:
            assert await purge_idempotency_keys(WorkerState(intake_settings, runtime)) == 1
        assert [r["key"] for r in await conn.fetch("SELECT key FROM intake.idempotency_keys")] == ["fresh"]
    finally:
        await conn.close()


async def _analysed_rows(database_url: str) -> float:
    return await _value(database_url, "SELECT reltuples FROM pg_class WHERE oid = 'intake.complaints'::regclass")


async def _until_analysed(state: WorkerState, table: str, within: float) -> None:
    """Run the job until it analyses ``table`` (the writers' row counts reach the statistics a
    moment after they commit)."""
    deadline = time.monotonic() + within
    while table not in await gather_statistics(state):
        assert time.monotonic() < deadline, f"{table} not analysed after {within} s"
        await asyncio.sleep(0.5)


async def test_statistics_are_gathered_each_time_a_table_doubles(
    api: Api, org: Org, intake_settings: IntakeSettings, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake_worker, "_GATHER_FROM", 3)
    async with open_runtime(intake_settings, pool_size=1) as runtime:
        state = WorkerState(intake_settings, runtime)
        for _ in range(2):
            await api.complaint(org.front_desk)
        await asyncio.sleep(1.5)
        assert "intake.complaints" not in await gather_statistics(state)  # below the threshold
        await api.complaint(org.front_desk)
        await _until_analysed(state, "intake.complaints", within=20)
        assert await _analysed_rows(database_url) == 3
        assert "intake.complaints" not in await gather_statistics(state)  # not doubled since
        for _ in range(3):
            await api.complaint(org.front_desk)
        await _until_analysed(state, "intake.complaints", within=20)
        assert await _analysed_rows(database_url) == 6
