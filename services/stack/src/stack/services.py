"""The services the stack runs. Later services add a line here.

Ports can be moved with RONGTOOK_<SERVICE>_PORT and RONGTOOK_GATEWAY_PORT (tests run a second
stack beside a running one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    package: str  # holds app.py (create_app), worker.py (create_worker) and migrations/
    default_port: int
    has_worker: bool = True
    # "module:function" — an async function(session) run after migrations (reference data).
    setup: str | None = None

    @property
    def port(self) -> int:
        return int(os.environ.get(f"RONGTOOK_{self.name.upper()}_PORT", self.default_port))

    @property
    def app_factory(self) -> str:
        return f"{self.package}.app:create_app"


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("intake", "intake", 8001, setup="intake.setup:prepare"),
    ServiceSpec("scoring", "scoring", 8002, setup="scoring.setup:prepare"),
    ServiceSpec("reporting", "reporting", 8003),
)


def gateway_port() -> int:
    return int(os.environ.get("RONGTOOK_GATEWAY_PORT", "8000"))


def service(name: str) -> ServiceSpec:
    for spec in SERVICES:
        if spec.name == name:
            return spec
    raise SystemExit(f"unknown service '{name}' (known: {', '.join(s.name for s in SERVICES)})")
