"""What the intake service holds for its whole life (built in app.py's lifespan)."""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.attachments.storage import Storage
from intake.complaints.tickets import TicketNumbers
from intake.config import IntakeSettings
from intake.reference import ReferenceCache
from kit.auth import Principal
from kit.runtime import Runtime


@dataclass
class IntakeState:
    settings: IntakeSettings
    runtime: Runtime
    reference: ReferenceCache
    storage: Storage
    tickets: TicketNumbers
    jwt_secret: str
    # API-key lookups cached per process; a revoked key stops working within API_KEY_TTL seconds.
    api_keys: dict[str, tuple[float, Principal | None, str]] = field(default_factory=dict)
