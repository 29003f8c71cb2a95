"""XLSX, CSV and JSON renderings of one Thai document, read back with independent readers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
import orjson
import pytest

from reporting.render import xlsx
from reporting.render.csv import render_csv
from reporting.render.jsondoc import render_json
from reporting.render.model import BarChart, Column, Document, Facts, Kind, Language, Paragraph, Table, Value
from reporting.render.xlsx import render_xlsx

PRINTED = dt.datetime(2019, 10, 28, 7, 30, tzinfo=dt.UTC)  # 14:30 in Bangkok
TABLE_TITLE = "ผลการดำเนินงาน: โครงการ/กิจกรรม ปีงบประมาณ 2563"
COLUMNS = [
    Column("activity", "กิจกรรม", Kind.TEXT, 3),
    Column("complaints", "จำนวนเรื่อง", Kind.INTEGER),
    Column("score", "คะแนน", Kind.DECIMAL),
    Column("budget", "งบประมาณ (บาท)", Kind.MONEY),
    Column("done", "ร้อยละ", Kind.PERCENT),
    Column("start", "วันเริ่ม", Kind.DATE),
    Column("updated", "ปรับปรุงล่าสุด", Kind.DATE),
]
ROWS: list[list[Value]] = [
    [
        "ปรับปรุงถนนสายหลัก",
        217,
        Decimal("4.5"),
        Decimal("27835877.00"),
        Decimal("60.37"),
        dt.date(2019, 10, 28),
        # 00:45 the next day in Bangkok: the zone conversion shows in the date.
        dt.datetime(2019, 10, 28, 17, 45, tzinfo=dt.UTC),
    ],
    ["ซ่อมผิวจราจร", 12, Decimal("3.25"), Decimal("1500000"), Decimal("100"), dt.date(2020, 1, 15), None],
    ["ติดตั้งไฟฟ้าส่องสว่าง", 0, None, Decimal("0.5"), Decimal("0"), None, None],
]
TOTALS: list[Value] = ["รวม", 229, None, Decimal("29335877.50"), None, None, None]


def thai_document(*, language: Language = "th") -> Document:
    return Document(
        type="action_plan",
        title="แผนปฏิบัติการประจำปี",
        subtitle="ปีงบประมาณ 2563",
        agency="เทศบาลนครเชียงใหม่",
        printed_at=PRINTED,
        language=language,
        thai_digits=True,  # PDF only: the machine formats must ignore it
        blocks=[
            Facts(
                title="ข้อมูลโครงการ",
                items=[
                    ("หน่วยงาน", "กองช่าง"),
                    ("ปีงบประมาณ", 2563),
                    ("งบประมาณรวม", Decimal("27835877.00")),
                    ("วันที่อนุมัติ", dt.date(2019, 10, 1)),
                ],
            ),
            Paragraph("สรุปผล", heading=True),
            Paragraph("ดำเนินการแล้วเสร็จตามแผน"),
            Table("activities", TABLE_TITLE, COLUMNS, ROWS, levels=[0, 1, 1], totals=TOTALS),
            BarChart(
                "channels",
                "เรื่องร้องเรียนตามช่องทาง",
                ["โทรศัพท์", "เว็บไซต์", "ไลน์"],
                [("ปี 2562", [120.0, 80.0, 17.0]), ("ปี 2563", [90.0, 110.5, 25.0])],
                unit="เรื่อง",
            ),
        ],
    )


def open_workbook(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


# --- XLSX ---------------------------------------------------------------------------------------


@pytest.fixture(params=["xlsxwriter", "streamed"])
def xlsx_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big documents' table rows skip xlsxwriter (xlsx_rows writes them); both ways must give the same cells."""
    if request.param == "streamed":
        monkeypatch.setattr(xlsx, "_STREAM_ABOVE_CELLS", 0)


