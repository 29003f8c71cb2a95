"""The action plan (แผนปฏิบัติการประจำปีงบประมาณ, seed 000): activities with their budgets, the
months they run in (Oct…Sep, by quarter), who is responsible, target and KPI; the total budget."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from reporting.documents.base import Options, Sources
from reporting.plans import service as plans
from reporting.plans.schemas import Indicator, Item, PlanBody
from reporting.render.model import Block, Column, Document, Facts, Kind, Table, Value
from reporting.render.values import FISCAL_MONTHS, month_abbr

# Marks the months an activity runs in; Sarabun has the glyph, so it prints and copies back.
RUNS = "■"
# Units printed before the number in Thai ("ร้อยละ 91", "ระดับ 5"); the others follow it ("3 เรื่อง").
_PREFIX_UNITS = ("ร้อยละ", "ระดับ", "percent", "level")


class ActionPlanParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: uuid.UUID = Field(description="the plan's id")


async def agency_of(session: AsyncSession, params: ActionPlanParams) -> str:
    return (await plans.get(session, params.plan)).agency


def target_text(indicator: Indicator) -> str:
    if indicator.target_value is None:
        return indicator.target_unit or ""
    value = indicator.target_value
    number = f"{value.normalize():f}" if value == value.to_integral() else f"{value}"
    unit = indicator.target_unit or ""
    if not unit:
        return number
    return f"{unit} {number}" if unit in _PREFIX_UNITS else f"{number} {unit}"


def _month_marks(months: list[int]) -> list[Value]:
    return [RUNS if month in months else None for month in FISCAL_MONTHS]


def _indicator_cells(indicator: Indicator | None) -> list[Value]:
    if indicator is None:
        return [None, None, None]
    return [indicator.responsible, target_text(indicator) or None, indicator.kpi]


def _item_rows(item: Item, position: int, opt: Options) -> tuple[list[list[Value]], list[int]]:
    number = item.number or str(position)
    first = item.indicators[0] if item.indicators else None
    rows: list[list[Value]] = [
        [f"{number}. {item.name}", plans.item_total(item), *_month_marks(item.months), *_indicator_cells(first)]
    ]
    levels = [0]
    for indicator in item.indicators[1:]:
        rows.append([None, None, *_month_marks([]), *_indicator_cells(indicator)])
        levels.append(0)
    for n, sub in enumerate(item.sub_activities, start=1):
        label = opt.t(f"กิจกรรมที่ {n}", f"Activity {n}")
        rows.append([f"{label} {sub.name}", sub.budget, *_month_marks(sub.months), sub.responsible, None, None])
        levels.append(1)
    return rows, levels


async def build(src: Sources, params: ActionPlanParams, opt: Options) -> Document:
    t = opt.t
    plan = await plans.get(src.session, params.plan)
    out = plans.to_out(plan)
    quarter = t("ไตรมาส", "Q")
    columns = [
        Column("activity", t("กิจกรรม", "Activity"), Kind.TEXT, 6.0),
        Column("budget", t("งบประมาณ (บาท)", "Budget (baht)"), Kind.MONEY, 1.9),
        *[
            # The quarter is named in its first month's heading: Q1 = Oct–Dec … Q4 = Jul–Sep.
            Column(
                f"m{month:02d}",
                f"{quarter} {n // 3 + 1} {month_abbr(month, opt.language)}"
                if n % 3 == 0
                else month_abbr(month, opt.language),
                Kind.TEXT,
                0.55,
            )
            for n, month in enumerate(FISCAL_MONTHS)
        ],
        Column("responsible", t("ผู้รับผิดชอบ", "Responsible"), Kind.TEXT, 1.6),
        Column("target", t("เป้าหมาย หน่วยนับ", "Target"), Kind.TEXT, 1.3),
        Column("kpi", t("ตัวชี้วัดความสำเร็จ", "Success indicator"), Kind.TEXT, 4.5),
    ]
    body = PlanBody.model_validate(plan.body)
    rows: list[list[Value]] = []
    levels: list[int] = []
    if body.budget_group:
        rows.append([body.budget_group, None, *_month_marks([]), None, None, None])
        levels.append(0)
    for position, item in enumerate(body.items, start=1):
        item_rows, item_levels = _item_rows(item, position, opt)
        rows += item_rows
        levels += item_levels
    await src.report_progress(60)
    facts: list[tuple[str, Value]] = [
        (t("สำนัก/กอง", "Office"), body.unit_name or src.agency_name(plan.agency, opt.language)),
    ]
    if body.output:
        facts.append((t("ผลผลิต", "Output"), body.output))
    if body.activity:
        facts.append((t("กิจกรรม", "Activity"), body.activity))
    for n, kpi in enumerate(body.budget_kpis, start=1):
        facts.append((t("ตัวชี้วัดตามเอกสารงบประมาณ", "Budget-document indicator") + f" {n}", kpi))
    facts.append((t("งบประมาณรวม", "Total budget"), f"{out.total_budget:,.2f} {t('บาท', 'baht')}"))
    blocks: list[Block] = [
        Facts(facts),
        Table(
            key="activities",
            title=t(
                f"กิจกรรมและระยะเวลาดำเนินการ ปีงบประมาณ พ.ศ. {plan.fiscal_year}", f"Activities, FY {plan.fiscal_year}"
            ),
            columns=columns,
            rows=rows,
            levels=levels,
            totals=[t("รวม", "Total"), out.total_budget, *([None] * 15)],
        ),
    ]
    return opt.document(
        type="action-plan",
        title=plan.title,
        subtitle=body.unit_name or src.agency_name(plan.agency, opt.language),
        agency=src.agency_name(plan.agency, opt.language),
        landscape=True,
        blocks=blocks,
    )
