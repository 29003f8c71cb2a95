"""Reporting periods: months or quarters of a span, cut at the day of printing."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from kit.thai import BANGKOK


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def month_key(self) -> str:
        """The month the span ends in, YYYY-MM (the key of a project's spending and assessments)."""
        return f"{self.end:%Y-%m}"

    def counted_until(self, now: dt.datetime) -> dt.datetime:
        """Counts are taken as they stood at the end of the span (or now, if that is earlier)."""
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), BANGKOK)
        return min(end, now)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def periods(start: dt.date, end: dt.date, kind: Literal["monthly", "quarterly"], today: dt.date) -> list[Span]:
    """The periods from ``start`` to ``end`` that have begun by ``today``; the last one stops at today.
    Quarters are fiscal (Oct–Dec, …)."""
    spans = []
    first = start.replace(day=1)
    while first <= min(end, today):
        last = month_end(first)
        if kind == "quarterly":
            while last.month not in (12, 3, 6, 9):
                last = month_end(last + dt.timedelta(days=1))
        spans.append(Span(max(first, start), min(last, end, today)))
        first = last + dt.timedelta(days=1)
    return spans
