"""What the scoring service and its worker hold for their whole life."""

from __future__ import annotations

from dataclasses import dataclass

from kit.agencies import AgencyTree
from kit.http import ServiceClient
from kit.runtime import Runtime
from scoring.calendar.service import CalendarCache
from scoring.config import ScoringSettings
from scoring.schemes.service import SchemeCatalog


@dataclass
class ScoringState:
    settings: ScoringSettings
    runtime: Runtime
    intake: ServiceClient
    calendars: CalendarCache
    agencies: AgencyTree
    schemes: SchemeCatalog
    jwt_secret: str
