"""The seed-004 progress report, end to end: complaints imported through intake, followed by scoring,
the project entered through the API, the report rendered by the worker in every format."""

from __future__ import annotations

import re

import orjson
import pytest

from tests.reporting.conftest import Reporting
from tests.reporting.documents import as_text, pdf_text, xlsx_cells
from tests.scoring.history import load, organisation
from tests.scoring.stats.test_progress import _month

SEED_004_PROJECT = {
    "code": "50340000-3453",
    "name": "ระดับความสำเร็จในการจัดการเรื่องที่ได้รับแจ้งจากประชาชน/ผู้รับบริการ",
    "fiscal_year": 2563,
    "start": "2019-10-01",
    "end": "2020-09-30",
    "budget_received": "0",
    "budget_spent": "0",
    "agency": "DA",
    "responsible_unit": "สำนักงานเขตประเวศ / ฝ่ายปกครอง",
    "person": "นางสาววิมลมาศ สุทธการ โทร.6358",
    "coordinator": "นายสมประสงค์ ทามณีวรรณ โทร.1549",
    "rationale": "เจ้าหน้าที่ผู้รับผิดชอบดำเนินการให้เป็นไปตามแผนและขั้นตอนการดำเนินการภายในระยะเวลาที่กำหนด",
    "objectives": ["เพื่อสร้างการมีส่วนร่วมของภาคประชาชนในการแจ้งเรื่องต่าง ๆ ต่อทางราชการ"],
    "target": "ร้อยละ 90",
    "strategy": [{"label": "ประเด็นยุทธศาสตร์", "value": "ด้านที่ 7 การบริหารจัดการเมืองมหานคร"}],
    "kpi": "มิติที่ 3 3.1 (ก) ระดับความสำเร็จในการจัดการเรื่องที่ได้รับแจ้งจากประชาชน/ผู้รับบริการ",
    "assessments": {"2019-10": {"on_plan": True, "on_target": True}, "2019-11": {"on_plan": True, "on_target": True}},
}
SEED_004_NUMBERS = ("217", "131", "60.37", "86", "39.63", "225", "176", "78.22")


@pytest.fixture
async def seed_004(reporting: Reporting) -> Reporting:
    await organisation(reporting.stack)
    # Some complaints are completed only after their month: the October entry counts them as in
    # progress, because an entry shows the month as it stood at its end.
    await load(reporting.stack, *_month(2019, 10, 217, 131, 20), *_month(2019, 11, 225, 176, 10))
    response = await reporting.post("/v1/projects", SEED_004_PROJECT)
    assert response.status_code == 201, response.text
    return reporting


@pytest.mark.parametrize("format", ["pdf", "xlsx", "csv", "json"])
async def test_seed_004_in_every_format(seed_004: Reporting, format: str) -> None:
    content = await seed_004.make("progress", {"project": "50340000-3453"}, format)
    text = as_text(format, content)
    for number in SEED_004_NUMBERS:
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text), (number, format)


async def test_seed_004_pdf_reads_like_the_form(seed_004: Reporting) -> None:
    # Lines wrap where the page ends (at a word boundary): compare without the whitespace.
    text = "".join(pdf_text(await seed_004.make("progress", {"project": "50340000-3453"})).split())
    for line in (
        "แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ",
        "เรื่องร้องทุกข์ตั้งแต่วันที่ 1 ต.ค. 2562",
        "ถึง 31 ต.ค. 2562 จำนวน 217 เรื่อง",
        "ดำเนินการเสร็จสิ้น 131 เรื่อง คิดเป็นร้อยละ 60.37",
        "อยู่ระหว่างดำเนินการ 86 เรื่อง คิดเป็นร้อยละ 39.63",
        "ดำเนินการเสร็จสิ้น 176 เรื่อง คิดเป็นร้อยละ 78.22",
        "สำนักงานเขตประเวศ / ฝ่ายปกครอง",
        "นางสาววิมลมาศ สุทธการ โทร.6358",
        "เป็นไปตามเป้าหมาย",
    ):
        assert "".join(line.split()) in text, line


async def test_seed_004_xlsx_cells_are_typed(seed_004: Reporting) -> None:
    cells = xlsx_cells(await seed_004.make("progress", {"project": "50340000-3453"}, "xlsx"))
    assert 217 in cells and 131 in cells and 86 in cells
    assert 60.37 in cells and 39.63 in cells
    assert "217" not in cells  # numbers are numbers, not text


async def test_progress_by_agency_and_year(seed_004: Reporting) -> None:
    """Without a project: an agency's fiscal year, month by month."""
    content = await seed_004.make("progress", {"agency": "DA", "fy": 2563, "periods": "monthly"}, "json")
    tables = [b for b in orjson.loads(content)["blocks"] if b["kind"] == "table"]
    rows = tables[0]["rows"]
    assert len(rows) == 12
    assert (rows[0]["total"], rows[0]["completed"], rows[0]["completed_percent"]) == (217, 131, "60.37")
    assert (rows[1]["total"], rows[1]["in_progress"], rows[1]["in_progress_percent"]) == (225, 49, "21.78")
    quarterly = await seed_004.make("progress", {"agency": "DA", "fy": 2563, "periods": "quarterly"}, "json")
    rows = next(b for b in orjson.loads(quarterly)["blocks"] if b["kind"] == "table")["rows"]
    assert len(rows) == 4
    assert rows[0]["total"] == 217 + 225
