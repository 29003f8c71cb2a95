"""The evidence reports of seed 003: CPL_R001 outstanding complaints per agency (age in working
days, overdue duties) and CPL_R003 performance per agency (outcomes, SLA compliance per step)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import model_validator

from kit.thai import bangkok_date, fiscal_year_bounds
from reporting.documents.base import Options, Sources
from reporting.documents.params import AgencyParams, FiscalYear
from reporting.render.model import BarChart, Block, Column, Document, Facts, Kind, Table, Value

# Age bands of outstanding complaints, in working days since they were forwarded.
AGE_BANDS = ((0, 15), (16, 30), (31, 60), (61, None))


def _band(age: int) -> int:
    return next(n for n, (low, high) in enumerate(AGE_BANDS) if age >= low and (high is None or age <= high))


def percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def build_outstanding(src: Sources, params: AgencyParams, opt: Options) -> Document:
    t = opt.t
    assert params.agency is not None
    data = await src.scoring_get("/v1/outstanding", agency=params.agency)
    await src.report_progress(40)
    categories = await src.names("categories", opt.language)
    channels = await src.names("channels", opt.language)
    await src.report_progress(50)
    yes = t("เกินกำหนด", "overdue")
    per_agency: dict[str, list[int]] = {}
    rows: list[list[Value]] = []
    for item in data["items"]:
        counts = per_agency.setdefault(item["agency"], [0] * (4 + len(AGE_BANDS)))
        counts[0] += 1
        counts[1] += item["overdue"]
        counts[2] += item["acknowledgement_overdue"]
        counts[3] += item["first_report_overdue"]
        counts[4 + _band(item["age_working_days"])] += 1
        rows.append(
            [
                item["ticket_no"],
                bangkok_date(dt.datetime.fromisoformat(item["received_at"])),
                categories.get(item["category"], item["category"]),
                channels.get(item["channel"], item["channel"]),
                src.agency_name(item["agency"], opt.language),
                bangkok_date(dt.datetime.fromisoformat(item["forwarded_at"])),
                item["age_working_days"],
                yes if item["acknowledgement_overdue"] else None,
                yes if item["first_report_overdue"] else None,
                item["checkpoints_missed"],
                bangkok_date(dt.datetime.fromisoformat(item["next_due"])) if item["next_due"] else None,
                yes if item["overdue"] else None,
            ]
        )
    summary: list[list[Value]] = [[src.agency_name(code, opt.language), *c] for code, c in sorted(per_agency.items())]
    totals: list[Value] = [
        t("รวม", "Total"),
        *(sum(c[n] for c in per_agency.values()) for n in range(4 + len(AGE_BANDS))),
    ]
    band_titles = [
        t(f"{low}–{high} วันทำการ", f"{low}–{high} working days")
        if high
        else t(f"เกิน {low - 1} วันทำการ", f"over {low - 1} working days")
        for low, high in AGE_BANDS
    ]
    blocks: list[Block] = [
        Facts(
            [
                (t("ข้อมูล ณ", "Data as of"), dt.datetime.fromisoformat(data["as_of"])),
                (t("เรื่องคงค้าง", "Outstanding"), len(rows)),
            ]
        ),
        Table(
            "agencies",
            t("เรื่องคงค้างรายหน่วยงาน", "Outstanding by agency"),
            [
                Column("agency", t("หน่วยงาน", "Agency"), Kind.TEXT, 2.5),
                Column("outstanding", t("คงค้าง", "Outstanding"), Kind.INTEGER),
                Column("overdue", t("เกินกำหนด", "Overdue"), Kind.INTEGER),
                Column("acknowledgement_overdue", t("ตอบรับเกินกำหนด", "Ack. overdue"), Kind.INTEGER),
                Column("first_report_overdue", t("รายงานครั้งแรกเกินกำหนด", "1st report overdue"), Kind.INTEGER),
                *[Column(f"age_{n}", title, Kind.INTEGER) for n, title in enumerate(band_titles)],
            ],
            summary,
            totals=totals,
        ),
        Table(
            "complaints",
            t("รายการเรื่องคงค้าง", "Outstanding complaints"),
            [
                Column("ticket_no", t("เลขที่รับแจ้ง", "Ticket"), Kind.TEXT, 1.6),
                Column("received", t("วันที่รับแจ้ง", "Received"), Kind.DATE, 1.1),
                Column("category", t("ประเภทเรื่อง", "Category"), Kind.TEXT, 1.5),
                Column("channel", t("ช่องทาง", "Channel"), Kind.TEXT, 1.1),
                Column("agency", t("หน่วยงาน", "Agency"), Kind.TEXT, 1.8),
                Column("forwarded", t("วันที่ส่งเรื่อง", "Forwarded"), Kind.DATE, 1.1),
                Column("age", t("อายุ (วันทำการ)", "Age (working days)"), Kind.INTEGER, 0.8),
                Column("acknowledgement", t("ตอบรับ", "Ack."), Kind.TEXT, 0.9),
                Column("first_report", t("รายงานครั้งแรก", "1st report"), Kind.TEXT, 0.9),
                Column("checkpoints_missed", t("ขาดรายงาน 15/30", "Missed 15th/30th"), Kind.INTEGER, 0.8),
                Column("next_due", t("กำหนดถัดไป", "Next due"), Kind.DATE, 1.1),
                Column("overdue", t("สถานะ", "Status"), Kind.TEXT, 0.9),
            ],
            rows,
        ),
    ]
    return opt.document(
        type="cpl-r001",
        title=t("CPL_R001 รายงานเรื่องคงค้างหน่วยงานดำเนินการ", "CPL_R001 Outstanding complaints by agency"),
        subtitle=src.agency_name(params.agency, opt.language),
        agency=src.agency_name(params.agency, opt.language),
        blocks=blocks,
        landscape=True,
    )


class PerformanceParams(AgencyParams):
    fy: FiscalYear | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _period(self) -> PerformanceParams:
        if self.fy is None and (self.start is None or self.end is None):
            raise ValueError("give 'fy', or 'start' and 'end'")
        if self.start and self.end and self.end < self.start:
            raise ValueError("'end' must not be before 'start'")
        return self

    def bounds(self) -> tuple[dt.date, dt.date]:
        if self.start is not None and self.end is not None:
            return self.start, self.end
        assert self.fy is not None
        return fiscal_year_bounds(self.fy)


async def build_performance(src: Sources, params: PerformanceParams, opt: Options) -> Document:
    t = opt.t
    assert params.agency is not None
    start, end = params.bounds()
    data = await src.scoring_get(
        "/v1/performance", agency=params.agency, **{"from": start.isoformat()}, to=end.isoformat()
    )
    await src.report_progress(60)
    keys = (
        "assigned", "completed", "in_progress", "transferred", "acknowledged_on_time", "acknowledgement_decided",
        "first_report_on_time", "first_report_decided", "checkpoints_met", "checkpoints_decided",
    )  # fmt: skip

    def line(label: str, r: dict[str, Any]) -> list[Value]:
        return [
            label,
            *(r[k] for k in keys[:4]),
            r["acknowledged_on_time"],
            percent(r["acknowledged_on_time"], r["acknowledgement_decided"]),
            r["first_report_on_time"],
            percent(r["first_report_on_time"], r["first_report_decided"]),
            r["checkpoints_met"],
            percent(r["checkpoints_met"], r["checkpoints_decided"]),
        ]

    rows = [line(src.agency_name(r["agency"], opt.language), r) for r in data["rows"]]
    total = {k: sum(r[k] for r in data["rows"]) for k in keys}
    blocks: list[Block] = [
        Facts(
            [
                (t("ตั้งแต่วันที่", "From"), start),
                (t("ถึงวันที่", "To"), end),
                (t("ข้อมูล ณ", "Data as of"), dt.datetime.fromisoformat(data["as_of"])),
            ]
        ),
        Table(
            "agencies",
            t("ผลการปฏิบัติงานรายหน่วยงาน", "Performance by agency"),
            [
                Column("agency", t("หน่วยงาน", "Agency"), Kind.TEXT, 2.5),
                Column("assigned", t("ได้รับเรื่อง", "Assigned"), Kind.INTEGER),
                Column("completed", t("เสร็จสิ้น", "Completed"), Kind.INTEGER),
                Column("in_progress", t("ระหว่างดำเนินการ", "In progress"), Kind.INTEGER),
                Column("transferred", t("ส่งต่อ", "Transferred"), Kind.INTEGER),
                Column("acknowledged_on_time", t("ตอบรับทันเวลา", "Ack. on time"), Kind.INTEGER),
                Column("acknowledged_percent", t("ร้อยละตอบรับทันเวลา", "Ack. %"), Kind.PERCENT),
                Column("first_report_on_time", t("รายงานครั้งแรกทันเวลา", "1st report on time"), Kind.INTEGER),
                Column("first_report_percent", t("ร้อยละรายงานครั้งแรก", "1st report %"), Kind.PERCENT),
                Column("checkpoints_met", t("รายงาน 15/30 ทันเวลา", "15th/30th on time"), Kind.INTEGER),
                Column("checkpoints_percent", t("ร้อยละรายงาน 15/30", "15th/30th %"), Kind.PERCENT),
            ],
            rows,
            totals=line(t("รวม", "Total"), total),
        ),
    ]
    if len(rows) > 1:
        blocks.append(
            BarChart(
                "compliance",
                t("ร้อยละการปฏิบัติตามกำหนดเวลา", "SLA compliance (%)"),
                [str(r[0]) for r in rows],
                [
                    (t("ตอบรับ", "Acknowledgement"), [float(r[6] or 0) for r in rows]),  # type: ignore[arg-type]
                    (t("รายงานครั้งแรก", "First report"), [float(r[8] or 0) for r in rows]),  # type: ignore[arg-type]
                ],
                unit="%",
            )
        )
    return opt.document(
        type="cpl-r003",
        title=t("CPL_R003 รายงานผลการปฏิบัติงานในระบบเรื่องราวร้องทุกข์", "CPL_R003 Performance in the complaint system"),
        subtitle=src.agency_name(params.agency, opt.language),
        agency=src.agency_name(params.agency, opt.language),
        blocks=blocks,
        landscape=True,
    )
