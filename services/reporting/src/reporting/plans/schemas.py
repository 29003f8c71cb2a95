from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

_CENTS = Decimal("0.01")
# Baht to the satang, always shown with its two places ("1025000.00").
Baht = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2), AfterValidator(lambda v: v.quantize(_CENTS))]
Month = Annotated[int, Field(ge=1, le=12, description="calendar month: 10 = October … 9 = September")]


def _fiscal_order(months: list[int]) -> list[int]:
    return sorted(set(months), key=lambda month: (month - 10) % 12)


# The months something runs in, each once, October first.
Months = Annotated[list[Month], AfterValidator(_fiscal_order)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1, max_length=2000)]


class Indicator(BaseModel):
    """One row of an item's right-hand columns: who, what target, measured by which KPI."""

    responsible: ShortText | None = None
    target_value: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] | None = None
    target_unit: ShortText | None = Field(None, description="ร้อยละ, เรื่อง, ครั้ง, ระดับ …")
    kpi: LongText | None = Field(None, description="the success indicator as printed")
    scheme_kpi: ShortText | None = Field(None, description="a scoring scheme KPI it serves, e.g. 'opm-concluded'")


class SubActivity(BaseModel):
    name: LongText
    budget: Baht | None = None
    months: Months = Field(default_factory=list)
    responsible: ShortText | None = None


class Item(BaseModel):
    number: Annotated[str, Field(min_length=1, max_length=10)] | None = Field(
        None, description="as printed ('8' may be missing from a plan); defaults to the position"
    )
    name: LongText
    budget: Baht | None = Field(None, description="defaults to the sum of the sub-activities' budgets")
    months: Months = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list, max_length=20)
    sub_activities: list[SubActivity] = Field(default_factory=list, max_length=50)


class PlanBody(BaseModel):
    """What is kept as the plan's document (all but its key)."""

    unit_name: ShortText | None = Field(None, description="สำนัก/กอง as printed; defaults to the agency's name")
    output: LongText | None = Field(None, description="ผลผลิต")
    activity: LongText | None = Field(None, description="กิจกรรม")
    budget_kpis: list[LongText] = Field(default_factory=list, description="ตัวชี้วัดตามเอกสารงบประมาณ", max_length=20)
    budget_group: ShortText | None = Field(None, description="e.g. งบรายจ่าย : งบดำเนินงาน")
    items: list[Item] = Field(default_factory=list, max_length=300)


class PlanIn(PlanBody):
    agency: Annotated[str, Field(min_length=1, max_length=32)]
    fiscal_year: Annotated[int, Field(ge=2500, le=2700)]
    title: ShortText | None = Field(None, description="defaults to แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. <year>")


class PlanUpdate(PlanIn):
    version: int | None = Field(None, description="the version you read: a newer one makes this a 409")


class ItemOut(Item):
    budget_total: Baht = Field(description="the item's budget, or its sub-activities' sum")


class PlanOut(PlanBody):
    id: uuid.UUID
    agency: str
    fiscal_year: int
    title: str
    items: list[ItemOut]  # type: ignore[assignment]
    total_budget: Baht = Field(description="the items' budgets; sub-activities are inside their item's")
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
