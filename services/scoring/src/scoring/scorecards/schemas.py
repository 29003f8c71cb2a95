from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field


class DeductionOut(BaseModel):
    rule: str
    month: dt.date | None = None
    points: Decimal
    reason_th: str
    reason_en: str


class StepOut(BaseModel):
    key: str
    name_th: str
    name_en: str
    criterion: str
    points: Decimal
    counted: int = Field(description="complaints in the agency's report for the year")
    correct: int
    percent: Decimal | None
    score_before_deductions: Decimal
    deductions: list[DeductionOut]
    score: Decimal


class LadderOut(BaseModel):
    key: str
    dimension: str
    name_th: str
    name_en: str
    measure: str
    baseline: Decimal | None
    target: Decimal
    weight: Decimal
    mode: str
    direction: str
    levels: list[Decimal]
    result: Decimal | None
    score: Decimal


class ScorecardOut(BaseModel):
    agency: str
    name_th: str
    rollup: bool = Field(description="true for the parent's total over all its agencies")
    counted: int
    steps: list[StepOut]
    total: Decimal
    max_total: Decimal
    ladder: list[LadderOut]
    weighted_score: Decimal | None


class ScorecardsOut(BaseModel):
    scheme: str
    scheme_version: int
    fiscal_year: int
    as_of: dt.datetime
    events_applied_through: int = Field(description="the stream position the projections reflect")
    scorecards: list[ScorecardOut]
    rollup: ScorecardOut | None
