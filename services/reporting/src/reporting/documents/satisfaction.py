"""The satisfaction report (SPEC §5.5): satisfaction % = positive answers / all answers,
dissatisfaction % = negative answers / all answers, by dimension, item, respondent group, channel,
agency, month and respondent profile, with charts. Scoring counts (``GET /v1/satisfaction``, each
answer read by its own questionnaire version); this prints what it counted."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from reporting.documents.base import Options, Sources
from reporting.documents.params import AgencyYearParams
from reporting.render.model import BarChart, Block, Column, Document, Facts, Kind, Table, Value

# (table key, scoring's breakdown, title in Thai, in English, most answered first?)
_TABLES = (
    ("dimensions", "by_dimension", "ด้าน", "Dimension", False),  # in the questionnaires' order
    ("items", "by_item", "ข้อคำถาม", "Item", False),
    ("groups", "by_group", "กลุ่มผู้ตอบแบบสอบถาม", "Respondent group", True),
    ("channels", "by_channel", "ช่องทาง", "Channel", True),
    ("agencies", "by_agency", "หน่วยงาน", "Agency", True),
    ("months", "by_month", "เดือน", "Month", False),  # every month of the year, in order
    ("gender", "by_gender", "เพศ", "Gender", True),
    ("age_band", "by_age_band", "ช่วงอายุ", "Age band", True),
    ("education", "by_education", "การศึกษา", "Education", True),
    ("occupation", "by_occupation", "อาชีพ", "Occupation", True),
)


class SatisfactionParams(AgencyYearParams):
    template: str | None = Field(None, description="a questionnaire's code; defaults to every questionnaire")


def _d(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _rows(entries: list[dict[str, Any]], opt: Options, *, most_answered_first: bool) -> list[list[Value]]:
    if most_answered_first:
        entries = sorted(entries, key=lambda e: -int(e["answers"]))
    return [
        [
            e["label_en"] if opt.language == "en" and e.get("label_en") else e["label"],
            e["answers"],
            e["positive"],
            _d(e["satisfaction_percent"]),
            e["negative"],
            _d(e["dissatisfaction_percent"]),
        ]
        for e in entries
    ]


async def build(src: Sources, params: SatisfactionParams, opt: Options) -> Document:
    t = opt.t
    assert params.agency is not None
    data = await src.scoring_get("/v1/satisfaction", agency=params.agency, fy=params.fy, template=params.template)
    await src.report_progress(70)

    def columns(title: str) -> list[Column]:
        return [
            Column("key", title, Kind.TEXT, 3.0),
            Column("answers", t("จำนวนคำตอบ", "Answers"), Kind.INTEGER),
            Column("positive", t("พึงพอใจ", "Satisfied"), Kind.INTEGER),
            Column("satisfaction_percent", t("ร้อยละความพึงพอใจ", "Satisfaction %"), Kind.PERCENT),
            Column("negative", t("ไม่พึงพอใจ", "Dissatisfied"), Kind.INTEGER),
            Column("dissatisfaction_percent", t("ร้อยละความไม่พึงพอใจ", "Dissatisfaction %"), Kind.PERCENT),
        ]

    blocks: list[Block] = [
        Facts(
            [
                (t("แบบสอบถาม", "Questionnaires"), str(data["responses"])),
                (t("ร้อยละความพึงพอใจ", "Satisfaction %"), _d(data["satisfaction_percent"])),
                (t("ร้อยละความไม่พึงพอใจ", "Dissatisfaction %"), _d(data["dissatisfaction_percent"])),
            ]
        )
    ]
    for key, breakdown, th, en, most_answered_first in _TABLES:
        title = t(th, en)
        rows = _rows(data[breakdown], opt, most_answered_first=most_answered_first)
        blocks.append(Table(key, t(f"จำแนกตาม{title}", f"By {title.lower()}"), columns(title), rows))
        if key == "dimensions" and rows:
            blocks.append(
                BarChart(
                    "dimensions_chart",
                    t("ร้อยละความพึงพอใจและไม่พึงพอใจรายด้าน", "Satisfaction and dissatisfaction by dimension (%)"),
                    [str(r[0]) for r in rows],
                    [
                        (t("พึงพอใจ", "Satisfied"), [float(str(r[3] or 0)) for r in rows]),
                        (t("ไม่พึงพอใจ", "Dissatisfied"), [float(str(r[5] or 0)) for r in rows]),
                    ],
                    unit="%",
                )
            )
    return opt.document(
        type="satisfaction",
        title=t("รายงานผลการสำรวจความพึงพอใจของผู้รับบริการ", "Satisfaction survey report"),
        subtitle=t(f"ปีงบประมาณ พ.ศ. {params.fy}", f"Fiscal year {params.fy}"),
        agency=src.agency_name(params.agency, opt.language),
        blocks=blocks,
    )
