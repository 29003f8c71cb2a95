from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

EntryCode = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,39}$", description="lower-case code")]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class EntryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: EntryCode
    name_th: Name
    name_en: Name | None = None
    sort_order: int = 0


class EntryUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_th: Name | None = None
    name_en: Name | None = None
    sort_order: int | None = None
    active: bool | None = None


class EntryOut(BaseModel):
    id: uuid.UUID
    code: str
    name_th: str
    name_en: str | None
    active: bool
    sort_order: int
