"""The PDF renderer and Thai line breaking, checked through what a reader gets: the text poppler
extracts (pdftotext) and the pixels it draws (pdftoppm)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import time
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pythainlp.tokenize import word_tokenize

from reporting.render.model import BarChart, Column, Document, Facts, Kind, Paragraph, Table, Value
from reporting.render.pdf import render_pdf, text_width, warm_up
from reporting.render.thai_text import clusters, wrap

PRINTED = dt.datetime(2026, 11, 21, 3, 30, tzinfo=dt.UTC)  # 10:30 in Bangkok
THAI_MARKS = frozenset(
    "\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
LEADING_VOWELS = frozenset("เแโใไ")
MUST_COPY = ["สำเร็จ", "น้ำ", "ผู้ร้องเรียน", "กรุงเทพมหานคร", "ที่", "ปีงบประมาณ", "คิดเป็นร้อยละ 60.37"]
LONG_THAI = (
    "ในปีงบประมาณ 2562 ผู้ร้องเรียนได้แจ้งเรื่องเกี่ยวกับน้ำประปาไม่ไหลและไฟฟ้าดับเป็นจำนวนมาก"
    "หน่วยงานที่เกี่ยวข้องได้ดำเนินการแก้ไขปัญหาจนสำเร็จลุล่วงไปด้วยดีเป็นส่วนใหญ่ "
    "ส่วนเรื่องที่อยู่ระหว่างดำเนินการจะได้รับการติดตามอย่างใกล้ชิดโดยกรุงเทพมหานคร"
    "และสำนักงานเขตทุกแห่งเพื่อให้ประชาชนได้รับความสะดวกและปลอดภัยในการดำรงชีวิต"
)
SERIES_FILLS = [(31, 119, 180), (255, 127, 14), (44, 160, 44)]
AGENCIES = ["กรุงเทพมหานคร", "สำนักงานเขตบางรัก", "การประปานครหลวง", "กรมทางหลวงชนบท", "สำนักงานตำรวจแห่งชาติ"]


def document(blocks: list[Facts | Paragraph | Table | BarChart], **overrides: Any) -> Document:
    base = Document(
        type="test",
        title="รายงานผลการดำเนินงาน ปีงบประมาณ 2562",
        agency="กรุงเทพมหานคร",
        printed_at=PRINTED,
        subtitle="ข้อมูลตั้งแต่ 1 ต.ค. 2561 ถึง 30 ก.ย. 2562",
        blocks=list(blocks),
    )
    return dataclasses.replace(base, **overrides)


def pdf_text(tmp_path: Path, data: bytes, *options: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def pages(text: str) -> list[str]:
    """pdftotext separates pages with form feeds and ends the last one with one too."""
    return text.split("\f")[:-1]


def statistics_table(rows: int) -> Table:
    columns = [
        Column("agency", "หน่วยงาน", Kind.TEXT, 2.5),
        Column("received", "รับเรื่อง", Kind.INTEGER),
        Column("done", "ดำเนินการสำเร็จ", Kind.INTEGER),
        Column("pending", "อยู่ระหว่างดำเนินการ", Kind.INTEGER),
        Column("percent", "ร้อยละ", Kind.PERCENT),
        Column("budget", "งบประมาณ (บาท)", Kind.MONEY, 1.8),
        Column("date", "วันที่รับเรื่อง", Kind.DATE, 1.3),
        Column("note", "หมายเหตุ", Kind.TEXT, 1.8),
    ]
    body: list[list[Value]] = [
        [
            f"{AGENCIES[i % len(AGENCIES)]} {i + 1}",
            100 + i,
            60 + i,
            40,
            Decimal("60.37"),
            27835877 + i,
            dt.date(2019, 10, 28),
            "ผู้ร้องเรียนแจ้งว่าน้ำประปาไม่ไหลมาสามวันแล้ว" if i % 3 == 0 else None,
        ]
        for i in range(rows)
    ]
    totals: list[Value] = ["รวม", 5000, 3000, 2000, Decimal("60.00"), 1391793850, None, None]
    return Table(
        "statistics", "สถิติเรื่องร้องเรียนรายหน่วยงาน", columns, body, levels=[i % 2 for i in range(rows)], totals=totals
    )


def statistics_chart(count: int) -> BarChart:
    categories = [f"{AGENCIES[i % len(AGENCIES)]} {i + 1}" for i in range(count)]
    series = [
        ("รับเรื่อง", [100.0 + i for i in range(count)]),
        ("ดำเนินการสำเร็จ", [60.0 + i * 0.8 for i in range(count)]),
        ("อยู่ระหว่างดำเนินการ", [40.0] * count),
    ]
    return BarChart("by_agency", "เรื่องร้องเรียนรายหน่วยงาน", categories, series, unit="เรื่อง")


# --- The text layer ---------------------------------------------------------------------------------


def test_thai_text_copies_back_exactly(tmp_path: Path) -> None:
    blocks: list[Facts | Paragraph | Table | BarChart] = [
        Facts([("หน่วยงาน", "กรุงเทพมหานคร"), ("ผลการดำเนินงาน", "ดำเนินการสำเร็จ")], title="ข้อมูลทั่วไป"),
    ]
    for text in MUST_COPY:
        blocks.append(Paragraph(text, heading=True))  # bold: its marks are positioned differently
        blocks.append(Paragraph(text))
    data = render_pdf(document(blocks))
    for options in ((), ("-layout",)):
        text = pdf_text(tmp_path, data, *options)
        lines = [line.strip() for line in text.splitlines()]
        for expected in MUST_COPY:
            # Whole lines, once in bold and once in regular: nothing added, dropped or reordered.
            assert lines.count(expected) >= 2, expected
        for expected in ("รายงานผลการดำเนินงาน ปีงบประมาณ 2562", "ดำเนินการสำเร็จ", "ข้อมูลตั้งแต่ 1 ต.ค. 2561"):
            assert expected in text


def test_a_wrapped_paragraph_copies_back_whole(tmp_path: Path) -> None:
    text = pdf_text(tmp_path, render_pdf(document([Paragraph(LONG_THAI * 3)])))
    assert "".join(LONG_THAI * 3).replace(" ", "") in "".join(text.split())


def test_table_values_are_formatted_by_kind(tmp_path: Path) -> None:
    text = pdf_text(tmp_path, render_pdf(document([statistics_table(3)])), "-layout")
    for expected in ("60.37", "27,835,877.00", "27,835,879.00", "1,391,793,850.00", "28 ต.ค. 2562", "5,000", "รวม"):
        assert expected in text
    assert "ผู้ร้องเรียนแจ้งว่าน้ำประปาไม่ไหลมาสามวันแล้ว" in "".join(text.split())


def test_footer_numbers_pages_and_the_header_repeats(tmp_path: Path) -> None:
    data = render_pdf(document([statistics_table(60)]))
    text = pages(pdf_text(tmp_path, data, "-layout"))
    assert len(text) >= 2
    for number, page in enumerate(text, 1):
        assert f"หน้า {number}/{len(text)}" in page
        assert "พิมพ์เมื่อ 21 พ.ย. 2569 10:30" in page
        assert "กรุงเทพมหานคร" in page
    # The header row again at the top of page 2, above that page's first row.
    second = text[1]
    assert second.index("รับเรื่อง") < second.index("27,835,")
    assert "งบประมาณ" in second


def test_rows_are_not_split_across_pages(tmp_path: Path) -> None:
    columns = [Column("name", "รายการ", Kind.TEXT, 1.0), Column("count", "จำนวน", Kind.INTEGER, 1.0)]
    # Each first cell wraps over several lines; its words must all land on one page.
    rows: list[list[Value]] = [[" ".join(f"แถว{i}ส่วน{part}" for part in range(12)), i] for i in range(40)]
    text = pages(pdf_text(tmp_path, render_pdf(document([Table("t", "รายการ", columns, rows)]))))
    assert len(text) >= 3
    for i in range(40):
        holding = {number for number, page in enumerate(text) for part in range(12) if f"แถว{i}ส่วน{part}" in page}
        assert len(holding) == 1, f"row {i} is on pages {holding}"


def test_a_row_taller_than_a_page_runs_on(tmp_path: Path) -> None:
    columns = [Column("text", "ข้อความ", Kind.TEXT, 1.0), Column("n", "ลำดับ", Kind.INTEGER, 0.3)]
    rows: list[list[Value]] = [["ผู้ร้องเรียนแจ้งว่าน้ำประปาไม่ไหล " * 150, 1], ["แถวถัดไป", 2]]
    text = pages(pdf_text(tmp_path, render_pdf(document([Table("t", "ยาว", columns, rows)]))))
    assert len(text) >= 2
    assert "แถวถัดไป" in text[-1]
    # Footer and repeated header come between the pages' parts of one phrase at each page break.
    assert "".join("".join(text).split()).count("ผู้ร้องเรียนแจ้งว่าน้ำประปาไม่ไหล") >= 150 - (len(text) - 1)


def test_english_footer(tmp_path: Path) -> None:
    data = render_pdf(document([Paragraph("Complaints received")], language="en", title="Statistics", subtitle=None))
    text = pdf_text(tmp_path, data, "-layout")
    assert "Printed 21 Nov 2026 10:30" in text
    assert "Page 1 of 1" in text
    assert "Statistics" in text


def test_thai_digits_everywhere(tmp_path: Path) -> None:
    blocks: list[Facts | Paragraph | Table | BarChart] = [
        Facts([("ปีงบประมาณ", 2562)]),
        Paragraph("ปีงบประมาณ 2562"),
        statistics_table(2),
    ]
    text = pdf_text(tmp_path, render_pdf(document(blocks, thai_digits=True)), "-layout")
    assert "ปีงบประมาณ ๒๕๖๒" in text
    assert "๒๗,๘๓๕,๘๗๗.๐๐" in text
    assert "๖๐.๓๗" in text
    assert "พิมพ์เมื่อ ๒๑ พ.ย. ๒๕๖๙ ๑๐:๓๐" in text
    assert "หน้า ๑/๑" in text
    assert not any(char.isascii() and char.isdigit() for char in text)


def test_landscape(tmp_path: Path) -> None:
    path = tmp_path / "landscape.pdf"
    path.write_bytes(render_pdf(document([statistics_table(3)], landscape=True)))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = (float(number) for number in info.split("Page size:")[1].split("pts")[0].split("x"))
    assert width > height


# --- Drawing --------------------------------------------------------------------------------------


def test_first_page_is_drawn(tmp_path: Path) -> None:
    path = tmp_path / "drawn.pdf"
    path.write_bytes(render_pdf(document([Paragraph(LONG_THAI), statistics_table(10)])))
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    with Image.open(tmp_path / "page.png") as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    inked = sum(histogram[:200]) / sum(histogram)
    assert inked > 0.02
    assert sum(1 for count in histogram if count) > 10  # text is anti-aliased, the header grey-filled


def test_chart_of_fifty_categories(tmp_path: Path) -> None:
    data = render_pdf(document([statistics_chart(50)]))
    text = pdf_text(tmp_path, data)
    for category in ("กรุงเทพมหานคร 1", "สำนักงานตำรวจแห่งชาติ 50", "การประปานครหลวง 23"):
        assert category in text
    for name in ("รับเรื่อง", "ดำเนินการสำเร็จ", "อยู่ระหว่างดำเนินการ", "หน่วย: เรื่อง"):
        assert name in text
    path = tmp_path / "chart.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / "chart")], check=True)
    drawn = sorted(tmp_path.glob("chart-*.png"))
    assert len(drawn) >= 2  # fifty categories run on over pages
    for png in drawn:
        with Image.open(png) as image:
            colours = image.convert("RGB").getcolors(1 << 20) or []
        # The three series' distinct fills are on every page of the chart.
        for fill in SERIES_FILLS:
            near = sum(
                count
                for count, colour in colours
                if isinstance(colour, tuple) and sum(abs(a - b) for a, b in zip(colour, fill, strict=True)) < 40
            )
            assert near > 50, (png.name, fill)


def test_charts_with_odd_values_render(tmp_path: Path) -> None:
    blocks: list[Facts | Paragraph | Table | BarChart] = [
        BarChart("neg", "ติดลบ", ["ก", "ข"], [("a", [-5.5, 3.0]), ("b", [1.0, float("nan")])], unit="%"),
        BarChart("zero", "ศูนย์", ["ก"], [("a", [0.0])]),
        BarChart("none", "ว่าง", [], []),
    ]
    text = pdf_text(tmp_path, render_pdf(document(blocks)))
    assert "ติดลบ" in text
    assert "-6" in text or "-5" in text


def test_render_speed() -> None:
    warm_up()
    doc = document([statistics_table(50), statistics_chart(50)])
    render_pdf(doc)
    started = time.perf_counter()
    render_pdf(document([statistics_table(50), statistics_chart(50)]))
    elapsed = time.perf_counter() - started
    # ~0.1 s on a developer machine; the bound only catches a large regression.
    assert elapsed < 2.0


# --- Line breaking --------------------------------------------------------------------------------


def thai_measure(text: str) -> float:
    return text_width(text, "", 11.0)


def token_boundaries(text: str) -> set[int]:
    bounds = {0}
    position = 0
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        position += len(token)
        bounds.add(position)
    return bounds


def line_spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """Where each line sits in the text, checking that only whitespace lies between them."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in lines:
        start = text.find(line, position) if line else position
        assert start >= 0
        assert text[position:start].isspace() or start == position
        spans.append((start, start + len(line)))
        position = start + len(line)
    assert not text[position:] or text[position:].isspace()
    return spans


