"""Reading SLA projections: one complaint's checkpoints, and an agency's worklist."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import driver_connection
from kit.errors import not_found
from kit.thai import BANGKOK
from kit.workdays import WorkCalendar
from scoring.sla.models import AssignmentRow
from scoring.sla.projection import FEBRUARY_RULES
from scoring.sla.schemas import AssignmentSla, CheckpointOut, ComplaintSla, Deadline, DueItem, DueList, State
from scoring.stream.models import ComplaintFacts


def state_of(done: dt.datetime | None, due: dt.datetime | None, now: dt.datetime) -> State:
    if due is None:
        return "not_required"
    if done is not None:
        return "met" if done <= due else "missed"
    return "overdue" if now > due else "due"


def _checkpoints(row: AssignmentRow, rule: str, now: dt.datetime) -> list[CheckpointOut]:
    data: dict[str, Any] = row.checkpoints[rule]
    out = [
        CheckpointOut(
            day=dt.date.fromisoformat(c["day"]),
            due=dt.datetime.fromisoformat(c["due"]),
            reported_at=c["reported_at"] and dt.datetime.fromisoformat(c["reported_at"]),
            state="met" if c["reported_at"] else "missed",
        )
        for c in data["decided"]
    ]
    if data["pending_day"]:
        due = dt.datetime.fromisoformat(data["pending_due"])
        out.append(
            CheckpointOut(
                day=dt.date.fromisoformat(data["pending_day"]),
                due=due,
                reported_at=None,
                state="overdue" if now > due else "due",
            )
        )
    return out


def assignment_sla(row: AssignmentRow, now: dt.datetime) -> AssignmentSla:
    return AssignmentSla(
        agency=row.agency,
        number=row.number,
        fiscal_year=row.fiscal_year,
        via=row.via,
        from_agency=row.from_agency,
        forwarded_at=row.forwarded_at,
        acknowledgement=Deadline(
            due=row.acknowledgement_due, at=row.handled_at, state=state_of(row.handled_at, row.acknowledgement_due, now)
        ),
        first_report=Deadline(
            due=row.first_report_due,
            at=row.first_report_at,
            state=state_of(row.first_report_at, row.first_report_due, now),
        ),
        checkpoints={rule: _checkpoints(row, rule, now) for rule in FEBRUARY_RULES},
        completed_at=row.completed_at,
        result_present=row.has_result,
        result_details_present=row.has_result_details,
        evidence_before=row.evidence_before,
        evidence_after=row.evidence_after,
        transferred_at=row.transferred_at,
        transferred_to=row.transferred_to,
        concluded_at=row.concluded_at,
        open=row.is_open,
        next_due=row.next_due,
    )


async def complaint_sla(session: AsyncSession, complaint_id: uuid.UUID) -> tuple[ComplaintSla, list[str]]:
    """The complaint's SLA, and the agencies that held it (for the access check)."""
    facts = await session.get(ComplaintFacts, complaint_id)
    if facts is None:
        raise not_found("Complaint", "เรื่องร้องเรียน", "complaint.not_found")
    rows = (
        (
            await session.execute(
                select(AssignmentRow).where(AssignmentRow.complaint_id == complaint_id).order_by(AssignmentRow.number)
            )
        )
        .scalars()
        .all()
    )
    now = dt.datetime.now(dt.UTC)
    sla = ComplaintSla(
        complaint_id=facts.id,
        ticket_no=facts.ticket_no,
        status=facts.status,
        received_at=facts.received_at,
        completed_at=facts.completed_at,
        concluded_at=facts.concluded_at,
        as_of=now,
        assignments=[assignment_sla(r, now) for r in rows],
    )
    return sla, [facts.receiving_agency, *(r.agency for r in rows)]


_DUE = """
SELECT a.complaint_id, c.ticket_no, c.category, c.channel, c.status, a.agency, a.forwarded_at, a.next_due,
       a.handled_at IS NULL AS acknowledge, a.first_report_at IS NULL AND a.first_report_due IS NOT NULL AS first_report
  FROM scoring.assignments a
  JOIN scoring.complaints c ON c.id = a.complaint_id
 WHERE a.agency = ANY($1::text[]) AND a.next_due IS NOT NULL AND a.next_due <= $2
 ORDER BY a.next_due, a.complaint_id
 LIMIT $3
"""


async def worklist(
    session: AsyncSession, agency: str, agencies: list[str], within: int, limit: int, calendar: WorkCalendar
) -> DueList:
    now = dt.datetime.now(dt.UTC)
    today = now.astimezone(BANGKOK).date()
    end_of_today = calendar.end_of_day(today)
    until = calendar.end_of_day(calendar.add_working_days(today, within)) if within > 0 else end_of_today
    # The driver's rows straight: the worklist is read often and can be long.
    rows = await (await driver_connection(session)).fetch(_DUE, agencies, until, limit)
    items = []
    for r in rows:
        due: dt.datetime = r["next_due"]
        bucket = "overdue" if due < now else "due_today" if due <= end_of_today else "due_soon"
        duty = "acknowledge" if r["acknowledge"] else "first_report" if r["first_report"] else "checkpoint"
        items.append(
            DueItem(
                complaint_id=r["complaint_id"],
                ticket_no=r["ticket_no"],
                category=r["category"],
                channel=r["channel"],
                status=r["status"],
                agency=r["agency"],
                forwarded_at=r["forwarded_at"],
                duty=duty,
                due=due,
                bucket=bucket,
                working_days_left=calendar.working_days_between(today, due.astimezone(BANGKOK).date()),
            )
        )
    return DueList(
        agency=agency,
        as_of=now,
        within=within,
        overdue=sum(1 for i in items if i.bucket == "overdue"),
        due_today=sum(1 for i in items if i.bucket == "due_today"),
        due_soon=sum(1 for i in items if i.bucket == "due_soon"),
        items=items,
    )
