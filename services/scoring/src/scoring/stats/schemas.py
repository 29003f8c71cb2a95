from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field


class ProgressOut(BaseModel):
    agency: str
    start: dt.date = Field(serialization_alias="from")
    to: dt.date
    as_of: dt.datetime
    total: int = Field(description="complaints forwarded to the agency (or an agency under it) in the period")
    completed: int = Field(description="of those, completed or concluded as of as_of")
    in_progress: int
    completed_percent: Decimal = Field(description="2 places, ROUND_HALF_UP")
    in_progress_percent: Decimal


class StatsRow(BaseModel):
    key: str
    counts: dict[int, int] = Field(description="complaints received, by fiscal year")
    completed: dict[int, int] = Field(description="of those, completed or concluded now")


class StatsOut(BaseModel):
    fiscal_year: int
    group_by: str
    agency: str | None
    years: list[int]
    rows: list[StatsRow]
    totals: dict[int, int]
