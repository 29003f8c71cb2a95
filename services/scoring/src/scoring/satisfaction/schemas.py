"""Satisfaction and dissatisfaction (SPEC §5.5), overall and broken down."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field


class Entry(BaseModel):
    key: str
    label: str = Field(description="the Thai name where known, else the key")
    label_en: str | None = Field(None, description="the English name where known")
    answers: int = Field(description="rated answers counted")
    positive: int
    negative: int
    satisfaction_percent: Decimal | None = Field(description="positive × 100 / answers, 2 places ROUND_HALF_UP")
    dissatisfaction_percent: Decimal | None = Field(description="negative × 100 / answers; null without answers")


class ItemEntry(Entry):
    """``key`` is ``template/item``: item codes are each questionnaire's own."""

    template: str
    item: str
    dimension: str


class MonthEntry(Entry):
    """``key`` is ``YYYY-MM``; every month of the period is listed, answered or not."""

    fiscal_year: int = Field(description="Buddhist-era fiscal year the month belongs to")


class SatisfactionOut(BaseModel):
    agency: str
    start: dt.date = Field(serialization_alias="from")
    to: dt.date
    as_of: dt.datetime
    template: str | None = Field(description="the questionnaire counted; null: every questionnaire")
    responses: int = Field(description="survey responses with at least one rated answer")
    answers: int
    positive: int
    negative: int
    satisfaction_percent: Decimal | None
    dissatisfaction_percent: Decimal | None
    by_dimension: list[Entry]
    by_item: list[ItemEntry]
    by_group: list[Entry] = Field(description="by respondent group (complainant group code)")
    by_gender: list[Entry] = Field(description="by the respondent's gender")
    by_age_band: list[Entry] = Field(description="by the respondent's age band")
    by_education: list[Entry] = Field(description="by the respondent's education")
    by_occupation: list[Entry] = Field(description="by the respondent's occupation")
    by_channel: list[Entry]
    by_month: list[MonthEntry]
    by_agency: list[Entry] = Field(description="by the agency the response assessed")
