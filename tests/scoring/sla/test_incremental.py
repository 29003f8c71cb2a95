"""Property test (the issue's): for random event histories, projections built incrementally — the
stream applied page by page, in random page sizes, through the real database — equal projections
rebuilt from scratch; applying a page again changes nothing; and what is stored agrees with the pure
projection of each complaint's events and with intake's state machine.

The histories are valid for intake's state machine (SPEC §3): each candidate event is kept only if
``lifecycle.apply`` accepts it, and carries the agency the machine resolved, as intake records it."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.complaints.lifecycle import (
    ComplaintState,
    EventInput,
    EventType,
    TransitionRefused,
    Triage,
    apply,
    start,
)
from kit.db import create_database, driver_connection
from kit.workdays import WorkCalendar
from scoring.sla.projection import ComplaintProjection, StreamEvent, project
from scoring.sla.repository import ASSIGNMENT_COLUMNS, assignment_record, write_projections
from scoring.stream.projectors import LAST_ID, Selection, project_chunk
from scoring.stream.service import CURSOR, apply_page, lock_cursor

CALENDAR = WorkCalendar()  # built once: the holiday tables cost ~0.4 s
AGENCIES = ("DA", "DB", "DC")
TYPES = [t for t in EventType if t is not EventType.RECEIVED]
MAX_EVENTS = 12  # per complaint, after 'received'
TABLES = "scoring.events, scoring.complaints, scoring.assignments, scoring.cursors"
INTAKE_STATUSES = {"received", "forwarded", "in_progress", "completed", "concluded", "rejected", "duplicate"}


@dataclass(frozen=True)
class Event:
    """One accepted event of one complaint, as intake's feed would carry it."""

    type: str
    at: dt.datetime
    agency: str | None = None
    from_agency: str | None = None
    has_result: bool = False
    has_result_details: bool = False
    evidence_kind: str | None = None


@dataclass(frozen=True)
class History:
    id: uuid.UUID
    ticket_no: str
    triage: Triage
    received_at: dt.datetime
    imported: bool
    events: tuple[Event, ...]  # 'received' first
    final: ComplaintState[str]  # intake's state after the last event


@dataclass(frozen=True)
class Scenario:
    histories: tuple[History, ...]
    stream: tuple[dict[str, Any], ...]  # feed events, seq 1..N

    def events_of(self, complaint_id: uuid.UUID) -> list[StreamEvent]:
        return [
            StreamEvent(
                seq=e["seq"],
                type=e["type"],
                recorded_at=_moment(e["recorded_at"]),
                agency=e["agency"],
                from_agency=e["from_agency"],
                has_result=e["has_result"],
                has_result_details=e["has_result_details"],
                evidence_kind=e["evidence_kind"],
            )
            for e in self.stream
            if e["complaint_id"] == str(complaint_id)
        ]


# Candidate event types, weighted towards an assignment's working life (forward, acknowledge,
# report, complete, transfer) so that the SLA rules get exercised, not only closing and reopening.
WEIGHTED_TYPES = [
    *[EventType.FORWARDED] * 3,
    *[EventType.ACKNOWLEDGED] * 4,
    *[EventType.PROGRESS_REPORTED] * 4,
    *[EventType.COMPLETED] * 3,
    *[EventType.TRANSFERRED] * 2,
    *TYPES,
]
GAPS = st.one_of(
    st.integers(min_value=60, max_value=6 * 3600),  # minutes to hours
    st.integers(min_value=6 * 3600, max_value=20 * 86_400),  # up to ~20 days
)


@st.composite
def histories(draw: st.DrawFn, complaint_id: uuid.UUID, number: int) -> History:
    triage = draw(st.sampled_from((Triage.GENERAL, Triage.MULTI_AGENCY)))
    received_at = draw(
        st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2025, 6, 30), timezones=st.just(dt.UTC))
    )
    state: ComplaintState[str] = start(triage, received_at)
    events = [Event("received", received_at, agency="DA")]
    wanted = draw(st.integers(min_value=0, max_value=MAX_EVENTS))
    at = received_at
    for _ in range(4 * wanted):
        if len(events) > wanted:
            break
        type_ = draw(st.sampled_from(WEIGHTED_TYPES))
        # Agencies holding the complaint come up more often than the others.
        in_force = state.agencies_in_force
        agency = draw(st.sampled_from((*in_force, *AGENCIES, None)))
        source = draw(st.sampled_from((*in_force, None))) if type_ is EventType.TRANSFERRED else None
        if type_ in (EventType.FORWARDED, EventType.TRANSFERRED) and agency is None:
            continue  # intake's schema requires the agency for these
        moment = at + dt.timedelta(seconds=draw(GAPS))
        try:
            applied = apply(state, EventInput(type_, moment, agency, source))
        except TransitionRefused:
            continue
        state, at = applied.state, moment
        events.append(
            Event(
                type=type_.value,
                at=moment,
                agency=applied.agency,
                from_agency=applied.source if type_ is EventType.TRANSFERRED else None,
                has_result=type_ is EventType.COMPLETED,
                has_result_details=type_ is EventType.COMPLETED and draw(st.booleans()),
                evidence_kind=draw(st.sampled_from(("before", "after", "other")))
                if type_ is EventType.EVIDENCE_ATTACHED
                else None,
            )
        )
    return History(
        id=complaint_id,
        ticket_no=f"2567-{number:06d}",
        triage=triage,
        received_at=received_at,
        imported=draw(st.booleans()),
        events=tuple(events),
        final=state,
    )


