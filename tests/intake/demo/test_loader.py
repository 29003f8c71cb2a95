"""`rongtook demo load`: the demo city, loaded twice, seen through the API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import asyncpg
import pytest

from intake.demo.loader import CATEGORIES, CITY_EN, load_demo
from kit.thai import fiscal_year_bounds, fiscal_year_of
from tests.intake.conftest import Api

PASSWORD = "demo-password-for-tests"
COMPLAINTS = 300
_TABLES = ("agencies", "categories", "users", "complaints", "events", "assignments", "survey_responses")


async def _row_counts(database_url: str) -> dict[str, int]:
    conn = await asyncpg.connect(database_url)
    try:
        return {t: int(await conn.fetchval(f"SELECT count(*) FROM intake.{t}")) for t in _TABLES}
    finally:
        await conn.close()


async def _complaints(api: Api, headers: dict[str, str], **query: Any) -> list[dict[str, Any]]:
    response = await api.http.get("/v1/complaints", params=query, headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def _check_organisation(api: Api) -> None:
    agencies = (await api.http.get("/v1/agencies", headers=api.admin)).json()
    by_code = {a["code"]: a for a in agencies}
    root = next(a for a in agencies if a["parent"] is None)
    assert root["name_en"] == CITY_EN
    districts = [a for a in agencies if re.fullmatch(r"D\d\d", a["code"])]
    assert len(districts) == 50
    assert all(d["parent"] == root["code"] and d["level"] == 1 for d in districts)
    assert by_code["D01"]["name_th"] == "สำนักงานเขตพระนคร"
    assert by_code["D50"]["name_en"] == "Bang Bon District Office"
    sections = [a for a in agencies if re.fullmatch(r"D\d\d-[A-Z]+", a["code"])]
    assert len(sections) >= 200
    assert all(s["parent"] == s["code"].split("-")[0] and s["level"] == 2 for s in sections)
    assert {"C-PWD", "C-DDS", "C-ENV"} <= set(by_code)

    categories = {c["code"] for c in (await api.http.get("/v1/categories", headers=api.admin)).json()}
    assert len(categories) >= 12
    assert {c.code for c in CATEGORIES} <= categories
    assert {"roads", "drainage", "waste", "noise", "street_lights", "encroachment", "corruption"} <= categories


async def test_demo_city_loads_once(
    api: Api, database_url: str, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RONGTOOK_REDIS_URL", redis_url)
    summary = await load_demo(database_url, complaints=COMPLAINTS, seed=7, password=PASSWORD)

    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["complaints"]["imported"] == COMPLAINTS
    assert summary["complaints"]["skipped"] == 0
    assert summary["survey_responses"]["created"] > 0
    assert summary["password"] == PASSWORD
    users = {u["username"]: u for u in summary["users"]}
    assert users["frontdesk"] == {"username": "frontdesk", "role": "front_desk", "agency": "ORG", "created": True}
    assert users["officer.d01-works"]["agency"] == "D01-WORKS"

    # The running app caches the organisation for up to 30 s, and the loader changed it from outside.
    api.app.state.intake.reference.invalidate()
    await _check_organisation(api)

    desk = await api.login("frontdesk", PASSWORD)
    me = (await api.http.get("/v1/me", headers=desk)).json()
    assert me["role"] == "front_desk"
    officer = await api.login("officer.d01-works", PASSWORD)
    for c in await _complaints(api, officer, limit=200):
        assert c["imported"] is True

    statuses = ("received", "forwarded", "in_progress", "completed", "concluded", "rejected", "duplicate")
    found = {s for s in statuses if await _complaints(api, desk, status=s, limit=1)}
    assert {"completed", "concluded", "in_progress"} <= found
    assert found & {"received", "forwarded", "rejected", "duplicate"}

    # The loader spreads complaints over last fiscal year and this one so far; in this year's first
    # days there may be none yet.
    today = dt.datetime.now(dt.UTC)
    this_year = fiscal_year_of(today)
    years = [this_year - 1] + ([this_year] if (today.date() - fiscal_year_bounds(this_year)[0]).days >= 14 else [])
    assert set(years) <= set(summary["fiscal_years"])
    for year in years:
        first, last = fiscal_year_bounds(year)
        items = await _complaints(api, desk, received_from=first.isoformat(), received_to=last.isoformat(), limit=200)
        assert items, f"no complaints in fiscal year {year}"
        assert all(fiscal_year_of(dt.datetime.fromisoformat(c["received_at"])) == year for c in items)

    completed = (await _complaints(api, desk, status="completed", limit=1))[0]
    detail = (await api.http.get(f"/v1/complaints/{completed['id']}", headers=desk)).json()
    types = [e["type"] for e in detail["events"]]
    assert types[0] == "received"
    assert {"forwarded", "acknowledged", "completed"} <= set(types)
    times = [dt.datetime.fromisoformat(e["recorded_at"]) for e in detail["events"]]
    assert times == sorted(times)
    assert times[-1] <= dt.datetime.now(dt.UTC)

    before = await _row_counts(database_url)
    again = await load_demo(database_url, complaints=COMPLAINTS, seed=7, password=PASSWORD)
    assert again["errors"] == 0, again["error_samples"]
    assert again["complaints"]["imported"] == 0
    assert again["complaints"]["skipped"] == COMPLAINTS
    assert again["agencies"]["created"] == 0
    assert again["categories"]["created"] == 0
    assert not any(u["created"] for u in again["users"])
    assert again["survey_responses"] == {"created": 0, "skipped": True}
    assert await _row_counts(database_url) == before
