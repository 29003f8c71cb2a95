"""A :class:`Document` as JSON, for programs.

Money, decimals and percentages travel as strings with two places ("27835877.00"): a JSON number
would be read as a binary float by most clients and could lose satang. Other integers stay
integers, dates are ISO 8601 and times carry Bangkok's offset.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import orjson

from kit.thai import to_bangkok
from reporting.render.csv import plain_number
from reporting.render.model import BarChart, Block, Document, Facts, Kind, Paragraph, Table, Value

Scalar = str | int | bool | None
JsonObject = dict[str, object]
_TWO_PLACES = frozenset({Kind.MONEY, Kind.DECIMAL, Kind.PERCENT})


def render_json(document: Document) -> bytes:
    body: JsonObject = {
        "type": document.type,
        "title": document.title,
        "subtitle": document.subtitle,
        "agency": document.agency,
        "printed_at": to_bangkok(document.printed_at).isoformat(),
        "language": document.language,
        "blocks": [_block(block) for block in document.blocks],
    }
    return orjson.dumps(body)


def json_value(value: Value, kind: Kind) -> Scalar:
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, dt.datetime):
        return to_bangkok(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and kind not in _TWO_PLACES:
        return value
    if isinstance(value, Decimal) and kind is Kind.INTEGER and value.is_finite() and value == value.to_integral_value():
        return int(value)
    # Money, decimals and percentages always get two places, so a column has one JSON type.
    return plain_number(value, kind)


def _block(block: Block) -> JsonObject:
    if isinstance(block, Facts):
        return {
            "kind": "facts",
            "title": block.title,
            "items": [{"label": label, "value": json_value(value, Kind.TEXT)} for label, value in block.items],
        }
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "heading": block.heading}
    if isinstance(block, Table):
        return _table(block)
    return _chart(block)


def _table(table: Table) -> JsonObject:
    keys = [column.key for column in table.columns]
    kinds = [column.kind for column in table.columns]

    def convert(row: list[Value]) -> JsonObject:
        return {key: json_value(value, kind) for key, kind, value in zip(keys, kinds, row, strict=False)}

    result: JsonObject = {
        "kind": "table",
        "key": table.key,
        "title": table.title,
        "columns": [{"key": column.key, "title": column.title, "kind": column.kind.value} for column in table.columns],
        "rows": [convert(row) for row in table.rows],
    }
    if table.levels is not None:
        result["levels"] = table.levels
    if table.totals is not None:
        result["totals"] = convert(table.totals)
    return result


def _chart(chart: BarChart) -> JsonObject:
    return {
        "kind": "chart",
        "key": chart.key,
        "title": chart.title,
        "unit": chart.unit,
        "categories": chart.categories,
        "series": [{"name": name, "values": values} for name, values in chart.series],
    }
