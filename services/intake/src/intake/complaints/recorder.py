"""Recording an event on a complaint: lock it, run the state machine, write the event and the new
state in one transaction — or refuse with 409 and write nothing."""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from intake.complaints import repository as repo
from intake.complaints.lifecycle import EventInput, EventType, TransitionRefused, apply
from intake.complaints.models import Complaint, Event
from intake.complaints.schemas import EventAccepted, EventCreate, EventFields
from intake.complaints.service import event_out, load_visible, summary, utcnow
from intake.context import Ctx
from kit.errors import AppError
from kit.ids import new_id


def refused(exc: TransitionRefused) -> AppError:
    rule = exc.rule
    return AppError(409, rule.code, rule.message_th, rule.message_en)


def event_payload(fields: EventFields, *, duplicate_of: Complaint | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    for name in ("result", "letter_no", "order_no", "coordination", "notified_via", "evidence_kind", "from_agency"):
        value = getattr(fields, name)
        if value:
            payload[name] = value
    if duplicate_of is not None:
        payload["duplicate_of"] = {"id": str(duplicate_of.id), "ticket_no": duplicate_of.ticket_no}
    return payload


async def _duplicate_target(ctx: Ctx, complaint: Complaint, reference: str) -> Complaint:
    target_id = None
    with contextlib.suppress(ValueError):
        target_id = uuid.UUID(reference)
    target = (
        await repo.get_complaint(ctx.session, target_id)
        if target_id
        else await repo.get_by_ticket(ctx.session, reference)
    )
    if target is None or not ctx.access.can_see(target.agency_ids):
        raise AppError(
            422,
            "complaint.duplicate_target_not_found",
            "ไม่พบเรื่องที่ระบุว่าซ้ำ",
            "The complaint named in duplicate_of was not found",
            fields={"duplicate_of": "not found"},
        )
    if target.id == complaint.id:
        raise AppError(
            422,
            "complaint.duplicate_of_itself",
            "เรื่องซ้ำกับตัวเองไม่ได้",
            "A complaint cannot duplicate itself",
            fields={"duplicate_of": "same complaint"},
        )
    return target


async def record(ctx: Ctx, complaint_id: uuid.UUID, fields: EventCreate) -> EventAccepted:
    ctx.access.require_write_events()
    return await apply_event(ctx, complaint_id, fields)


async def apply_event(
    ctx: Ctx, complaint_id: uuid.UUID, fields: EventFields, *, payload_extra: dict[str, Any] | None = None
) -> EventAccepted:
    """Record ``fields`` on the complaint; the caller has checked the caller may write it."""
    complaint = await load_visible(ctx, complaint_id, lock=True)
    agency = await ctx.agency(fields.agency, "agency") if fields.agency else None
    from_agency = await ctx.agency(fields.from_agency, "from_agency") if fields.from_agency else None
    duplicate_target = await _duplicate_target(ctx, complaint, fields.duplicate_of) if fields.duplicate_of else None
    rows = await repo.assignments_of(ctx.session, complaint.id)
    state = repo.state_of(complaint, rows)
    # Server time, never earlier than the complaint's last event (another replica's clock).
    now = max(utcnow(), complaint.updated_at)
    try:
        applied = apply(
            state,
            EventInput(fields.type, now, agency.id if agency else None, from_agency.id if from_agency else None),
        )
    except TransitionRefused as exc:
        raise refused(exc) from exc
    acting_agency = applied.agency
    ctx.access.require_acts_for(fields.type, acting_agency)
    payload = event_payload(fields, duplicate_of=duplicate_target)
    if applied.source is not None:
        # Name the agency it left even when the caller let the state machine infer it.
        payload["from_agency"] = ctx.agency_code(applied.source)
    payload.update(payload_extra or {})
    event_id = new_id()
    event_row = {
        "id": event_id,
        "complaint_id": complaint.id,
        "type": fields.type.value,
        "recorded_at": now,
        "occurred_at": None,
        "actor": ctx.principal.actor_ref,
        "agency_id": acting_agency,
        "text": fields.text or None,
        "payload": payload,
    }
    await repo.insert_events(ctx.session, [event_row])
    await repo.save_assignments(ctx.session, complaint.id, rows, applied.state.assignments)
    agency_ids = list(complaint.agency_ids)
    for a in applied.state.assignments:
        if a.agency not in agency_ids:
            agency_ids.append(a.agency)
    complaint.status = applied.state.status.value
    complaint.updated_at = now
    complaint.agency_ids = agency_ids
    if duplicate_target is not None:
        complaint.duplicate_of_id = duplicate_target.id
    elif fields.type is EventType.REOPENED:
        complaint.duplicate_of_id = None
    await ctx.session.flush()
    ctx.events_added()
    return EventAccepted(
        event=event_out(ctx, Event(**event_row, imported=False), None),
        complaint=summary(ctx, complaint, applied.state.agencies_in_force),
    )
