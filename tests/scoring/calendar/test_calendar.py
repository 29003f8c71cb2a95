"""The working-day calendar through the API: holidays, overrides and outages, and their effect on
SLA results already computed (SPEC §4)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import pytest

from kit.jobs import queued_jobs
from scoring.stream import tasks
from scoring.stream.projectors import ProjectedChunk, project_chunk
from tests.scoring.conftest import Stack
from tests.scoring.history import complaint, load, organisation


async def test_add_working_days_contract_and_days(stack: Stack) -> None:
    admin = stack.intake.admin
    assert await stack.get("/v1/calendar/add-working-days", admin, date="2024-04-12", n=1) == {"date": "2024-04-17"}
    assert await stack.get("/v1/calendar/add-working-days", admin, date="2024-04-13", n=3) == {"date": "2024-04-19"}
    days = await stack.get("/v1/calendar", admin, **{"from": "2024-04-12"}, to="2024-04-17")
    assert [(d["date"], d["working"], d["kind"]) for d in days] == [
        ("2024-04-12", False, "holiday"),
        ("2024-04-13", False, "holiday"),
        ("2024-04-14", False, "holiday"),
        ("2024-04-15", False, "holiday"),
        ("2024-04-16", False, "holiday"),
        ("2024-04-17", True, "weekday"),
    ]
    assert "สงกรานต์" in days[1]["name"] and "Songkran" in days[1]["name_en"]
    response = await stack.scoring.get(
        "/v1/calendar/add-working-days", params={"date": "2024-04-12", "n": 0}, headers=admin
    )
    assert response.status_code == 422
    assert "n" in response.json()["error"]["fields"]


async def _recompute_jobs(stack: Stack) -> list[dict[str, str]]:
    """The recompute jobs queued (sent after the commit, within a few milliseconds)."""
    for _ in range(100):
        jobs = [
            job["k"]
            async for _, job in queued_jobs(stack.worker.runtime.redis, "scoring")
            if job["f"] == "scoring.recompute"
        ]
        if jobs:
            return jobs
        await asyncio.sleep(0.02)
    return []


async def _acknowledgement(stack: Stack, cid: str) -> dict[str, Any]:
    """The first assignment's acknowledgement checkpoint, as the SLA endpoint shows it."""
    sla = await stack.get(f"/v1/complaints/{cid}/sla", stack.intake.admin)
    acknowledgement: dict[str, Any] = sla["assignments"][0]["acknowledgement"]
    return acknowledgement


def _forwarded_on_4_june() -> dict[str, Any]:
    """A complaint forwarded to DA on 2024-06-04, not yet acknowledged: its acknowledgement is due on the 5th."""
    return complaint([("forwarded", "2024-06-04 10:00", {"agency": "DA"})], "2024-06-04 09:00")


async def _declare_5_june_a_holiday(stack: Stack) -> None:
    """2024-06-05 becomes a holiday: an acknowledgement due that day moves to the 6th."""
    body = {"day": "2024-06-05", "working": False, "name": "วันหยุดราชการเพิ่มเติม"}
    added = await stack.scoring.post("/v1/calendar/overrides", json=body, headers=stack.intake.admin)
    assert added.status_code == 201, added.text


