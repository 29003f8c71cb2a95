"""Human ticket numbers: ``<receiving agency code>-<fiscal year>-<n>``, n counting per agency and year.

Each (agency, fiscal year) has its own PostgreSQL sequence, created on first use. A sequence never
blocks concurrent transactions (a counter row would serialise every create); the price is a gap
when a transaction rolls back, which a ticket number may have.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from intake.db import SCHEMA
from kit.db import DUPLICATE_TABLE, UNIQUE_VIOLATION, sql_state


def sequence_name(agency_id: uuid.UUID, fiscal_year: int) -> str:
    return f"ticket_{agency_id.hex}_{fiscal_year}"


def format_ticket(agency_code: str, fiscal_year: int, n: int) -> str:
    return f"{agency_code}-{fiscal_year}-{n:06d}"


class TicketNumbers:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._known: set[str] = set()

    async def _ensure(self, name: str) -> None:
        if name in self._known:
            return
        for _ in range(3):
            try:
                async with self._engine.begin() as conn:
                    await conn.execute(text(f'CREATE SEQUENCE IF NOT EXISTS {SCHEMA}."{name}"'))
                break
            except DBAPIError as exc:
                # Two processes creating it at once: the loser sees a duplicate; it exists now.
                if sql_state(exc) not in (UNIQUE_VIOLATION, DUPLICATE_TABLE):
                    raise
        self._known.add(name)

    async def next(self, session: AsyncSession, agency_id: uuid.UUID, agency_code: str, fiscal_year: int) -> str:
        (n,) = await self.take(session, agency_id, fiscal_year, 1)
        return format_ticket(agency_code, fiscal_year, n)

    async def take(self, session: AsyncSession, agency_id: uuid.UUID, fiscal_year: int, count: int) -> list[int]:
        name = sequence_name(agency_id, fiscal_year)
        await self._ensure(name)
        if count == 1:
            value = (await session.execute(text(f"SELECT nextval('{SCHEMA}.\"{name}\"')"))).scalar_one()
            return [int(value)]
        rows = await session.execute(
            text(f"SELECT nextval('{SCHEMA}.\"{name}\"') FROM generate_series(1, :n)"), {"n": count}
        )
        return [int(r[0]) for r in rows]
