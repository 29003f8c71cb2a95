"""SLA checkpoints per complaint and assignment (SPEC §4, §5.1, §5.2), end to end from intake's
import to scoring's answer, with the worked examples of the SPEC."""

from __future__ import annotations

from typing import Any

from scoring.sla.schemas import DueList
from tests.scoring.conftest import Stack
from tests.scoring.history import complaint, load, organisation

RESULT = {"result": "ลอกท่อระบายน้ำเรียบร้อยแล้ว"}


async def _sla(stack: Stack, complaint_id: str) -> dict[str, Any]:
    return dict(await stack.get(f"/v1/complaints/{complaint_id}/sla", stack.intake.admin))


async def test_songkran_2024_acknowledgement_deadline(stack: Stack) -> None:
    await organisation(stack)
    # Forwarded Friday 12 April 2024 → due end of Wednesday 17 April (SPEC §4).
    [met, missed] = await load(
        stack,
        complaint(
            [("forwarded", "2024-04-12 10:00", {"agency": "DA"}), ("acknowledged", "2024-04-17 23:30", {})],
            "2024-04-12 09:00",
        ),
        complaint(
            [("forwarded", "2024-04-12 10:00", {"agency": "DA"}), ("acknowledged", "2024-04-18 08:30", {})],
            "2024-04-12 09:00",
        ),
    )
    first = (await _sla(stack, met))["assignments"][0]
    assert first["acknowledgement"]["due"] == "2024-04-17T16:59:59Z"
    assert first["acknowledgement"]["state"] == "met"
    # The first report is due by the end of the 3rd working day after the acknowledgement (Thu–Mon).
    assert first["first_report"]["due"] == "2024-04-22T16:59:59Z"
    late = (await _sla(stack, missed))["assignments"][0]
    assert late["acknowledgement"]["state"] == "missed"


async def test_checkpoints_15th_30th_and_february(stack: Stack) -> None:
    await organisation(stack)
    # Open from 10 January to 20 March 2024 (a leap year): checkpoints 15 and 30 Jan, 15 Feb,
    # February's end (bma-2557: the 29th, a Thursday; bma-2563: its last working day, the 29th
    # too), 15 March. Reports meet all but 15 February.
    [cid] = await load(
        stack,
        complaint(
            [
                ("forwarded", "2024-01-10 10:00", {"agency": "DA"}),
                ("acknowledged", "2024-01-10 11:00", {}),
                ("progress_reported", "2024-01-12 09:00", {"text": "สำรวจพื้นที่"}),
                ("progress_reported", "2024-01-29 09:00", {"text": "ของบประมาณ"}),
                ("progress_reported", "2024-02-20 09:00", {"text": "จัดซื้อ"}),
                ("progress_reported", "2024-03-14 09:00", {"text": "เริ่มงาน"}),
                ("completed", "2024-03-20 15:00", RESULT),
            ],
            "2024-01-10 09:00",
        ),
    )
    assignment = (await _sla(stack, cid))["assignments"][0]
    by_day = {c["day"]: c["state"] for c in assignment["checkpoints"]["last_day"]}
    assert by_day == {
        "2024-01-15": "met",
        "2024-01-30": "met",
        "2024-02-15": "missed",
        "2024-02-29": "met",
        "2024-03-15": "met",
    }
    assert [c["day"] for c in assignment["checkpoints"]["last_working_day"]][3] == "2024-02-29"


async def test_february_in_a_non_leap_year_and_a_sunday_checkpoint(stack: Stack) -> None:
    await organisation(stack)
    # February 2026 ends on a Saturday: bma-2557's checkpoint is the 28th, due the next working day
    # (Monday 2 March); bma-2563's is the last working day, Friday 27 February. A report on
    # Monday 2 March meets the first and misses the second. 15 March 2026 is a Sunday: due Monday 16th.
    [cid] = await load(
        stack,
        complaint(
            [
                ("forwarded", "2026-02-16 10:00", {"agency": "DA"}),
                ("acknowledged", "2026-02-16 11:00", {}),
                ("progress_reported", "2026-03-02 09:00", {"text": "ดำเนินการ"}),
                ("progress_reported", "2026-03-16 16:00", {"text": "ดำเนินการต่อ"}),
                ("completed", "2026-03-20 15:00", RESULT),
            ],
            "2026-02-16 09:00",
        ),
    )
    checkpoints = (await _sla(stack, cid))["assignments"][0]["checkpoints"]
    last_day = {c["day"]: (c["due"], c["state"]) for c in checkpoints["last_day"]}
    assert last_day["2026-02-28"] == ("2026-03-02T16:59:59Z", "met")
    assert last_day["2026-03-15"] == ("2026-03-16T16:59:59Z", "met")
    working = {c["day"]: (c["due"], c["state"]) for c in checkpoints["last_working_day"]}
    assert working["2026-02-27"] == ("2026-02-27T16:59:59Z", "missed")
    # The report of 2 March falls after the 27th's checkpoint and before the 15th's: it meets that one.
    assert working["2026-03-15"][1] == "met"


async def test_transfer_starts_a_new_clock_and_judges_the_transferring_agency_on_its_time(stack: Stack) -> None:
    await organisation(stack)
    [cid] = await load(
        stack,
        complaint(
            [
                ("forwarded", "2024-06-03 10:00", {"agency": "DA"}),  # Monday
                ("transferred", "2024-06-04 15:00", {"agency": "DB", "from_agency": "DA"}),
                ("acknowledged", "2024-06-06 09:00", {}),  # DB: due end of Wed 5 June → missed
                ("progress_reported", "2024-06-07 09:00", {"text": "รับเรื่องแล้ว"}),
                ("completed", "2024-06-10 09:00", RESULT),
            ],
            "2024-06-03 09:00",
        ),
    )
    sla = await _sla(stack, cid)
    da, db = sla["assignments"]
    assert (da["agency"], db["agency"]) == ("DA", "DB")
    # DA passed it on within its acknowledgement deadline: that counts as acting on it.
    assert da["acknowledgement"]["state"] == "met"
    assert da["transferred_to"] == "DB" and not da["open"]
    # DB's clock started at the transfer (Tue 4 June): due end of Wed 5 June.
    assert db["via"] == "transferred" and db["from_agency"] == "DA"
    assert db["acknowledgement"]["due"] == "2024-06-05T16:59:59Z"
    assert db["acknowledgement"]["state"] == "missed"
    assert sla["status"] == "completed"


async def test_due_worklist(stack: Stack) -> None:
    root = await organisation(stack)
    officer = await stack.intake.user("agency_officer", "DA")
    created = await stack.intake.complaint(stack.intake.admin, agency="DA")
    await stack.sync()
    worklist = await stack.get("/v1/due", officer, within=3)
    DueList.model_validate(worklist)  # the documented schema
    assert worklist["agency"] == "DA"
    assert worklist["due_today"] + worklist["due_soon"] == 1 and worklist["overdue"] == 0
    assert worklist["as_of"].endswith("Z") and worklist["items"][0]["due"].endswith("Z")
    [item] = worklist["items"]
    assert item["complaint_id"] == created["id"]
    assert item["duty"] == "acknowledge"
    assert item["bucket"] in ("due_today", "due_soon")
    # Another district's officer sees nothing of DA's.
    other = await stack.intake.user("agency_officer", "DB")
    response = await stack.scoring.get("/v1/due", params={"agency": "DA"}, headers=other)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "auth.agency_not_visible"
    # The root's supervisor sees it through the tree.
    supervisor = await stack.intake.user("supervisor", root)
    assert len((await stack.get("/v1/due", supervisor, agency="DA"))["items"]) == 1