def _wire(moment: dt.datetime, as_json: bool) -> dt.datetime | str:
    """A time as store_page may receive it: a datetime, or ISO text as in the feed's JSON."""
    return moment.isoformat().replace("+00:00", "Z") if as_json else moment


def _moment(value: dt.datetime | str) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    ids = draw(st.lists(st.uuids(), min_size=1, max_size=6, unique=True))
    found = tuple(draw(histories(cid, n)) for n, cid in enumerate(ids, start=1))
    as_json = draw(st.booleans())
    # One stream: merged by time, each complaint's own events kept in their order.
    merged = sorted(
        ((e.at, n, i, h, e) for n, h in enumerate(found) for i, e in enumerate(h.events)),
        key=lambda item: item[:3],
    )
    stream = tuple(
        {
            "seq": seq,
            "id": str(uuid.uuid5(h.id, str(i))),
            "complaint_id": str(h.id),
            "type": e.type,
            "recorded_at": _wire(e.at, as_json),
            "agency": e.agency,
            "from_agency": e.from_agency,
            "has_result": e.has_result,
            "has_result_details": e.has_result_details,
            "evidence_kind": e.evidence_kind,
            "complaint": {
                "ticket_no": h.ticket_no,
                "category": "drainage",
                "channel": "call_center",
                "receiving_agency": "DA",
                "complainant_group": None,
                "triage": h.triage.value,
                "received_at": _wire(h.received_at, as_json),
                "imported": h.imported,
            },
        }
        for seq, (_, _, i, h, e) in enumerate(merged, start=1)
    )
    return Scenario(found, stream)


@st.composite
def pages(draw: st.DrawFn, count: int) -> list[tuple[int, int]]:
    """[start, end) bounds of consecutive pages covering ``count`` events, in random sizes."""
    bounds: list[tuple[int, int]] = []
    done = 0
    while done < count:
        size = draw(st.integers(min_value=1, max_value=max(1, min(count - done, 12))))
        bounds.append((done, done + size))
        done += size
    return bounds


