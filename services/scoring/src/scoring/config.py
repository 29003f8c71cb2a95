from __future__ import annotations

from kit.settings import ServiceSettings


class ScoringSettings(ServiceSettings):
    service_name: str = "scoring"
    # Events asked of intake per page when following its stream.
    sync_page_size: int = 5000
    # Seconds the agency tree read from intake is trusted before it is read again.
    agencies_ttl_seconds: float = 30.0
