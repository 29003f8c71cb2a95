"""Thai working days and deadlines (SPEC §4): pure arithmetic, no I/O.

Working days are Monday–Friday minus Thailand's public and government holidays (substitution,
bridge and cabinet days included, from the ``holidays`` package), with administrator overrides
winning over everything. Deadlines run to the end (23:59:59 Bangkok) of a working day and are
pushed back by the working time lost to system outages.

Deadline recomputes call the day arithmetic millions of times, so the calendar is turned into
arrays once, in ``__init__``, and every day query is a couple of index operations.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import holidays

from kit.thai import BANGKOK, to_bangkok

DAY = dt.timedelta(days=1)
END_OF_DAY = dt.time(23, 59, 59)
_CATEGORIES = ("public", "government")


def _require_aware(moment: dt.datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime for {what}: every time must be timezone-aware")


@dataclass(frozen=True)
class Override:
    """An administrator's decision about one date, e.g. a Saturday make-up day (``working=True``)
    or a holiday announced by cabinet resolution (``working=False``, ``reference`` = the resolution)."""

    day: dt.date
    working: bool
    name: str
    reference: str | None = None


@dataclass(frozen=True)
class Outage:
    """A window during which the system was down: none of it counts against a deadline."""

    start: dt.datetime
    end: dt.datetime

    def __post_init__(self) -> None:
        _require_aware(self.start, "outage start")
        _require_aware(self.end, "outage end")
        if not self.start < self.end:
            raise ValueError(f"outage must end after it starts: {self.start.isoformat()} → {self.end.isoformat()}")


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    working: bool
    kind: str  # "weekday" | "weekend" | "holiday" | "override"
    name: str | None  # Thai for holidays; an override's name as its administrator typed it
    reference: str | None = None
    name_en: str | None = None  # holidays only


@functools.cache
def _base_calendar(first_year: int, last_year: int) -> tuple[Mapping[dt.date, tuple[str, str]], bytes]:
    """Holiday names (Thai, English) and working-day flags (before overrides) for a year range.

    Cached per process: computing the ``holidays`` data for 34 years takes about half a second,
    and calendars are rebuilt whenever an administrator adds an override.
    """
    years = range(first_year, last_year + 1)
    thai = holidays.country_holidays("TH", years=years, categories=_CATEGORIES, language="th")
    english = holidays.country_holidays("TH", years=years, categories=_CATEGORIES, language="en_US")
    names = {day: (name, english[day]) for day, name in thai.items()}
    first = dt.date(first_year, 1, 1)
    size = dt.date(last_year, 12, 31).toordinal() - first.toordinal() + 1
    flags = bytearray(size)
    for i in range(size):
        day = first + dt.timedelta(days=i)
        flags[i] = day.weekday() < 5 and day not in names
    return names, bytes(flags)


class WorkCalendar:
    """Working days of ``first_year``..``last_year``; dates outside that range raise ValueError.

    Two arrays, indexed by ``d.toordinal() - first_day.toordinal()``, carry all the day arithmetic:
    ``_rank[i]`` is the number of working days on or before day ``i``, and ``_by_rank[r]`` is the
    index of the working day whose rank is ``r`` (``_by_rank[0]`` is a placeholder).

    Outages are measured in *working time*: the time axis made only of working days, each
    contributing its 24 Bangkok hours. Weekends and holidays take no working time, so an outage
    on a Sunday costs nothing and an extension that runs past Friday midnight continues on Monday.
    """

    def __init__(
        self,
        overrides: Iterable[Override] = (),
        outages: Iterable[Outage] = (),
        *,
        first_year: int = 2007,
        last_year: int = 2040,
    ) -> None:
        if first_year > last_year:
            raise ValueError(f"first_year {first_year} is after last_year {last_year}")
        self.first_day = dt.date(first_year, 1, 1)
        self.last_day = dt.date(last_year, 12, 31)
        self._first_ordinal = self.first_day.toordinal()
        self._holidays, base = _base_calendar(first_year, last_year)
        self._size = len(base)

        # A later override for the same date replaces an earlier one.
        self._overrides: dict[dt.date, Override] = {}
        flags = bytearray(base)
        for override in overrides:
            flags[self._index(override.day)] = override.working
            self._overrides[override.day] = override
        self.overrides = tuple(self._overrides.values())
        self.outages = tuple(outages)

        self._flags = bytes(flags)
        self._rank = list(itertools.accumulate(flags))
        self._by_rank = [-1, *itertools.compress(range(self._size), flags)]
        # The end of each day, in UTC: deadlines are ends of days, and Bangkok's offset is fixed.
        first_end = dt.datetime.combine(self.first_day, END_OF_DAY, tzinfo=BANGKOK).astimezone(dt.UTC)
        self._end_of_day = [first_end + DAY * i for i in range(self._size)]

        # Outages as merged, sorted [start, end) intervals of working time: merging makes time
        # covered by two overlapping outages count once, sorting lets a window find them by bisection.
        spans = sorted(
            (self._working_time(o.start, clamp=True), self._working_time(o.end, clamp=True)) for o in self.outages
        )
        merged: list[tuple[dt.timedelta, dt.timedelta]] = []
        for start, end in spans:
            if end <= start:
                continue  # wholly on non-working days: no working time lost
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._outage_starts = [start for start, _ in merged]
        self._outage_ends = [end for _, end in merged]

    # -- days ---------------------------------------------------------------------------------

    def _index(self, d: dt.date) -> int:
        if isinstance(d, dt.datetime):
            # A datetime's .date() is in its own zone, not necessarily Bangkok's: make callers choose.
            raise TypeError("expected a date, got a datetime: convert it to a Bangkok date first")
        i = d.toordinal() - self._first_ordinal
        if not 0 <= i < self._size:
            raise ValueError(
                f"{d.isoformat()} is outside the working-day calendar ({self.first_day} … {self.last_day})"
            )
        return i

    def _date(self, i: int) -> dt.date:
        return dt.date.fromordinal(self._first_ordinal + i)

    def _index_of_rank(self, rank: int) -> int:
        """The index of the working day whose rank is ``rank``."""
        if rank >= len(self._by_rank):
            raise ValueError(f"the result falls after the working-day calendar's last day ({self.last_day})")
        return self._by_rank[rank]

    def _working_day_of_rank(self, rank: int) -> dt.date:
        return self._date(self._index_of_rank(rank))

    def _rank_after(self, d: dt.date, n: int) -> int:
        """The rank of the ``n``-th working day strictly after ``d``."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        return self._rank[self._index(d)] + n

    def _rank_from(self, d: dt.date) -> int:
        """The rank of ``d`` if it is a working day, else of the first working day after it."""
        i = self._index(d)
        return self._rank[i] + (0 if self._flags[i] else 1)

    def day(self, d: dt.date) -> DayInfo:
        working = bool(self._flags[self._index(d)])
        override = self._overrides.get(d)
        if override is not None:
            return DayInfo(d, working, "override", override.name, override.reference)
        names = self._holidays.get(d)
        if names is not None:
            return DayInfo(d, working, "holiday", names[0], name_en=names[1])
        return DayInfo(d, working, "weekday" if working else "weekend", None)

    def is_working(self, d: dt.date) -> bool:
        return bool(self._flags[self._index(d)])

    def days(self, start: dt.date, end: dt.date) -> list[DayInfo]:
        """Every day from ``start`` to ``end``, both included (empty if ``end`` is before ``start``)."""
        self._index(start)
        self._index(end)
        return [self.day(start + dt.timedelta(days=k)) for k in range((end - start).days + 1)]

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day strictly after ``d``, whatever kind of day ``d`` is."""
        return self._working_day_of_rank(self._rank_after(d, n))

    def next_working_day(self, d: dt.date) -> dt.date:
        """``d`` itself if it is a working day, else the first working day after it."""
        return self._working_day_of_rank(self._rank_from(d))

    def last_working_day_of_month(self, year: int, month: int) -> dt.date:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        rank = self._rank[self._index(last)]
        if rank == 0 or (found := self._date(self._by_rank[rank])) < last.replace(day=1):
            raise ValueError(f"{year}-{month:02d} has no working day")
        return found

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; the negated count of (end, start] when end is before start."""
        return self._rank[self._index(end)] - self._rank[self._index(start)]

    # -- moments ------------------------------------------------------------------------------

    def end_of_day(self, d: dt.date) -> dt.datetime:
        return self._end_of_day[self._index(d)]

    def deadline_after(self, start: dt.datetime, n: int) -> dt.datetime:
        """Deadline of "within ``n`` working days counted from the day after ``start``".

        A clock started on a Saturday or a holiday counts the same way as one started on a
        working day: day one is the first working day after ``start``'s Bangkok date.
        """
        deadline = self._end_of_day[self._index_of_rank(self._rank_after(to_bangkok(start).date(), n))]
        if not self._outage_starts:
            return deadline
        return self.extend_for_outages(start, deadline)

    def due_on(self, start: dt.datetime, d: dt.date) -> dt.datetime:
        """Deadline of a fixed checkpoint ("report by the 15th"): the end of ``d``, or of the next
        working day when ``d`` is not one, extended for outages since ``start``."""
        _require_aware(start, "start")
        deadline = self._end_of_day[self._index_of_rank(self._rank_from(d))]
        if not self._outage_starts:
            return deadline
        return self.extend_for_outages(start, deadline)

    def extend_for_outages(self, start: dt.datetime, deadline: dt.datetime) -> dt.datetime:
        """Push ``deadline`` back by the working time of outages overlapping (start, deadline].

        The extension can reach further outages, which extend it again. Walking the merged
        outages in order settles that in one pass: once an outage starts inside the window, the
        extension it causes is at least as long as its remaining part, so the whole of that part
        ends up inside the window.
        """
        _require_aware(start, "start")
        _require_aware(deadline, "deadline")
        begin = self._working_time(start, clamp=True)
        original = end = self._working_time(deadline)
        if end <= begin:
            return deadline.astimezone(dt.UTC)
        k = bisect.bisect_right(self._outage_ends, begin)  # the first outage still running after `begin`
        while k < len(self._outage_starts) and self._outage_starts[k] < end:
            end += self._outage_ends[k] - max(self._outage_starts[k], begin)
            k += 1
        if end == original:
            return deadline.astimezone(dt.UTC)
        return self._moment_at(end)

    # -- working time -------------------------------------------------------------------------

    def _working_time(self, moment: dt.datetime, *, clamp: bool = False) -> dt.timedelta:
        """Working time from the calendar's first midnight to ``moment``.

        With ``clamp``, moments outside the calendar map to its ends: they can only matter for
        outages and clock starts, and no deadline inside the calendar depends on such time.
        """
        local = to_bangkok(moment)
        d = local.date()
        if clamp:
            if d < self.first_day:
                return dt.timedelta(0)
            if d > self.last_day:
                return DAY * (len(self._by_rank) - 1)
        i = self._index(d)
        if not self._flags[i]:
            return DAY * self._rank[i]
        midnight = dt.datetime.combine(d, dt.time(), tzinfo=BANGKOK)
        return DAY * (self._rank[i] - 1) + (local - midnight)

    def _moment_at(self, working_time: dt.timedelta) -> dt.datetime:
        """The earliest moment by which ``working_time`` has elapsed, in UTC.

        A whole number of days lands on the midnight that ends a working day, not on the start of
        the next one: the time has run out then, however many non-working days follow.
        """
        full_days, rest = divmod(working_time, DAY)
        if rest:
            day = self._working_day_of_rank(full_days + 1)
        elif full_days == 0:
            day = self.first_day
        else:
            day = self._working_day_of_rank(full_days) + DAY
        return (dt.datetime.combine(day, dt.time(), tzinfo=BANGKOK) + rest).astimezone(dt.UTC)