async def _snapshot(conn: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    assignments = await conn.fetch("SELECT * FROM scoring.assignments ORDER BY complaint_id, number")
    complaints = await conn.fetch("SELECT * FROM scoring.complaints ORDER BY id")
    return [dict(r) for r in assignments], [dict(r) for r in complaints]


async def _cursor(conn: Any) -> int | None:
    value = await conn.fetchval("SELECT seq FROM scoring.cursors WHERE name = $1", CURSOR)
    return None if value is None else int(value)


def _comparable(column: str, value: Any) -> Any:
    return json.loads(value) if column == "checkpoints" and isinstance(value, str) else value


def _check_against_projection(
    history: History,
    projection: ComplaintProjection,
    complaint: dict[str, Any],
    assignments: list[dict[str, Any]],
) -> None:
    """The stored rows are exactly what the pure projection of the complaint's events says."""
    assert complaint["status"] == projection.status
    assert complaint["completed_at"] == projection.completed_at
    assert complaint["concluded_at"] == projection.concluded_at
    assert complaint["last_event_at"] == projection.last_event_at == history.events[-1].at
    assert complaint["last_seq"] == projection.last_seq
    assert len(assignments) == len(projection.assignments)
    for row, assignment in zip(assignments, projection.assignments, strict=True):
        expected = dict(
            zip(ASSIGNMENT_COLUMNS, assignment_record(history.id, assignment, projection.last_seq), strict=True)
        )
        assert {k: _comparable(k, row[k]) for k in ASSIGNMENT_COLUMNS} == {
            k: _comparable(k, v) for k, v in expected.items()
        }


def _check_against_intake(history: History, projection: ComplaintProjection) -> None:
    """Scoring's reading of the events agrees with intake's state machine on what both know."""
    final = history.final
    assert projection.status in INTAKE_STATUSES
    assert projection.status == final.status.value, (projection.status, final.status, history.events)
    assert [(a.agency, a.forwarded_at) for a in projection.assignments] == [
        (a.agency, a.forwarded_at) for a in final.assignments
    ]
    for mine, theirs in zip(projection.assignments, final.assignments, strict=True):
        assert mine.acknowledged_at == theirs.acknowledged_at, (mine, theirs)
        assert mine.completed_at == theirs.completed_at, (mine, theirs)
        assert mine.transferred_at == theirs.ended_at, (mine, theirs)
        assert mine.in_force == theirs.in_force
    if projection.status == "completed":
        assert projection.completed_at == max(a.completed_at for a in final.assignments if a.completed_at is not None)
    concluded = [e.at for e in history.events if e.type == EventType.CONCLUDED.value]
    if projection.status == "concluded":
        assert projection.concluded_at == concluded[-1]


async def _run(database_url: str, scenario: Scenario, bounds: list[tuple[int, int]], replay: tuple[int, int]) -> None:
    conn = await asyncpg.connect(database_url)
    db = create_database(database_url, application_name="test", pool_size=1, max_overflow=0)
    try:
        await conn.execute(f"TRUNCATE {TABLES}")
        stream = list(scenario.stream)

        async def apply_batch(start: int, end: int) -> None:
            async with db.transaction() as session:
                raw = await driver_connection(session)
                await lock_cursor(raw)
                await apply_page(session, stream[start:end], CALENDAR)

        # Incrementally, page by page; one page applied a second time, some pages later.
        replayed, after = replay
        for index, (start, end) in enumerate(bounds):
            await apply_batch(start, end)
            if index == after:
                before, cursor = await _snapshot(conn), await _cursor(conn)
                await apply_batch(*bounds[replayed])
                assert await _snapshot(conn) == before, "applying a page again changed the projections"
                if replayed == after:
                    assert await _cursor(conn) == cursor
                # apply_page sets the cursor to the page's last seq, so an older page replayed moves it
                # back (the worker only ever reads pages after the cursor); the current page, applied
                # again too, puts it back.
                await apply_batch(start, end)
                assert await _snapshot(conn) == before
                assert await _cursor(conn) == cursor
        assert await _cursor(conn) == len(stream)
        assert await conn.fetchval("SELECT count(*) FROM scoring.events") == len(stream)
        incremental_assignments, incremental_complaints = await _snapshot(conn)

        # From scratch: no projection left, every complaint re-projected from its stored events.
        ids = [h.id for h in scenario.histories]
        async with db.transaction() as session:
            raw = await driver_connection(session)
            await lock_cursor(raw)
            await raw.execute("DELETE FROM scoring.assignments")
            await raw.execute(
                "UPDATE scoring.complaints SET status = 'received', completed_at = NULL, concluded_at = NULL,"
                " last_event_at = received_at, last_seq = 0, projection_digest = NULL"
            )
            every = await project_chunk(raw, 0, Selection(), uuid.UUID(int=0), LAST_ID, CALENDAR)
            assert every.complaints == len(ids)
            await write_projections(raw, every.changes)
        rebuilt_assignments, rebuilt_complaints = await _snapshot(conn)
        assert rebuilt_complaints == incremental_complaints
        assert rebuilt_assignments == incremental_assignments

        # Against the pure projection of each complaint's events, and intake's state machine.
        assert sorted(c["id"] for c in incremental_complaints) == sorted(ids)
        complaints = {c["id"]: c for c in incremental_complaints}
        for history in scenario.histories:
            projection = project(scenario.events_of(history.id), CALENDAR)
            rows = [a for a in incremental_assignments if a["complaint_id"] == history.id]
            _check_against_projection(history, projection, complaints[history.id], rows)
            _check_against_intake(history, projection)
    finally:
        await conn.close()
        await db.dispose()


@st.composite
def plans(draw: st.DrawFn, count: int) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    bounds = draw(pages(count))
    replayed = draw(st.integers(min_value=0, max_value=len(bounds) - 1))
    after = draw(st.integers(min_value=replayed, max_value=len(bounds) - 1))
    return bounds, (replayed, after)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=scenarios(), data=st.data())
def test_incremental_projections_equal_projections_from_scratch(
    database_url: str, scenario: Scenario, data: st.DataObject
) -> None:
    bounds, replay = data.draw(plans(len(scenario.stream)), label="pages")
    asyncio.run(_run(database_url, scenario, bounds, replay))
