"""SLA projection of one complaint: a pure function of its events and the working-day calendar.

The worker rebuilds a complaint's projection from all its stored events whenever a batch touches
it, so projections built event by event equal projections rebuilt from scratch by construction,
and a calendar change is applied by projecting again.

The rules (SPEC §4, §5.1, §5.2), per assignment — one agency's turn with the complaint:
- The clock starts when the complaint is forwarded (or transferred) to the agency.
- Acknowledgement is due by the end of the 1st working day after the day it was forwarded; the
  first progress report by the end of the 3rd working day after the day it was acknowledged.
- Follow-up checkpoints: the 15th and the 30th of every month (February: its last day under
  ``bma-2557``, its last working day under ``bma-2563``). A checkpoint falls due at the end of its
  day, or of the next working day when the day is not one (``bma-2563``'s February checkpoint is a
  working day already). It applies while the assignment is open on that day: forwarded before the
  day, and neither completed nor transferred away before it. It is met by a progress report (or
  the completion itself) recorded after the previous checkpoint's due time and no later than its
  own.
- Time inside a declared system outage does not count (kit.workdays extends each deadline).

Transfers (SPEC §3 "a new forward, new clock"), decided here: the receiving agency gets a new
assignment whose clock starts at the transfer. The transferring agency keeps its assignment in its
own report for the fiscal year and is judged on the duties that fell due while it held the
complaint: handing it on counts as acting on it — a transfer before the acknowledgement deadline
meets it, and a transfer before the first-report deadline meets that — and the checkpoints before
the transfer must have been met; it is not expected to complete a complaint it no longer holds.
So an agency that passes on a complaint outside its remit promptly is not penalised, and one that
sat on it for weeks before passing it on is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from kit.thai import BANGKOK
from kit.workdays import WorkCalendar

FebruaryRule = Literal["last_day", "last_working_day"]
FEBRUARY_RULES: tuple[FebruaryRule, ...] = ("last_day", "last_working_day")

# Event types, as in intake's stream (SPEC §3).
FORWARDED = "forwarded"
TRANSFERRED = "transferred"
ACKNOWLEDGED = "acknowledged"
PROGRESS_REPORTED = "progress_reported"
COMPLETED = "completed"
CONCLUDED = "concluded"
REOPENED = "reopened"
REJECTED = "rejected"
DUPLICATE_OF = "duplicate_of"
EVIDENCE_ATTACHED = "evidence_attached"
FOLLOWUP_REQUESTED = "followup_requested"
COMPLAINANT_NOTIFIED = "complainant_notified"

# Events after which the status follows from the assignments in force.
_STATUS_EVENTS = frozenset((FORWARDED, TRANSFERRED, ACKNOWLEDGED, COMPLETED, REOPENED))
# Events that close the whole complaint, whatever its agencies did.
CLOSING_STATUS = {
    CONCLUDED: "concluded",
    REJECTED: "rejected",
    DUPLICATE_OF: "duplicate",
}


class StreamEvent(NamedTuple):
    """What the projection needs of one event (scoring's copy of intake's stream). A named tuple:
    a recompute makes millions of them, at a quarter of a frozen dataclass's cost."""

    seq: int
    type: str
    recorded_at: dt.datetime
    agency: str | None = None
    from_agency: str | None = None
    has_result: bool = False
    has_result_details: bool = False
    evidence_kind: str | None = None


@dataclass(frozen=True)
class Checkpoint:
    day: dt.date
    due: dt.datetime
    reported_at: dt.datetime | None  # the report that met it, if any

    @property
    def met(self) -> bool:
        return self.reported_at is not None


@dataclass(frozen=True)
class FollowUp:
    """The checkpoints of one assignment under one February rule.

    ``checkpoints`` are those decided by the events so far; ``pending_due`` is the due time of the
    next one, for an assignment still open: missed as soon as that time passes without a report."""

    checkpoints: tuple[Checkpoint, ...]
    pending_day: dt.date | None
    pending_due: dt.datetime | None

    @property
    def missed(self) -> int:
        return sum(1 for c in self.checkpoints if not c.met)


