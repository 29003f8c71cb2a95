from __future__ import annotations

import datetime as dt

import pytest

from kit.thai import BANGKOK, fiscal_year, fiscal_year_bounds, fiscal_year_of, format_date_th, thai_digits


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (dt.date(2019, 10, 1), 2563),  # SPEC §2: FY 2563 = 2019-10-01 … 2020-09-30
        (dt.date(2020, 9, 30), 2563),
        (dt.date(2020, 10, 1), 2564),
        (dt.date(2024, 4, 12), 2567),
    ],
)
def test_fiscal_year(day: dt.date, fy: int) -> None:
    assert fiscal_year(day) == fy


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(2563) == (dt.date(2019, 10, 1), dt.date(2020, 9, 30))


def test_fiscal_year_is_decided_in_bangkok() -> None:
    # 30 Sep 2020 18:00 UTC is already 1 Oct in Bangkok: the next fiscal year.
    assert fiscal_year_of(dt.datetime(2020, 9, 30, 18, 0, tzinfo=dt.UTC)) == 2564
    assert fiscal_year_of(dt.datetime(2020, 9, 30, 16, 59, tzinfo=dt.UTC)) == 2563
    with pytest.raises(ValueError, match="naive"):
        fiscal_year_of(dt.datetime(2020, 9, 30, 18, 0))


def test_thai_dates_and_digits() -> None:
    assert format_date_th(dt.date(2019, 10, 28)) == "28 ต.ค. 2562"
    assert format_date_th(dt.date(2019, 10, 28), abbreviated=False) == "28 ตุลาคม 2562"
    assert thai_digits("217 เรื่อง 60.37%") == "๒๑๗ เรื่อง ๖๐.๓๗%"
    assert BANGKOK.utcoffset(dt.datetime(2024, 1, 1)) == dt.timedelta(hours=7)
