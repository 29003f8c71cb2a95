"""Thai calendar conventions: Buddhist era, fiscal years (Oct–Sep), Thai digits and month names."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_TH_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def to_bangkok(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every stored time is timezone-aware")
    return moment.astimezone(BANGKOK)


def bangkok_date(moment: dt.datetime) -> dt.date:
    return to_bangkok(moment).date()


def buddhist_year(day: dt.date) -> int:
    return day.year + BE_OFFSET


def fiscal_year(day: dt.date) -> int:
    """SPEC §2: FY runs 1 Oct – 30 Sep and is named by the Buddhist year in which it ends."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_of(moment: dt.datetime) -> int:
    return fiscal_year(bangkok_date(moment))


def fiscal_year_bounds(fy: int) -> tuple[dt.date, dt.date]:
    """First and last day of fiscal year ``fy`` (Buddhist era), inclusive."""
    ce_end = fy - BE_OFFSET
    return dt.date(ce_end - 1, 10, 1), dt.date(ce_end, 9, 30)


def thai_digits(text: str) -> str:
    return text.translate(_THAI_DIGITS)


def format_date_th(day: dt.date, *, abbreviated: bool = True) -> str:
    """'28 ต.ค. 2562' (abbreviated) or '28 ตุลาคม 2562'."""
    months = MONTHS_TH_ABBR if abbreviated else MONTHS_TH
    return f"{day.day} {months[day.month - 1]} {buddhist_year(day)}"
