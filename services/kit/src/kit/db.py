"""Database access: one async engine per service, a declarative base per service schema.

Every service owns one PostgreSQL schema; its tables live there and so does its Alembic version
table. The naming convention keeps constraint names stable, so autogenerate finds no drift.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Mapped, mapped_column

from kit.ids import new_id

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"
DUPLICATE_TABLE = "42P07"
SERIALIZATION_FAILURE = "40001"
DEADLOCK_DETECTED = "40P01"


async def driver_connection(session: AsyncSession) -> Any:
    """The asyncpg connection under ``session``, inside its transaction: for the few hot statements
    where SQLAlchemy's per-statement work would cost more than the database's."""
    connection = await session.connection()
    adapted = (await connection.get_raw_connection()).dbapi_connection
    # SQLAlchemy's asyncpg adapter sends BEGIN just before the first statement it runs itself. A
    # statement sent straight to the driver before that one would run outside the transaction: its
    # writes committed at once, its row locks released at once. Begin as the adapter would.
    if adapted._transaction is None:  # type: ignore[union-attr]
        await adapted._start_transaction()  # type: ignore[union-attr]
    return adapted.driver_connection  # type: ignore[union-attr]


def sql_state(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error raised through SQLAlchemy, if any."""
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) or getattr(getattr(orig, "__cause__", None), "sqlstate", None)


def id_column() -> Mapped[uuid.UUID]:
    return mapped_column(primary_key=True, default=new_id)


def created_at_column() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


def schema_metadata(schema: str) -> MetaData:
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def async_url(url: str) -> str:
    """Accept the usual ``postgresql://`` form and pick the asyncpg driver."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError("DATABASE_URL must be a postgresql:// URL")


def plain_url(url: str) -> str:
    """The libpq form of a database URL (for asyncpg.connect, psql, pg_dump)."""
    return "postgresql://" + async_url(url)[len("postgresql+asyncpg://") :]


@dataclass
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits when the block ends without error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()


# Statements are prepared once per connection; left to choose, PostgreSQL keeps re-planning the
# larger ones with their values (a custom plan), which costs more than running them. Our statements
# are written for one plan whatever the values (partial-index predicates are literals, not
# parameters).
SERVER_SETTINGS = {"timezone": "UTC", "plan_cache_mode": "force_generic_plan"}


def create_database(url: str, *, application_name: str, pool_size: int = 10, max_overflow: int = 10) -> Database:
    engine = create_async_engine(
        async_url(url),
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args={"server_settings": {"application_name": application_name, **SERVER_SETTINGS}},
    )
    sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    return Database(engine=engine, sessions=sessions)