@dataclass
class AssignmentProjection:
    agency: str
    number: int  # 1, 2, … in the order the complaint reached agencies
    forwarded_at: dt.datetime
    via: str  # "forwarded" or "transferred"
    from_agency: str | None = None
    acknowledged_at: dt.datetime | None = None
    first_report_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    transferred_at: dt.datetime | None = None
    transferred_to: str | None = None
    closed_at: dt.datetime | None = None  # rejected or merged as a duplicate while it held it
    concluded_at: dt.datetime | None = None
    has_result: bool = False
    has_result_details: bool = False
    evidence_before: bool = False
    evidence_after: bool = False
    followups_requested: int = 0
    reports: list[dt.datetime] = field(default_factory=list)
    # When the assignment stopped being open, and since when it is open again (reopened).
    open_spans: list[tuple[dt.datetime, dt.datetime | None]] = field(default_factory=list)
    # Filled by project():
    acknowledgement_due: dt.datetime | None = None
    first_report_due: dt.datetime | None = None
    followup: dict[FebruaryRule, FollowUp] = field(default_factory=dict)

    @property
    def in_force(self) -> bool:
        return self.transferred_at is None

    @property
    def is_open(self) -> bool:
        return bool(self.open_spans) and self.open_spans[-1][1] is None

    @property
    def handled_at(self) -> dt.datetime | None:
        """When the agency acted on the forward: acknowledged it, or passed it on."""
        candidates = [t for t in (self.acknowledged_at, self.transferred_at) if t is not None]
        return min(candidates) if candidates else None

    @property
    def acknowledgement_met(self) -> bool | None:
        return _met(self.handled_at, self.acknowledgement_due)

    @property
    def first_report_met(self) -> bool | None:
        return _met(self.first_report_at, self.first_report_due)

    def close(self, at: dt.datetime) -> None:
        if self.is_open:
            self.open_spans[-1] = (self.open_spans[-1][0], at)

    def reopen(self, at: dt.datetime) -> None:
        if not self.is_open:
            self.open_spans.append((at, None))


def _met(done: dt.datetime | None, due: dt.datetime | None) -> bool | None:
    """True/False once decided; None while it may still be met."""
    if due is None:
        return None
    if done is not None:
        return done <= due
    return None


@dataclass
class ComplaintProjection:
    status: str = "received"
    completed_at: dt.datetime | None = None
    concluded_at: dt.datetime | None = None
    last_event_at: dt.datetime | None = None
    last_seq: int = 0
    assignments: list[AssignmentProjection] = field(default_factory=list)


def project(events: Sequence[StreamEvent], calendar: WorkCalendar) -> ComplaintProjection:
    """The projection of one complaint from all its events, in stream order."""
    complaint = ComplaintProjection()
    for event in events:
        _apply(complaint, event)
        complaint.last_event_at = event.recorded_at
        complaint.last_seq = event.seq
    for assignment in complaint.assignments:
        _deadlines(assignment, calendar, complaint.last_event_at)
    return complaint


def _in_force(complaint: ComplaintProjection, agency: str | None) -> list[AssignmentProjection]:
    return [a for a in complaint.assignments if a.in_force and (agency is None or a.agency == agency)]


def _target(complaint: ComplaintProjection, agency: str | None) -> AssignmentProjection | None:
    """The latest assignment in force (of ``agency``, when given)."""
    for a in reversed(complaint.assignments):
        if a.in_force and (agency is None or a.agency == agency):
            return a
    return None


def _start(complaint: ComplaintProjection, agency: str, at: dt.datetime, via: str, source: str | None) -> None:
    assignment = AssignmentProjection(
        agency=agency, number=len(complaint.assignments) + 1, forwarded_at=at, via=via, from_agency=source
    )
    assignment.open_spans.append((at, None))
    complaint.assignments.append(assignment)


def _apply(complaint: ComplaintProjection, event: StreamEvent) -> None:  # noqa: C901 — one branch per event type
    at = event.recorded_at
    kind = event.type
    if kind == FORWARDED and event.agency:
        _start(complaint, event.agency, at, FORWARDED, None)
    elif kind == TRANSFERRED and event.agency:
        source = _target(complaint, event.from_agency)
        if source is not None:
            source.transferred_at = at
            source.transferred_to = event.agency
            source.close(at)
        _start(complaint, event.agency, at, TRANSFERRED, source.agency if source else event.from_agency)
    elif kind == ACKNOWLEDGED:
        target = _target(complaint, event.agency)
        if target is not None and target.acknowledged_at is None:
            target.acknowledged_at = at
    elif kind in (PROGRESS_REPORTED, COMPLETED):
        target = _target(complaint, event.agency)
        if target is not None:
            target.reports.append(at)
            if target.first_report_at is None and target.acknowledged_at is not None:
                target.first_report_at = at
            if kind == COMPLETED:
                target.completed_at = at
                target.has_result = target.has_result or event.has_result
                target.has_result_details = target.has_result_details or event.has_result_details
                target.close(at)
    elif kind == EVIDENCE_ATTACHED:
        for target in _in_force(complaint, event.agency) or _in_force(complaint, None):
            target.evidence_before = target.evidence_before or event.evidence_kind == "before"
            target.evidence_after = target.evidence_after or event.evidence_kind == "after"
    elif kind == FOLLOWUP_REQUESTED:
        for target in _in_force(complaint, event.agency):
            target.followups_requested += 1
    elif kind in (REJECTED, DUPLICATE_OF):
        for target in _in_force(complaint, None):
            target.closed_at = at
            target.close(at)
    elif kind == CONCLUDED:
        complaint.concluded_at = at
        for target in _in_force(complaint, None):
            target.concluded_at = at
            target.close(at)
    elif kind == REOPENED:
        complaint.completed_at = complaint.concluded_at = None
        for target in _in_force(complaint, None):
            if target.completed_at is not None or target.closed_at is not None or target.concluded_at is not None:
                target.completed_at = target.closed_at = target.concluded_at = None
                target.reopen(at)
    _derive_status(complaint, event)