@pytest.mark.parametrize("width", [30.0, 55.0, 80.0, 170.0])
def test_wrap_breaks_between_words(width: float) -> None:
    lines = wrap(LONG_THAI, width, thai_measure)
    assert len(lines) > 1
    bounds = token_boundaries(LONG_THAI)
    for (start, end), line in zip(line_spans(LONG_THAI, lines), lines, strict=True):
        assert start in bounds and end in bounds, line
        assert thai_measure(line) <= width
        assert line and line[0] not in THAI_MARKS
        assert line == line.strip()


def test_wrap_keeps_lines_and_drops_only_breaking_spaces() -> None:
    text = "บรรทัดแรก\nบรรทัดที่สอง  มีช่องว่าง\r\n\nสุดท้าย"
    lines = wrap(text, 1000.0, thai_measure)
    assert lines == ["บรรทัดแรก", "บรรทัดที่สอง  มีช่องว่าง", "", "สุดท้าย"]
    assert wrap("", 50.0, thai_measure) == [""]
    narrow = wrap("กรุงเทพมหานคร ปีงบประมาณ", thai_measure("กรุงเทพมหานคร") + 1, thai_measure)
    assert narrow == ["กรุงเทพมหานคร", "ปีงบประมาณ"]


def test_wrap_keeps_punctuation_with_its_word() -> None:
    text = "ดำเนินการ (สำเร็จ) แล้ว, ครบถ้วน"
    for width in (10.0, 20.0, 30.0):
        for line in wrap(text, width, thai_measure):
            assert not line.startswith((")", ",")) and not line.endswith("(")


