"""Property tests of the SPEC §3 state machine: random event sequences — accepted ones keep the
invariants, refused ones change nothing — first on the pure machine, then through the API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.complaints.lifecycle import (
    CLOSED,
    OPEN,
    AssignmentStatus,
    ComplaintState,
    EventInput,
    EventType,
    Status,
    TransitionRefused,
    Triage,
    apply,
    derive_status,
    recordable,
    recordable_when_created,
    start,
)
from tests.intake.conftest import Api, Org

AGENCIES = ("A", "B", "C")
TYPES = [t for t in EventType if t is not EventType.RECEIVED]
T0 = dt.datetime(2024, 4, 1, 2, 0, tzinfo=dt.UTC)

step = st.tuples(st.sampled_from(TYPES), st.sampled_from((*AGENCIES, None)), st.sampled_from((*AGENCIES, None)))


def check_invariants(state: ComplaintState[str]) -> None:
    in_force = [a for a in state.assignments if a.in_force]
    assert len({a.agency for a in in_force}) == len(in_force), "one assignment in force per agency"
    if state.triage is not Triage.MULTI_AGENCY:
        assert len(state.open_assignments) <= 1, "single-agency complaints have one open assignment"
    if state.status in OPEN or state.status is Status.COMPLETED:
        assert state.status is derive_status(state.assignments)
    if state.status is Status.COMPLETED:
        assert in_force and all(a.status is AssignmentStatus.COMPLETED for a in in_force)
    for a in state.assignments:
        if a.status in (AssignmentStatus.ACKNOWLEDGED, AssignmentStatus.COMPLETED):
            assert a.acknowledged_at is not None
        if a.status is AssignmentStatus.FORWARDED:
            assert a.acknowledged_at is None
        assert (a.completed_at is not None) == (a.status is AssignmentStatus.COMPLETED)
        assert (a.ended_at is not None) == (a.status is AssignmentStatus.TRANSFERRED)
        for moment in (a.acknowledged_at, a.completed_at, a.ended_at):
            assert moment is None or moment >= a.forwarded_at


@given(triage=st.sampled_from(list(Triage)), history=st.lists(step, max_size=25))
def test_accepted_events_keep_the_invariants(
    triage: Triage, history: list[tuple[EventType, str | None, str | None]]
) -> None:
    state: ComplaintState[str] = start(triage, T0)
    for i, (type_, agency, source) in enumerate(history):
        at = T0 + dt.timedelta(hours=i)
        if type_ in (EventType.FORWARDED, EventType.TRANSFERRED) and agency is None:
            continue  # the schema requires the agency for these
        try:
            applied = apply(state, EventInput(type_, at, agency, source))
        except TransitionRefused:
            continue
        previous, state = state, applied.state
        check_invariants(state)
        assert state.last_event_at == at
        if type_ in (EventType.CONCLUDED, EventType.REJECTED, EventType.DUPLICATE_OF):
            assert state.status in CLOSED
        if type_ is EventType.REOPENED:
            assert previous.status in CLOSED and state.status in OPEN


def test_time_never_runs_backwards() -> None:
    state: ComplaintState[str] = start(Triage.GENERAL, T0)
    forwarded = apply(state, EventInput(EventType.FORWARDED, T0 + dt.timedelta(hours=2), "A")).state
    try:
        apply(forwarded, EventInput(EventType.ACKNOWLEDGED, T0 + dt.timedelta(hours=1)))
    except TransitionRefused as exc:
        assert exc.rule.code == "complaint.event_before_previous"
    else:
        raise AssertionError("an event earlier than the previous one was accepted")


@pytest.mark.parametrize("triage", list(Triage))
@pytest.mark.parametrize("forwarded_to", [None, "B"])
def test_what_is_recordable_on_a_new_complaint_is_worked_out_once_per_triage(
    triage: Triage, forwarded_to: str | None
) -> None:
    for at in (T0, T0 + dt.timedelta(days=400, hours=5)):
        state: ComplaintState[str] = start(triage, at)
        if forwarded_to is not None:
            state = apply(state, EventInput(EventType.FORWARDED, at, forwarded_to)).state
        found = [(type_, applied.agency) for type_, applied in recordable(state, at, "Z")]
        assert recordable_when_created(triage, forwarded_to, "Z") == found
        # Once forwarded, only a multi-agency complaint goes to one more agency (others are transferred).
        assert ((EventType.FORWARDED, "Z") in found) == (forwarded_to is None or triage is Triage.MULTI_AGENCY)
        assert ((EventType.ACKNOWLEDGED, forwarded_to) in found) == (forwarded_to is not None)


CODES = {"A": "DA", "B": "DB", "C": "DA-WORKS"}


def _body(type_: EventType, agency: str | None, source: str | None, duplicate_target: str) -> dict[str, Any]:
    body: dict[str, Any] = {"type": type_.value}
    if agency:
        body["agency"] = CODES[agency]
    if source and type_ is EventType.TRANSFERRED:
        body["from_agency"] = CODES[source]
    required = {
        EventType.PROGRESS_REPORTED: {"text": "ความคืบหน้า"},
        EventType.COMPLETED: {"result": "ดำเนินการแล้ว"},
        EventType.REJECTED: {"text": "ไม่อยู่ในอำนาจหน้าที่"},
        EventType.DUPLICATE_OF: {"duplicate_of": duplicate_target},
        EventType.EVIDENCE_ATTACHED: {"evidence_kind": "before"},
    }
    body.update(required.get(type_, {}))
    return body


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(triage=st.sampled_from(list(Triage)), history=st.lists(step, max_size=12))
async def test_random_histories_through_the_api(
    api: Api, org: Org, triage: Triage, history: list[tuple[EventType, str | None, str | None]]
) -> None:
    target = await api.complaint(org.front_desk)
    created = await api.complaint(org.front_desk, triage=triage.value)
    url = f"/v1/complaints/{created['id']}"
    model: ComplaintState[str] = start(triage, T0)
    for type_, agency, source in history:
        if type_ in (EventType.FORWARDED, EventType.TRANSFERRED) and agency is None:
            continue
        before = (await api.http.get(url, headers=api.admin)).json()
        response = await api.event(
            api.admin,
            created["id"],
            type_.value,
            **{k: v for k, v in _body(type_, agency, source, target["ticket_no"]).items() if k != "type"},
        )
        try:
            applied = apply(model, EventInput(type_, dt.datetime.now(dt.UTC), agency, source))
        except TransitionRefused as exc:
            assert response.status_code == 409, (type_, response.text)
            assert response.json()["error"]["code"] == exc.rule.code
            after = (await api.http.get(url, headers=api.admin)).json()
            assert after["events"] == before["events"] and after["status"] == before["status"]
            assert after["assignments"] == before["assignments"]
            continue
        assert response.status_code == 201, (type_, response.text)
        model = applied.state
        assert response.json()["complaint"]["status"] == model.status.value
    final = (await api.http.get(url, headers=api.admin)).json()
    assert final["status"] == model.status.value
    by_code = {v: k for k, v in CODES.items()}
    assert [(by_code[a["agency"]], a["status"]) for a in final["assignments"]] == [
        (a.agency, a.status.value) for a in model.assignments
    ]
    assert uuid.UUID(final["id"])
