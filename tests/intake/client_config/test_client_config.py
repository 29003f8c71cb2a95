"""The web app's settings of this installation: the map (RONGTOOK_MAP_*), served without a login."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from pydantic import ValidationError

from intake.app import create_app
from intake.config import IntakeSettings
from tests.intake.conftest import Api


async def test_the_map_defaults_to_openstreetmap_over_bangkok_without_a_login(api: Api) -> None:
    response = await api.http.get("/v1/client-config")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "map": {
            "tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "attribution": "© OpenStreetMap contributors",
            "max_zoom": 19,
            "center": {"lat": 13.7563, "long": 100.5018},
            "zoom": 11,
        }
    }
    operation = (await api.http.get("/openapi.json")).json()["paths"]["/v1/client-config"]["get"]
    assert operation["security"] == []


@pytest.fixture
async def own_tiles(
    clean: None, intake_settings: IntakeSettings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[httpx.AsyncClient]:
    """The intake app of an agency with its own tile server, configured through the environment."""
    environment = {
        "RONGTOOK_MAP_TILE_URL": " https://tiles.agency.go.th/{z}/{x}/{y}.png ",
        "RONGTOOK_MAP_ATTRIBUTION": "© กรุงเทพมหานคร",
        "RONGTOOK_MAP_MAX_ZOOM": "18",
        "RONGTOOK_MAP_CENTER_LAT": "18.7883",
        "RONGTOOK_MAP_CENTER_LONG": "98.9853",
        "RONGTOOK_MAP_ZOOM": "12",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = IntakeSettings(**_explicit(intake_settings))
    app = create_app(settings)
    async with (
        LifespanManager(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as http,
    ):
        yield http


def _explicit(settings: IntakeSettings) -> dict[str, Any]:
    """The settings the test run gives explicitly (the database, Redis, the secret…)."""
    return {name: getattr(settings, name) for name in settings.model_fields_set}


async def test_an_agency_points_the_map_at_its_own_tile_server(own_tiles: httpx.AsyncClient) -> None:
    response = await own_tiles.get("/v1/client-config")
    assert response.status_code == 200, response.text
    assert response.json()["map"] == {
        "tile_url": "https://tiles.agency.go.th/{z}/{x}/{y}.png",
        "attribution": "© กรุงเทพมหานคร",
        "max_zoom": 18,
        "center": {"lat": 18.7883, "long": 98.9853},
        "zoom": 12,
    }


def test_an_empty_tile_url_switches_the_map_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RONGTOOK_MAP_TILE_URL", "")
    assert IntakeSettings().map_tile_url == ""


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("RONGTOOK_MAP_TILE_URL", "https://tiles.example/{z}/{x}.png", "{y}"),
        ("RONGTOOK_MAP_ZOOM", "20", "RONGTOOK_MAP_ZOOM must not be above RONGTOOK_MAP_MAX_ZOOM"),
        ("RONGTOOK_MAP_CENTER_LAT", "91", "less than or equal to 90"),
        ("RONGTOOK_MAP_MAX_ZOOM", "0", "greater than or equal to 1"),
    ],
)
def test_a_map_setting_that_cannot_work_stops_the_service(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, problem: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=problem):
        IntakeSettings()
