"""Run after migrations: the shipped scheme files become version 1 of each scheme."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from scoring.schemes.service import load_shipped


async def prepare(session: AsyncSession) -> None:
    await load_shipped(session)
