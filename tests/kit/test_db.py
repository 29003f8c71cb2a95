"""kit.db.driver_connection: statements sent straight to asyncpg run inside the session's
transaction, even when SQLAlchemy has run none yet (the hot paths start with one)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from kit.db import Database, create_database, driver_connection

_TABLE = "kit_db_probe"


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = create_database(database_url, application_name="test-db", pool_size=1, max_overflow=0)
    async with database.transaction() as session:
        raw = await driver_connection(session)
        await raw.execute(f"CREATE TABLE {_TABLE} (name text PRIMARY KEY, n int NOT NULL)")
        await raw.execute(f"INSERT INTO {_TABLE} VALUES ('cursor', 0)")
    try:
        yield database
    finally:
        async with database.transaction() as session:
            await (await driver_connection(session)).execute(f"DROP TABLE {_TABLE}")
        await database.dispose()


async def test_the_first_statement_runs_in_the_transaction(db: Database) -> None:
    async with db.sessions() as session:
        raw = await driver_connection(session)
        first = await raw.fetchval("SELECT pg_current_xact_id()")
        assert await raw.fetchval("SELECT pg_current_xact_id()") == first
        await raw.execute(f"UPDATE {_TABLE} SET n = 1")
        await session.rollback()
    async with db.sessions() as session:
        raw = await driver_connection(session)
        assert await raw.fetchval(f"SELECT n FROM {_TABLE}") == 0


async def test_a_row_lock_is_held_until_the_session_commits(db: Database, database_url: str) -> None:
    other = await asyncpg.connect(database_url)
    try:
        async with db.sessions() as session:
            raw = await driver_connection(session)
            await raw.fetchval(f"SELECT n FROM {_TABLE} WHERE name = 'cursor' FOR UPDATE")
            with pytest.raises(asyncpg.LockNotAvailableError):
                await other.fetchval(f"SELECT n FROM {_TABLE} WHERE name = 'cursor' FOR UPDATE NOWAIT")
            await session.commit()
        assert await other.fetchval(f"SELECT n FROM {_TABLE} WHERE name = 'cursor' FOR UPDATE NOWAIT") == 0
    finally:
        await other.close()