def test_an_over_long_word_splits_between_clusters() -> None:
    word = "ประชาสัมพันธ์เจ้าหน้าที่ผู้ปฏิบัติงาน"
    width = thai_measure("ประชา")
    lines = wrap(word, width, thai_measure)
    assert len(lines) > 2
    assert "".join(lines) == word
    for line in lines:
        assert line[0] not in THAI_MARKS
        assert line[-1] not in LEADING_VOWELS
        assert thai_measure(line) <= width or len(clusters(line)) == 1


def test_clusters_hold_marks_and_leading_vowels() -> None:
    assert clusters("เก้าอี้") == ["เก้", "า", "อี้"]
    assert clusters("น้ำ") == ["น้ำ"]
    assert clusters("ไม่ได้") == ["ไม่", "ได้"]
    for cluster in clusters(LONG_THAI):
        assert cluster[0] not in THAI_MARKS
        assert not any(unicodedata.category(char) == "Mn" for char in cluster[:1])


def test_wrap_with_a_width_per_character() -> None:
    """A measure that is not HarfBuzz: wrapping only relies on the function it is given."""

    def count(text: str) -> float:
        return float(sum(1 for char in text if char not in THAI_MARKS))

    text = "ผู้ร้องเรียน แจ้งว่า น้ำประปาไม่ไหล มาสามวันแล้ว"
    lines = wrap(text, 8.0, count)
    line_spans(text, lines)
    assert all(count(line) <= 8.0 for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


PIECES = ["ผู้", "ร้อง", "เรียน", "น้ำ", "สำเร็จ", "กรุงเทพมหานคร", "ที่", "ปีงบประมาณ", "60.37", "(", ")", ",", "ๆ"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([*PIECES, " ", "  ", "\n", "Report", "ประชาสัมพันธ์เจ้าหน้าที่"]), max_size=40),
    st.sampled_from([6.0, 15.0, 40.0, 120.0]),
)
def test_wrap_properties(pieces: list[str], width: float) -> None:
    text = "".join(pieces)
    lines = wrap(text, width, thai_measure)
    line_spans(text, lines)
    assert len(lines) >= text.count("\n") + 1
    for line in lines:
        assert not line or line[0] not in THAI_MARKS
        assert thai_measure(line) <= width or len(clusters(line)) == 1
