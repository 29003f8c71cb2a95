from __future__ import annotations

from pathlib import Path

from kit.settings import ServiceSettings


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

    @property
    def attachments_dir(self) -> Path:
        return self.files_dir or self.var_dir / "files"
