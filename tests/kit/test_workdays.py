from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.thai import BANGKOK
from kit.workdays import DayInfo, Outage, Override, WorkCalendar

CAL = WorkCalendar()


def bkk(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=BANGKOK)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=BANGKOK)


# -- Songkran 2024: 12 Apr bridge holiday, 13–15 Songkran, 16 substitution day -------------------


def test_songkran_2024_deadline_from_friday() -> None:
    due = CAL.deadline_after(bkk(2024, 4, 12, 10), 1)
    assert due == dt.datetime(2024, 4, 17, 16, 59, 59, tzinfo=dt.UTC)
    assert due.tzinfo is dt.UTC
    assert due == end_of(dt.date(2024, 4, 17))


def test_songkran_2024_deadline_from_saturday() -> None:
    assert CAL.deadline_after(bkk(2024, 4, 13, 9), 1) == end_of(dt.date(2024, 4, 17))


def test_clock_start_is_taken_in_bangkok() -> None:
    # 11 Apr 18:00 UTC is already Friday 12 Apr in Bangkok: the same deadline as a Friday start.
    assert CAL.deadline_after(dt.datetime(2024, 4, 11, 18, 0, tzinfo=dt.UTC), 1) == end_of(dt.date(2024, 4, 17))
    assert CAL.deadline_after(dt.datetime(2024, 4, 11, 16, 0, tzinfo=dt.UTC), 1) == end_of(dt.date(2024, 4, 17))
    assert CAL.deadline_after(dt.datetime(2024, 4, 11, 16, 0, tzinfo=dt.UTC), 2) == end_of(dt.date(2024, 4, 18))


def test_bridge_holiday_before_songkran() -> None:
    bridge = CAL.day(dt.date(2024, 4, 12))
    assert bridge.kind == "holiday"
    assert not bridge.working
    assert CAL.add_working_days(dt.date(2024, 4, 11), 1) == dt.date(2024, 4, 17)
    assert CAL.day(dt.date(2024, 4, 16)).kind == "holiday"  # Songkran's substitution day


def test_working_days_between_across_songkran() -> None:
    assert CAL.working_days_between(dt.date(2024, 4, 11), dt.date(2024, 4, 19)) == 3  # 17, 18, 19
    assert CAL.working_days_between(dt.date(2024, 4, 19), dt.date(2024, 4, 11)) == -3
    assert CAL.working_days_between(dt.date(2024, 4, 11), dt.date(2024, 4, 16)) == 0
    assert CAL.working_days_between(dt.date(2024, 4, 11), dt.date(2024, 4, 11)) == 0


# -- day information -----------------------------------------------------------------------------


def test_day_info_kinds() -> None:
    assert CAL.day(dt.date(2024, 4, 18)) == DayInfo(dt.date(2024, 4, 18), True, "weekday", None)
    assert CAL.day(dt.date(2024, 4, 20)) == DayInfo(dt.date(2024, 4, 20), False, "weekend", None)
    songkran = CAL.day(dt.date(2024, 4, 13))  # a Saturday, but a holiday says more than "weekend"
    assert songkran.kind == "holiday"
    assert not songkran.working
    assert songkran.name is not None and "สงกรานต์" in songkran.name
    assert songkran.name_en is not None and "Songkran" in songkran.name_en
    assert CAL.is_working(dt.date(2024, 4, 18))
    assert not CAL.is_working(dt.date(2024, 4, 15))


def test_days_lists_inclusive_range() -> None:
    week = CAL.days(dt.date(2024, 4, 11), dt.date(2024, 4, 17))
    assert [d.day.day for d in week] == [11, 12, 13, 14, 15, 16, 17]
    assert [d.working for d in week] == [True, False, False, False, False, False, True]
    assert CAL.days(dt.date(2024, 4, 17), dt.date(2024, 4, 11)) == []


# -- overrides -----------------------------------------------------------------------------------


def test_override_declares_a_wednesday_holiday() -> None:
    cal = WorkCalendar([Override(dt.date(2024, 4, 17), False, "Extra Songkran day", "Cabinet resolution 2024/15")])
    assert cal.deadline_after(bkk(2024, 4, 12, 10), 1) == end_of(dt.date(2024, 4, 18))
    info = cal.day(dt.date(2024, 4, 17))
    assert info == DayInfo(dt.date(2024, 4, 17), False, "override", "Extra Songkran day", "Cabinet resolution 2024/15")
    # Later days keep their counts relative to each other.
    assert cal.working_days_between(dt.date(2024, 4, 11), dt.date(2024, 4, 19)) == 2


