from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.complaints.models import Complaint, Event
from intake.deps import IntakeState
from intake.feed import sequencer
from intake.feed.models import EventPosition
from intake.feed.schemas import FeedComplaint, FeedEvent, FeedPage
from intake.reference import ReferenceData

_COLUMNS = (
    EventPosition.seq,
    Event.id,
    Event.complaint_id,
    Event.type,
    Event.recorded_at,
    Event.occurred_at,
    Event.agency_id,
    Event.imported,
    (Event.text.is_not(None)).label("has_text"),
    Event.payload,
    Complaint.ticket_no,
    Complaint.category_id,
    Complaint.channel_id,
    Complaint.receiving_agency_id,
    Complaint.complainant_group_id,
    Complaint.triage,
    Complaint.received_at,
    Complaint.imported.label("complaint_imported"),
)


async def read_feed(
    session: AsyncSession, state: IntakeState, reference: ReferenceData, after: int, limit: int
) -> FeedPage:
    last = await sequencer.last_seq(session)
    if after + limit > last:
        # The reader is near the head: number what has committed since, in its own transaction.
        async with state.runtime.db.transaction() as numbering:
            last, _ = await sequencer.sequence_committed(numbering)
    stmt = (
        select(*_COLUMNS)
        .join(Event, Event.id == EventPosition.event_id)
        .join(Complaint, Complaint.id == Event.complaint_id)
        .where(EventPosition.seq > after)
        .order_by(EventPosition.seq)
        .limit(limit)
    )
    rows = (await session.execute(stmt)).all()
    known = reference.agencies.keys() | reference.by_id.keys()
    if any((r.agency_id not in known and r.agency_id is not None) or r.category_id not in known for r in rows):
        reference = await state.reference.get(session, refresh=True)
    events = []
    for r in rows:
        payload = r.payload or {}
        duplicate = payload.get("duplicate_of")
        events.append(
            FeedEvent(
                seq=r.seq,
                id=r.id,
                complaint_id=r.complaint_id,
                type=r.type,
                recorded_at=r.recorded_at,
                occurred_at=r.occurred_at,
                agency=reference.agency_code(r.agency_id),
                from_agency=payload.get("from_agency"),
                imported=r.imported,
                has_text=r.has_text,
                has_result=bool(payload.get("result")),
                has_result_details=bool(
                    payload.get("letter_no") or payload.get("order_no") or payload.get("coordination")
                ),
                evidence_kind=payload.get("evidence_kind"),
                duplicate_of=duplicate.get("id") if isinstance(duplicate, dict) else None,
                complaint=FeedComplaint(
                    ticket_no=r.ticket_no,
                    category=reference.entry_code(r.category_id) or "",
                    channel=reference.entry_code(r.channel_id) or "",
                    receiving_agency=reference.agency_code(r.receiving_agency_id) or "",
                    complainant_group=reference.entry_code(r.complainant_group_id),
                    triage=r.triage,
                    received_at=r.received_at,
                    imported=r.complaint_imported,
                ),
            )
        )
    next_after = events[-1].seq if events else after
    return FeedPage(events=events, next_after=next_after, last_seq=max(last, next_after))
