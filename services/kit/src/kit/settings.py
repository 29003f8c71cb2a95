"""Settings shared by every service, read from the environment (prefix ``RONGTOOK_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """What every service needs to start. Each service subclasses it with its own fields."""

    model_config = SettingsConfigDict(env_prefix="RONGTOOK_", extra="ignore")

    service_name: str = "rongtook"
    # DATABASE_URL / REDIS_URL are the conventional names; RONGTOOK_* wins when both are set.
    database_url: str = Field(
        default="postgresql://rongtook@127.0.0.1:55432/rongtook",
        validation_alias=AliasChoices("RONGTOOK_DATABASE_URL", "DATABASE_URL"),
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:56379/0",
        validation_alias=AliasChoices("RONGTOOK_REDIS_URL", "REDIS_URL"),
    )
    jwt_secret: SecretStr = SecretStr("")
    access_token_ttl_seconds: int = 8 * 3600
    # Connections kept open per process. A request beyond the pool opens (and then closes) an
    # overflow connection, which costs more than the request: size the pool for the concurrency.
    db_pool_size: int = 40
    db_max_overflow: int = 10
    log_level: str = "INFO"
    log_json: bool = True
    var_dir: Path = Path("var")
    intake_url: str = "http://127.0.0.1:8001"
    scoring_url: str = "http://127.0.0.1:8002"
    reporting_url: str = "http://127.0.0.1:8003"
    # Seconds the after-commit job sender gathers jobs before one trip to Redis (kit.jobs.JobSender):
    # the jobs are wake-up calls, deduplicated, so a few milliseconds' wait costs nothing, while
    # a trip per request would cost the busiest endpoints.
    job_flush_interval: float = 0.02

    def require_secret(self) -> str:
        secret = self.jwt_secret.get_secret_value()
        if len(secret) < 32:
            raise RuntimeError("RONGTOOK_JWT_SECRET must be set to at least 32 characters")
        return secret
