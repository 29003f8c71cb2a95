"""The KPI scorecard: form 7.2 (dimension, KPI, baseline, target, weight, ladder, result, score) and
the BMA schemes' step tables with their deductions and reasons, from scoring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import Field

from reporting.documents.base import Options, Sources
from reporting.documents.params import AgencyYearParams
from reporting.render.model import BarChart, Block, Column, Document, Facts, Kind, Table, Value
from reporting.render.values import format_value


class ScorecardParams(AgencyYearParams):
    scheme: str = Field("bma-2563", description="bma-2557, bma-2563, opm-concluded, form-7.2")
    version: int | None = Field(None, description="a scheme version; defaults to the latest")


def _d(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _ladder_text(levels: list[Any], opt: Options) -> str:
    return " / ".join(f"{n}: {format_value(_d(v), Kind.DECIMAL, opt.language)}" for n, v in enumerate(levels, start=1))


async def build(src: Sources, params: ScorecardParams, opt: Options) -> Document:
    t = opt.t
    data = await src.scoring_get(
        "/v1/scorecards", scheme=params.scheme, fy=params.fy, agency=params.agency, version=params.version
    )
    await src.report_progress(60)
    cards: list[dict[str, Any]] = [*data["scorecards"], *([data["rollup"]] if data["rollup"] else [])]

    def name(card: dict[str, Any]) -> str:
        label = src.agency_name(card["agency"], opt.language)
        return t(f"{label} (รวม)", f"{label} (total)") if card["rollup"] else label

    summary: list[list[Value]] = [
        [name(c), c["counted"], _d(c["total"]), _d(c["max_total"]), _d(c["weighted_score"])] for c in cards
    ]
    steps: list[list[Value]] = []
    deductions: list[list[Value]] = []
    ladder: list[list[Value]] = []
    for card in cards:
        for step in card["steps"]:
            step_name = step["name_th"] if opt.language == "th" else step["name_en"]
            lost = sum((Decimal(str(d["points"])) for d in step["deductions"]), Decimal(0))
            steps.append(
                [
                    name(card),
                    step_name,
                    step["criterion"],
                    _d(step["points"]),
                    step["counted"],
                    step["correct"],
                    _d(step["percent"]),
                    _d(step["score_before_deductions"]),
                    lost,
                    _d(step["score"]),
                ]
            )
            for d in step["deductions"]:
                month = dt.date.fromisoformat(d["month"]) if d.get("month") else None
                reason = d["reason_th"] if opt.language == "th" else d["reason_en"]
                deductions.append([name(card), step_name, month, _d(d["points"]), reason])
        for kpi in card["ladder"]:
            ladder.append(
                [
                    name(card),
                    kpi["dimension"],
                    kpi["name_th"] if opt.language == "th" else kpi["name_en"],
                    _d(kpi["baseline"]),
                    _d(kpi["target"]),
                    _d(kpi["weight"]),
                    _ladder_text(kpi["levels"], opt),
                    _d(kpi["result"]),
                    _d(kpi["score"]),
                ]
            )
    agency_col = Column("agency", t("หน่วยงาน", "Agency"), Kind.TEXT, 2.2)
    blocks: list[Block] = [
        Facts(
            [
                (t("เกณฑ์", "Scheme"), f"{data['scheme']} (v{data['scheme_version']})"),
                (t("ปีงบประมาณ พ.ศ.", "Fiscal year (B.E.)"), str(data["fiscal_year"])),
                (t("ข้อมูล ณ", "Data as of"), dt.datetime.fromisoformat(data["as_of"])),
            ]
        ),
        Table(
            "summary",
            t("สรุปคะแนน", "Summary"),
            [
                agency_col,
                Column("counted", t("จำนวนเรื่อง", "Complaints"), Kind.INTEGER),
                Column("total", t("คะแนนรวม", "Score"), Kind.DECIMAL),
                Column("max_total", t("คะแนนเต็ม", "Out of"), Kind.DECIMAL),
                Column("weighted_score", t("คะแนนถ่วงน้ำหนัก", "Weighted score"), Kind.DECIMAL),
            ],
            summary,
        ),
    ]
    if steps:
        blocks.append(
            Table(
                "steps",
                t("คะแนนตามขั้นตอน", "Scores by step"),
                [
                    agency_col,
                    Column("step", t("ขั้นตอน", "Step"), Kind.TEXT, 2.5),
                    Column("criterion", t("เกณฑ์", "Criterion"), Kind.TEXT, 1.2),
                    Column("points", t("คะแนนเต็ม", "Points"), Kind.DECIMAL, 0.8),
                    Column("counted", t("จำนวนเรื่อง", "Counted"), Kind.INTEGER, 0.8),
                    Column("correct", t("ถูกต้อง", "Correct"), Kind.INTEGER, 0.8),
                    Column("percent", t("ร้อยละ", "%"), Kind.PERCENT, 0.8),
                    Column("before", t("ก่อนหัก", "Before deductions"), Kind.DECIMAL, 0.8),
                    Column("deducted", t("หัก", "Deducted"), Kind.DECIMAL, 0.8),
                    Column("score", t("คะแนน", "Score"), Kind.DECIMAL, 0.8),
                ],
                steps,
            )
        )
    if deductions:
        blocks.append(
            Table(
                "deductions",
                t("การหักคะแนนและเหตุผล", "Deductions and their reasons"),
                [
                    agency_col,
                    Column("step", t("ขั้นตอน", "Step"), Kind.TEXT, 2.0),
                    Column("month", t("เดือน", "Month"), Kind.DATE, 1.0),
                    Column("points", t("คะแนนที่หัก", "Points"), Kind.DECIMAL, 0.8),
                    Column("reason", t("เหตุผล", "Reason"), Kind.TEXT, 3.5),
                ],
                deductions,
            )
        )
    if ladder:
        blocks.append(
            Table(
                "kpis",
                t("แบบ 7.2 ตัวชี้วัดและเกณฑ์การให้คะแนน", "Form 7.2 indicators and ladders"),
                [
                    agency_col,
                    Column("dimension", t("มิติ", "Dimension"), Kind.TEXT, 1.2),
                    Column("kpi", t("ตัวชี้วัด", "Indicator"), Kind.TEXT, 3.0),
                    Column("baseline", t("ข้อมูลพื้นฐาน", "Baseline"), Kind.DECIMAL, 0.9),
                    Column("target", t("เป้าหมาย", "Target"), Kind.DECIMAL, 0.9),
                    Column("weight", t("น้ำหนัก", "Weight"), Kind.DECIMAL, 0.8),
                    Column("ladder", t("เกณฑ์การให้คะแนน 1–5", "Ladder 1–5"), Kind.TEXT, 2.2),
                    Column("result", t("ผลการดำเนินงาน", "Result"), Kind.DECIMAL, 0.9),
                    Column("score", t("คะแนน", "Score"), Kind.DECIMAL, 0.8),
                ],
                ladder,
            )
        )
    if len(data["scorecards"]) > 1:
        blocks.append(
            BarChart(
                "scores",
                t("คะแนนรวมรายหน่วยงาน", "Score by agency"),
                [name(c) for c in data["scorecards"]],
                [(t("คะแนน", "Score"), [float(c["total"]) for c in data["scorecards"]])],
            )
        )
    assert params.agency is not None  # filled in with the requester's agency when the report is asked for
    return opt.document(
        type="kpi-scorecard",
        title=t("รายงานผลการประเมินตามตัวชี้วัด", "KPI scorecard"),
        subtitle=t(f"ปีงบประมาณ พ.ศ. {params.fy}", f"Fiscal year {params.fy}"),
        agency=src.agency_name(params.agency, opt.language),
        landscape=True,
        blocks=blocks,
    )
