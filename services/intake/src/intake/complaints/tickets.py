"""Human ticket numbers: ``<receiving agency code>-<fiscal year>-<n>``, n counting per agency and year.

Each (agency, fiscal year) has its own PostgreSQL sequence, created on first use. A sequence never
blocks concurrent transactions (a counter row would serialise every create); the price is a gap
when a transaction rolls back, which a ticket number may have.
"""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from intake.db import SCHEMA
from kit.db import DUPLICATE_TABLE, UNIQUE_VIOLATION, plain_url


def sequence_name(agency_id: uuid.UUID, fiscal_year: int) -> str:
    return f"ticket_{agency_id.hex}_{fiscal_year}"


def ticket_prefix(agency_code: str, fiscal_year: int) -> str:
    return f"{agency_code}-{fiscal_year}-"


def format_ticket(agency_code: str, fiscal_year: int, n: int) -> str:
    return f"{ticket_prefix(agency_code, fiscal_year)}{n:06d}"


class TicketNumbers:
    def __init__(self, database_url: str) -> None:
        self._database_url = plain_url(database_url)
        self._known: set[str] = set()
        self._locks: dict[str, asyncio.Lock] = {}

    async def _ensure(self, name: str) -> None:
        if name in self._known:
            return
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:  # the first request of the year creates it; the others wait here
            if name in self._known:
                return
            # A connection of its own, outside the pool: every pooled one may be held by a request
            # waiting for this very sequence.
            conn = await asyncpg.connect(self._database_url)
            try:
                await conn.execute(f'CREATE SEQUENCE IF NOT EXISTS {SCHEMA}."{name}"')
            except asyncpg.PostgresError as exc:
                # Another process created it at the same moment: the loser sees a duplicate.
                if exc.sqlstate not in (UNIQUE_VIOLATION, DUPLICATE_TABLE):
                    raise
            finally:
                await conn.close()
            self._known.add(name)

    async def sequence(self, agency_id: uuid.UUID, fiscal_year: int) -> str:
        """The qualified name of the (agency, year) sequence, created if need be."""
        name = sequence_name(agency_id, fiscal_year)
        await self._ensure(name)
        return f'{SCHEMA}."{name}"'

    async def take(self, session: AsyncSession, agency_id: uuid.UUID, fiscal_year: int, count: int) -> list[int]:
        sequence = await self.sequence(agency_id, fiscal_year)
        rows = await session.execute(
            text("SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :n)"),
            {"sequence": sequence, "n": count},
        )
        return [int(r[0]) for r in rows]
