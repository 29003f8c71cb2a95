"""Statistics: complaints by category, complainant group, channel, agency and month, three fiscal
years side by side (seed 002 compares 2551–2553), with charts."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from reporting.documents.base import Options, Sources
from reporting.documents.params import AgencyYearParams
from reporting.render.model import BarChart, Block, Column, Document, Kind, Table, Value
from reporting.render.values import FISCAL_MONTHS, month_abbr

GROUPS = ("category", "complainant_group", "channel", "agency", "month")
_TITLES = {
    "category": ("ประเภทเรื่อง", "Category"),
    "complainant_group": ("กลุ่มผู้ร้องเรียน", "Complainant group"),
    "channel": ("ช่องทาง", "Channel"),
    "agency": ("หน่วยงาน", "Agency"),
    "month": ("เดือน", "Month"),
}
_CATALOGS = {"category": "categories", "complainant_group": "complainant-groups", "channel": "channels"}


class StatisticsParams(AgencyYearParams):
    years: Annotated[int, Field(ge=1, le=5, description="fiscal years side by side, ending with fy")] = 3


async def _labels(src: Sources, group: str, opt: Options) -> dict[str, str]:
    if group in _CATALOGS:
        return await src.names(_CATALOGS[group], opt.language)
    if group == "month":
        return {f"{n:02d}": month_abbr(month, opt.language) for n, month in enumerate(FISCAL_MONTHS, start=1)}
    return {code: src.agency_name(code, opt.language) for code in src.agencies.by_code}


async def build(src: Sources, params: StatisticsParams, opt: Options) -> Document:
    t = opt.t
    assert params.agency is not None
    blocks: list[Block] = []
    for n, group in enumerate(GROUPS, start=1):
        data: dict[str, Any] = await src.scoring_get(
            "/v1/stats", fy=params.fy, group_by=group, agency=params.agency, compare_years=params.years
        )
        labels = await _labels(src, group, opt)
        years = [str(y) for y in data["years"]]
        rows: list[list[Value]] = []
        for row in sorted(data["rows"], key=lambda r: r["key"] if group == "month" else -r["counts"][years[-1]]):
            done = row["completed"][years[-1]]
            rows.append([labels.get(row["key"], row["key"]), *(row["counts"][y] for y in years), done])
        title = t(f"จำแนกตาม{_TITLES[group][0]}", f"By {_TITLES[group][1].lower()}")
        blocks.append(
            Table(
                group,
                title,
                [
                    Column("key", t(*_TITLES[group]), Kind.TEXT, 3.0),
                    *[Column(f"fy{y}", t(f"ปีงบประมาณ {y}", f"FY {y}"), Kind.INTEGER) for y in years],
                    Column("completed", t(f"เสร็จสิ้น ({years[-1]})", f"Completed ({years[-1]})"), Kind.INTEGER),
                ],
                rows,
                totals=[
                    t("รวม", "Total"),
                    *(data["totals"][y] for y in years),
                    sum(row["completed"][years[-1]] for row in data["rows"]),
                ],
            )
        )
        if rows:
            blocks.append(
                BarChart(
                    f"{group}_chart",
                    title,
                    [str(r[0]) for r in rows],
                    [
                        (t(f"ปีงบประมาณ {y}", f"FY {y}"), [float(str(r[1 + i])) for r in rows])
                        for i, y in enumerate(years)
                    ],
                    unit=t("เรื่อง", "complaints"),
                )
            )
        await src.report_progress(10 + 14 * n)
    return opt.document(
        type="statistics",
        title=t("สถิติเรื่องร้องเรียน", "Complaint statistics"),
        subtitle=t(
            f"ปีงบประมาณ พ.ศ. {params.fy - params.years + 1}–{params.fy}",
            f"Fiscal years {params.fy - params.years + 1}–{params.fy}",
        ),
        agency=src.agency_name(params.agency, opt.language),
        blocks=blocks,
    )
