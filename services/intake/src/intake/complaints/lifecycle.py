"""The complaint lifecycle (SPEC §3) as a pure state machine.

Live events, the historical import and the property tests all go through :func:`apply`, so the
rules are written once. A refused event raises :class:`TransitionRefused` naming the rule; the
caller writes nothing.

Interpretation of the SPEC table, written down once:
- *open* means received, forwarded or in progress; *closed* means completed, concluded, rejected or
  duplicate. ``reopened`` brings any closed complaint back to work.
- Each agency a complaint is forwarded to has its own assignment with its own clock
  (forwarded → acknowledged → completed). A complaint triaged ``multi_agency`` may have several
  open assignments; any other has at most one, and moving it is a ``transferred`` event.
- The complaint is completed when every assignment still in force is completed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, NamedTuple, TypeVar

AgencyT = TypeVar("AgencyT", bound=Hashable)


class EventType(StrEnum):
    RECEIVED = "received"
    FORWARDED = "forwarded"
    ACKNOWLEDGED = "acknowledged"
    PROGRESS_REPORTED = "progress_reported"
    FOLLOWUP_REQUESTED = "followup_requested"
    EVIDENCE_ATTACHED = "evidence_attached"
    COMPLETED = "completed"
    COMPLAINANT_NOTIFIED = "complainant_notified"
    CONCLUDED = "concluded"
    TRANSFERRED = "transferred"
    REJECTED = "rejected"
    DUPLICATE_OF = "duplicate_of"
    REOPENED = "reopened"


class Status(StrEnum):
    RECEIVED = "received"
    FORWARDED = "forwarded"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CONCLUDED = "concluded"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


OPEN = frozenset({Status.RECEIVED, Status.FORWARDED, Status.IN_PROGRESS})
CLOSED = frozenset({Status.COMPLETED, Status.CONCLUDED, Status.REJECTED, Status.DUPLICATE})


class AssignmentStatus(StrEnum):
    FORWARDED = "forwarded"
    ACKNOWLEDGED = "acknowledged"
    COMPLETED = "completed"
    TRANSFERRED = "transferred"


class Triage(StrEnum):
    GENERAL = "general"
    URGENT = "urgent"
    MULTI_AGENCY = "multi_agency"


# Events that act on one agency's assignment: the agency may be omitted when only one is open.
ASSIGNMENT_EVENTS = frozenset(
    {EventType.ACKNOWLEDGED, EventType.PROGRESS_REPORTED, EventType.COMPLETED, EventType.TRANSFERRED}
)
# Events an agency records about its own part: only that agency (or one above it) may record them.
OWN_PART_EVENTS = frozenset({EventType.ACKNOWLEDGED, EventType.PROGRESS_REPORTED, EventType.COMPLETED})


@dataclass(frozen=True)
class Rule:
    code: str
    message_th: str
    message_en: str


class Rules:
    RECEIVED_ONLY_FIRST = Rule(
        "complaint.received_only_first",
        "เหตุการณ์รับเรื่องต้องเป็นเหตุการณ์แรกเท่านั้น",
        "'received' can only be a complaint's first event",
    )
    NOT_RECEIVED = Rule(
        "complaint.not_received",
        "เรื่องต้องเริ่มด้วยเหตุการณ์รับเรื่อง",
        "A complaint's first event must be 'received'",
    )
    CLOSED = Rule(
        "complaint.closed",
        "เรื่องนี้ปิดแล้ว (เสร็จสิ้น ยุติ ไม่รับเรื่อง หรือซ้ำ) ต้องเปิดเรื่องใหม่ก่อน",
        "The complaint is closed (completed, concluded, rejected or duplicate); reopen it first",
    )
    ALREADY_FORWARDED = Rule(
        "complaint.already_forwarded_to_agency",
        "ส่งเรื่องให้หน่วยงานนี้แล้วและยังดำเนินการอยู่",
        "The complaint is already with this agency",
    )
    SINGLE_AGENCY = Rule(
        "complaint.single_agency_use_transfer",
        "เรื่องนี้ไม่ใช่เรื่องหลายหน่วยงาน หากต้องการเปลี่ยนหน่วยงานให้ใช้การโอนเรื่อง",
        "Only multi-agency complaints go to several agencies at once; use 'transferred' to move it",
    )
    NOT_FORWARDED = Rule(
        "complaint.not_forwarded",
        "ยังไม่ได้ส่งเรื่องให้หน่วยงานใด",
        "The complaint has not been forwarded to any agency",
    )
    NOT_FORWARDED_TO_AGENCY = Rule(
        "complaint.not_forwarded_to_agency",
        "ยังไม่ได้ส่งเรื่องนี้ให้หน่วยงานนี้",
        "The complaint has not been forwarded to this agency",
    )
    AGENCY_REQUIRED = Rule(
        "complaint.agency_required",
        "เรื่องนี้อยู่กับหลายหน่วยงาน กรุณาระบุหน่วยงาน",
        "Several agencies hold this complaint; say which one",
    )
    ALREADY_ACKNOWLEDGED = Rule(
        "complaint.already_acknowledged",
        "หน่วยงานตอบรับเรื่องนี้แล้ว",
        "The agency has already acknowledged this complaint",
    )
    NOT_ACKNOWLEDGED = Rule(
        "complaint.not_acknowledged",
        "หน่วยงานยังไม่ได้ตอบรับเรื่อง",
        "The agency has not acknowledged the complaint yet",
    )
    ASSIGNMENT_COMPLETED = Rule(
        "complaint.assignment_completed",
        "หน่วยงานดำเนินการเรื่องนี้เสร็จสิ้นแล้ว",
        "The agency has already completed its part",
    )
    NOT_COMPLETED = Rule(
        "complaint.not_completed",
        "เรื่องยังดำเนินการไม่เสร็จสิ้น",
        "The complaint has not been completed",
    )
    NOT_CLOSED = Rule(
        "complaint.not_closed",
        "เรื่องยังไม่ได้ปิด จึงเปิดใหม่ไม่ได้",
        "Only a closed complaint can be reopened",
    )
    ALREADY_CONCLUDED = Rule(
        "complaint.already_concluded",
        "ยุติเรื่องแล้ว",
        "The complaint is already concluded",
    )
    SAME_AGENCY = Rule(
        "complaint.transfer_to_same_agency",
        "โอนเรื่องให้หน่วยงานเดิมไม่ได้",
        "A complaint cannot be transferred to the agency that holds it",
    )
    TIME_ORDER = Rule(
        "complaint.event_before_previous",
        "เวลาของเหตุการณ์ต้องไม่ก่อนเหตุการณ์ก่อนหน้า",
        "An event cannot be earlier than the complaint's previous event",
    )


class TransitionRefused(Exception):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule.code)
        self.rule = rule


class AssignmentState(NamedTuple, Generic[AgencyT]):
    agency: AgencyT
    status: AssignmentStatus
    forwarded_at: dt.datetime
    acknowledged_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None

    @property
    def in_force(self) -> bool:
        """Still this agency's job (not transferred away)."""
        return self.status is not AssignmentStatus.TRANSFERRED

    @property
    def open(self) -> bool:
        return self.status in (AssignmentStatus.FORWARDED, AssignmentStatus.ACKNOWLEDGED)


