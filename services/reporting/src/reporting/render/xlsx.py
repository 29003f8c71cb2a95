"""A :class:`Document` as an Excel workbook: a cover sheet, then one sheet per table and per chart.

Cells keep their types (numbers, real dates) so a reader can sort, filter and sum them; the number
formats only decide how Excel shows them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.utility import quote_sheetname

from kit.thai import to_bangkok
from reporting.render import xlsx_rows
from reporting.render.model import BarChart, Column, Document, Facts, Kind, Language, Paragraph, Table, Value
from reporting.render.values import format_moment, format_value

_STREAM_ABOVE_CELLS = 200_000
_A4 = 9  # Excel's paper code
_SHEET_NAME_MAX = 31
# Excel refuses these in sheet names; the replacements keep titles like "ปี 2562/2563" readable.
_SHEET_NAME_SWAPS = str.maketrans({"/": "-", "\\": "-", ":": " ", "[": "(", "]": ")", "*": "", "?": ""})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_RESERVED_SHEET_NAMES = {"history"}  # Excel keeps this one for its change tracking

_NUMBER_FORMATS = {
    Kind.INTEGER: "#,##0",
    Kind.DECIMAL: "0.00",
    Kind.PERCENT: "0.00",
    Kind.MONEY: "#,##0.00",
}
# [$-107041E] is Excel's own Thai date format prefix: numerals 01 (Western), calendar 07 (Thai
# Buddhist), locale 041E (Thai). Excel shows "28 ต.ค. 2562", like format_date, while the cell stays
# a real date.
_DATE_FORMATS: dict[Language, str] = {"th": "[$-107041E]d mmm yyyy", "en": "d mmm yyyy"}
_MOMENT_FORMATS: dict[Language, str] = {"th": "[$-107041E]d mmm yyyy hh:mm", "en": "d mmm yyyy hh:mm"}

_COVER_NAMES: dict[Language, str] = {"th": "รายงาน", "en": "Report"}
_PRINTED: dict[Language, str] = {"th": "พิมพ์เมื่อ", "en": "Printed"}
_CATEGORY: dict[Language, str] = {"th": "รายการ", "en": "Category"}

# Only this many rows are measured for column widths: enough to see typical values without
# formatting every cell of a 100,000-row table twice.
_WIDTH_SAMPLE = 500
_MIN_WIDTH = 6.0
_MAX_WIDTH = 80.0
_WIDTH_PER_SHARE = 24.0
_WIDTH_BASE = 12.0

# Beyond this many categories, or with long labels, horizontal bars keep the labels legible.
_COLUMN_CHART_MAX_CATEGORIES = 8
_COLUMN_CHART_MAX_LABEL = 12


def render_xlsx(document: Document) -> bytes:
    output = io.BytesIO()
    cells = sum(len(table.rows) * len(table.columns) for table in document.tables())
    # xlsxwriter holds every cell until close (about 3 KB a row of 12 columns) and spends about
    # 10 µs on each. Above the threshold, the tables' data rows skip it: xlsx_rows writes them into
    # the finished file, a row at a time.
    writer = _Writer(document, stream_rows=cells > _STREAM_ABOVE_CELLS)
    workbook = xlsxwriter.Workbook(
        output,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "nan_inf_to_errors": True,
        },
    )
    try:
        # A fixed creation time makes the same document give the same bytes.
        created = document.printed_at.astimezone(dt.UTC).replace(tzinfo=None)
        workbook.set_properties(
            {
                "title": document.title,
                "subject": document.subtitle or "",
                "company": document.agency,
                "created": created,
            }
        )
        writer.write(workbook)
    finally:
        workbook.close()
    if writer.streamed:
        return xlsx_rows.add_rows(output.getvalue(), writer.streamed)
    return output.getvalue()


@dataclass(frozen=True)
class _CellStyle:
    """The formats one kind of cell can need; which applies depends on the value's type."""

    number: Any
    date: Any
    moment: Any
    text: Any


