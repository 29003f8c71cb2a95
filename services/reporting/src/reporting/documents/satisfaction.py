"""The satisfaction report (SPEC §5.5): satisfaction % = positive answers / all answers,
dissatisfaction % = negative answers / all answers, by dimension, item, channel, respondent group
and month, from intake's survey responses; with charts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from pydantic import Field

from kit.satisfaction import Counts, Polarity, Questionnaire
from kit.thai import bangkok_date, fiscal_year_bounds
from reporting.documents.base import Options, RenderError, Sources
from reporting.documents.params import AgencyYearParams
from reporting.render.model import BarChart, Block, Column, Document, Facts, Kind, Table, Value
from reporting.render.values import format_date

_PROFILE = (("gender", "เพศ", "Gender"), ("age_band", "ช่วงอายุ", "Age band"), ("education", "การศึกษา", "Education"), ("occupation", "อาชีพ", "Occupation"))  # fmt: skip


class SatisfactionParams(AgencyYearParams):
    template: str | None = Field(None, description="a questionnaire's code; defaults to every questionnaire")


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[Any, Counts] = defaultdict(Counts)

    def add(self, key: Any, polarity: Polarity) -> None:
        self.counts[key].add(polarity)

    def rows(self, label: Any = str, *, by_key: bool = False) -> list[list[Value]]:
        """Most answered first, or in key order (months)."""
        ordered = sorted(self.counts.items(), key=(lambda kv: kv[0]) if by_key else (lambda kv: -kv[1].answers))
        return [
            [label(key), c.answers, c.positive, c.satisfaction_percent, c.negative, c.dissatisfaction_percent]
            for key, c in ordered
        ]


async def _responses(
    src: Sources, params: SatisfactionParams, start: dt.date, end: dt.date
) -> list[tuple[dt.date, dict[str, Any]]]:
    """The responses of the fiscal year with their Bangkok day (intake pages newest first)."""
    found: list[tuple[dt.date, dict[str, Any]]] = []
    cursor = None
    while True:
        page = await src.intake_get(
            "/v1/surveys/responses", agency=params.agency, template=params.template, cursor=cursor, limit=500
        )
        for item in page["items"]:
            day = bangkok_date(dt.datetime.fromisoformat(item["submitted_at"]))
            if day < start:
                return found
            if day <= end:
                found.append((day, item))
        cursor = page.get("next_cursor")
        if not cursor:
            return found


async def build(src: Sources, params: SatisfactionParams, opt: Options) -> Document:
    t = opt.t
    assert params.agency is not None
    start, end = fiscal_year_bounds(params.fy)
    templates = await src.intake_get("/v1/surveys/templates")
    questionnaires = {tpl["code"]: Questionnaire.of(tpl["definition"]) for tpl in templates}
    if params.template and params.template not in questionnaires:
        raise RenderError("survey.unknown_template", f"no questionnaire with code {params.template}")
    responses = await _responses(src, params, start, end)
    await src.report_progress(50)
    channels = await src.names("channels", opt.language)
    overall, by_dimension, by_item, by_channel, by_agency, by_month = (_Tally() for _ in range(6))
    by_profile = {field: _Tally() for field, *_ in _PROFILE}
    # Dimensions are shared by questionnaires (process, staff, …); items are each questionnaire's own.
    dimension_names: dict[str, str] = {}
    item_names: dict[tuple[str, str], str] = {}
    for template, q in questionnaires.items():
        for dimension in q.dimensions:
            dimension_names.setdefault(dimension.code, dimension.name(opt.language))
        item_names.update({(template, item.code): item.name(opt.language) for item in q.items})
    for day, response in responses:
        questionnaire = questionnaires.get(response["template"])
        if questionnaire is None:
            continue
        channel = channels.get(response.get("channel") or "", response.get("channel") or "-")
        agency = src.agency_name(response.get("agency") or "-", opt.language)
        month = day.replace(day=1).isoformat()
        for code, answer in questionnaire.rated(response["answers"]):
            overall.add("all", answer)
            by_dimension.add(questionnaire.dimension_of[code], answer)
            by_item.add((response["template"], code), answer)
            by_channel.add(channel, answer)
            by_agency.add(agency, answer)
            by_month.add(month, answer)
            for field, *_ in _PROFILE:
                by_profile[field].add(str(response["respondent"].get(field) or "-"), answer)
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

    total = overall.counts.get("all", Counts())
    blocks: list[Block] = [
        Facts(
            [
                (t("แบบสอบถาม", "Questionnaires"), str(len(responses))),
                (t("ร้อยละความพึงพอใจ", "Satisfaction %"), total.satisfaction_percent),
                (t("ร้อยละความไม่พึงพอใจ", "Dissatisfaction %"), total.dissatisfaction_percent),
            ]
        )
    ]
    dimension_rows = by_dimension.rows(lambda code: dimension_names.get(code, code))
    tables: list[tuple[str, str, list[list[Value]]]] = [
        ("dimensions", t("ด้าน", "Dimension"), dimension_rows),
        ("items", t("ข้อคำถาม", "Item"), by_item.rows(lambda key: item_names.get(key, key[1]))),
        ("channels", t("ช่องทาง", "Channel"), by_channel.rows()),
        ("agencies", t("หน่วยงาน", "Agency"), by_agency.rows()),
        (
            "months",
            t("เดือน", "Month"),
            by_month.rows(lambda m: format_date(dt.date.fromisoformat(m), opt.language), by_key=True),
        ),
        *[(field, t(th, en), by_profile[field].rows()) for field, th, en in _PROFILE],
    ]
    for key, title, rows in tables:
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
