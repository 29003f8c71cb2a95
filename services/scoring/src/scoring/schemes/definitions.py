"""What a scheme file says (SPEC §5): steps with their criteria, points and deductions, and ladder KPIs."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Criterion = Literal[
    "receipt",  # acknowledged and first progress report on time (§5.1 step 1)
    "resolution",  # resolved with an answer, every checkpoint met, evidence if required (§5.1 step 2)
    "followup",  # every follow-up checkpoint met so far (§5.2 step 2)
    "receipt_and_followup",  # both (§5.2 part 1)
    "monthly_reports",  # full points less late/missing monthly reports (§5.1 step 3)
    "category_review",  # share of reviewed complaints passing (§5.2 part 2)
    "concluded",  # share concluded (§5.3)
]
Measure = Literal[
    "concluded_percent",
    "receipt_percent",
    "resolution_percent",
    "satisfaction_percent",
    "dissatisfaction_percent",
]


class Deduction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: Literal["audit_month_below", "monthly_report_late"]
    points: Decimal = Field(ge=0)
    threshold_percent: Decimal | None = Field(
        None, description="audit_month_below: pass rate under which a month deducts"
    )
    due_day: int | None = Field(None, ge=1, le=28, description="monthly_report_late: day of the next month")

    @model_validator(mode="after")
    def _parameters(self) -> Deduction:
        if self.rule == "audit_month_below" and self.threshold_percent is None:
            raise ValueError("audit_month_below needs threshold_percent")
        if self.rule == "monthly_report_late" and self.due_day is None:
            raise ValueError("monthly_report_late needs due_day")
        return self


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    name_th: str
    name_en: str
    criterion: Criterion
    points: Decimal = Field(gt=0)
    full_at_percent: Decimal = Field(Decimal(95), gt=0, le=100)
    deductions: list[Deduction] = []


class LadderKpi(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    dimension: Literal["7.1", "7.2", "7.3", "7.4"]
    name_th: str
    name_en: str
    measure: Measure
    baseline: Decimal | None = None
    target: Decimal
    weight: Decimal = Field(gt=0)
    mode: Literal["step", "linear"]
    direction: Literal["higher_is_better", "lower_is_better"]
    levels: list[Decimal] = Field(min_length=5, max_length=5, description="the values for levels 1…5")

    @model_validator(mode="after")
    def _monotonic(self) -> LadderKpi:
        pairs = list(zip(self.levels, self.levels[1:], strict=False))
        ok = all(a < b for a, b in pairs) if self.direction == "higher_is_better" else all(a > b for a, b in pairs)
        if not ok:
            raise ValueError("levels must rise (higher_is_better) or fall (lower_is_better) from level 1 to 5")
        return self


class SchemeDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]{0,39}$")
    name_th: str
    name_en: str
    source: str | None = None
    february: Literal["last_day", "last_working_day"] = "last_day"
    evidence_required: bool = True
    target_percent: Decimal | None = None
    steps: list[Step] = []
    ladder: list[LadderKpi] = []

    @model_validator(mode="after")
    def _something_to_score(self) -> SchemeDefinition:
        if not self.steps and not self.ladder:
            raise ValueError("a scheme needs steps or ladder KPIs")
        keys = [s.key for s in self.steps] + [k.key for k in self.ladder]
        if len(keys) != len(set(keys)):
            raise ValueError("step and KPI keys must be unique")
        return self