class _Writer:
    def __init__(self, document: Document, *, stream_rows: bool) -> None:
        self.workbook: Any = None
        self.document = document
        self.language: Language = document.language
        self._formats: dict[tuple[tuple[str, object], ...], Any] = {}
        self.sheet_names = _sheet_names(document)
        self.stream_rows = stream_rows
        self.streamed: list[xlsx_rows.Rows] = []  # the tables whose rows xlsx_rows writes

    def write(self, workbook: Any) -> None:
        self.workbook = workbook
        self._write_cover()
        for index, block in enumerate(self.document.blocks):
            if isinstance(block, Table):
                self._write_table(block, self.sheet_names[index])
            elif isinstance(block, BarChart):
                self._write_chart(block, self.sheet_names[index])

    def format(self, **properties: object) -> Any:
        # Formats are shared: one object per distinct look, not one per cell.
        key = tuple(sorted(properties.items()))
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = self.workbook.add_format(properties)
        return found

    def style(self, kind: Kind, **properties: object) -> _CellStyle:
        return _CellStyle(
            number=self.format(num_format=_NUMBER_FORMATS.get(kind, "General"), **properties),
            date=self.format(num_format=_DATE_FORMATS[self.language], **properties),
            moment=self.format(num_format=_MOMENT_FORMATS[self.language], **properties),
            text=self.format(**properties),
        )

    def _write_cover(self) -> None:
        document = self.document
        sheet = self.workbook.add_worksheet(_COVER_NAMES[self.language])
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 48)
        bold = self.format(bold=True)
        row = 0
        sheet.write_string(row, 0, document.title, self.format(bold=True, font_size=14))
        row += 1
        for line in (document.subtitle, document.agency):
            if line:
                sheet.write_string(row, 0, line)
                row += 1
        sheet.write_string(row, 0, _PRINTED[self.language], bold)
        sheet.write_string(row, 1, format_moment(document.printed_at, self.language))
        row += 2
        # Blocks follow in the document's order, a blank row after each; a heading stays right
        # above what it heads.
        for index, block in enumerate(document.blocks):
            if isinstance(block, Facts):
                if block.title:
                    sheet.write_string(row, 0, block.title, bold)
                    row += 1
                for label, value in block.items:
                    sheet.write_string(row, 0, label, bold)
                    self._write_fact(sheet, row, 1, value)
                    row += 1
                row += 1
            elif isinstance(block, Paragraph):
                sheet.write_string(row, 0, block.text, bold if block.heading else None)
                row += 1 if block.heading else 2
            else:
                # Tables and charts live on their own sheets; the cover links to them in place.
                target = f"internal:{quote_sheetname(self.sheet_names[index])}!A1"
                sheet.write_url(row, 0, target, string=block.title)
                row += 2

    def _write_fact(self, sheet: Any, row: int, col: int, value: Value) -> None:
        # Facts carry no kind: numbers show the digits they were given, like format_value does.
        if isinstance(value, Decimal) and value.is_finite():
            places = max(0, -int(value.as_tuple().exponent))
            pattern = "0." + "0" * places if places else "0"
            sheet.write_number(row, col, float(value), self.format(num_format=pattern))
        elif isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, col, value, self.format(num_format="0"))
        else:
            self._write_value(sheet, row, col, value, Kind.TEXT, self.style(Kind.TEXT, align="left"))

    def _write_value(self, sheet: Any, row: int, col: int, value: Value, kind: Kind, style: _CellStyle) -> None:
        if value is None:
            return
        if isinstance(value, str):
            sheet.write_string(row, col, value, style.text)
        elif isinstance(value, dt.datetime):
            # Excel has no time zones: a report's times are Bangkok wall-clock times.
            sheet.write_datetime(row, col, to_bangkok(value).replace(tzinfo=None), style.moment)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, style.date)
        elif kind in xlsx_rows.NUMBER_KINDS and not isinstance(value, bool):
            sheet.write_number(row, col, float(value) if isinstance(value, Decimal) else value, style.number)
        else:
            sheet.write_string(row, col, format_value(value, kind, self.language), style.text)

    def _write_table(self, table: Table, name: str) -> None:
        columns = table.columns
        levels = table.levels
        if levels is not None and len(levels) != len(table.rows):
            raise ValueError(f"table {table.key!r}: {len(levels)} levels for {len(table.rows)} rows")
        sheet = self.workbook.add_worksheet(name)
        widths = _column_widths(table, self.language)
        for col, (width, _) in enumerate(widths):
            sheet.set_column(col, col, width)

        header = self.format(bold=True, text_wrap=True, valign="top", bottom=1)
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column.title, header)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(table.rows), max(len(columns) - 1, 0))
        # Printed, a table keeps its header on every page and fits the page's width.
        sheet.repeat_rows(0)
        sheet.fit_to_pages(1, 0)
        sheet.set_paper(_A4)
        if self.document.landscape:
            sheet.set_landscape()

        if not columns:
            return
        # Text longer than its column wraps; numbers and dates never need to.
        wraps = [column.kind is Kind.TEXT and narrow for column, (_, narrow) in zip(columns, widths, strict=True)]
        kinds = [column.kind for column in columns]
        styles = [self.style(kind, text_wrap=wrap) for kind, wrap in zip(kinds, wraps, strict=True)]
        # Row styles per level: only the first cell of a sub-row is indented.
        by_level: dict[int, list[_CellStyle]] = {0: styles}
        for level in sorted(set(levels or ())):
            if level not in by_level:
                by_level[level] = [self.style(kinds[0], text_wrap=wraps[0], indent=level), *styles[1:]]
        write = self._write_value
        if self.stream_rows:
            self.streamed.append(_rows(table, name, by_level, self.language))
        else:
            for offset, values in enumerate(table.rows):
                row_styles = by_level[levels[offset] if levels is not None else 0]
                for col, (kind, style, value) in enumerate(zip(kinds, row_styles, values, strict=False)):
                    if value is not None:
                        write(sheet, offset + 1, col, value, kind, style)

        if table.totals is not None:
            row = len(table.rows) + 1
            for col, (column, value) in enumerate(zip(columns, table.totals, strict=False)):
                style = self.style(column.kind, bold=True, top=1)
                if value is None:
                    sheet.write_blank(row, col, None, style.text)
                else:
                    write(sheet, row, col, value, column.kind, style)

    def _write_chart(self, chart: BarChart, name: str) -> None:
        sheet = self.workbook.add_worksheet(name)
        header = self.format(bold=True, bottom=1)
        sheet.write_string(0, 0, _CATEGORY[self.language], header)
        for col, (series_name, _) in enumerate(chart.series, 1):
            sheet.write_string(0, col, series_name, header)
        for offset, category in enumerate(chart.categories):
            sheet.write_string(offset + 1, 0, category)
            for col, (_, values) in enumerate(chart.series, 1):
                if offset < len(values):
                    sheet.write_number(offset + 1, col, values[offset])
        label_width = max((_display_width(category) for category in chart.categories), default=0)
        sheet.set_column(0, 0, min(_MAX_WIDTH, max(_display_width(_CATEGORY[self.language]), label_width) + 2))
        sheet.set_column(1, len(chart.series), 14)
        if not chart.categories or not chart.series:
            return

        horizontal = len(chart.categories) > _COLUMN_CHART_MAX_CATEGORIES or label_width > _COLUMN_CHART_MAX_LABEL
        figure = self.workbook.add_chart({"type": "bar" if horizontal else "column"})
        last = len(chart.categories)
        for col in range(1, len(chart.series) + 1):
            figure.add_series(
                {
                    "name": [name, 0, col],
                    "categories": [name, 1, 0, last, 0],
                    "values": [name, 1, col, last, col],
                }
            )
        figure.set_title({"name": chart.title})
        value_axis = {"name": chart.unit} if chart.unit else {}
        if horizontal:
            # Bar charts draw the first category at the bottom; reversed, they read top-down like the data.
            figure.set_y_axis({"reverse": True})
            figure.set_x_axis(value_axis)
        else:
            figure.set_y_axis(value_axis)
        if len(chart.series) == 1:
            figure.set_legend({"none": True})
        height = max(288, 24 * last + 96) if horizontal else 360
        figure.set_size({"width": 720, "height": height})
        sheet.insert_chart(0, len(chart.series) + 2, figure)