@pytest.mark.usefixtures("xlsx_mode")
def test_xlsx_sheets_and_cover() -> None:
    book = open_workbook(render_xlsx(thai_document()))
    assert book.sheetnames == ["รายงาน", "ผลการดำเนินงาน โครงการ-กิจกรรม", "เรื่องร้องเรียนตามช่องทาง"]
    assert book.properties.title == "แผนปฏิบัติการประจำปี"

    cover = book["รายงาน"]
    cells = {(cell.row, cell.column): cell for row in cover.iter_rows() for cell in row if cell.value is not None}
    texts = [cell.value for cell in cells.values()]
    for text in ("แผนปฏิบัติการประจำปี", "ปีงบประมาณ 2563", "เทศบาลนครเชียงใหม่", "28 ต.ค. 2562 14:30", "สรุปผล"):
        assert text in texts
    assert cells[(1, 1)].font.b
    values = {cover.cell(cell.row, 1).value: cover.cell(cell.row, 2) for cell in cells.values() if cell.column == 2}
    assert values["หน่วยงาน"].value == "กองช่าง"
    assert values["ปีงบประมาณ"].value == 2563
    assert isinstance(values["ปีงบประมาณ"].value, int)
    assert values["งบประมาณรวม"].value == 27835877
    assert values["งบประมาณรวม"].number_format == "0.00"
    assert values["วันที่อนุมัติ"].value == dt.datetime(2019, 10, 1)
    assert values["วันที่อนุมัติ"].is_date
    link = next(cell for cell in cells.values() if cell.value == TABLE_TITLE)
    assert link.hyperlink.location == "'ผลการดำเนินงาน โครงการ-กิจกรรม'!A1"


@pytest.mark.usefixtures("xlsx_mode")
def test_xlsx_table_cells_are_typed() -> None:
    sheet = open_workbook(render_xlsx(thai_document())).worksheets[1]
    rows = [list(row) for row in sheet.iter_rows()]
    assert [cell.value for cell in rows[0]] == [column.title for column in COLUMNS]
    assert all(cell.font.b for cell in rows[0])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G4"

    activity, complaints, score, budget, done, start, updated = rows[1]
    assert activity.value == "ปรับปรุงถนนสายหลัก"
    assert complaints.value == 217
    assert isinstance(complaints.value, int)
    assert complaints.number_format == "#,##0"
    assert score.value == 4.5
    assert score.number_format == "0.00"
    assert budget.value == 27835877
    assert isinstance(budget.value, int | float)
    assert budget.number_format == "#,##0.00"
    assert done.value == pytest.approx(60.37)
    assert done.number_format == "0.00"
    assert start.is_date
    assert start.value == dt.datetime(2019, 10, 28)
    assert start.number_format == "[$-107041E]d mmm yyyy"
    assert updated.is_date
    assert updated.value == dt.datetime(2019, 10, 29, 0, 45)
    assert updated.number_format == "[$-107041E]d mmm yyyy hh:mm"
    assert rows[3][2].value is None  # None stays an empty cell

    assert [row[0].alignment.indent for row in rows[1:4]] == [0, 1, 1]
    totals = rows[4]
    assert [cell.value for cell in totals[:2]] == ["รวม", 229]
    assert totals[3].value == pytest.approx(29335877.5)
    assert all(cell.font.b for cell in totals)
    assert len(rows) == 5

    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFG"}
    assert all(width >= 6 for width in widths.values())
    assert widths["A"] > widths["B"]  # the wide text column