class ComplaintState(NamedTuple, Generic[AgencyT]):
    status: Status
    triage: Triage
    assignments: tuple[AssignmentState[AgencyT], ...] = ()
    last_event_at: dt.datetime | None = None

    def assignment_for(self, agency: AgencyT) -> AssignmentState[AgencyT] | None:
        """The agency's assignment in force, if any (there is at most one)."""
        for a in self.assignments:
            if a.agency == agency and a.in_force:
                return a
        return None

    @property
    def open_assignments(self) -> list[AssignmentState[AgencyT]]:
        return [a for a in self.assignments if a.open]

    @property
    def agencies_in_force(self) -> list[AgencyT]:
        return [a.agency for a in self.assignments if a.in_force]


class EventInput(NamedTuple, Generic[AgencyT]):
    """What the state machine needs of an event. Payload validation (text present, result present)
    is the schema's job; here only order and state are checked."""

    type: EventType
    at: dt.datetime
    agency: AgencyT | None = None
    from_agency: AgencyT | None = None


class Applied(NamedTuple, Generic[AgencyT]):
    state: ComplaintState[AgencyT]
    # The assignment the event acted on (for assignment events); the agency to record on the event.
    agency: AgencyT | None = None
    # For a transfer: the agency the complaint left.
    source: AgencyT | None = None