def _rows(table: Table, sheet: str, by_level: dict[int, list[_CellStyle]], language: Language) -> xlsx_rows.Rows:
    """What xlsx_rows needs to write ``table``'s rows below the header row on ``sheet``."""
    if 1 + len(table.rows) + (table.totals is not None) > xlsx_rows.MAX_ROWS:
        raise ValueError(f"table {table.key!r}: {len(table.rows)} rows do not fit in a sheet")
    width = len(table.columns)
    if table.totals is not None:
        last_row = len(table.rows) + 1  # xlsxwriter writes the totals row, blanks included
    else:
        rows = table.rows
        filled = (n for n in range(len(rows) - 1, -1, -1) if any(value is not None for value in rows[n][:width]))
        last_row = next(filled, -1) + 1  # the header's row when no row has a cell
    return xlsx_rows.Rows(
        sheet=sheet,
        rows=table.rows,
        kinds=[column.kind for column in table.columns],
        styles={level: [_xf_indexes(style) for style in styles] for level, styles in by_level.items()},
        levels=table.levels,
        language=language,
        last_row=last_row,
    )


def _xf_indexes(style: _CellStyle) -> xlsx_rows.Styles:
    # xlsxwriter numbers a format (and puts it in the styles part) when a cell first uses it; the
    # streamed cells use it outside xlsxwriter, so they ask for the number themselves.
    return xlsx_rows.Styles(
        number=style.number._get_xf_index(),
        date=style.date._get_xf_index(),
        moment=style.moment._get_xf_index(),
        text=style.text._get_xf_index(),
    )