def _derive_status(complaint: ComplaintProjection, event: StreamEvent) -> None:
    if event.type in CLOSING_STATUS:
        complaint.status = CLOSING_STATUS[event.type]
        return
    if event.type not in _STATUS_EVENTS:
        return
    in_force = _in_force(complaint, None)
    if not in_force:
        complaint.status = "received"
    elif all(a.completed_at is not None for a in in_force):
        complaint.status = "completed"
        complaint.completed_at = max(a.completed_at for a in in_force if a.completed_at is not None)
    elif any(a.acknowledged_at is not None for a in in_force):
        complaint.status = "in_progress"
    else:
        complaint.status = "forwarded"


def _deadlines(assignment: AssignmentProjection, calendar: WorkCalendar, known_until: dt.datetime | None) -> None:
    assignment.acknowledgement_due = calendar.deadline_after(assignment.forwarded_at, 1)
    if assignment.acknowledged_at is not None:
        assignment.first_report_due = calendar.deadline_after(assignment.acknowledged_at, 3)
        if assignment.first_report_at is None and assignment.transferred_at is not None:
            # Passing the complaint on is what the agency reported having done.
            assignment.first_report_at = assignment.transferred_at
    by_last_day, reached_february = _followup(assignment, calendar, "last_day", known_until)
    assignment.followup["last_day"] = by_last_day
    # The rules differ only in February: an assignment whose checkpoints never got there is the same under both.
    assignment.followup["last_working_day"] = (
        _followup(assignment, calendar, "last_working_day", known_until)[0] if reached_february else by_last_day
    )


def checkpoint_days(start: dt.date, rule: FebruaryRule, calendar: WorkCalendar) -> Iterable[dt.date]:
    """Checkpoint days strictly after ``start``, in order, without end."""
    year, month = start.year, start.month
    while True:
        if month == 2:
            if rule == "last_day":
                month_end = (dt.date(year, 3, 1) - dt.timedelta(days=1)).day
                ends = dt.date(year, 2, month_end)
            else:
                ends = calendar.last_working_day_of_month(year, 2)
        else:
            ends = dt.date(year, month, 30)
        for day in sorted({dt.date(year, month, 15), ends}):
            if day > start:
                yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _open_days(assignment: AssignmentProjection) -> list[tuple[dt.date, dt.date | None]]:
    """The Bangkok days each open span starts and ends on (None: still open)."""
    return [
        (start.astimezone(BANGKOK).date(), None if end is None else end.astimezone(BANGKOK).date())
        for start, end in assignment.open_spans
    ]


def _open_on(spans: list[tuple[dt.date, dt.date | None]], day: dt.date) -> bool:
    """Open at some moment of ``day`` after having been forwarded before it."""
    return any(start < day and (end is None or end >= day) for start, end in spans)


def _followup(
    assignment: AssignmentProjection, calendar: WorkCalendar, rule: FebruaryRule, known_until: dt.datetime | None
) -> tuple[FollowUp, bool]:
    """The follow-ups under ``rule``, and whether a checkpoint day in February was looked at."""
    start = assignment.forwarded_at
    spans = _open_days(assignment)
    end_day = spans[-1][1] if spans else None
    decided: list[Checkpoint] = []
    reports = sorted(assignment.reports)
    window_start = start
    index = 0
    february = False
    for day in checkpoint_days(start.astimezone(BANGKOK).date(), rule, calendar):
        february = february or day.month == 2
        if end_day is not None and day > end_day:
            return FollowUp(tuple(decided), None, None), february
        if not _open_on(spans, day):
            continue
        due = calendar.due_on(start, day)
        while index < len(reports) and reports[index] <= window_start:
            index += 1
        reported = reports[index] if index < len(reports) and reports[index] <= due else None
        if reported is None and (known_until is None or due > known_until) and assignment.is_open:
            return FollowUp(tuple(decided), day, due), february
        decided.append(Checkpoint(day, due, reported))
        window_start = due
    raise AssertionError("checkpoint_days never ends")
