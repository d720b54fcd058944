"""Times stored in UTC, read and typed in England's time: an hour apart in summer, the same in winter."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.local_time import clock_text, local, parse_clock, stored


def test_summer_time_is_an_hour_ahead_of_the_stored_moment():
    assert stored(date(2026, 7, 1), time(10, 40)) == datetime(2026, 7, 1, 9, 40)
    assert clock_text(datetime(2026, 7, 1, 9, 40)) == "10:40"


def test_winter_time_is_the_stored_moment():
    assert stored(date(2026, 12, 2), time(10, 40)) == datetime(2026, 12, 2, 10, 40)
    assert clock_text(datetime(2026, 12, 2, 10, 40)) == "10:40"


def test_the_days_the_clocks_change():
    # 29 March 2026: 01:00 GMT becomes 02:00 BST; 25 October 2026: 02:00 BST becomes 01:00 GMT.
    assert clock_text(datetime(2026, 3, 29, 0, 59)) == "00:59"
    assert clock_text(datetime(2026, 3, 29, 1, 0)) == "02:00"
    assert stored(date(2026, 10, 25), time(1, 30)) == datetime(2026, 10, 25, 0, 30)  # the earlier 01:30


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31)))
def test_a_stored_minute_read_and_typed_again_is_the_same_minute(at):
    at = at.replace(second=0, microsecond=0)
    shown = local(at)
    back = stored(shown.date(), shown.time())
    # Only in the repeated hour of October does one reading stand for two moments: the earlier is taken.
    assert back == at or back == at - timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10:40", time(10, 40)), ("1040", time(10, 40)), ("9.05", time(9, 5)), (" 905 ", time(9, 5))],
)
def test_times_typed_in_the_usual_ways(text, expected):
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["", "24:00", "10:60", "ten", "10:4", "1:2:3", "12345"])
def test_what_is_not_a_time(text):
    assert parse_clock(text) is None
