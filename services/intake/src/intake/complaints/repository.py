"""Queries on complaints, their complainants, assignments and events."""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Select, Uuid, and_, bindparam, func, insert, literal, select, tuple_, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from intake.complaints.lifecycle import AssignmentState, AssignmentStatus, ComplaintState, Status, Triage
from intake.complaints.models import OPEN_SQL, Assignment, Complainant, Complaint, Event
from intake.feed.models import EventPosition
from kit.db import driver_connection
from kit.ids import new_id


def uuid_array(name: str, values: Sequence[uuid.UUID]) -> Any:
    return bindparam(name, list(values), type_=ARRAY(Uuid))


_EARTH_RADIUS_M = 6371000.0
_METRES_PER_DEGREE = 111_320.0

# Great-circle distance (haversine) from ($5, $6) to the row's point, NULL when either has none.
_DISTANCE = f"""CASE WHEN $5::float8 IS NULL OR c.lat IS NULL THEN NULL ELSE
    2 * {_EARTH_RADIUS_M} * asin(least(1.0, sqrt(
        power(sin(radians(c.lat - $5::float8) / 2), 2)
        + cos(radians($5::float8)) * cos(radians(c.lat)) * power(sin(radians(c.long - $6::float8) / 2), 2))))
    END"""

# Candidates come from three bounded lookups, each served by a partial index over open complaints
# (models.py): nearby points (a latitude range), and the titles nearest by trigram distance among
# complaints without a point — and, when the new complaint has no point, among those with one.
# Only candidates are compared; the work does not grow with the number of look-alikes.
_CANDIDATES = f"""
candidates AS (
    (SELECT id FROM intake.complaints
      WHERE $5::float8 IS NOT NULL AND category_id = $1::uuid AND status IN {OPEN_SQL} AND lat IS NOT NULL
        AND point(long, lat) <@ box(point($6::float8 - $9::float8, $5::float8 - $8::float8),
                                    point($6::float8 + $9::float8, $5::float8 + $8::float8))
        AND received_at >= $3::timestamptz
      LIMIT 200)
    UNION
    (SELECT id FROM intake.complaints
      WHERE category_id = $1::uuid AND status IN {OPEN_SQL} AND lat IS NULL AND received_at >= $3::timestamptz
      ORDER BY title_key <-> $2::text LIMIT 20)
    UNION
    (SELECT id FROM intake.complaints
      WHERE $5::float8 IS NULL AND category_id = $1::uuid AND status IN {OPEN_SQL} AND lat IS NOT NULL
        AND received_at >= $3::timestamptz
      ORDER BY title_key <-> $2::text LIMIT 20)
), duplicates AS (
    SELECT c.id, c.ticket_no, c.title, c.status, c.received_at,
           similarity(c.title_key, $2::text) AS score, {_DISTANCE} AS distance
    FROM candidates JOIN intake.complaints c USING (id)
    WHERE similarity(c.title_key, $2::text) >= $4::float8
      AND ({_DISTANCE} IS NULL OR {_DISTANCE} <= $7::float8)
      AND ($10::uuid[] IS NULL OR c.agency_ids && $10::uuid[])
      AND ($11::uuid IS NULL OR c.id <> $11::uuid)
    ORDER BY score DESC, c.received_at DESC
    LIMIT $12::int
)"""
_DUPLICATES = f"WITH {_CANDIDATES} SELECT * FROM duplicates"
_DUPLICATE_PARAMS = 12


def _shift(sql: str, offset: int) -> str:
    """Renumber a statement's parameters ($1 → $(1 + offset)) to join it to another."""
    return re.sub(r"\$(\d+)", lambda m: f"${int(m.group(1)) + offset}", sql)


@dataclass(frozen=True)
class DuplicateQuery:
    category_id: uuid.UUID
    title_key: str
    lat: float | None
    long: float | None
    since: dt.datetime
    radius_m: float
    min_similarity: float
    visible: frozenset[uuid.UUID] | None
    exclude: uuid.UUID | None = None
    limit: int = 5

    def params(self) -> tuple[Any, ...]:
        lat_delta = self.radius_m / _METRES_PER_DEGREE
        long_delta = lat_delta / max(0.01, math.cos(math.radians(self.lat))) if self.lat is not None else None
        return (
            self.category_id,
            self.title_key,
            self.since,
            self.min_similarity,
            self.lat,
            self.long,
            self.radius_m,
            lat_delta,
            long_delta,
            sorted(self.visible) if self.visible is not None else None,
            self.exclude,
            self.limit,
        )