def _sheet_names(document: Document) -> dict[int, str]:
    """Sheet name per block index, for the tables and charts; the cover's name is taken first."""
    taken = {_COVER_NAMES[document.language].casefold()} | _RESERVED_SHEET_NAMES
    names: dict[int, str] = {}
    for index, block in enumerate(document.blocks):
        if isinstance(block, Table | BarChart):
            base = _clean_sheet_name(block.title) or _clean_sheet_name(block.key) or "Sheet"
            name = _truncate(base, _SHEET_NAME_MAX)
            copy = 2
            while name.casefold() in taken:
                suffix = f" ({copy})"
                name = _truncate(base, _SHEET_NAME_MAX - len(suffix)) + suffix
                copy += 1
            taken.add(name.casefold())
            names[index] = name
    return names


def _clean_sheet_name(text: str) -> str:
    text = _CONTROL.sub(" ", text.translate(_SHEET_NAME_SWAPS))
    return _SPACES.sub(" ", text).strip().strip("'").strip()


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = limit
    # Never separate a Thai vowel or tone mark from the consonant it sits on.
    while cut > 0 and unicodedata.category(text[cut]).startswith("M"):
        cut -= 1
    return text[:cut].rstrip().rstrip("'")


def _display_width(text: str) -> int:
    # Thai vowels and tone marks above or below a consonant take no width of their own.
    return sum(1 for char in text if not unicodedata.category(char).startswith("M"))


def _column_widths(table: Table, language: Language) -> list[tuple[float, bool]]:
    """(width, too narrow for the content) per column, from a sample of the rows."""
    sample: Sequence[Sequence[Value]] = table.rows[:_WIDTH_SAMPLE]
    if table.totals is not None:
        sample = [*sample, table.totals]
    result: list[tuple[float, bool]] = []
    for col, column in enumerate(table.columns):
        content = max((_cell_width(row[col], column, language) for row in sample if col < len(row)), default=0)
        if col == 0 and table.levels:
            content += 2 * max(table.levels[:_WIDTH_SAMPLE], default=0)
        limit = min(_MAX_WIDTH, _WIDTH_BASE + _WIDTH_PER_SHARE * column.width)
        # A long header wraps rather than widening a column of short numbers.
        wanted = max(content, min(_display_width(column.title), limit / 2)) + 2
        result.append((max(_MIN_WIDTH, min(limit, wanted)), wanted > limit))
    return result


def _cell_width(value: Value, column: Column, language: Language) -> int:
    if value is None:
        return 0
    return _display_width(format_value(value, column.kind, language))
