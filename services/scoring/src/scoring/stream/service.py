"""Following intake's event stream (ARCHITECTURE: how the event stream flows).

One step = one transaction: lock the cursor, read the page after it from intake, store its events
(an event already stored is skipped), re-project every complaint the page touched from all its
stored events, advance the cursor, commit. Applying a page twice changes nothing; a worker that
dies mid-way leaves the cursor where it was. Recomputes take the same lock, so a projection is
never written with a calendar older than the one a concurrent step used.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import driver_connection
from kit.thai import fiscal_year_of
from kit.workdays import WorkCalendar
from scoring.sla import repository
from scoring.sla.projection import StreamEvent, project

CURSOR = "intake.events"


async def lock_cursor(raw: Any) -> int:
    """The stream position, locked until the transaction ends (one writer of projections at a time)."""
    await raw.execute(
        "INSERT INTO scoring.cursors (name, seq, updated_at) VALUES ($1, 0, now()) ON CONFLICT DO NOTHING", CURSOR
    )
    return int(await raw.fetchval("SELECT seq FROM scoring.cursors WHERE name = $1 FOR UPDATE", CURSOR))


_EVENT_COLUMNS = (
    "seq",
    "id",
    "complaint_id",
    "type",
    "recorded_at",
    "agency",
    "from_agency",
    "has_result",
    "has_result_details",
    "evidence_kind",
)
# Only the stream writes events, under the cursor's lock: none stored within a page's range of
# sequence numbers means none of its events is stored.
_ANY_STORED = "SELECT EXISTS (SELECT 1 FROM scoring.events WHERE seq BETWEEN $1 AND $2)"
_INSERT_NEW_EVENTS = f"""
INSERT INTO scoring.events ({", ".join(_EVENT_COLUMNS)})
SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                     $8::bool[], $9::bool[], $10::text[])
ON CONFLICT DO NOTHING
"""


@dataclass(frozen=True)
class StoredPage:
    facts: dict[uuid.UUID, dict[str, Any]]  # the complaints the page touched, as the feed gives them
    new: dict[uuid.UUID, list[StreamEvent]]  # those seen for the first time, with all their events


async def store_events(raw: Any, events: Sequence[dict[str, Any]]) -> StoredPage:
    """Store a feed page's events (an event already stored is skipped)."""
    # Parsed once per page: a page holds thousands of events but a few hundred complaints.
    by_text: dict[str, uuid.UUID] = {}
    complaints: dict[uuid.UUID, dict[str, Any]] = {}
    event_complaints: list[uuid.UUID] = []
    for e in events:
        text = str(e["complaint_id"])
        cid = by_text.get(text)
        if cid is None:
            cid = by_text[text] = uuid.UUID(text)
            complaints[cid] = e["complaint"]
        event_complaints.append(cid)
    recorded = [_time(e["recorded_at"]).astimezone(dt.UTC) for e in events]  # as PostgreSQL gives it back
    known = await raw.fetch("SELECT id FROM scoring.complaints WHERE id = ANY($1::uuid[])", list(complaints))
    new: dict[uuid.UUID, list[StreamEvent]] = {cid: [] for cid in complaints.keys() - {r[0] for r in known}}
    columns = (
        [int(e["seq"]) for e in events],
        [str(e["id"]) for e in events],
        event_complaints,
        [e["type"] for e in events],
        recorded,
        [e.get("agency") for e in events],
        [e.get("from_agency") for e in events],
        [bool(e.get("has_result")) for e in events],
        [bool(e.get("has_result_details")) for e in events],
        [e.get("evidence_kind") for e in events],
    )
    if await raw.fetchval(_ANY_STORED, min(columns[0]), max(columns[0])):  # a page applied again
        await raw.execute(_INSERT_NEW_EVENTS, *columns)
    else:  # the usual case, and COPY costs half as much as an INSERT that checks each event
        await raw.copy_records_to_table(
            "events", schema_name="scoring", columns=_EVENT_COLUMNS, records=zip(*columns, strict=True)
        )
    # A complaint first seen here has no stored event but the page's: no need to read them back.
    seq, _, _, kind, _, agency, from_agency, has_result, has_result_details, evidence_kind = columns
    for i, cid in enumerate(event_complaints):
        if (found := new.get(cid)) is not None:
            found.append(
                StreamEvent(
                    seq[i],
                    kind[i],
                    recorded[i],
                    agency[i],
                    from_agency[i],
                    has_result[i],
                    has_result_details[i],
                    evidence_kind[i],
                )
            )
    return StoredPage(complaints, new)


async def store_complaints(
    raw: Any, facts: Mapping[uuid.UUID, dict[str, Any]], projections: repository.ProjectionChanges
) -> None:
    """Insert or update the complaints a page touched: their facts and their projected status, in
    one write per complaint."""
    ids = projections.ids
    received = [_time(facts[cid]["received_at"]) for cid in ids]
    await raw.execute(
        """
        INSERT INTO scoring.complaints (id, ticket_no, category, channel, receiving_agency, complainant_group,
                                        triage, received_at, fiscal_year, imported, status, completed_at,
                                        concluded_at, last_event_at, last_seq, projection_digest)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                             $8::timestamptz[], $9::int[], $10::bool[], $11::text[], $12::timestamptz[],
                             $13::timestamptz[], $14::timestamptz[], $15::bigint[], $16::bytea[])
        ON CONFLICT (id) DO UPDATE
           SET category = excluded.category, channel = excluded.channel,
               receiving_agency = excluded.receiving_agency, complainant_group = excluded.complainant_group,
               triage = excluded.triage, status = excluded.status, completed_at = excluded.completed_at,
               concluded_at = excluded.concluded_at, last_event_at = excluded.last_event_at,
               last_seq = excluded.last_seq, projection_digest = excluded.projection_digest
        """,
        ids,
        [facts[cid]["ticket_no"] for cid in ids],
        [facts[cid]["category"] for cid in ids],
        [facts[cid]["channel"] for cid in ids],
        [facts[cid]["receiving_agency"] for cid in ids],
        [facts[cid].get("complainant_group") for cid in ids],
        [facts[cid]["triage"] for cid in ids],
        received,
        [fiscal_year_of(r) for r in received],
        [bool(facts[cid].get("imported")) for cid in ids],
        projections.statuses,
        projections.completed,
        projections.concluded,
        projections.last_at,
        projections.last_seq,
        projections.digests,
    )


async def apply_page(session: AsyncSession, events: Sequence[dict[str, Any]], calendar: WorkCalendar) -> int:
    """Apply one page of the feed (already read after the locked cursor) and advance the cursor;
    the complaints it held that were not known before. The complaints it touched are projected
    again from all their events (theirs have changed: no digest to compare)."""
    raw = await driver_connection(session)
    if not events:
        return 0
    page = await store_events(raw, events)
    touched = await repository.load_events(raw, [cid for cid in page.facts if cid not in page.new])
    touched.update(page.new)
    changes = repository.changed_projections((cid, project(touched[cid], calendar)) for cid in touched)
    await store_complaints(raw, page.facts, changes)
    await repository.replace_assignments(raw, changes, first_seen=page.new.keys())
    await raw.execute(
        "UPDATE scoring.cursors SET seq = GREATEST(seq, $2), updated_at = now() WHERE name = $1",
        CURSOR,
        int(events[-1]["seq"]),
    )
    return len(page.new)


def _time(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
