from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator, model_validator

from kit.settings import ServiceSettings

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


class IntakeSettings(ServiceSettings):
    service_name: str = "intake"
    files_dir: Path | None = None  # default: <var_dir>/files
    max_attachment_bytes: int = 10 * 1024 * 1024
    # Where the complainant's receipt link points (the SPA's public pages).
    public_base_url: str = "http://127.0.0.1:8000"
    idempotency_retention_hours: int = 72
    duplicate_radius_m: float = 200.0
    duplicate_window_days: int = 180
    duplicate_min_similarity: float = 0.3
    # The map on the web app's complaint screens (GET /v1/client-config): where its tiles come from
    # (a URL template with {z}, {x} and {y}; "" switches the map off), the credit shown on it, and
    # the view it opens on when no pin is set.
    map_tile_url: str = OSM_TILES
    map_attribution: str = "© OpenStreetMap contributors"
    map_max_zoom: int = Field(default=19, ge=1, le=24)
    map_center_lat: float = Field(default=13.7563, ge=-90, le=90)
    map_center_long: float = Field(default=100.5018, ge=-180, le=180)
    map_zoom: int = Field(default=11, ge=0, le=24)

    @field_validator("map_tile_url")
    @classmethod
    def _tile_template(cls, value: str) -> str:
        value = value.strip()
        missing = [part for part in ("{z}", "{x}", "{y}") if part not in value]
        if value and missing:
            raise ValueError(f"RONGTOOK_MAP_TILE_URL must contain {', '.join(missing)} (or be empty: no map)")
        return value

    @model_validator(mode="after")
    def _zoom_within_max(self) -> IntakeSettings:
        if self.map_zoom > self.map_max_zoom:
            raise ValueError("RONGTOOK_MAP_ZOOM must not be above RONGTOOK_MAP_MAX_ZOOM")
        return self

    @property
    def attachments_dir(self) -> Path:
        return self.files_dir or self.var_dir / "files"
