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
from collections.abc import Collection, Mapping, Sequence
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


@dataclass(frozen=True)
class StoredPage:
    touched: list[uuid.UUID]  # the complaints the page touched, in first-seen order
    new: dict[uuid.UUID, list[StreamEvent]]  # those seen for the first time, with all their events


async def store_page(raw: Any, events: Sequence[dict[str, Any]]) -> StoredPage:
    """Store a feed page's events and complaint facts."""
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
    await raw.execute(
        """
        INSERT INTO scoring.events (seq, id, complaint_id, type, recorded_at, agency, from_agency,
                                    has_result, has_result_details, evidence_kind)
        SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[],
                             $7::text[], $8::bool[], $9::bool[], $10::text[])
        ON CONFLICT DO NOTHING
        """,
        [e["seq"] for e in events],
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
    # A complaint first seen here has no stored event but the page's: no need to read them back.
    for e, cid, at in zip(events, event_complaints, recorded, strict=True):
        if (found := new.get(cid)) is not None:
            found.append(
                StreamEvent(
                    int(e["seq"]),
                    e["type"],
                    at,
                    e.get("agency"),
                    e.get("from_agency"),
                    bool(e.get("has_result")),
                    bool(e.get("has_result_details")),
                    e.get("evidence_kind"),
                )
            )
    facts = list(complaints.items())
    received = [_time(c["received_at"]) for _, c in facts]
    await raw.execute(
        """
        INSERT INTO scoring.complaints (id, ticket_no, category, channel, receiving_agency, complainant_group,
                                        triage, received_at, fiscal_year, imported, status, last_event_at, last_seq)
        SELECT *, 'received', f.received_at, 0
          FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                      $8::timestamptz[], $9::int[], $10::bool[])
               AS f(id, ticket_no, category, channel, receiving_agency, complainant_group, triage, received_at,
                    fiscal_year, imported)
        ON CONFLICT (id) DO UPDATE
           SET category = excluded.category, channel = excluded.channel,
               receiving_agency = excluded.receiving_agency, complainant_group = excluded.complainant_group,
               triage = excluded.triage
        """,
        [cid for cid, _ in facts],
        [c["ticket_no"] for _, c in facts],
        [c["category"] for _, c in facts],
        [c["channel"] for _, c in facts],
        [c["receiving_agency"] for _, c in facts],
        [c.get("complainant_group") for _, c in facts],
        [c["triage"] for _, c in facts],
        received,
        [fiscal_year_of(r) for r in received],
        [bool(c.get("imported")) for _, c in facts],
    )
    return StoredPage(list(complaints), new)


async def reproject(
    raw: Any,
    complaint_ids: Sequence[uuid.UUID],
    calendar: WorkCalendar,
    known_events: Mapping[uuid.UUID, list[StreamEvent]] | None = None,
    *,
    stored_digests: Mapping[uuid.UUID, bytes] | None = None,
    first_seen: Collection[uuid.UUID] = (),
) -> int:
    """Rebuild these complaints' projections from their stored events; the assignments written.
    ``known_events``: complaints whose every stored event is already at hand (not read again).
    ``stored_digests``: those of the projections stored (a recompute reads them with the ids), to
    write only the projections that differ; the complaints a stream page touches have new events,
    so theirs always do. ``first_seen``: complaints with no projection stored yet."""
    known_events = known_events or {}
    events = await repository.load_events(raw, [cid for cid in complaint_ids if cid not in known_events])
    events.update(known_events)
    return await repository.replace_projections(
        raw, ((cid, project(events[cid], calendar)) for cid in events), stored_digests, first_seen
    )


async def apply_page(session: AsyncSession, events: Sequence[dict[str, Any]], calendar: WorkCalendar) -> int:
    """Apply one page of the feed (already read after the locked cursor) and advance the cursor."""
    raw = await driver_connection(session)
    if not events:
        return 0
    page = await store_page(raw, events)
    await reproject(raw, page.touched, calendar, page.new, first_seen=page.new.keys())
    await raw.execute(
        "UPDATE scoring.cursors SET seq = GREATEST(seq, $2), updated_at = now() WHERE name = $1",
        CURSOR,
        int(events[-1]["seq"]),
    )
    return len(events)


def _time(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
