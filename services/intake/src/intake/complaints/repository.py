"""Queries on complaints, their complainants, assignments and events."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Select, Uuid, and_, bindparam, func, insert, literal, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from intake.complaints.lifecycle import AssignmentState, AssignmentStatus, ComplaintState, Status, Triage
from intake.complaints.models import Assignment, Complainant, Complaint, Event
from intake.feed.models import EventPosition
from kit.ids import new_id

_EARTH_RADIUS_M = 6371000.0
_CLOSED_AS_DUPLICATE_OR_REJECTED = ("rejected", "duplicate")
_OPEN_STATUSES = ("received", "forwarded", "in_progress")


def uuid_array(name: str, values: Sequence[uuid.UUID]) -> Any:
    return bindparam(name, list(values), type_=ARRAY(Uuid))


def _distance_m(lat: float, long: float) -> Any:
    """Great-circle distance in metres from (lat, long) to the complaint's point (haversine)."""
    rlat1, rlat2 = func.radians(literal(lat, Float)), func.radians(Complaint.lat)
    dlat = rlat2 - rlat1
    dlong = func.radians(Complaint.long) - func.radians(literal(long, Float))
    a = func.power(func.sin(dlat / 2), 2) + func.cos(rlat1) * func.cos(rlat2) * func.power(func.sin(dlong / 2), 2)
    return 2 * _EARTH_RADIUS_M * func.asin(func.least(1.0, func.sqrt(a)))


@dataclass(frozen=True)
class DuplicateRow:
    id: uuid.UUID
    ticket_no: str
    title: str
    status: str
    received_at: dt.datetime
    similarity: float
    distance_m: float | None


async def find_duplicates(
    session: AsyncSession,
    *,
    category_id: uuid.UUID,
    query_text: str,
    lat: float | None,
    long: float | None,
    since: dt.datetime,
    radius_m: float,
    min_similarity: float,
    visible: frozenset[uuid.UUID] | None,
    exclude: uuid.UUID | None = None,
    limit: int = 5,
) -> list[DuplicateRow]:
    """Open complaints of the same category whose text contains text like ``query_text`` and which,
    when both sides have coordinates, lie within ``radius_m``."""
    score = func.word_similarity(query_text, Complaint.search_text)
    distance = _distance_m(lat, long) if lat is not None and long is not None else literal(None, Float)
    stmt = (
        select(
            Complaint.id,
            Complaint.ticket_no,
            Complaint.title,
            Complaint.status,
            Complaint.received_at,
            score.label("score"),
            distance.label("distance"),
        )
        .where(
            Complaint.category_id == category_id,
            Complaint.status.in_(_OPEN_STATUSES),
            Complaint.received_at >= since,
            # pg_trgm's '<%' (word_similarity above its threshold) lets the GIN index find them.
            literal(query_text).op("<%")(Complaint.search_text),
            score >= min_similarity,
        )
        .order_by(score.desc(), Complaint.received_at.desc())
        .limit(limit)
    )
    if lat is not None and long is not None:
        stmt = stmt.where(or_(Complaint.lat.is_(None), distance <= radius_m))
    if visible is not None:
        stmt = stmt.where(Complaint.agency_ids.overlap(uuid_array("visible", sorted(visible))))
    if exclude is not None:
        stmt = stmt.where(Complaint.id != exclude)
    rows = (await session.execute(stmt)).all()
    return [
        DuplicateRow(
            r.id,
            r.ticket_no,
            r.title,
            r.status,
            r.received_at,
            float(r.score),
            None if r.distance is None else float(r.distance),
        )
        for r in rows
    ]


async def insert_complaint(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(Complaint).values(**values))


async def insert_complainant(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(Complainant).values(**values))


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
