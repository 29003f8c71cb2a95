"""A :class:`Document` as CSV for spreadsheets and scripts.

UTF-8 with a byte-order mark, because Excel otherwise reads Thai as mojibake; CRLF line ends as
RFC 4180 asks. Values are plain: no thousands separators, no Thai digits, ISO dates, so a
spreadsheet or a script reads them as numbers and dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from kit.thai import to_bangkok
from reporting.render.model import BarChart, Document, Facts, Kind, Language, Table, Value
from reporting.render.values import format_value

if TYPE_CHECKING:
    from _csv import Writer  # csv.writer's type is only named in the private module

_TWO_PLACES = frozenset({Kind.MONEY, Kind.DECIMAL, Kind.PERCENT})
# A spreadsheet runs a cell starting with one of these as a formula; complaint text comes from the
# public, so such text is kept inert with a leading apostrophe (OWASP's advice for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CATEGORY: dict[Language, str] = {"th": "รายการ", "en": "Category"}


def render_csv(document: Document) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")

    facts = [block for block in document.blocks if isinstance(block, Facts)]
    for fact_block in facts:
        if fact_block.title:
            writer.writerow([_text(fact_block.title)])
        writer.writerows([_text(label), plain_value(value, Kind.TEXT)] for label, value in fact_block.items)
    if facts:
        writer.writerow([])

    grids = [block for block in document.blocks if isinstance(block, Table | BarChart)]
    # A lone table stays a plain header-plus-rows file that any tool can load.
    titled = len(grids) > 1
    for index, block in enumerate(grids):
        if index:
            writer.writerow([])
        if titled:
            writer.writerow([_text(block.title)])
        if isinstance(block, Table):
            _write_table(writer, block)
        else:
            _write_chart(writer, block, document.language)
    return buffer.getvalue().encode("utf-8-sig")


def plain_number(value: int | Decimal, kind: Kind) -> str:
    """Digits as a machine reads them: '27835877.00' for money, '60.37' for a percentage, '217'."""
    if kind in _TWO_PLACES:
        # format_value rounds, so CSV and JSON agree with the PDF to the last satang.
        return format_value(value, Kind.DECIMAL, "en")
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def plain_value(value: Value, kind: Kind) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dt.datetime):
        # Bangkok wall-clock time, which Excel also reads as a date and time.
        return to_bangkok(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    return plain_number(value, kind)


def _text(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _write_table(writer: Writer, table: Table) -> None:
    writer.writerow([_text(column.title) for column in table.columns])
    kinds = [column.kind for column in table.columns]
    writer.writerows(_convert(row, kinds) for row in table.rows)
    if table.totals is not None:
        writer.writerow(_convert(table.totals, kinds))


def _write_chart(writer: Writer, chart: BarChart, language: Language) -> None:
    writer.writerow([_CATEGORY[language], *(_text(name) for name, _ in chart.series)])
    for index, category in enumerate(chart.categories):
        cells = [_plain_float(values[index]) if index < len(values) else "" for _, values in chart.series]
        writer.writerow([_text(category), *cells])


def _plain_float(value: float) -> str:
    # Chart data is often counts held as floats: "217", not "217.0".
    number = float(value)  # ints pass for floats in the model's hints
    return str(int(number)) if number.is_integer() else repr(number)


def _convert(row: Sequence[Value], kinds: Sequence[Kind]) -> list[str]:
    return [plain_value(value, kind) for kind, value in zip(kinds, row, strict=False)]
