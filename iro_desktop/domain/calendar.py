"""Working days: Monday to Friday, less England and Wales bank holidays (the `holidays` package)."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


class WorkingDayCalendar:
    """Working-day arithmetic. `extra_closures` adds local closure days (e.g. a council's Christmas
    shutdown) on top of bank holidays."""

    def __init__(self, extra_closures: Iterable[date] = ()) -> None:
        self._extra = frozenset(extra_closures)

    def is_bank_holiday(self, day: date) -> bool:
        return day in _bank_holidays(day.year)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_bank_holiday(day) and day not in self._extra

    def add_working_days(self, start: date, days: int) -> date:
        """The day `days` working days after `start` (before it when negative). Day 0 is `start` itself
        moved forward to a working day."""
        step = 1 if days >= 0 else -1
        current = start
        if days == 0:
            while not self.is_working_day(current):
                current += timedelta(days=1)
            return current
        remaining = abs(days)
        while remaining:
            current += timedelta(days=step)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if end is before start)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        low, high = (start, end) if sign > 0 else (end, start)
        count = 0
        day = low + timedelta(days=1)
        while day <= high:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return sign * count


def add_months(day: date, months: int) -> date:
    """Same day of the month, `months` later; clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """'3 March 2026': the same words on every machine, whatever its locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
