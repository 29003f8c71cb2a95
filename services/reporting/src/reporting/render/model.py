"""A report as data. Each report type builds a :class:`Document`; every format renders the same
document (PDF, XLSX, CSV, JSON), so the formats can never disagree about a number.

Values stay typed (int, Decimal, date) until a renderer formats them: XLSX writes them as typed
cells, PDF and CSV as text in the report's language, JSON as JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

Value = str | int | Decimal | dt.date | dt.datetime | None
Language = Literal["th", "en"]


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"  # two places
    MONEY = "money"  # baht, two places, thousands separated
    PERCENT = "percent"  # the value is already a percentage: Decimal("60.37") prints "60.37"
    DATE = "date"  # a Buddhist-era date in Thai: "28 ต.ค. 2562"


@dataclass(frozen=True)
class Column:
    key: str  # stable, ASCII: the JSON key and the CSV/XLSX header's machine name
    title: str  # in the report's language
    kind: Kind = Kind.TEXT
    width: float = 1.0  # relative share of the table's width


@dataclass
class Facts:
    """Label/value lines, e.g. a project's header fields."""

    items: list[tuple[str, Value]]
    title: str | None = None


@dataclass
class Paragraph:
    text: str
    heading: bool = False


@dataclass
class Table:
    key: str  # ASCII: XLSX sheet name, JSON key
    title: str
    columns: list[Column]
    rows: list[list[Value]]
    # Indentation per row (0 = top level; 1 = a sub-activity), same length as rows when given.
    levels: list[int] | None = None
    totals: list[Value] | None = None


@dataclass
class BarChart:
    key: str
    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]  # (name, one value per category)
    unit: str = ""


Block = Facts | Paragraph | Table | BarChart


@dataclass
class Document:
    type: str
    title: str
    agency: str  # the agency's name, printed in every page's footer
    printed_at: dt.datetime  # timezone-aware
    language: Language = "th"
    thai_digits: bool = False
    subtitle: str | None = None
    landscape: bool = False
    blocks: list[Block] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
