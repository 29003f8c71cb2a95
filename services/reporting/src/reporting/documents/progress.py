"""The progress report (แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ, seed 004): a project's
header, then one entry per period with its complaint counts, taken from scoring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy.ext.asyncio import AsyncSession

from kit.thai import bangkok_date, fiscal_year_bounds
from reporting.documents.base import Options, Sources
from reporting.documents.periods import Span, periods
from reporting.projects import service as projects
from reporting.projects.schemas import Assessment, Period, ProjectBody
from reporting.render.model import Column, Document, Facts, Kind, Paragraph, Table, Value
from reporting.render.values import format_date, format_value


class ProgressParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    project: str | None = Field(None, description="a project's code")
    agency: str | None = Field(None, description="without a project: the agency whose complaints are counted")
    fy: Annotated[int, Field(ge=2500, le=2700)] | None = None
    periods: Period = "monthly"

    @model_validator(mode="after")
    def _either(self) -> ProgressParams:
        if (self.project is None) == (self.agency is None):
            raise ValueError("give either 'project', or 'agency' with 'fy'")
        if self.agency is not None and self.fy is None:
            raise ValueError("'fy' is needed with 'agency'")
        return self


async def agency_of(session: AsyncSession, params: ProgressParams) -> str:
    if params.project is not None:
        return (await projects.get(session, params.project)).agency
    assert params.agency is not None
    return params.agency


def _yes_no(value: bool | None, opt: Options, yes: tuple[str, str], no: tuple[str, str]) -> str | None:
    if value is None:
        return None
    return opt.t(*yes) if value else opt.t(*no)


async def build(src: Sources, params: ProgressParams, opt: Options) -> Document:
    t = opt.t
    if params.project is not None:
        project = await projects.get(src.session, params.project)
        body, code, fy, agency = projects.body_of(project), project.code, project.fiscal_year, project.agency
        kind = body.periods
    else:
        assert params.agency is not None
        assert params.fy is not None
        agency, fy, code, kind = params.agency, params.fy, None, params.periods
        start, end = fiscal_year_bounds(fy)
        name = src.agency_name(agency, opt.language)
        body = ProjectBody(
            name=t(f"การจัดการเรื่องที่ได้รับแจ้งจากประชาชน {name}", f"Handling of complaints: {name}"),
            start=start,
            end=end,
        )
    counted = body.counts_agency or agency
    spans = periods(body.start, body.end, kind, bangkok_date(opt.printed_at))
    entries = []
    for n, span in enumerate(spans, start=1):
        counts = await src.scoring_get(
            "/v1/progress",
            agency=counted,
            **{"from": span.start.isoformat()},
            to=span.end.isoformat(),
            as_of=span.counted_until(opt.printed_at).isoformat(),
        )
        entries.append((n, span, counts))
        await src.report_progress(10 + 70 * n // max(len(spans), 1))

    def money(value: Decimal) -> str:
        return f"{format_value(value, Kind.MONEY, opt.language)} {t('บาท', 'baht')}"

    agency_name = src.agency_name(agency, opt.language)
    blocks: list[Facts | Paragraph | Table] = [
        Paragraph(t("1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ", "1. Project and responsible agency"), heading=True),
        Facts(
            title=t("1.1 รหัสโครงการและชื่อโครงการ", "1.1 Project code and name"),
            items=[
                (t("ชื่อโครงการ/กิจกรรม", "Project/activity"), body.name),
                (t("รหัสโครงการ", "Project code"), code or "-"),
                (t("ปีงบประมาณ พ.ศ.", "Fiscal year (B.E.)"), str(fy)),
                (t("เริ่มต้นโครงการ", "Start"), body.start),
                (t("สิ้นสุดโครงการ", "End"), body.end),
                (t("งบประมาณที่ได้รับ", "Budget received"), money(body.budget_received)),
                (t("งบประมาณที่ใช้ไป", "Budget spent"), money(body.budget_spent)),
            ],
        ),
        Facts(
            title=t("1.2 หน่วยงานที่รับผิดชอบ", "1.2 Responsible agency"),
            items=[
                (t("หน่วยงานที่รับผิดชอบ", "Responsible agency"), body.responsible_unit or agency_name),
                (t("ชื่อผู้รับผิดชอบ", "Person responsible"), body.person or "-"),
                (t("ผู้ประสานงาน", "Coordinator"), body.coordinator or "-"),
            ],
        ),
    ]
    if body.rationale:
        blocks += [Paragraph(t("1.3 หลักการและเหตุผล", "1.3 Rationale"), heading=True), Paragraph(body.rationale)]
    if body.objectives:
        blocks.append(Paragraph(t("1.4 วัตถุประสงค์ของโครงการ", "1.4 Objectives"), heading=True))
        blocks += [Paragraph(f"- {objective}") for objective in body.objectives]
    if body.target:
        blocks += [Paragraph(t("1.5 เป้าหมายของโครงการ", "1.5 Target"), heading=True), Paragraph(f"- {body.target}")]
    if body.strategy or body.kpi:
        items: list[tuple[str, Value]] = [(line.label, line.value) for line in body.strategy]
        if body.kpi:
            items.append((t("ตัวชี้วัด", "Indicator"), body.kpi))
        blocks.append(Facts(title=t("1.6 ความเชื่อมโยงกับยุทธศาสตร์", "1.6 Strategy link"), items=items))

    blocks.append(
        Paragraph(
            t("2. รายงานความก้าวหน้าของโครงการและการใช้จ่ายงบประมาณ", "2. Progress and budget spending"), heading=True
        )
    )
    rows: list[list[Value]] = []
    for n, span, counts in entries:
        row = _entry(n, span, counts, body, opt)
        rows.append(row)
        blocks += _entry_text(row, opt)
    blocks.append(
        Table(
            key="entries",
            title=t("สรุปรายงานความก้าวหน้า", "Progress entries"),
            columns=_COLUMNS[opt.language],
            rows=rows,
        )
    )
    blocks += [
        Paragraph(
            t(
                "ขอรับรองว่า ข้อความที่ปรากฏในเอกสารฉบับนี้ หน่วยงานได้จัดพิมพ์จากระบบงานจริง เพื่อเป็นหลักฐานไว้ตรวจสอบ",
                "We certify that this document was printed from the live system, as evidence for review.",
            )
        ),
        Paragraph(
            t(
                "ลงชื่อ.................................(ผู้รับผิดชอบโครงการ)",
                "Signed ............................ (project lead)",
            )
        ),
        Paragraph(t("ตำแหน่ง.................................", "Position ............................")),
    ]
    return opt.document(
        type="progress",
        title=t("แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ", "Project progress report"),
        subtitle=body.name,
        agency=agency_name,
        blocks=list(blocks),
    )


def _entry(n: int, span: Span, counts: dict[str, object], body: ProjectBody, opt: Options) -> list[Value]:
    completed_percent = Decimal(str(counts["completed_percent"]))
    assessment = body.assessments.get(span.month_key, Assessment())
    on_target = assessment.on_target
    if on_target is None and body.target_percent is not None and int(str(counts["total"])) > 0:
        on_target = completed_percent >= body.target_percent
    return [
        n,
        span.end,
        span.start,
        span.end,
        int(str(counts["total"])),
        int(str(counts["completed"])),
        completed_percent,
        int(str(counts["in_progress"])),
        Decimal(str(counts["in_progress_percent"])),
        completed_percent,
        body.spending.get(span.month_key, Decimal(0)),
        _yes_no(assessment.on_plan, opt, ("เป็นไปตามแผน", "on plan"), ("ไม่เป็นไปตามแผน", "behind plan")),
        _yes_no(on_target, opt, ("เป็นไปตามเป้าหมาย", "on target"), ("ไม่เป็นไปตามเป้าหมาย", "below target")),
    ]


def _entry_text(row: list[Value], opt: Options) -> list[Paragraph]:
    n, day, start, end, total, completed, completed_pct, in_progress, in_progress_pct, _, spent, on_plan, on_target = (
        row
    )
    assert isinstance(day, dt.date)
    assert isinstance(start, dt.date)
    assert isinstance(end, dt.date)
    lang = opt.language

    def num(value: Value, kind: Kind = Kind.INTEGER) -> str:
        return format_value(value, kind, lang)

    if lang == "th":
        lines = [
            f"รายงานครั้งที่ {n} :: {format_date(day, lang)} : เรื่องร้องทุกข์ตั้งแต่วันที่ {format_date(start, lang)}"
            f" ถึง {format_date(end, lang)} จำนวน {num(total)} เรื่อง",
            f"ดำเนินการเสร็จสิ้น {num(completed)} เรื่อง คิดเป็นร้อยละ {num(completed_pct, Kind.PERCENT)}",
            f"อยู่ระหว่างดำเนินการ {num(in_progress)} เรื่อง คิดเป็นร้อยละ {num(in_progress_pct, Kind.PERCENT)}",
            f":: ความก้าวหน้าของงานฯ = {num(completed_pct, Kind.PERCENT)} %"
            f" งบประมาณที่เบิกใช้ (ครั้งที่ {n}) = {num(spent, Kind.MONEY)} บาท",
        ]
    else:
        lines = [
            f"Report {n} :: {format_date(day, lang)} : complaints from {format_date(start, lang)}"
            f" to {format_date(end, lang)}: {num(total)}",
            f"completed {num(completed)} ({num(completed_pct, Kind.PERCENT)} %)",
            f"in progress {num(in_progress)} ({num(in_progress_pct, Kind.PERCENT)} %)",
            f":: progress = {num(completed_pct, Kind.PERCENT)} %"
            f" budget spent (report {n}) = {num(spent, Kind.MONEY)} baht",
        ]
    lines += [f": {verdict}" for verdict in (on_plan, on_target) if verdict]
    return [Paragraph(line) for line in lines]


_COLUMNS = {
    lang: [
        Column("report", t[0], Kind.INTEGER, 0.6),
        Column("date", t[1], Kind.DATE, 1.3),
        Column("from", t[2], Kind.DATE, 1.3),
        Column("to", t[3], Kind.DATE, 1.3),
        Column("total", t[4], Kind.INTEGER, 0.9),
        Column("completed", t[5], Kind.INTEGER, 0.9),
        Column("completed_percent", t[6], Kind.PERCENT, 0.9),
        Column("in_progress", t[7], Kind.INTEGER, 0.9),
        Column("in_progress_percent", t[8], Kind.PERCENT, 0.9),
        Column("progress_percent", t[9], Kind.PERCENT, 0.9),
        Column("budget_spent", t[10], Kind.MONEY, 1.1),
        Column("on_plan", t[11], Kind.TEXT, 1.2),
        Column("on_target", t[12], Kind.TEXT, 1.2),
    ]
    for lang, t in {
        "th": (
            "ครั้งที่",
            "วันที่รายงาน",
            "ตั้งแต่วันที่",
            "ถึงวันที่",
            "จำนวนเรื่อง",
            "เสร็จสิ้น",
            "ร้อยละเสร็จสิ้น",
            "ระหว่างดำเนินการ",
            "ร้อยละระหว่างดำเนินการ",
            "ความก้าวหน้า (%)",
            "งบประมาณที่เบิกใช้",
            "เป็นไปตามแผน",
            "เป็นไปตามเป้าหมาย",
        ),
        "en": (
            "No.",
            "Report date",
            "From",
            "To",
            "Complaints",
            "Completed",
            "Completed %",
            "In progress",
            "In progress %",
            "Progress %",
            "Budget spent",
            "Plan",
            "Target",
        ),
    }.items()
}