def start(triage: Triage, at: dt.datetime) -> ComplaintState[AgencyT]:
    """The state right after the ``received`` event."""
    return ComplaintState(status=Status.RECEIVED, triage=triage, last_event_at=at)


def derive_status(assignments: tuple[AssignmentState[AgencyT], ...]) -> Status:
    in_force = [a for a in assignments if a.in_force]
    if not in_force:
        return Status.RECEIVED
    if all(a.status is AssignmentStatus.COMPLETED for a in in_force):
        return Status.COMPLETED
    if any(a.status is not AssignmentStatus.FORWARDED for a in in_force):
        return Status.IN_PROGRESS
    return Status.FORWARDED


def _replace_assignment(
    state: ComplaintState[AgencyT], old: AssignmentState[AgencyT], new: AssignmentState[AgencyT]
) -> tuple[AssignmentState[AgencyT], ...]:
    return tuple(new if a is old else a for a in state.assignments)


def _target(state: ComplaintState[AgencyT], agency: AgencyT | None) -> AssignmentState[AgencyT]:
    """The assignment an assignment event acts on: the named agency's, or the only open one."""
    if agency is not None:
        found = state.assignment_for(agency)
        if found is None:
            raise TransitionRefused(Rules.NOT_FORWARDED_TO_AGENCY)
        return found
    candidates = state.open_assignments
    if not candidates:
        in_force = [a for a in state.assignments if a.in_force]
        if len(in_force) == 1:
            return in_force[0]
        raise TransitionRefused(Rules.NOT_FORWARDED)
    if len(candidates) > 1:
        raise TransitionRefused(Rules.AGENCY_REQUIRED)
    return candidates[0]


def _require_open(state: ComplaintState[AgencyT]) -> None:
    if state.status not in OPEN:
        raise TransitionRefused(Rules.CLOSED)


def apply(state: ComplaintState[AgencyT] | None, event: EventInput[AgencyT]) -> Applied[AgencyT]:
    """The state after ``event``, or :class:`TransitionRefused`."""
    if state is None:
        raise TransitionRefused(Rules.NOT_RECEIVED)
    if event.type is EventType.RECEIVED:
        raise TransitionRefused(Rules.RECEIVED_ONLY_FIRST)
    if state.last_event_at is not None and event.at < state.last_event_at:
        raise TransitionRefused(Rules.TIME_ORDER)
    applied = _HANDLERS[event.type](state, event)
    return applied._replace(state=applied.state._replace(last_event_at=event.at))