@pytest.mark.usefixtures("xlsx_mode")
def test_xlsx_chart_data_and_chart() -> None:
    data = render_xlsx(thai_document())
    sheet = open_workbook(data)["เรื่องร้องเรียนตามช่องทาง"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(max_col=3)] == [
        ["รายการ", "ปี 2562", "ปี 2563"],
        ["โทรศัพท์", 120, 90],
        ["เว็บไซต์", 80, 110.5],
        ["ไลน์", 17, 25],
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = archive.read(charts[0]).decode()
    assert "<c:barChart>" in chart
    assert "เรื่องร้องเรียนตามช่องทาง" in chart
    assert "'เรื่องร้องเรียนตามช่องทาง'!$C$2:$C$4" in chart


def test_xlsx_many_categories_make_a_horizontal_chart() -> None:
    categories = [f"เขต {index}" for index in range(10)]
    chart = BarChart("areas", "เรื่องตามเขต", categories, [("เรื่อง", [float(index) for index in range(10)])])
    document = Document(type="t", title="t", agency="a", printed_at=PRINTED, blocks=[chart])
    with zipfile.ZipFile(io.BytesIO(render_xlsx(document))) as archive:
        xml = archive.read("xl/charts/chart1.xml").decode()
    assert '<c:barDir val="bar"/>' in xml
    assert '<c:orientation val="maxMin"/>' in xml  # first category on top, as in the data


@pytest.mark.usefixtures("xlsx_mode")
def test_xlsx_same_document_same_bytes() -> None:
    # Caches and ETags can rely on it: no clock or temporary-file name leaks into the file.
    assert render_xlsx(thai_document()) == render_xlsx(thai_document())


def test_xlsx_english_dates_and_sheet_name() -> None:
    book = open_workbook(render_xlsx(thai_document(language="en")))
    assert book.sheetnames[0] == "Report"
    assert book.worksheets[1]["F2"].number_format == "d mmm yyyy"
    assert book["Report"]["B4"].value == "28 Oct 2019 14:30"


def test_xlsx_sheet_names_are_valid_and_unique() -> None:
    def table(key: str, title: str) -> Table:
        return Table(key, title, [Column("n", "n", Kind.INTEGER)], [[1]])

    long_title = "ก" * 40
    document = Document(
        type="t",
        title="t",
        agency="a",
        printed_at=PRINTED,
        blocks=[
            table("a", "สรุป"),
            table("b", "สรุป"),
            table("summary", "*?"),
            table("c", "History"),
            table("d", "รายงาน"),
            table("e", long_title),
            table("f", long_title),
            table("g", "'ปีที่แล้ว'"),
        ],
    )
    names = open_workbook(render_xlsx(document)).sheetnames
    assert names == [
        "รายงาน",
        "สรุป",
        "สรุป (2)",
        "summary",
        "History (2)",
        "รายงาน (2)",
        "ก" * 31,
        "ก" * 27 + " (2)",
        "ปีที่แล้ว",
    ]


def test_xlsx_streamed_rows_read_back_like_xlsxwriter_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    columns = [
        Column("t", "t"),
        Column("n", "n", Kind.INTEGER),
        Column("m", "m", Kind.MONEY),
        Column("d", "d", Kind.DATE),
    ]
    texts: list[Value] = ["a & b <c>", " lead", "trail ", "tab\tand\nline", "ctl\x01", "", "ไทย", 7]
    rows: list[list[Value]] = [
        [text, index, Decimal(index) / 7, dt.date(1900, 2, 27) + dt.timedelta(days=index)]
        for index, text in enumerate(texts)
    ]
    rows += [[None, "n/a", True, dt.datetime(2019, 10, 28, 17, 45, 30, tzinfo=dt.UTC)], [None, None, None, None]]
    document = Document(
        type="t",
        title="t",
        agency="a",
        printed_at=PRINTED,
        blocks=[Table("k", "k", columns, rows, levels=[index % 3 for index in range(len(rows))])],
    )

    def cells(data: bytes) -> list[tuple[object, ...]]:
        sheet = open_workbook(data).worksheets[1]
        return [
            (cell.coordinate, cell.value, cell.number_format, cell.alignment.indent, cell.alignment.wrap_text)
            for row in sheet.iter_rows()
            for cell in row
        ]

    plain = render_xlsx(document)
    monkeypatch.setattr(xlsx, "_STREAM_ABOVE_CELLS", 0)
    streamed = render_xlsx(document)
    assert cells(streamed) == cells(plain)
    # The trailing empty row has no cells.
    book = openpyxl.load_workbook(io.BytesIO(streamed), read_only=True)
    assert book.worksheets[1].calculate_dimension() == f"A1:D{len(rows)}"
    book.close()
    with zipfile.ZipFile(io.BytesIO(streamed)) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "<t>ctl_x0001_</t>" in sheet  # not a control character, which XML cannot carry
    assert '<t xml:space="preserve"> lead</t>' in sheet


def test_xlsx_truncation_keeps_thai_marks_with_their_consonant() -> None:
    title = "ก" * 30 + "ที่"  # the 31st character is ท; its vowel and tone mark would be cut off
    document = Document(
        type="t",
        title="t",
        agency="a",
        printed_at=PRINTED,
        blocks=[Table("k", title, [Column("n", "n")], [])],
    )
    assert open_workbook(render_xlsx(document)).sheetnames[1] == "ก" * 30


# --- CSV ----------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_document() -> None:
    assert read_csv(render_csv(thai_document())) == [
        ["ข้อมูลโครงการ"],
        ["หน่วยงาน", "กองช่าง"],
        ["ปีงบประมาณ", "2563"],
        ["งบประมาณรวม", "27835877.00"],
        ["วันที่อนุมัติ", "2019-10-01"],
        [],
        [TABLE_TITLE],
        [column.title for column in COLUMNS],
        ["ปรับปรุงถนนสายหลัก", "217", "4.50", "27835877.00", "60.37", "2019-10-28", "2019-10-29 00:45:00"],
        ["ซ่อมผิวจราจร", "12", "3.25", "1500000.00", "100.00", "2020-01-15", ""],
        ["ติดตั้งไฟฟ้าส่องสว่าง", "0", "", "0.50", "0.00", "", ""],
        ["รวม", "229", "", "29335877.50", "", "", ""],
        [],
        ["เรื่องร้องเรียนตามช่องทาง"],
        ["รายการ", "ปี 2562", "ปี 2563"],
        ["โทรศัพท์", "120", "90"],
        ["เว็บไซต์", "80", "110.5"],
        ["ไลน์", "17", "25"],
    ]


def test_csv_single_table_is_header_and_rows() -> None:
    table = Table("t", "ตาราง", [Column("name", "ชื่อ"), Column("money", "เงิน", Kind.MONEY)], [["ก", 1234567]])
    document = Document(type="t", title="t", agency="a", printed_at=PRINTED, blocks=[table])
    assert read_csv(render_csv(document)) == [["ชื่อ", "เงิน"], ["ก", "1234567.00"]]


def test_csv_keeps_formulas_inert() -> None:
    table = Table("t", "t", [Column("text", "ข้อความ")], [['=HYPERLINK("http://x")'], ["-ถนนชำรุด"], ["ปกติ"]])
    document = Document(type="t", title="t", agency="a", printed_at=PRINTED, blocks=[table])
    assert read_csv(render_csv(document))[1:] == [['\'=HYPERLINK("http://x")'], ["'-ถนนชำรุด"], ["ปกติ"]]


# --- JSON ---------------------------------------------------------------------------------------


def test_json_document() -> None:
    columns = [{"key": column.key, "title": column.title, "kind": column.kind.value} for column in COLUMNS]
    keys = [column.key for column in COLUMNS]
    assert orjson.loads(render_json(thai_document())) == {
        "type": "action_plan",
        "title": "แผนปฏิบัติการประจำปี",
        "subtitle": "ปีงบประมาณ 2563",
        "agency": "เทศบาลนครเชียงใหม่",
        "printed_at": "2019-10-28T14:30:00+07:00",
        "language": "th",
        "blocks": [
            {
                "kind": "facts",
                "title": "ข้อมูลโครงการ",
                "items": [
                    {"label": "หน่วยงาน", "value": "กองช่าง"},
                    {"label": "ปีงบประมาณ", "value": 2563},
                    {"label": "งบประมาณรวม", "value": "27835877.00"},
                    {"label": "วันที่อนุมัติ", "value": "2019-10-01"},
                ],
            },
            {"kind": "paragraph", "text": "สรุปผล", "heading": True},
            {"kind": "paragraph", "text": "ดำเนินการแล้วเสร็จตามแผน", "heading": False},
            {
                "kind": "table",
                "key": "activities",
                "title": TABLE_TITLE,
                "columns": columns,
                "rows": [
                    dict(
                        zip(
                            keys,
                            [
                                "ปรับปรุงถนนสายหลัก",
                                217,
                                "4.50",
                                "27835877.00",
                                "60.37",
                                "2019-10-28",
                                "2019-10-29T00:45:00+07:00",
                            ],
                            strict=True,
                        )
                    ),
                    dict(
                        zip(
                            keys,
                            ["ซ่อมผิวจราจร", 12, "3.25", "1500000.00", "100.00", "2020-01-15", None],
                            strict=True,
                        )
                    ),
                    dict(zip(keys, ["ติดตั้งไฟฟ้าส่องสว่าง", 0, None, "0.50", "0.00", None, None], strict=True)),
                ],
                "levels": [0, 1, 1],
                "totals": dict(zip(keys, ["รวม", 229, None, "29335877.50", None, None, None], strict=True)),
            },
            {
                "kind": "chart",
                "key": "channels",
                "title": "เรื่องร้องเรียนตามช่องทาง",
                "unit": "เรื่อง",
                "categories": ["โทรศัพท์", "เว็บไซต์", "ไลน์"],
                "series": [
                    {"name": "ปี 2562", "values": [120.0, 80.0, 17.0]},
                    {"name": "ปี 2563", "values": [90.0, 110.5, 25.0]},
                ],
            },
        ],
    }


def test_json_money_in_integers_column_and_optional_keys() -> None:
    table = Table("t", "t", [Column("n", "n", Kind.INTEGER), Column("m", "m", Kind.MONEY)], [[Decimal("7"), 5]])
    document = Document(type="t", title="t", agency="a", printed_at=PRINTED, blocks=[table])
    block = orjson.loads(render_json(document))["blocks"][0]
    assert block["rows"] == [{"n": 7, "m": "5.00"}]
    assert "levels" not in block
    assert "totals" not in block


# --- Size ---------------------------------------------------------------------------------------


def test_large_table_renders_in_every_format() -> None:
    # 20,000 rows x 12 columns are streamed by xlsx_rows; 100,000 rows are timed by `make bench`.
    count = 20_000
    columns = [Column(f"c{index}", f"คอลัมน์ {index}", kind) for index, kind in enumerate(list(Kind) * 2)]
    row: list[Value] = ["ข้อความภาษาไทย", 1234, Decimal("1.50"), Decimal("27835877.00"), Decimal("60.37")]
    row += [dt.date(2019, 10, 28), "ดำเนินการแล้ว", 5, Decimal("2.25"), Decimal("10.00"), Decimal("99.99")]
    row += [dt.datetime(2019, 10, 28, 7, 30, tzinfo=dt.UTC)]
    table = Table("big", "ข้อมูลทั้งหมด", columns, [row] * count, levels=[index % 2 for index in range(count)])
    document = Document(type="t", title="t", agency="a", printed_at=PRINTED, blocks=[table])

    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(document)), read_only=True)
    assert book.worksheets[1].calculate_dimension() == f"A1:L{count + 1}"
    book.close()
    assert render_csv(document).count(b"\r\n") == count + 1
    assert len(orjson.loads(render_json(document))["blocks"][0]["rows"]) == count
