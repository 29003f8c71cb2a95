from __future__ import annotations

import datetime as dt
import uuid

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator


class DayOut(BaseModel):
    date: dt.date
    working: bool
    kind: str = Field(description="weekday, weekend, holiday or override")
    name: str | None = Field(None, description="Thai for a holiday; an override's name as entered")
    name_en: str | None = Field(None, description="a holiday's English name")
    reference: str | None = None


class AddedDay(BaseModel):
    date: dt.date


class OverrideCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: dt.date
    working: bool = Field(description="true: make the day a working day; false: declare it a holiday")
    name: str = Field(min_length=1, max_length=300)
    reference: str | None = Field(None, max_length=300, description="e.g. the cabinet resolution")


class OverrideOut(BaseModel):
    day: dt.date
    working: bool
    name: str
    reference: str | None
    created_by: str
    created_at: dt.datetime


class OutageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_at: AwareDatetime
    ends_at: AwareDatetime
    reason: str = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _ordered(self) -> OutageCreate:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class OutageOut(BaseModel):
    id: uuid.UUID
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str
    created_by: str
    created_at: dt.datetime