@dataclass(frozen=True)
class DuplicateRow:
    id: uuid.UUID
    ticket_no: str
    title: str
    status: str
    received_at: dt.datetime
    similarity: float
    distance_m: float | None


def _duplicate_row(r: Any) -> DuplicateRow:
    received_at = r["received_at"]
    if isinstance(received_at, str):  # from JSON (the create statement)
        received_at = dt.datetime.fromisoformat(received_at)
    return DuplicateRow(
        uuid.UUID(str(r["id"])),
        r["ticket_no"],
        r["title"],
        r["status"],
        received_at,
        float(r["score"]),
        None if r["distance"] is None else float(r["distance"]),
    )


async def find_duplicates(session: AsyncSession, query: DuplicateQuery) -> list[DuplicateRow]:
    """Open complaints of the same category with a similar title which, when both have a point,
    lie within the radius."""
    conn = await driver_connection(session)
    return [_duplicate_row(r) for r in await conn.fetch(_DUPLICATES, *query.params())]


_INSERT = """
ticket AS (
    SELECT $2::text || lpad(nextval($3::regclass)::text, 6, '0') AS ticket_no
), complaint AS (
    INSERT INTO intake.complaints (
        id, ticket_no, receiving_agency_id, channel_id, category_id, complainant_group_id, title, description,
        address, lat, long, search_text, title_key, triage, status, occurred_at, received_at, updated_at,
        agency_ids, created_by, imported, public_token)
    SELECT $1, ticket.ticket_no, $4, $5, $6, $7, $8, $9, $10, $11, $12, lower(ticket.ticket_no) || ' ' || $13, $14, $15,
           $16, $17, $18, $18, $19, $20, false, $21
    FROM ticket
    RETURNING ticket_no
), complainant AS (
    INSERT INTO intake.complainants (complaint_id, anonymous, name, phone, phone_digits, email, name_search)
    SELECT $1, $22, $23, $24, $25, $26, $27 WHERE $28::bool
), assignment AS (
    INSERT INTO intake.assignments (id, complaint_id, agency_id, status, forwarded_at)
    SELECT $29, $1, $30, 'forwarded', $18 WHERE $30::uuid IS NOT NULL
), events AS (
    INSERT INTO intake.events (id, complaint_id, type, recorded_at, occurred_at, actor, agency_id, payload, imported)
    SELECT e.id, $1, e.type, $18, e.occurred_at, $20, e.agency_id, '{}'::jsonb, false
    FROM unnest($31::uuid[], $32::text[], $33::timestamptz[], $34::uuid[]) AS e(id, type, occurred_at, agency_id)
)"""
# Likely duplicates and the new complaint in one statement: the duplicates are read in the snapshot
# taken before the insert (so never the complaint itself), and a complaint at the counter costs one
# round trip — committed on return when run outside a transaction.
_CREATE = f"""
WITH {_CANDIDATES}, {_shift(_INSERT, _DUPLICATE_PARAMS)}
SELECT (SELECT ticket_no FROM complaint) AS ticket_no,
       (SELECT coalesce(json_agg(row_to_json(d)), '[]') FROM duplicates d) AS duplicates
"""


@dataclass(frozen=True)
class NewComplaint:
    """A complaint as created at the counter: the row, its complainant, its first events."""

    id: uuid.UUID
    ticket_prefix: str
    ticket_sequence: str
    receiving_agency_id: uuid.UUID
    channel_id: uuid.UUID
    category_id: uuid.UUID
    complainant_group_id: uuid.UUID | None
    title: str
    description: str
    address: str | None
    lat: float | None
    long: float | None
    search_text: str
    title_key: str
    triage: str
    status: str
    occurred_at: dt.datetime | None
    received_at: dt.datetime
    agency_ids: list[uuid.UUID]
    actor: str
    public_token: str
    complainant: dict[str, Any] | None
    forwarded_to: uuid.UUID | None


