"""The data rows of big tables, written straight into the worksheets xlsxwriter made.

xlsxwriter spends about 10 µs on each cell, 12 s for a table of 100,000 rows by 12 columns. For big
documents it still writes everything else (header and totals rows, column widths, panes, filters,
styles, the cover and the charts), and the rows in between are written here as SpreadsheetML: the
same typed cells (numbers, dates as Excel serial numbers with a date format, inline strings) with
the same styles, at a fraction of the cost.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

from xlsxwriter.utility import xl_col_to_name

from kit.thai import to_bangkok
from reporting.render.model import Kind, Language, Value
from reporting.render.values import format_value

# Kinds whose numbers stay numbers; the others show them as text.
NUMBER_KINDS = frozenset({Kind.INTEGER, Kind.DECIMAL, Kind.PERCENT, Kind.MONEY})
MAX_ROWS = 1_048_576  # in a sheet, header and totals included

_ROWS_PER_CHUNK = 2_000
_SECONDS_PER_DAY = 86_400
# Excel counts days from 1899-12-30 from March 1900 on; before, it counts a 29 February 1900 that
# never was, so those dates are a day less.
_EPOCH = dt.date(1899, 12, 30).toordinal()
_FIRST_TRUE_SERIAL = 61  # 1900-03-01
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
# Characters XML cannot carry, and the carriage return that XML readers would turn into a line feed,
# are written as _xHHHH_ (ST_Xstring); a literal "_xHHHH_" keeps its meaning by escaping its
# underscore.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
# Anything that needs more than the plain <t>text</t>.
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_|^\s|\s$")
_STRING_MAX = 32_767  # UTF-16 code units in a cell

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOCUMENT_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Styles:
    """The xf indexes (``s`` attributes) one column's cells use, by the value's type."""

    number: int
    date: int
    moment: int
    text: int


@dataclass(frozen=True)
class Rows:
    """A table's data rows, below its header row, on the sheet ``sheet``."""

    sheet: str
    rows: Sequence[Sequence[Value]]
    kinds: Sequence[Kind]
    # Per indentation level, one Styles per column.
    styles: dict[int, list[Styles]]
    levels: Sequence[int] | None
    language: Language
    last_row: int  # zero-based, of the sheet's last row with cells (totals included)


def add_rows(workbook: bytes, tables: Sequence[Rows]) -> bytes:
    """``workbook`` again, each table's rows put in after its sheet's header row."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(output, "w") as target:
        parts = _worksheet_parts(source)
        by_part = {parts[table.sheet]: table for table in tables}
        for info in source.infolist():
            content = source.read(info)
            table = by_part.get(info.filename)
            if table is None:
                target.writestr(info, content)
                continue
            head, tail = _split(content.decode(), table)
            part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with target.open(part, "w") as stream:
                stream.write(head.encode())
                for chunk in _chunks(table):
                    stream.write(chunk.encode())
                stream.write(tail.encode())
    return output.getvalue()


def _worksheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's part in the package, by the sheet's name (from the workbook and its relationships)."""
    # The package is the one xlsxwriter just wrote, not outside input.
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))  # noqa: S314
    relationships = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    targets = {
        item.attrib["Id"]: item.attrib["Target"] for item in relationships.iter(f"{_PACKAGE_RELATIONSHIPS}Relationship")
    }
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets[sheet.attrib[f"{_DOCUMENT_RELATIONSHIPS}id"]]
        parts[sheet.attrib["name"]] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def _split(sheet: str, table: Rows) -> tuple[str, str]:
    """The sheet's XML up to the end of its header row (with the dimension that takes the data rows
    in), and the rest."""
    data = sheet.index("<sheetData>")
    if not sheet.startswith('<row r="1"', data + len("<sheetData>")):
        raise ValueError(f"sheet {table.sheet!r}: no header row to put the rows after")
    cut = sheet.index("</row>", data) + len("</row>")
    last_cell = f"{xl_col_to_name(len(table.kinds) - 1)}{table.last_row + 1}"
    head, replaced = _DIMENSION.subn(f'<dimension ref="A1:{last_cell}"/>', sheet[:cut], count=1)
    if replaced != 1:
        raise ValueError(f"sheet {table.sheet!r}: no dimension element")
    return head, sheet[cut:]


def _chunks(table: Rows) -> Iterator[str]:
    letters = [xl_col_to_name(col) for col in range(len(table.kinds))]
    numeric = [kind in NUMBER_KINDS for kind in table.kinds]
    top = table.styles[0]
    levels = table.levels
    chunk: list[str] = []
    for offset, values in enumerate(table.rows):
        row = offset + 2  # one-based, below the header
        styles = top if levels is None else table.styles[levels[offset]]
        cells = []
        for letter, is_number, kind, style, value in zip(letters, numeric, table.kinds, styles, values, strict=False):
            # The common cases first; the rest like xlsx._Writer._write_value.
            if value is None:
                continue
            if isinstance(value, str):
                cells.append(f'<c r="{letter}{row}" s="{style.text}" t="inlineStr">{_inline(value)}</c>')
            elif is_number and type(value) is int:
                cells.append(f'<c r="{letter}{row}" s="{style.number}"><v>{value:.16G}</v></c>')
            elif is_number and isinstance(value, Decimal) and value.is_finite():
                cells.append(f'<c r="{letter}{row}" s="{style.number}"><v>{float(value):.16G}</v></c>')
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                cells.append(f'<c r="{letter}{row}" s="{style.date}"><v>{_day_serial(value)}</v></c>')
            else:
                cells.append(_cell(f"{letter}{row}", value, kind, style, table.language))
        if cells:
            chunk.append(f'<row r="{row}">{"".join(cells)}</row>')
        if len(chunk) == _ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def _cell(ref: str, value: Value, kind: Kind, style: Styles, language: Language) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style.text}" t="inlineStr">{_inline(value)}</c>'
    if isinstance(value, dt.datetime):
        # Excel has no time zones: a report's times are Bangkok wall-clock times.
        local = to_bangkok(value)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        serial = _day_serial(local.date()) + (local - midnight).total_seconds() / _SECONDS_PER_DAY
        return f'<c r="{ref}" s="{style.moment}"><v>{serial:.16G}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{style.date}"><v>{_day_serial(value)}</v></c>'
    if kind in NUMBER_KINDS and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = float(value)
        if math.isnan(number):
            return f'<c r="{ref}" s="{style.number}" t="e"><v>#NUM!</v></c>'
        if math.isinf(number):
            return f'<c r="{ref}" s="{style.number}" t="e"><v>#DIV/0!</v></c>'
        return f'<c r="{ref}" s="{style.number}"><v>{value if isinstance(value, int) else number:.16G}</v></c>'
    return f'<c r="{ref}" s="{style.text}" t="inlineStr">{_inline(format_value(value, kind, language))}</c>'


def _day_serial(day: dt.date) -> int:
    serial = day.toordinal() - _EPOCH
    return serial if serial >= _FIRST_TRUE_SERIAL else serial - 1


def _inline(text: str) -> str:
    if len(text) > _STRING_MAX // 2 and len(text.encode("utf-16-le")) // 2 > _STRING_MAX:
        # Excel's limit; what is cut off would be lost anyway.
        text = text.encode("utf-16-le")[: 2 * _STRING_MAX].decode("utf-16-le", errors="ignore")
    if _SPECIAL.search(text) is None:
        return f"<is><t>{text}</t></is>"
    text = _UNSAFE.sub(_escape_char, text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<is><t{space}>{text}</t></is>"


def _escape_char(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"