def test_override_makes_a_saturday_a_working_day() -> None:
    assert CAL.add_working_days(dt.date(2024, 4, 19), 1) == dt.date(2024, 4, 22)
    cal = WorkCalendar([Override(dt.date(2024, 4, 20), True, "Make-up day")])
    assert cal.add_working_days(dt.date(2024, 4, 19), 1) == dt.date(2024, 4, 20)
    assert cal.add_working_days(dt.date(2024, 4, 19), 2) == dt.date(2024, 4, 22)
    info = cal.day(dt.date(2024, 4, 20))
    assert (info.working, info.kind, info.name, info.reference) == (True, "override", "Make-up day", None)


def test_override_wins_over_a_holiday() -> None:
    cal = WorkCalendar([Override(dt.date(2024, 4, 16), True, "Substitution day cancelled")])
    assert cal.is_working(dt.date(2024, 4, 16))
    assert cal.add_working_days(dt.date(2024, 4, 11), 1) == dt.date(2024, 4, 16)


# -- month ends and checkpoints ------------------------------------------------------------------


def test_last_working_day_of_february() -> None:
    assert CAL.last_working_day_of_month(2024, 2) == dt.date(2024, 2, 29)  # leap year, Thursday
    assert CAL.last_working_day_of_month(2025, 2) == dt.date(2025, 2, 28)  # Friday
    assert CAL.last_working_day_of_month(2026, 2) == dt.date(2026, 2, 27)  # the 28th is a Saturday
    # The 28th of February 2021 is a Sunday, and the holidays data has Friday 26 February 2021 as
    # Makha Bucha, so the month's last working day is Thursday the 25th.
    assert CAL.day(dt.date(2021, 2, 26)).name_en == "Makha Bucha"
    assert CAL.last_working_day_of_month(2021, 2) == dt.date(2021, 2, 25)


def test_next_working_day_on_sunday_checkpoint() -> None:
    assert CAL.next_working_day(dt.date(2024, 9, 15)) == dt.date(2024, 9, 16)
    assert CAL.next_working_day(dt.date(2024, 9, 16)) == dt.date(2024, 9, 16)
    assert CAL.next_working_day(dt.date(2024, 4, 12)) == dt.date(2024, 4, 17)
    assert CAL.due_on(bkk(2024, 9, 1, 9), dt.date(2024, 9, 15)) == end_of(dt.date(2024, 9, 16))


# -- outages -------------------------------------------------------------------------------------


def test_outage_spanning_a_deadline() -> None:
    outage = Outage(bkk(2024, 4, 17, 20), bkk(2024, 4, 18, 10))  # 14 hours, both days working days
    cal = WorkCalendar(outages=[outage])
    assert cal.deadline_after(bkk(2024, 4, 12, 10), 1) == bkk(2024, 4, 18, 13, 59, 59)


def test_extension_reaching_another_outage_extends_again() -> None:
    cal = WorkCalendar(
        outages=[Outage(bkk(2024, 4, 17, 20), bkk(2024, 4, 18, 10)), Outage(bkk(2024, 4, 18, 13), bkk(2024, 4, 18, 14))]
    )
    assert cal.deadline_after(bkk(2024, 4, 12, 10), 1) == bkk(2024, 4, 18, 14, 59, 59)


def test_outage_on_a_weekend_changes_nothing() -> None:
    cal = WorkCalendar(outages=[Outage(bkk(2024, 4, 20, 8), bkk(2024, 4, 21, 20))])
    start = bkk(2024, 4, 19, 9)
    assert cal.deadline_after(start, 1) == end_of(dt.date(2024, 4, 22))
    assert cal.deadline_after(start, 1) == CAL.deadline_after(start, 1)


def test_outage_before_the_clock_started_changes_nothing() -> None:
    cal = WorkCalendar(outages=[Outage(bkk(2024, 4, 18, 8), bkk(2024, 4, 18, 12))])
    assert cal.deadline_after(bkk(2024, 4, 18, 13), 1) == end_of(dt.date(2024, 4, 19))


def test_only_the_part_of_an_outage_after_the_start_counts() -> None:
    # Outage 12:00–15:00, clock started at 13:00: two hours lost, added after Friday's end → Monday.
    cal = WorkCalendar(outages=[Outage(bkk(2024, 4, 18, 12), bkk(2024, 4, 18, 15))])
    assert cal.deadline_after(bkk(2024, 4, 18, 13), 1) == bkk(2024, 4, 22, 1, 59, 59)


