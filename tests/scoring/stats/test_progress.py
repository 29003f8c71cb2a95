"""The seed-004 progress report's numbers, reproduced from imported events (issue 3 contract)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.scoring.conftest import Stack
from tests.scoring.history import complaint, load, organisation


def _month(year: int, month: int, total: int, completed: int, completed_late: int) -> list[dict[str, Any]]:
    """``total`` complaints forwarded to DA (or its section) over the month; ``completed`` of them
    completed within the month, ``completed_late`` more completed only after it."""
    items = []
    for n in range(total):
        day = 1 + n % 28
        at = dt.datetime(year, month, day, 9, n % 50)
        stamp = at.strftime("%Y-%m-%d %H:%M")
        agency = "DA-WORKS" if n % 5 == 0 else "DA"
        events: list[tuple[str, str, dict[str, Any]]] = [
            ("forwarded", stamp, {"agency": agency}),
            ("acknowledged", (at + dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"), {}),
        ]
        if n < completed + completed_late:
            done = at + dt.timedelta(hours=3) if n < completed else at + dt.timedelta(days=40)
            events.append(("completed", done.strftime("%Y-%m-%d %H:%M"), {"result": "แก้ไขเรียบร้อย"}))
        items.append(complaint(events, stamp))
    return items


async def test_seed_004_october_and_november_2562(stack: Stack) -> None:
    await organisation(stack)
    await load(stack, *_month(2019, 10, 217, 131, 20), *_month(2019, 11, 225, 176, 10))
    admin = stack.intake.admin
    october = await stack.get(
        "/v1/progress", admin, agency="DA", **{"from": "2019-10-01"}, to="2019-10-31", as_of="2019-11-01T00:00:00+07:00"
    )
    assert {
        k: october[k] for k in ("total", "completed", "in_progress", "completed_percent", "in_progress_percent")
    } == {
        "total": 217,
        "completed": 131,
        "in_progress": 86,
        "completed_percent": "60.37",
        "in_progress_percent": "39.63",
    }
    november = await stack.get(
        "/v1/progress", admin, agency="DA", **{"from": "2019-11-01"}, to="2019-11-30", as_of="2019-12-01T00:00:00+07:00"
    )
    assert (november["total"], november["completed"], november["in_progress"]) == (225, 176, 49)
    assert (november["completed_percent"], november["in_progress_percent"]) == ("78.22", "21.78")
    # Later, the late completions count too; a section alone counts its own share.
    later = await stack.get(
        "/v1/progress", admin, agency="DA", **{"from": "2019-10-01"}, to="2019-10-31", as_of="2020-03-01T00:00:00+07:00"
    )
    assert later["completed"] == 151
    section = await stack.get(
        "/v1/progress",
        admin,
        agency="DA-WORKS",
        **{"from": "2019-10-01"},
        to="2019-10-31",
        as_of="2020-03-01T00:00:00Z",
    )
    assert section["total"] == len(range(0, 217, 5))


async def test_progress_refuses_bad_input(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin
    response = await stack.scoring.get(
        "/v1/progress", params={"agency": "NOPE", "from": "2019-10-01", "to": "2019-10-31"}, headers=admin
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "agency.unknown"
    response = await stack.scoring.get(
        "/v1/progress", params={"agency": "DA", "from": "2019-10-31", "to": "2019-10-01"}, headers=admin
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"to": "bad"}


async def test_statistics_three_fiscal_years_side_by_side(stack: Stack) -> None:
    await organisation(stack)
    items = [
        complaint([("forwarded", f"{year}-11-05 10:00", {"agency": "DA"})], f"{year}-11-05 09:00", category=category)
        for year, category, count in ((2019, "roads", 2), (2020, "roads", 1), (2021, "drainage", 3))
        for _ in range(count)
    ]
    await load(stack, *items)
    stats = await stack.get("/v1/stats", stack.intake.admin, fy=2565, group_by="category", compare_years=3)
    assert stats["years"] == [2563, 2564, 2565]
    rows = {r["key"]: r["counts"] for r in stats["rows"]}
    assert rows == {"drainage": {"2563": 0, "2564": 0, "2565": 3}, "roads": {"2563": 2, "2564": 1, "2565": 0}}
    assert stats["totals"] == {"2563": 2, "2564": 1, "2565": 3}
    by_month = await stack.get("/v1/stats", stack.intake.admin, fy=2565, group_by="month", compare_years=1)
    assert [(r["key"], r["counts"]["2565"]) for r in by_month["rows"]] == [("02", 3)]  # November: fiscal month 2