async def test_a_holiday_declared_after_the_fact_changes_a_computed_result(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin
    [cid] = await load(
        stack,
        complaint(
            [("forwarded", "2024-06-04 10:00", {"agency": "DA"}), ("acknowledged", "2024-06-06 09:00", {})],
            "2024-06-04 09:00",
        ),
    )
    before = await _acknowledgement(stack, cid)
    assert (before["due"], before["state"]) == ("2024-06-05T16:59:59Z", "missed")

    officer = await stack.intake.user("agency_officer", "DA")
    body = {"day": "2024-06-05", "working": False, "name": "วันหยุดราชการเพิ่มเติม", "reference": "มติ ครม. 1 มิ.ย. 2567"}
    refused = await stack.scoring.post("/v1/calendar/overrides", json=body, headers=officer)
    assert refused.status_code == 403
    added = await stack.scoring.post("/v1/calendar/overrides", json=body, headers=admin)
    assert added.status_code == 201, added.text
    assert (await stack.get("/v1/calendar", admin, **{"from": "2024-06-05"}, to="2024-06-05"))[0]["kind"] == "override"
    # The change asked for a recompute of the complaints whose clocks ran that day.
    assert await _recompute_jobs(stack) == [{"first": "2024-06-05", "last": "2024-06-05"}]
    assert await stack.recompute("2024-06-05", "2024-06-05") == {"complaints": 1, "assignments_rewritten": 1}

    after = await _acknowledgement(stack, cid)
    assert (after["due"], after["state"]) == ("2024-06-06T16:59:59Z", "met")
    duplicate = await stack.scoring.post("/v1/calendar/overrides", json=body, headers=admin)
    assert duplicate.status_code == 409
    assert (await stack.scoring.delete("/v1/calendar/overrides/2024-06-05", headers=admin)).status_code == 204
    await stack.recompute("2024-06-05", "2024-06-05")
    again = await _acknowledgement(stack, cid)
    assert again["state"] == "missed"


async def _row_versions(stack: Stack) -> dict[str, str]:
    """Each complaint's assignments row version (xmin): it changes only when the row is written."""
    conn = await asyncpg.connect(stack.database_url)
    try:
        rows = await conn.fetch("SELECT complaint_id::text, xmin::text FROM scoring.assignments")
        return {r[0]: r[1] for r in rows}
    finally:
        await conn.close()


def _one_complaint_per_chunk(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Chunks of one complaint (so a recompute of two has three and goes to the helper processes);
    the number of complaints each chunk projected again here, under the lock, instead."""
    monkeypatch.setattr(tasks, "RECOMPUTE_CHUNK", 1)
    here: list[int] = []

    async def watched(*args: Any) -> ProjectedChunk:
        chunk = await project_chunk(*args)
        here.append(chunk.complaints)
        return chunk

    monkeypatch.setattr("scoring.stream.tasks.project_chunk", watched)
    return here


async def test_a_full_recompute_rewrites_only_the_projections_that_changed(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    projected_here = _one_complaint_per_chunk(monkeypatch)
    await organisation(stack)
    moved, kept = await load(
        stack,
        _forwarded_on_4_june(),
        complaint(
            [("forwarded", "2024-03-04 10:00", {"agency": "DB"}), ("acknowledged", "2024-03-05 09:00", {})],
            "2024-03-04 09:00",
        ),
    )
    # Nothing changed since the stream wrote them: nothing is written again.
    assert await stack.recompute() == {"complaints": 2, "assignments_rewritten": 0}
    before = await _row_versions(stack)

    await _declare_5_june_a_holiday(stack)
    assert await stack.recompute() == {"complaints": 2, "assignments_rewritten": 1}
    assert sum(projected_here) == 0  # the helper processes projected every chunk
    after = await _row_versions(stack)
    assert after[kept] == before[kept] and after[moved] != before[moved]
    ack = await _acknowledgement(stack, moved)
    assert ack["due"] == "2024-06-06T16:59:59Z"


def _once_the_first_chunk_is_projected(
    monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[], Awaitable[None]]
) -> None:
    """Run ``meanwhile`` after a helper has projected the first chunk, before the job writes it."""
    projected = tasks._projected
    calls = 0

    async def first_then_meanwhile(*args: Any) -> Any:
        nonlocal calls
        chunk = await projected(*args)
        calls += 1
        if calls == 1:
            await meanwhile()
        return chunk

    monkeypatch.setattr(tasks, "_projected", first_then_meanwhile)


async def test_a_chunk_projected_before_the_stream_moved_is_projected_again(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    projected_here = _one_complaint_per_chunk(monkeypatch)
    await organisation(stack)
    [cid] = await load(stack, _forwarded_on_4_june())
    officer = await stack.intake.user("agency_officer", "DA")

    async def acknowledge() -> None:  # the helper's snapshot has no acknowledgement
        response = await stack.intake.http.post(
            f"/v1/complaints/{cid}/events", json={"type": "acknowledged"}, headers=officer
        )
        assert response.status_code == 201, response.text
        await stack.sync()

    _once_the_first_chunk_is_projected(monkeypatch, acknowledge)
    assert (await stack.recompute())["complaints"] == 1
    assert projected_here[0] == 1  # the helper's snapshot was older than the stream: projected here
    ack = await _acknowledgement(stack, cid)
    assert ack["at"] is not None


async def test_a_chunk_projected_with_a_calendar_no_longer_in_force_is_projected_again(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    projected_here = _one_complaint_per_chunk(monkeypatch)
    await organisation(stack)
    [cid] = await load(stack, _forwarded_on_4_june())

    _once_the_first_chunk_is_projected(monkeypatch, lambda: _declare_5_june_a_holiday(stack))
    assert await stack.recompute() == {"complaints": 1, "assignments_rewritten": 1}
    assert projected_here[0] == 1
    ack = await _acknowledgement(stack, cid)
    assert ack["due"] == "2024-06-06T16:59:59Z"


async def test_an_outage_spanning_a_deadline_extends_it(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin
    [cid] = await load(
        stack,
        complaint(
            [("forwarded", "2024-04-12 10:00", {"agency": "DA"}), ("acknowledged", "2024-04-18 09:00", {})],
            "2024-04-12 09:00",
        ),
    )
    assert (await _acknowledgement(stack, cid))["state"] == "missed"
    bad = await stack.scoring.post(
        "/v1/calendar/outages",
        json={"starts_at": "2024-04-18T10:00:00+07:00", "ends_at": "2024-04-17T20:00:00+07:00", "reason": "x"},
        headers=admin,
    )
    assert bad.status_code == 422
    outage = await stack.scoring.post(
        "/v1/calendar/outages",
        json={"starts_at": "2024-04-17T20:00:00+07:00", "ends_at": "2024-04-18T10:00:00+07:00", "reason": "ระบบล่ม"},
        headers=admin,
    )
    assert outage.status_code == 201, outage.text
    await stack.recompute("2024-04-17", "2024-04-18")
    ack = await _acknowledgement(stack, cid)
    # 14 hours of working time lost: due end of 17 April + 14 h = 18 April 13:59:59 Bangkok.
    assert (ack["due"], ack["state"]) == ("2024-04-18T06:59:59Z", "met")
