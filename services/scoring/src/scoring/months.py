"""Calendar months as scoring counts them: audits, monthly reports and their deadlines."""

from __future__ import annotations

import datetime as dt

from kit.errors import AppError
from kit.thai import MONTHS_TH, buddhist_year, fiscal_year_bounds


def parse_month(value: str, code: str) -> dt.date:
    """'YYYY-MM' (already matched by the schema) → the month's first day; 422 ``code`` otherwise."""
    try:
        year, number = (int(part) for part in value.split("-"))
        return dt.date(year, number, 1)
    except ValueError as exc:
        raise AppError(422, code, "เดือนไม่ถูกต้อง", "Invalid month", fields={"month": value}) from exc


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def fiscal_months(fy: int) -> list[dt.date]:
    """The first days of the twelve months of fiscal year ``fy``, October first."""
    month, _ = fiscal_year_bounds(fy)
    months = []
    for _ in range(12):
        months.append(month)
        month = next_month(month)
    return months


def month_th(month: dt.date) -> str:
    return f"{MONTHS_TH[month.month - 1]} {buddhist_year(month)}"
