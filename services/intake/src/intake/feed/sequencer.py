"""Numbering committed events for the stream (see feed/models.py for why it is done this way).

One statement, under an advisory lock: take the oldest transaction id still running
anywhere (the snapshot's xmin). Every event written by a transaction below it is final — committed
or rolled back — and so can be numbered now, in (transaction id, event id) order, after the last
one numbered. Events of transactions still running wait for a later run; nothing numbered later
can get a smaller number.

A long write transaction anywhere in the cluster holds xmin back and so delays the stream (never
loses from it): keep write transactions short — the import commits per batch.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from intake.db import SCHEMA

_SEQUENCE = text(
    f"""
    WITH state AS (
        SELECT last_seq, cursor_tx, cursor_event_id
        FROM {SCHEMA}.sequencer_state WHERE id = 1
    ),
    horizon AS (
        SELECT (pg_snapshot_xmin(pg_current_snapshot()))::text::bigint AS xmin
    ),
    fresh AS (
        SELECT e.tx, e.id, row_number() OVER (ORDER BY e.tx, e.id) AS n
        FROM {SCHEMA}.events e
        -- Compared with values (not joined to the CTEs), so that the index starts at the cursor
        -- rather than filtering every event ever numbered.
        WHERE (e.tx, e.id) > ((SELECT cursor_tx FROM state), (SELECT cursor_event_id FROM state))
          AND e.tx < (SELECT xmin FROM horizon)
        ORDER BY e.tx, e.id
        LIMIT :batch
    ),
    numbered AS (
        INSERT INTO {SCHEMA}.event_log (seq, event_id)
        SELECT state.last_seq + fresh.n, fresh.id FROM fresh, state
        RETURNING seq
    ),
    last AS (
        SELECT tx, id FROM fresh ORDER BY n DESC LIMIT 1
    )
    UPDATE {SCHEMA}.sequencer_state s
    SET last_seq = s.last_seq + (SELECT count(*) FROM numbered),
        cursor_tx = COALESCE((SELECT tx FROM last), s.cursor_tx),
        cursor_event_id = COALESCE((SELECT id FROM last), s.cursor_event_id)
    WHERE s.id = 1
    RETURNING s.last_seq, (SELECT count(*) FROM numbered) AS added
    """
)

BATCH = 50_000
_LOCK_KEY = 0x52544B_5345510  # 'RTK' 'SEQ'


async def sequence_committed(session: AsyncSession, batch: int = BATCH) -> tuple[int, int]:
    """Number what can be numbered now; returns (last sequence number, how many were added).
    Runs in the caller's transaction, which should commit at once."""
    # The lock first, so the numbering statement's snapshot is taken after any earlier run committed.
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    row = (await session.execute(_SEQUENCE, {"batch": batch})).one()
    return int(row[0]), int(row[1])


async def last_seq(session: AsyncSession) -> int:
    return int(
        (await session.execute(text(f"SELECT last_seq FROM {SCHEMA}.sequencer_state WHERE id = 1"))).scalar_one()
    )
