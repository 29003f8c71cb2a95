from __future__ import annotations

from kit.settings import ServiceSettings


class ReportingSettings(ServiceSettings):
    service_name: str = "reporting"
    # Seconds the agency tree read from intake is trusted before it is read again.
    agencies_ttl_seconds: float = 30.0
    # A render still "running" this long after its last sign of life has lost its worker: it is
    # queued again (the recovery cron), so an accepted report is never left hanging.
    render_stale_seconds: float = 600.0
    # Renders tried this many times end as failed; a user may still retry by hand.
    render_max_attempts: int = 3
    # Renders run at once per worker process: each holds its whole file in memory.
    render_concurrency: int = 4
