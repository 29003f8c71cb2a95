"""Migrations: up → down → up with data, one head, and the models match the migrations (no drift)."""

from __future__ import annotations

import asyncio
import os

import asyncpg
import pytest

from kit.db import create_database
from kit.migrations import downgrade, drift, heads, upgrade
from tests import servers


@pytest.fixture
def scratch_database() -> str:
    admin_url = os.environ[servers.PG_ENV]
    name = f"rongtook_migrations_{os.environ.get('PYTEST_XDIST_WORKER', 'gw0')}"

    async def create() -> None:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            await conn.execute(f"CREATE DATABASE {name} LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0")
        finally:
            await conn.close()

    asyncio.run(create())
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


async def _tables(url: str) -> set[str]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'intake'")
    finally:
        await conn.close()
    return {r["tablename"] for r in rows}


async def _fill(url: str) -> None:
    """Some of everything: the reference data, a complaint with events, a ticket sequence."""
    from intake.setup import prepare

    db = create_database(url, application_name="migration-test", pool_size=1)
    try:
        async with db.transaction() as session:
            await prepare(session)
    finally:
        await db.dispose()
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("CREATE SEQUENCE intake.ticket_0123456789abcdef0123456789abcdef_2570")
        await conn.execute(
            """
            WITH a AS (SELECT id FROM intake.agencies LIMIT 1),
                 ch AS (SELECT id FROM intake.channels LIMIT 1),
                 cat AS (INSERT INTO intake.categories (id, code, name_th, active, sort_order)
                         VALUES (gen_random_uuid(), 'roads', 'ถนน', true, 0) RETURNING id),
                 c AS (INSERT INTO intake.complaints
                         (id, ticket_no, receiving_agency_id, channel_id, category_id, title, description, search_text, title_key,
                          triage, status, received_at, updated_at, agency_ids, created_by, imported, public_token)
                       SELECT gen_random_uuid(), 'ORG-2570-000001', a.id, ch.id, cat.id, 'ถนนชำรุด', 'หลุม', 'ถนนชำรุด', 'ถนนชำรุด',
                              'general', 'received', now(), now(), ARRAY[a.id], 'user:test', false, 'token-123'
                       FROM a, ch, cat RETURNING id)
            INSERT INTO intake.events (id, complaint_id, type, recorded_at, actor, payload, imported)
            SELECT gen_random_uuid(), c.id, 'received', now(), 'user:test', '{}', false FROM c
            """
        )
    finally:
        await conn.close()


def test_up_down_up_with_data(scratch_database: str) -> None:
    upgrade("intake", scratch_database)
    asyncio.run(_fill(scratch_database))
    downgrade("intake", scratch_database, "base")
    assert asyncio.run(_tables(scratch_database)) == {"alembic_version"}
    upgrade("intake", scratch_database)
    tables = asyncio.run(_tables(scratch_database))
    assert {"complaints", "events", "event_log", "sequencer_state", "survey_templates"} <= tables
    asyncio.run(_fill(scratch_database))


def test_one_head(scratch_database: str) -> None:
    assert len(heads("intake", scratch_database)) == 1


def test_models_and_migrations_agree(scratch_database: str) -> None:
    from intake.db import SCHEMA
    from intake.tables import metadata

    upgrade("intake", scratch_database)
    assert drift(metadata, SCHEMA, scratch_database) == []
