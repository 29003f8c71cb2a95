"""Following intake's stream: the stream keeps its tables' statistics while it fills them."""

from __future__ import annotations

import asyncpg
import pytest

from scoring.stream import tasks
from tests.scoring.conftest import Stack
from tests.scoring.history import complaint, load, organisation

_ANALYSED = """
SELECT relname, analyze_count FROM pg_stat_user_tables
 WHERE schemaname = 'scoring' AND relname IN ('complaints', 'events', 'assignments')
"""


async def _analyse_counts(stack: Stack) -> dict[str, int]:
    conn = await asyncpg.connect(stack.database_url)
    try:
        await conn.execute("SELECT pg_stat_clear_snapshot()")
        return {r[0]: r[1] for r in await conn.fetch(_ANALYSED)}
    finally:
        await conn.close()


async def test_the_stream_gathers_statistics_when_the_complaints_have_doubled(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "_ANALYSE_FROM", 2)
    await organisation(stack)
    history = [("forwarded", "2024-06-04 10:00", {"agency": "DA"})]
    before = await _analyse_counts(stack)
    await load(stack, complaint(history, "2024-06-04 09:00"))
    assert await _analyse_counts(stack) == before  # one new complaint: below the threshold
    await load(stack, complaint(history, "2024-06-04 09:00"), complaint(history, "2024-06-04 09:00"))
    after = await _analyse_counts(stack)
    assert {table: after[table] - before[table] for table in after} == {"complaints": 1, "events": 1, "assignments": 1}
