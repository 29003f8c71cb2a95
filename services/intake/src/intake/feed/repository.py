from __future__ import annotations

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from intake.deps import IntakeState
from intake.feed import sequencer
from intake.reference import ReferenceData
from kit.db import driver_connection

# Flags, not texts (the stream carries no free text): worked out by PostgreSQL, so that no payload
# is decoded here. A field counts when it is there and not empty, as the event endpoint keeps it.
_FEED = """
SELECT p.seq, e.id, e.complaint_id, e.type, e.recorded_at, e.occurred_at, e.agency_id, e.imported,
       e.text IS NOT NULL AS has_text,
       coalesce(e.payload->>'result', '') <> '' AS has_result,
       (coalesce(e.payload->>'letter_no', '') <> '' OR coalesce(e.payload->>'order_no', '') <> ''
        OR coalesce(e.payload->>'coordination', '') <> '') AS has_result_details,
       e.payload->>'from_agency' AS from_agency,
       nullif(e.payload->>'evidence_kind', '') AS evidence_kind,
       e.payload->'duplicate_of'->>'id' AS duplicate_of,
       c.ticket_no, c.category_id, c.channel_id, c.receiving_agency_id, c.complainant_group_id, c.triage,
       c.received_at, c.imported AS complaint_imported
  FROM intake.event_log p
  JOIN intake.events e ON e.id = p.event_id
  JOIN intake.complaints c ON c.id = e.complaint_id
 WHERE p.seq > $1
 ORDER BY p.seq
 LIMIT $2
"""


async def read_feed(
    session: AsyncSession, state: IntakeState, reference: ReferenceData, after: int, limit: int
) -> bytes:
    """The page after ``after`` as FeedPage's JSON, built as plain data: the stream is read in pages
    of thousands of events, and models for each would cost more than the query."""
    last = await sequencer.last_seq(session)
    if after + limit > last:
        # The reader is near the head: number what has committed since, in its own transaction.
        async with state.runtime.db.transaction() as numbering:
            last, _ = await sequencer.sequence_committed(numbering)
    rows = await (await driver_connection(session)).fetch(_FEED, after, limit)
    known = reference.agencies.keys() | reference.by_id.keys()
    if any((r["agency_id"] not in known and r["agency_id"] is not None) or r["category_id"] not in known for r in rows):
        reference = await state.reference.get(session, refresh=True)
    agency, entry = reference.agency_code, reference.entry_code
    events = [
        {
            "seq": r["seq"],
            "id": str(r["id"]),
            "complaint_id": str(r["complaint_id"]),
            "type": r["type"],
            "recorded_at": r["recorded_at"],
            "occurred_at": r["occurred_at"],
            "agency": agency(r["agency_id"]),
            "from_agency": r["from_agency"],
            "imported": r["imported"],
            "has_text": r["has_text"],
            "has_result": r["has_result"],
            "has_result_details": r["has_result_details"],
            "evidence_kind": r["evidence_kind"],
            "duplicate_of": r["duplicate_of"],
            "complaint": {
                "ticket_no": r["ticket_no"],
                "category": entry(r["category_id"]) or "",
                "channel": entry(r["channel_id"]) or "",
                "receiving_agency": agency(r["receiving_agency_id"]) or "",
                "complainant_group": entry(r["complainant_group_id"]),
                "triage": r["triage"],
                "received_at": r["received_at"],
                "imported": r["complaint_imported"],
            },
        }
        for r in rows
    ]
    next_after = events[-1]["seq"] if events else after
    page = {"events": events, "next_after": next_after, "last_seq": max(last, next_after)}
    return orjson.dumps(page, option=orjson.OPT_UTC_Z)  # times as pydantic writes them
