"""Working-day rules: never a weekend or bank holiday; hand-worked dates across Christmas, Easter,
year ends and leap days."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.calendar import WorkingDayCalendar, add_months

CAL = WorkingDayCalendar()
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


@given(days, st.integers(min_value=1, max_value=80))
def test_result_is_never_a_weekend_or_bank_holiday(start, n):
    result = CAL.add_working_days(start, n)
    assert result.weekday() < 5
    assert not CAL.is_bank_holiday(result)
    assert result > start


@given(days, st.integers(min_value=1, max_value=80))
def test_counting_back_agrees_with_adding(start, n):
    result = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, result) == n
    assert CAL.working_days_between(result, start) == -n


@given(days, st.integers(min_value=1, max_value=40))
def test_subtracting_is_never_a_closed_day(start, n):
    result = CAL.add_working_days(start, -n)
    assert CAL.is_working_day(result)
    assert result < start


@given(days, st.integers(min_value=1, max_value=30), st.integers(min_value=1, max_value=30))
def test_adding_composes(start, a, b):
    assert CAL.add_working_days(CAL.add_working_days(start, a), b) == CAL.add_working_days(start, a + b)


@given(days, st.integers(min_value=-36, max_value=36))
def test_add_months_stays_in_the_right_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day


def test_hand_worked_christmas_2026():
    # Thu 17 Dec 2026 + 5 WD: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24 -> 24 Dec.
    assert CAL.add_working_days(date(2026, 12, 17), 5) == date(2026, 12, 24)
    # Thu 24 Dec + 1 WD: Fri 25 (Christmas), Mon 28 (Boxing Day substitute) closed -> Tue 29 Dec.
    assert CAL.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_hand_worked_easter_2027():
    # Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar. Thu 25 Mar + 1 WD -> Tue 30 Mar.
    assert CAL.add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)


def test_hand_worked_fifteen_working_days_over_new_year():
    # Strategy discussion Mon 21 Dec 2026. Closed: 25, 28 Dec, 1 Jan. Working days after it:
    # 22,23,24,29,30,31 Dec (6), 4,5,6,7,8 Jan (11), 11,12,13,14 Jan (15) -> Thu 14 Jan 2027.
    assert CAL.add_working_days(date(2026, 12, 21), 15) == date(2027, 1, 14)


def test_leap_days():
    assert add_months(date(2027, 11, 29), 3) == date(2028, 2, 29)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    # Thu 28 Feb 2028 + 1 WD is Tue 29 Feb 2028 (a leap day, a Tuesday).
    assert CAL.add_working_days(date(2028, 2, 28), 1) == date(2028, 2, 29)


def test_zero_days_moves_to_next_working_day():
    assert CAL.add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 29)
    assert CAL.add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)


def test_local_closures():
    cal = WorkingDayCalendar(extra_closures=[date(2026, 12, 29)])
    assert cal.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 30)
    assert cal.working_days_between(date(2026, 12, 24), date(2026, 12, 30)) == 1