def test_extension_crossing_a_weekend_lands_on_monday() -> None:
    cal = WorkCalendar(outages=[Outage(bkk(2024, 4, 19, 10), bkk(2024, 4, 19, 12))])
    due = cal.deadline_after(bkk(2024, 4, 18, 9), 1)  # end of Friday 19 April, plus 2 hours
    assert due == bkk(2024, 4, 22, 1, 59, 59)
    assert due.tzinfo is dt.UTC


def test_extension_skips_holidays() -> None:
    # End of Thursday 11 April 2024 plus one hour: 12–16 April are holidays or weekend.
    cal = WorkCalendar(outages=[Outage(bkk(2024, 4, 11, 9), bkk(2024, 4, 11, 10))])
    assert cal.deadline_after(bkk(2024, 4, 10, 9), 1) == bkk(2024, 4, 17, 0, 59, 59)


def test_overlapping_outages_are_not_counted_twice() -> None:
    outages = [
        Outage(bkk(2024, 4, 18, 10), bkk(2024, 4, 18, 12)),
        Outage(bkk(2024, 4, 18, 11), bkk(2024, 4, 18, 13)),
        Outage(bkk(2024, 4, 18, 11), bkk(2024, 4, 18, 13)),
    ]
    cal = WorkCalendar(outages=outages)
    assert cal.deadline_after(bkk(2024, 4, 17, 9), 1) == bkk(2024, 4, 19, 2, 59, 59)  # 3 hours, not 6


def test_due_on_is_extended_for_outages() -> None:
    cal = WorkCalendar(outages=[Outage(bkk(2024, 9, 16, 9), bkk(2024, 9, 16, 10, 30))])
    assert cal.due_on(bkk(2024, 9, 1, 9), dt.date(2024, 9, 15)) == bkk(2024, 9, 17, 1, 29, 59)
    assert cal.due_on(bkk(2024, 9, 16, 11), dt.date(2024, 9, 15)) == end_of(dt.date(2024, 9, 16))


def test_extend_for_outages_with_deadline_before_start_changes_nothing() -> None:
    cal = WorkCalendar(outages=[Outage(bkk(2024, 4, 18, 10), bkk(2024, 4, 18, 12))])
    deadline = end_of(dt.date(2024, 4, 17))
    assert cal.extend_for_outages(bkk(2024, 4, 18, 9), deadline) == deadline


# -- invalid input -------------------------------------------------------------------------------


def test_out_of_range_dates_raise() -> None:
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        CAL.is_working(dt.date(2006, 12, 31))
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        CAL.add_working_days(dt.date(2041, 1, 1), 1)
    with pytest.raises(ValueError, match="after the working-day calendar"):
        CAL.add_working_days(dt.date(2040, 12, 28), 5)
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        WorkCalendar([Override(dt.date(2050, 1, 1), True, "too late")])
    small = WorkCalendar(first_year=2024, last_year=2024)
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        small.day(dt.date(2025, 1, 1))
    assert (small.first_day, small.last_day) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_naive_and_malformed_input_raise() -> None:
    with pytest.raises(ValueError, match="naive"):
        CAL.deadline_after(dt.datetime(2024, 4, 12, 10), 1)
    with pytest.raises(ValueError, match="naive"):
        Outage(dt.datetime(2024, 4, 12, 10), bkk(2024, 4, 12, 11))
    with pytest.raises(ValueError, match="end after it starts"):
        Outage(bkk(2024, 4, 12, 11), bkk(2024, 4, 12, 11))
    with pytest.raises(ValueError, match="at least 1"):
        CAL.add_working_days(dt.date(2024, 4, 12), 0)
    with pytest.raises(TypeError, match="datetime"):
        CAL.is_working(bkk(2024, 4, 12))


# -- property -------------------------------------------------------------------------------------


def naive_add(d: dt.date, n: int) -> dt.date:
    while n:
        d += dt.timedelta(days=1)
        if CAL.is_working(d):
            n -= 1
    return d


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=dt.date(2007, 1, 1), max_value=dt.date(2040, 10, 31)), n=st.integers(1, 40))
def test_add_working_days_matches_day_by_day_count(d: dt.date, n: int) -> None:
    result = CAL.add_working_days(d, n)
    assert result == naive_add(d, n)
    assert CAL.is_working(result)
    assert CAL.working_days_between(d, result) == n
    assert CAL.working_days_between(result, d) == -n
