"""The monthly summary an agency submits by the 10th of the next month (SPEC §5.1 step 3): the
month's complaints, their outcome and SLA compliance, what is still outstanding, and whether the
summary was submitted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field

from kit.thai import bangkok_date
from reporting.documents.base import Options, Sources
from reporting.documents.cpl import percent
from reporting.documents.params import AgencyParams
from reporting.documents.periods import Span, month_end
from reporting.render.model import Block, Column, Document, Facts, Kind, Table, Value
from reporting.render.values import format_date


class MonthlyParams(AgencyParams):
    month: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="the month reported, YYYY-MM")]

    def span(self) -> Span:
        first = dt.date.fromisoformat(f"{self.month}-01")
        return Span(first, month_end(first))


async def build(src: Sources, params: MonthlyParams, opt: Options) -> Document:
    t = opt.t
    assert params.agency is not None
    month = params.span()
    start, end = month.start, month.end
    as_of = month.counted_until(opt.printed_at)
    span = {"from": start.isoformat(), "to": end.isoformat()}
    progress = await src.scoring_get("/v1/progress", agency=params.agency, as_of=as_of.isoformat(), **span)
    performance = await src.scoring_get("/v1/performance", agency=params.agency, **span)
    submissions: list[dict[str, Any]] = await src.scoring_get("/v1/monthly-reports", agency=params.agency)
    await src.report_progress(60)
    submitted = next((s for s in submissions if s["month"] == start.isoformat()), None)
    due = dt.date(end.year + end.month // 12, end.month % 12 + 1, 10)
    rows = performance["rows"]

    def total(key: str) -> int:
        return sum(int(r[key]) for r in rows)

    counts: list[list[Value]] = [
        [t("เรื่องที่ได้รับแจ้ง", "Complaints received"), progress["total"], None],
        [t("ดำเนินการเสร็จสิ้น", "Completed"), progress["completed"], Decimal(progress["completed_percent"])],
        [t("อยู่ระหว่างดำเนินการ", "In progress"), progress["in_progress"], Decimal(progress["in_progress_percent"])],
        [
            t("ตอบรับภายใน 1 วันทำการ", "Acknowledged within 1 working day"),
            total("acknowledged_on_time"),
            percent(total("acknowledged_on_time"), total("acknowledgement_decided")),
        ],
        [
            t("รายงานครั้งแรกภายใน 3 วันทำการ", "First report within 3 working days"),
            total("first_report_on_time"),
            percent(total("first_report_on_time"), total("first_report_decided")),
        ],
        [
            t("รายงานวันที่ 15 และ 30 ทันเวลา", "15th/30th reports on time"),
            total("checkpoints_met"),
            percent(total("checkpoints_met"), total("checkpoints_decided")),
        ],
    ]
    submitted_text = (
        format_date(bangkok_date(dt.datetime.fromisoformat(submitted["submitted_at"])), opt.language)
        if submitted
        else t("ยังไม่ได้ส่ง", "not submitted")
    )
    blocks: list[Block] = [
        Facts(
            [
                (t("เดือน", "Month"), f"{format_date(start, opt.language)} – {format_date(end, opt.language)}"),
                (t("กำหนดส่ง", "Due"), due),
                (t("ส่งรายงานเมื่อ", "Submitted"), submitted_text),
            ]
        ),
        Table(
            "summary",
            t("สรุปผลการดำเนินการ", "Summary"),
            [
                Column("item", t("รายการ", "Item"), Kind.TEXT, 3.0),
                Column("count", t("จำนวน (เรื่อง)", "Count"), Kind.INTEGER),
                Column("percent", t("ร้อยละ", "%"), Kind.PERCENT),
            ],
            counts,
        ),
    ]
    return opt.document(
        type="monthly-summary",
        title=t("รายงานสรุปผลการดำเนินการแก้ไขเรื่องที่ได้รับแจ้งประจำเดือน", "Monthly complaint summary"),
        subtitle=src.agency_name(params.agency, opt.language),
        agency=src.agency_name(params.agency, opt.language),
        blocks=blocks,
    )
