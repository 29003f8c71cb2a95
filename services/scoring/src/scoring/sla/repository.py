"""Reading events and writing projections: a touched complaint's assignments are replaced as a
whole (COPY), unless they came out the same as those stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from kit.thai import fiscal_year_of
from scoring.sla.projection import (
    FEBRUARY_RULES,
    AssignmentProjection,
    ComplaintProjection,
    FollowUp,
    StreamEvent,
)

_EVENT_COLUMNS = "seq, type, recorded_at, agency, from_agency, has_result, has_result_details, evidence_kind"

ASSIGNMENT_COLUMNS = (
    "complaint_id",
    "number",
    "agency",
    "fiscal_year",
    "via",
    "from_agency",
    "forwarded_at",
    "acknowledgement_due",
    "handled_at",
    "acknowledged_at",
    "acknowledgement_met",
    "first_report_due",
    "first_report_at",
    "first_report_met",
    "completed_at",
    "transferred_at",
    "transferred_to",
    "closed_at",
    "concluded_at",
    "is_open",
    "has_result",
    "has_result_details",
    "evidence_before",
    "evidence_after",
    "followups_requested",
    "checkpoints",
    "missed_last_day",
    "pending_due_last_day",
    "missed_last_working_day",
    "pending_due_last_working_day",
    "next_due",
    "last_seq",
)


async def load_events(raw: Any, complaint_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[StreamEvent]]:
    """Every stored event of these complaints, in stream order."""
    rows = await raw.fetch(
        f"SELECT complaint_id, {_EVENT_COLUMNS} FROM scoring.events WHERE complaint_id = ANY($1::uuid[]) ORDER BY seq",
        list(complaint_ids),
    )
    events: dict[uuid.UUID, list[StreamEvent]] = {}
    for r in rows:
        events.setdefault(r[0], []).append(StreamEvent(*r[1:]))
    return events


def _followup_json(followup: FollowUp) -> dict[str, Any]:
    # orjson writes the checkpoints (dataclasses: day, due, reported_at), dates and times as ISO 8601.
    return {"decided": followup.checkpoints, "pending_day": followup.pending_day, "pending_due": followup.pending_due}


def _next_due(a: AssignmentProjection) -> dt.datetime | None:
    if not a.is_open:
        return None
    if a.handled_at is None:
        return a.acknowledgement_due
    if a.first_report_at is None and a.first_report_due is not None:
        return a.first_report_due
    return a.followup["last_day"].pending_due


def assignment_record(complaint_id: uuid.UUID, a: AssignmentProjection, last_seq: int) -> tuple[Any, ...]:
    """The assignments row, in ASSIGNMENT_COLUMNS order."""
    return (complaint_id, *_assignment_values(a, last_seq))


def _assignment_values(a: AssignmentProjection, last_seq: int) -> tuple[Any, ...]:
    """The assignments row but its complaint id."""
    by_rule = a.followup
    checkpoints = {rule: _followup_json(by_rule[rule]) for rule in FEBRUARY_RULES}
    return (
        a.number,
        a.agency,
        fiscal_year_of(a.forwarded_at),
        a.via,
        a.from_agency,
        a.forwarded_at,
        a.acknowledgement_due,
        a.handled_at,
        a.acknowledged_at,
        a.acknowledgement_met,
        a.first_report_due,
        a.first_report_at,
        a.first_report_met,
        a.completed_at,
        a.transferred_at,
        a.transferred_to,
        a.closed_at,
        a.concluded_at,
        a.is_open,
        a.has_result,
        a.has_result_details,
        a.evidence_before,
        a.evidence_after,
        a.followups_requested,
        orjson.dumps(checkpoints).decode(),
        by_rule["last_day"].missed,
        by_rule["last_day"].pending_due,
        by_rule["last_working_day"].missed,
        by_rule["last_working_day"].pending_due,
        _next_due(a),
        last_seq,
    )


@dataclass
class ProjectionChanges:
    """The projections that differ from those stored, as the tables take them."""

    ids: list[uuid.UUID] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    completed: list[dt.datetime | None] = field(default_factory=list)
    concluded: list[dt.datetime | None] = field(default_factory=list)
    last_at: list[dt.datetime | None] = field(default_factory=list)
    last_seq: list[int] = field(default_factory=list)
    digests: list[bytes] = field(default_factory=list)
    records: list[tuple[Any, ...]] = field(default_factory=list)  # assignments rows


def changed_projections(
    projections: Iterable[tuple[uuid.UUID, ComplaintProjection]], stored: Mapping[uuid.UUID, bytes] | None = None
) -> ProjectionChanges:
    """These projections, but those whose digest is the one ``stored``.

    Each complaint's rows are summed up in a digest, stored with it: a complaint whose projection
    came out the same is left alone — a recompute after a calendar change then rewrites only what
    the change moved, not every row of every year. The digest covers the rows as written, so rows
    derived differently by a later release are written again."""
    stored = stored or {}
    changes = ProjectionChanges()
    for complaint_id, p in projections:
        rows = [_assignment_values(a, p.last_seq) for a in p.assignments]
        summary = (p.status, p.completed_at, p.concluded_at, p.last_event_at, p.last_seq)
        digest = hashlib.blake2b(orjson.dumps((summary, rows)), digest_size=16).digest()
        if stored.get(complaint_id) == digest:
            continue
        changes.ids.append(complaint_id)
        changes.statuses.append(p.status)
        changes.completed.append(p.completed_at)
        changes.concluded.append(p.concluded_at)
        changes.last_at.append(p.last_event_at)
        changes.last_seq.append(p.last_seq)
        changes.digests.append(digest)
        changes.records.extend((complaint_id, *row) for row in rows)
    return changes


async def replace_assignments(raw: Any, changes: ProjectionChanges, first_seen: Collection[uuid.UUID] = ()) -> int:
    """Store these complaints' assignment rows in place of theirs; the rows written. Complaints
    ``first_seen`` have no rows yet: nothing to delete."""
    if not changes.ids:
        return 0
    stale = [cid for cid in changes.ids if cid not in first_seen]
    if stale:
        await raw.execute("DELETE FROM scoring.assignments WHERE complaint_id = ANY($1::uuid[])", stale)
    if changes.records:
        await raw.copy_records_to_table(
            "assignments", schema_name="scoring", columns=ASSIGNMENT_COLUMNS, records=changes.records
        )
    return len(changes.records)


async def update_summaries(raw: Any, changes: ProjectionChanges) -> None:
    """Store these complaints' projected status and digest."""
    if not changes.ids:
        return
    await raw.execute(
        """
        UPDATE scoring.complaints AS c
           SET status = p.status, completed_at = p.completed_at, concluded_at = p.concluded_at,
               last_event_at = p.last_event_at, last_seq = p.last_seq, projection_digest = p.digest
          FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::bigint[],
                      $7::bytea[])
               AS p(id, status, completed_at, concluded_at, last_event_at, last_seq, digest)
         WHERE c.id = p.id
        """,
        changes.ids,
        changes.statuses,
        changes.completed,
        changes.concluded,
        changes.last_at,
        changes.last_seq,
        changes.digests,
    )


async def write_projections(raw: Any, changes: ProjectionChanges) -> int:
    """Store these projections in place of what was there; the assignment rows written."""
    await update_summaries(raw, changes)
    return await replace_assignments(raw, changes)