async def create_complaint(conn: Any, c: NewComplaint, duplicates: DuplicateQuery) -> tuple[str, list[DuplicateRow]]:
    """Find the new complaint's likely duplicates and write it — its complainant, assignment and
    first events — in one statement on ``conn`` (an asyncpg connection); returns its ticket number."""
    p = c.complainant or {}
    events: list[tuple[uuid.UUID, str, dt.datetime | None, uuid.UUID | None]] = [
        (new_id(), "received", c.occurred_at, c.receiving_agency_id)
    ]
    if c.forwarded_to is not None:
        events.append((new_id(), "forwarded", None, c.forwarded_to))
    row = await conn.fetchrow(
        _CREATE,
        *duplicates.params(),
        c.id,
        c.ticket_prefix,
        c.ticket_sequence,
        c.receiving_agency_id,
        c.channel_id,
        c.category_id,
        c.complainant_group_id,
        c.title,
        c.description,
        c.address,
        c.lat,
        c.long,
        c.search_text,
        c.title_key,
        c.triage,
        c.status,
        c.occurred_at,
        c.received_at,
        c.agency_ids,
        c.actor,
        c.public_token,
        p.get("anonymous", False),
        p.get("name"),
        p.get("phone"),
        p.get("phone_digits"),
        p.get("email"),
        p.get("name_search"),
        c.complainant is not None,
        new_id(),
        c.forwarded_to,
        [e[0] for e in events],
        [e[1] for e in events],
        [e[2] for e in events],
        [e[3] for e in events],
    )
    found = row["duplicates"]
    if isinstance(found, str | bytes):  # json arrives as text unless the connection decodes it
        found = orjson.loads(found)
    return row["ticket_no"], [_duplicate_row(d) for d in found]


