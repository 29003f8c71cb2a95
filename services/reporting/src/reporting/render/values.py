"""Values as printed text: Buddhist-era dates, baht, percentages, optional Thai digits."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from kit.thai import MONTHS_TH_ABBR, format_date_th, thai_digits, to_bangkok
from reporting.render.model import Kind, Language, Value

_CENTS = Decimal("0.01")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The months of a fiscal year in order: October … September.
FISCAL_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)


def month_abbr(month: int, language: Language) -> str:
    """'ต.ค.' / 'Oct' for 10."""
    return (MONTHS_TH_ABBR if language == "th" else _MONTHS_EN)[month - 1]


def format_date(day: dt.date, language: Language) -> str:
    """'28 ต.ค. 2562' in Thai; '28 Oct 2019' in English."""
    if language == "th":
        return format_date_th(day)
    return f"{day.day} {month_abbr(day.month, language)} {day.year}"


def format_moment(moment: dt.datetime, language: Language) -> str:
    local = to_bangkok(moment)
    return f"{format_date(local.date(), language)} {local:%H:%M}"


def _number(value: int | Decimal, places: int, grouped: bool) -> str:
    if places:
        value = Decimal(value).quantize(_CENTS, rounding=ROUND_HALF_UP)
    return f"{value:,}" if grouped else f"{value}"


def format_value(value: Value, kind: Kind, language: Language, digits_thai: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        text = format_moment(value, language)
    elif isinstance(value, dt.date):
        text = format_date(value, language)
    elif isinstance(value, int | Decimal) and not isinstance(value, bool):
        if kind is Kind.MONEY:
            text = _number(value, 2, grouped=True)
        elif kind in (Kind.DECIMAL, Kind.PERCENT):
            text = _number(value, 2, grouped=False)
        else:
            text = _number(value, 0, grouped=kind is Kind.INTEGER)
    else:
        text = str(value)
    return thai_digits(text) if digits_thai else text
