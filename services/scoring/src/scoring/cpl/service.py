"""CPL_R001 and CPL_R003 from the SLA projections."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from kit.thai import BANGKOK
from kit.workdays import WorkCalendar
from scoring.cpl.schemas import OutstandingItem, OutstandingOut, PerformanceOut, PerformanceRow

_OUTSTANDING = """
SELECT a.complaint_id, c.ticket_no, c.category, c.channel, c.status, c.received_at, a.agency, a.forwarded_at,
       a.handled_at, a.acknowledgement_due, a.first_report_at, a.first_report_due,
       a.missed_last_working_day AS missed, a.next_due
  FROM scoring.assignments a
  JOIN scoring.complaints c ON c.id = a.complaint_id
 WHERE a.is_open AND a.agency = ANY(:agencies)
 ORDER BY a.agency, a.forwarded_at, a.complaint_id
"""

# Checkpoints are counted under bma-2563's February rule (the last working day), the one in force.
_PERFORMANCE = """
SELECT a.agency,
       count(*) AS assigned,
       count(*) FILTER (WHERE a.completed_at IS NOT NULL AND NOT a.is_open) AS completed,
       count(*) FILTER (WHERE a.is_open) AS in_progress,
       count(*) FILTER (WHERE a.transferred_at IS NOT NULL) AS transferred,
       count(*) FILTER (WHERE a.concluded_at IS NOT NULL) AS concluded,
       count(*) FILTER (WHERE a.handled_at <= a.acknowledgement_due) AS acknowledged_on_time,
       count(*) FILTER (WHERE a.handled_at IS NOT NULL OR a.acknowledgement_due < :now) AS acknowledgement_decided,
       count(*) FILTER (WHERE a.first_report_at <= a.first_report_due) AS first_report_on_time,
       count(*) FILTER (WHERE a.first_report_at IS NOT NULL OR a.first_report_due < :now) AS first_report_decided,
       coalesce(sum(jsonb_array_length(a.checkpoints -> 'last_working_day' -> 'decided')), 0)
         - coalesce(sum(a.missed_last_working_day), 0) AS checkpoints_met,
       coalesce(sum(jsonb_array_length(a.checkpoints -> 'last_working_day' -> 'decided')), 0) AS checkpoints_decided
  FROM scoring.assignments a
 WHERE a.agency = ANY(:agencies) AND a.forwarded_at >= :start AND a.forwarded_at < :end
 GROUP BY a.agency
 ORDER BY a.agency
"""


async def outstanding(
    session: AsyncSession, agency: str, agencies: list[str], calendar: WorkCalendar
) -> OutstandingOut:
    now = dt.datetime.now(dt.UTC)
    today = now.astimezone(BANGKOK).date()
    rows = (await session.execute(text(_OUTSTANDING), {"agencies": agencies})).mappings().all()
    items = []
    for r in rows:
        acknowledgement_overdue = r["handled_at"] is None and now > r["acknowledgement_due"]
        first_report_overdue = (
            r["first_report_at"] is None and r["first_report_due"] is not None and now > r["first_report_due"]
        )
        next_due = r["next_due"]
        items.append(
            OutstandingItem(
                complaint_id=r["complaint_id"],
                ticket_no=r["ticket_no"],
                category=r["category"],
                channel=r["channel"],
                status=r["status"],
                received_at=r["received_at"],
                agency=r["agency"],
                forwarded_at=r["forwarded_at"],
                age_working_days=max(
                    0, calendar.working_days_between(r["forwarded_at"].astimezone(BANGKOK).date(), today)
                ),
                acknowledgement_overdue=acknowledgement_overdue,
                first_report_overdue=first_report_overdue,
                checkpoints_missed=r["missed"],
                next_due=next_due,
                overdue=acknowledgement_overdue or first_report_overdue or (next_due is not None and next_due < now),
            )
        )
    return OutstandingOut(agency=agency, as_of=now, items=items)


async def performance(
    session: AsyncSession, agency: str, agencies: list[str], start: dt.date, to: dt.date
) -> PerformanceOut:
    now = dt.datetime.now(dt.UTC)
    bounds = {
        "start": dt.datetime.combine(start, dt.time(), BANGKOK),
        "end": dt.datetime.combine(to + dt.timedelta(days=1), dt.time(), BANGKOK),
    }
    rows = (await session.execute(text(_PERFORMANCE), {"agencies": agencies, "now": now, **bounds})).mappings().all()
    return PerformanceOut(
        agency=agency, start=start, to=to, as_of=now, rows=[PerformanceRow.model_validate(dict(r)) for r in rows]
    )
