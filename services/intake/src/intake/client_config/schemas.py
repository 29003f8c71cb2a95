from __future__ import annotations

from pydantic import BaseModel, Field


class MapCenter(BaseModel):
    lat: float
    long: float


class MapConfig(BaseModel):
    tile_url: str = Field(
        description="Tile URL template ({z}, {x}, {y}), as Leaflet takes it; empty: no map, coordinates are typed"
    )
    attribution: str = Field(description="The credit the tiles' licence asks for, shown on the map (plain text)")
    max_zoom: int
    center: MapCenter = Field(description="Where the map opens when no pin is set")
    zoom: int = Field(description="The zoom it opens at")


class ClientConfig(BaseModel):
    """What the web app needs to know of this installation before it draws its screens."""

    map: MapConfig
