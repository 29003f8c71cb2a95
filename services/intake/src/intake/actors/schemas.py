from __future__ import annotations

from pydantic import BaseModel, Field

from kit.auth import PrincipalKind


class ActorOut(BaseModel):
    ref: str = Field(description='the reference events and records carry, e.g. "user:<id>"')
    kind: PrincipalKind
    name: str = Field(description="a user's display name, an API key's name")
    agency: str | None = Field(description="the agency code the user or key belongs to")
