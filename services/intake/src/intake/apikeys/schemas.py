from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from intake.access import Scope


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=200)]
    agency: str
    scopes: Annotated[list[Scope], Field(min_length=1)]


class ApiKeyOut(BaseModel):
    id: uuid.UUID
    name: str
    prefix: str
    agency: str
    scopes: list[str]
    active: bool
    created_by: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None = Field(None, description="to within about a minute")


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="the key itself, shown this once; send it as X-API-Key")
