"""The services the stack runs. Later services add a line here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    package: str  # holds app.py (create_app), worker.py (create_worker) and migrations/
    port: int
    has_worker: bool = True
    # "module:function" — an async function(session) run after migrations (reference data).
    setup: str | None = None

    @property
    def app_factory(self) -> str:
        return f"{self.package}.app:create_app"


SERVICES: tuple[ServiceSpec, ...] = (ServiceSpec("intake", "intake", 8001, setup="intake.setup:prepare"),)
GATEWAY_PORT = 8000


def service(name: str) -> ServiceSpec:
    for spec in SERVICES:
        if spec.name == name:
            return spec
    raise SystemExit(f"unknown service '{name}' (known: {', '.join(s.name for s in SERVICES)})")
