from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

AgencyCode = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$", description="short unique code")]
Name = Annotated[str, Field(min_length=1, max_length=300)]


class AgencyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: AgencyCode
    name_th: Name
    name_en: Name | None = None
    parent: str | None = Field(None, description="parent agency code")


class AgencyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_th: Name | None = None
    name_en: Name | None = None
    parent: str | None = Field(None, description="move under this agency (code)")
    active: bool | None = None


class AgencyOut(BaseModel):
    id: uuid.UUID
    code: str
    name_th: str
    name_en: str | None
    parent: str | None
    level: int
    active: bool
