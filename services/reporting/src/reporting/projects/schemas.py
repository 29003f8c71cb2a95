from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from reporting.plans.schemas import Baht, LongText, ShortText

MonthKey = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]
Period = Literal["monthly", "quarterly"]


class StrategyLine(BaseModel):
    label: ShortText = Field(description="e.g. ประเด็นยุทธศาสตร์, เป้าหมายที่, ตัวชี้วัด")
    value: LongText


class Assessment(BaseModel):
    """The responsible person's judgement of a period, printed beside the counts."""

    on_plan: bool | None = None
    on_target: bool | None = None
    note: LongText | None = None


class ProjectBody(BaseModel):
    name: LongText
    start: dt.date
    end: dt.date
    budget_received: Baht = Decimal(0)
    budget_spent: Baht = Decimal(0)
    responsible_unit: ShortText | None = Field(None, description="as printed; defaults to the agency's name")
    person: ShortText | None = Field(None, description="ชื่อผู้รับผิดชอบ, with a phone number if wanted")
    coordinator: ShortText | None = Field(None, description="ผู้ประสานงาน")
    rationale: Annotated[str, Field(max_length=20000)] | None = None
    objectives: list[LongText] = Field(default_factory=list, max_length=20)
    target: ShortText | None = Field(None, description="เป้าหมายของโครงการ as printed, e.g. ร้อยละ 90")
    target_percent: Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)] | None = Field(
        None, description="when set, a period is on target when its completed % reaches it"
    )
    strategy: list[StrategyLine] = Field(default_factory=list, max_length=20)
    kpi: LongText | None = None
    counts_agency: ShortText | None = Field(
        None, description="the agency whose complaints feed the entries (with its sub-agencies); defaults to agency"
    )
    periods: Period = "monthly"
    spending: dict[MonthKey, Baht] = Field(default_factory=dict, description="budget spent by month")
    assessments: dict[MonthKey, Assessment] = Field(default_factory=dict, description="by the month a period ends in")

    @model_validator(mode="after")
    def _dates(self) -> ProjectBody:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class ProjectIn(ProjectBody):
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")]
    fiscal_year: Annotated[int, Field(ge=2500, le=2700)]
    agency: Annotated[str, Field(min_length=1, max_length=32)]


class ProjectUpdate(ProjectIn):
    version: int | None = Field(None, description="the version you read: a newer one makes this a 409")


class ProjectOut(ProjectIn):
    id: uuid.UUID
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
