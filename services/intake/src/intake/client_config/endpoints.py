"""The web app's settings of this installation (RONGTOOK_MAP_*): public, since nothing in them is
secret and the app may need them before anyone logs in."""

from __future__ import annotations

from fastapi import APIRouter, Request

from intake.client_config.schemas import ClientConfig, MapCenter, MapConfig
from intake.deps import intake_state
from kit.auth import PUBLIC

router = APIRouter(tags=["client config"])


@router.get(
    "/v1/client-config",
    response_model=ClientConfig,
    summary="The web app's settings of this installation (the map's tiles and view); no login",
    openapi_extra=PUBLIC,
)
async def client_config(request: Request) -> ClientConfig:
    settings = intake_state(request).settings
    return ClientConfig(
        map=MapConfig(
            tile_url=settings.map_tile_url,
            attribution=settings.map_attribution,
            max_zoom=settings.map_max_zoom,
            center=MapCenter(lat=settings.map_center_lat, long=settings.map_center_long),
            zoom=settings.map_zoom,
        )
    )
