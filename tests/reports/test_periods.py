"""Reporting periods: year 1 April - 31 March, quarters, months, custom ranges, previous period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.reports.periods import custom, month, quarter, reporting_year, year_containing


def test_reporting_year_and_its_previous():
    year = reporting_year(2025)
    assert (year.start, year.end, year.label, year.days) == (
        date(2025, 4, 1),
        date(2026, 3, 31),
        "2025-26",
        365,
    )
    previous = year.previous()
    assert (previous.start, previous.end, previous.label) == (date(2024, 4, 1), date(2025, 3, 31), "2024-25")
    # 2023-24 holds 29 February 2024.
    assert previous.previous().days == 366


def test_year_containing():
    assert year_containing(date(2026, 3, 31)).label == "2025-26"
    assert year_containing(date(2026, 4, 1)).label == "2026-27"


def test_quarters():
    q1 = quarter(2025, 1)
    assert (q1.start, q1.end, q1.label) == (date(2025, 4, 1), date(2025, 6, 30), "Q1 2025-26")
    q4 = quarter(2025, 4)
    assert (q4.start, q4.end, q4.label) == (date(2026, 1, 1), date(2026, 3, 31), "Q4 2025-26")
    assert q4.previous() == quarter(2025, 3)
    assert q1.previous() == quarter(2024, 4)
    with pytest.raises(ValueError, match="1 to 4"):
        quarter(2025, 5)


def test_months():
    march = month(2024, 3)
    assert (march.start, march.end, march.label) == (date(2024, 3, 1), date(2024, 3, 31), "Mar 2024")
    february = march.previous()
    assert (february.start, february.end) == (date(2024, 2, 1), date(2024, 2, 29))
    assert month(2025, 1).previous() == month(2024, 12)


def test_custom_range_previous_is_the_same_number_of_days_before():
    period = custom(date(2025, 7, 10), date(2025, 8, 8))
    assert period.days == 30
    previous = period.previous()
    assert (previous.start, previous.end, previous.days) == (date(2025, 6, 10), date(2025, 7, 9), 30)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="end before"):
        custom(date(2025, 7, 10), date(2025, 7, 9))


def test_contains_is_inclusive():
    year = reporting_year(2025)
    assert year.contains(date(2025, 4, 1))
    assert year.contains(date(2026, 3, 31))
    assert not year.contains(date(2026, 4, 1))
    assert not year.contains(None)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(min_value=0, max_value=800),
)
def test_custom_previous_abuts_and_matches_length(start, length):
    """The previous period ends the day before; it is as long in days, or, for a range of whole months
    (the 1st to a month's last day, issue 17), as long in months."""
    period = custom(start, start + timedelta(days=length))
    previous = period.previous()
    assert previous.end + timedelta(days=1) == period.start
    if period.months is None:
        assert previous.days == period.days
    else:
        assert previous.months == period.months
        assert previous.start.day == 1


@given(st.integers(min_value=2000, max_value=2040), st.integers(min_value=1, max_value=12))
def test_aligned_previous_abuts(year, number):
    for period in (month(year, number), quarter(year, (number - 1) // 3 + 1), reporting_year(year)):
        previous = period.previous()
        assert previous.end + timedelta(days=1) == period.start
        assert previous.months == period.months


def test_a_custom_range_that_is_exactly_a_reporting_year_compares_with_the_previous_one():
    """Issue 17: --from 2024-04-01 --to 2025-03-31 is 2024-25, compared with 2023-24 (not 2023-04-02...)."""
    period = custom(date(2024, 4, 1), date(2025, 3, 31))
    assert period == reporting_year(2024)
    assert (period.previous().start, period.previous().end) == (date(2023, 4, 1), date(2024, 3, 31))
    # Whole months compare with the same months before; a quarter of the reporting year is that quarter.
    five = custom(date(2025, 1, 1), date(2025, 5, 31))
    assert (five.previous().start, five.previous().end) == (date(2024, 8, 1), date(2024, 12, 31))
    assert custom(date(2025, 7, 1), date(2025, 9, 30)).label == "Q2 2025-26"
    # Any other range: the same number of days just before.
    odd = custom(date(2025, 4, 2), date(2025, 4, 11))
    assert (odd.previous().start, odd.previous().end) == (date(2025, 3, 23), date(2025, 4, 1))