def _forwarded(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    assert event.agency is not None, "the schema requires an agency for 'forwarded'"
    if state.assignment_for(event.agency) is not None:
        raise TransitionRefused(Rules.ALREADY_FORWARDED)
    if state.triage is not Triage.MULTI_AGENCY and state.open_assignments:
        raise TransitionRefused(Rules.SINGLE_AGENCY)
    assignments = (*state.assignments, AssignmentState(event.agency, AssignmentStatus.FORWARDED, forwarded_at=event.at))
    return Applied(state._replace(assignments=assignments, status=derive_status(assignments)), event.agency)


def _acknowledged(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    target = _target(state, event.agency)
    if target.status is not AssignmentStatus.FORWARDED:
        raise TransitionRefused(
            Rules.ASSIGNMENT_COMPLETED if target.status is AssignmentStatus.COMPLETED else Rules.ALREADY_ACKNOWLEDGED
        )
    updated = target._replace(status=AssignmentStatus.ACKNOWLEDGED, acknowledged_at=event.at)
    assignments = _replace_assignment(state, target, updated)
    return Applied(state._replace(assignments=assignments, status=derive_status(assignments)), target.agency)


def _progress_reported(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    target = _target(state, event.agency)
    if target.status is AssignmentStatus.FORWARDED:
        raise TransitionRefused(Rules.NOT_ACKNOWLEDGED)
    if target.status is AssignmentStatus.COMPLETED:
        raise TransitionRefused(Rules.ASSIGNMENT_COMPLETED)
    return Applied(state, target.agency)


def _followup_requested(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    if event.agency is not None:
        target = state.assignment_for(event.agency)
        if target is None or not target.open:
            raise TransitionRefused(Rules.NOT_FORWARDED_TO_AGENCY)
        return Applied(state, target.agency)
    if not state.open_assignments:
        raise TransitionRefused(Rules.NOT_FORWARDED)
    only = state.open_assignments
    return Applied(state, only[0].agency if len(only) == 1 else None)


def _evidence_attached(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    return Applied(state, event.agency)


def _completed(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    target = _target(state, event.agency)
    if target.status is AssignmentStatus.FORWARDED:
        raise TransitionRefused(Rules.NOT_ACKNOWLEDGED)
    if target.status is AssignmentStatus.COMPLETED:
        raise TransitionRefused(Rules.ASSIGNMENT_COMPLETED)
    updated = target._replace(status=AssignmentStatus.COMPLETED, completed_at=event.at)
    assignments = _replace_assignment(state, target, updated)
    return Applied(state._replace(assignments=assignments, status=derive_status(assignments)), target.agency)


def _complainant_notified(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    # After completed (SPEC §3); a rejected or duplicate complaint's complainant is told too.
    if state.status in OPEN:
        raise TransitionRefused(Rules.NOT_COMPLETED)
    return Applied(state, event.agency)


def _concluded(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    if state.status is Status.CONCLUDED:
        raise TransitionRefused(Rules.ALREADY_CONCLUDED)
    if state.status in OPEN:
        raise TransitionRefused(Rules.NOT_COMPLETED)
    return Applied(state._replace(status=Status.CONCLUDED), event.agency)


def _transferred(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    assert event.agency is not None, "the schema requires the receiving agency for 'transferred'"
    source = _target(state, event.from_agency)
    if not source.open:
        raise TransitionRefused(Rules.ASSIGNMENT_COMPLETED)
    if source.agency == event.agency:
        raise TransitionRefused(Rules.SAME_AGENCY)
    if state.assignment_for(event.agency) is not None:
        raise TransitionRefused(Rules.ALREADY_FORWARDED)
    ended = source._replace(status=AssignmentStatus.TRANSFERRED, ended_at=event.at)
    assignments = (
        *_replace_assignment(state, source, ended),
        AssignmentState(event.agency, AssignmentStatus.FORWARDED, forwarded_at=event.at),
    )
    return Applied(
        state._replace(assignments=assignments, status=derive_status(assignments)), event.agency, source=source.agency
    )


def _rejected(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    return Applied(state._replace(status=Status.REJECTED), event.agency)


def _duplicate_of(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    _require_open(state)
    return Applied(state._replace(status=Status.DUPLICATE), event.agency)


def _reopened(state: ComplaintState[AgencyT], event: EventInput[AgencyT]) -> Applied[AgencyT]:
    if state.status not in CLOSED:
        raise TransitionRefused(Rules.NOT_CLOSED)
    # Back to work: the agencies that had completed their part continue it.
    assignments = tuple(
        a._replace(status=AssignmentStatus.ACKNOWLEDGED, completed_at=None)
        if a.status is AssignmentStatus.COMPLETED
        else a
        for a in state.assignments
    )
    return Applied(state._replace(assignments=assignments, status=derive_status(assignments)), event.agency)


_HANDLERS = {
    EventType.FORWARDED: _forwarded,
    EventType.ACKNOWLEDGED: _acknowledged,
    EventType.PROGRESS_REPORTED: _progress_reported,
    EventType.FOLLOWUP_REQUESTED: _followup_requested,
    EventType.EVIDENCE_ATTACHED: _evidence_attached,
    EventType.COMPLETED: _completed,
    EventType.COMPLAINANT_NOTIFIED: _complainant_notified,
    EventType.CONCLUDED: _concluded,
    EventType.TRANSFERRED: _transferred,
    EventType.REJECTED: _rejected,
    EventType.DUPLICATE_OF: _duplicate_of,
    EventType.REOPENED: _reopened,
}


def recordable(
    state: ComplaintState[AgencyT], at: dt.datetime, elsewhere: AgencyT
) -> list[tuple[EventType, Applied[AgencyT]]]:
    """Every way an event could be recorded on ``state`` at ``at``, found by trying it: each event
    type the rules accept, with its outcome, once for every agency it could name (none, or one that
    holds an assignment). ``elsewhere`` stands for an agency that holds none: the one a complaint is
    forwarded or transferred to. ``received`` is never recordable."""
    named: list[AgencyT | None] = [None, *dict.fromkeys(a.agency for a in state.assignments)]
    found: list[tuple[EventType, Applied[AgencyT]]] = []
    for type_ in _HANDLERS:
        if type_ is EventType.FORWARDED:
            trials = [EventInput(type_, at, elsewhere)]
        elif type_ is EventType.TRANSFERRED:
            trials = [EventInput(type_, at, elsewhere, source) for source in named]
        else:
            trials = [EventInput(type_, at, agency) for agency in named]
        for trial in trials:
            try:
                found.append((type_, apply(state, trial)))
            except TransitionRefused:
                continue
    return found


def recordable_when_created(
    triage: Triage, forwarded_to: AgencyT | None, elsewhere: AgencyT
) -> list[tuple[EventType, AgencyT | None]]:
    """What :func:`recordable` finds on a complaint just created (received, and forwarded to
    ``forwarded_to`` when given): each event type with the agency it would name. The rules look at
    a state's shape, and at its times only to refuse an event older than the last one, so every
    complaint created alike has the same answer, up to its agencies: it is worked out once."""
    agencies = {None: None, "forwarded_to": forwarded_to, "elsewhere": elsewhere}
    return [(type_, agencies[agency]) for type_, agency in _recordable_by_shape(triage, forwarded_to is not None)]


@functools.cache
def _recordable_by_shape(triage: Triage, forwarded: bool) -> tuple[tuple[EventType, str | None], ...]:
    at = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    state: ComplaintState[str] = start(triage, at)
    if forwarded:
        state = apply(state, EventInput(EventType.FORWARDED, at, "forwarded_to")).state
    return tuple((type_, applied.agency) for type_, applied in recordable(state, at, "elsewhere"))


@dataclass
class Replay(Generic[AgencyT]):
    """Apply a whole history, event by event (the import's path)."""

    triage: Triage
    state: ComplaintState[AgencyT] | None = None

    def received(self, at: dt.datetime) -> None:
        if self.state is not None:
            raise TransitionRefused(Rules.RECEIVED_ONLY_FIRST)
        self.state = start(self.triage, at)

    def apply(self, event: EventInput[AgencyT]) -> Applied[AgencyT]:
        applied = apply(self.state, event)
        self.state = applied.state
        return applied