async def insert_events(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await session.execute(insert(Event), rows)


async def insert_assignments(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(Assignment), rows)


async def get_complaint(session: AsyncSession, complaint_id: uuid.UUID, *, lock: bool = False) -> Complaint | None:
    stmt = select(Complaint).where(Complaint.id == complaint_id)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def get_by_ticket(session: AsyncSession, ticket_no: str) -> Complaint | None:
    return (await session.execute(select(Complaint).where(Complaint.ticket_no == ticket_no))).scalar_one_or_none()


async def get_by_token(session: AsyncSession, token: str) -> Complaint | None:
    return (await session.execute(select(Complaint).where(Complaint.public_token == token))).scalar_one_or_none()


async def get_complainant(session: AsyncSession, complaint_id: uuid.UUID) -> Complainant | None:
    return await session.get(Complainant, complaint_id)


async def assignments_of(session: AsyncSession, complaint_id: uuid.UUID) -> list[Assignment]:
    stmt = (
        select(Assignment)
        .where(Assignment.complaint_id == complaint_id)
        .order_by(Assignment.forwarded_at, Assignment.id)
    )
    return list((await session.execute(stmt)).scalars())


async def agencies_in_force(
    session: AsyncSession, complaint_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    if not complaint_ids:
        return {}
    stmt = (
        select(Assignment.complaint_id, Assignment.agency_id)
        .where(
            Assignment.complaint_id == func.any(uuid_array("ids", complaint_ids)),
            Assignment.status != AssignmentStatus.TRANSFERRED.value,
        )
        .order_by(Assignment.forwarded_at)
    )
    result: dict[uuid.UUID, list[uuid.UUID]] = {}
    for complaint_id, agency_id in (await session.execute(stmt)).all():
        result.setdefault(complaint_id, []).append(agency_id)
    return result


async def events_of(session: AsyncSession, complaint_id: uuid.UUID) -> list[tuple[Event, int | None]]:
    stmt = (
        select(Event, EventPosition.seq)
        .outerjoin(EventPosition, EventPosition.event_id == Event.id)
        .where(Event.complaint_id == complaint_id)
        .order_by(Event.recorded_at, Event.id)
    )
    return [(row[0], row[1]) for row in (await session.execute(stmt)).all()]


def state_of(complaint: Complaint, assignments: Sequence[Assignment]) -> ComplaintState[uuid.UUID]:
    return ComplaintState(
        status=Status(complaint.status),
        triage=Triage(complaint.triage),
        assignments=tuple(
            AssignmentState(
                a.agency_id, AssignmentStatus(a.status), a.forwarded_at, a.acknowledged_at, a.completed_at, a.ended_at
            )
            for a in assignments
        ),
        last_event_at=complaint.updated_at,
    )


def assignment_values(a: AssignmentState[uuid.UUID]) -> dict[str, Any]:
    return {
        "agency_id": a.agency,
        "status": a.status.value,
        "forwarded_at": a.forwarded_at,
        "acknowledged_at": a.acknowledged_at,
        "completed_at": a.completed_at,
        "ended_at": a.ended_at,
    }


async def save_assignments(
    session: AsyncSession,
    complaint_id: uuid.UUID,
    rows: Sequence[Assignment],
    new: Sequence[AssignmentState[uuid.UUID]],
) -> None:
    """Persist the assignments after a transition. The state machine keeps positions and only
    appends, so the i-th state belongs to the i-th row."""
    assert len(new) >= len(rows)
    for row, state in zip(rows, new, strict=False):
        values = assignment_values(state)
        if any(getattr(row, k) != v for k, v in values.items()):
            await session.execute(update(Assignment).where(Assignment.id == row.id).values(**values))
    await insert_assignments(
        session,
        [{"id": new_id(), "complaint_id": complaint_id, **assignment_values(s)} for s in new[len(rows) :]],
    )


@dataclass
class ListFilters:
    statuses: list[str] | None = None
    agency_subtree: frozenset[uuid.UUID] | None = None
    category_id: uuid.UUID | None = None
    channel_id: uuid.UUID | None = None
    received_from: dt.datetime | None = None
    received_before: dt.datetime | None = None
    words: list[str] | None = None
    phone_digits: str | None = None
    name: str | None = None
    ticket_no: str | None = None
    imported: bool | None = None


def list_statement(
    filters: ListFilters,
    visible: frozenset[uuid.UUID] | None,
    after: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Select[Any]:
    stmt = select(Complaint)
    if visible is not None:
        stmt = stmt.where(Complaint.agency_ids.overlap(uuid_array("visible", sorted(visible))))
    if filters.agency_subtree is not None:
        stmt = stmt.where(Complaint.agency_ids.overlap(uuid_array("agency", sorted(filters.agency_subtree))))
    if filters.statuses:
        stmt = stmt.where(Complaint.status.in_(filters.statuses))
    if filters.category_id is not None:
        stmt = stmt.where(Complaint.category_id == filters.category_id)
    if filters.channel_id is not None:
        stmt = stmt.where(Complaint.channel_id == filters.channel_id)
    if filters.received_from is not None:
        stmt = stmt.where(Complaint.received_at >= filters.received_from)
    if filters.received_before is not None:
        stmt = stmt.where(Complaint.received_at < filters.received_before)
    if filters.imported is not None:
        stmt = stmt.where(Complaint.imported.is_(filters.imported))
    if filters.ticket_no:
        stmt = stmt.where(Complaint.ticket_no == filters.ticket_no)
    for word in filters.words or ():
        # search_text is normalised and lower-cased; the trigram index serves LIKE '%…%'.
        stmt = stmt.where(Complaint.search_text.like("%" + _escape_like(word) + "%", escape="\\"))
    if filters.phone_digits or filters.name:
        conditions = [Complainant.complaint_id == Complaint.id]
        if filters.phone_digits:
            conditions.append(Complainant.phone_digits == filters.phone_digits)
        if filters.name:
            conditions.append(Complainant.name_search.like("%" + _escape_like(filters.name) + "%", escape="\\"))
        stmt = stmt.where(select(Complainant.complaint_id).where(and_(*conditions)).exists())
    if after is not None:
        stmt = stmt.where(
            tuple_(Complaint.received_at, Complaint.id) < tuple_(literal(after[0]), literal(after[1], Uuid))
        )
    return stmt.order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit + 1)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
