"""Dates in an extract: ISO and UK accepted, every other shape refused with a message saying why."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.history.dates import DateFormatError, parse_date

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(DAYS)
def test_iso_and_uk_read_the_same_day(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day:%d/%m/%Y}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day  # Excel drops leading zeros


@given(DAYS)
def test_a_midnight_time_from_a_database_extract_is_dropped(day):
    assert parse_date(f"{day.isoformat()} 00:00:00.000") == day
    assert parse_date(f"{day:%d/%m/%Y} 00:00") == day


@pytest.mark.parametrize("blank", ["", "  "])
def test_blank_is_no_date(blank):
    assert parse_date(blank) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/02/2019", "February 2019 has no day 31 (read as DD/MM/YYYY)"),
        ("2019-02-29", "February 2019 has no day 29 (read as YYYY-MM-DD)"),
        ("03/31/2019", "there is no month 31 (read as DD/MM/YYYY)"),
        ("2019/03/04", "not a date in a format we read: use YYYY-MM-DD"),
        ("4 March 2019", "not a date in a format we read"),
        ("04/03/19", "write the year in full"),
        ("04/03/0019", "is not a year"),
    ],
)
def test_a_bad_date_says_why(text, says):
    with pytest.raises(DateFormatError, match=says.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)


@given(st.text(max_size=12))
def test_any_text_is_a_date_or_a_clear_refusal(text):
    message = ""
    try:
        parse_date(text)
    except DateFormatError as error:
        message = str(error)
    assert not message or text.strip() in message or "year" in message
