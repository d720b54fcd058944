"""Reporting periods: the year 1 April to 31 March (default), quarters, months, custom ranges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from iro_desktop.domain.calendar import add_months

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both inclusive. `months` is set for calendar-aligned periods (year,
    quarter, month), so the previous period is the previous year/quarter/month; a custom range's
    previous period is the same number of days just before it."""

    start: date
    end: date
    label: str
    months: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        if self.months is not None:
            start = add_months(self.start, -self.months)
            return _aligned(start, self.months)
        end = self.start - timedelta(days=1)
        start = end - timedelta(days=self.days - 1)
        return custom(start, end)


def _aligned(start: date, months: int) -> Period:
    end = add_months(start, months) - timedelta(days=1)
    if months == 12:
        return reporting_year(start.year if start.month >= 4 else start.year - 1)
    if months == 3:
        first_month = start.month
        year = start.year if first_month >= 4 else start.year - 1
        q = ((first_month - 4) % 12) // 3 + 1
        return Period(start, end, f"Q{q} {year}-{str(year + 1)[-2:]}", 3)
    if months == 1:
        return Period(start, end, f"{_MONTHS[start.month - 1]} {start.year}", 1)
    return Period(start, end, f"{start.isoformat()} to {end.isoformat()}", months)


def reporting_year(first_year: int) -> Period:
    """1 April `first_year` to 31 March the next year, labelled e.g. '2025-26'."""
    return Period(
        date(first_year, 4, 1), date(first_year + 1, 3, 31), f"{first_year}-{str(first_year + 1)[-2:]}", 12
    )


def year_containing(day: date) -> Period:
    return reporting_year(day.year if day.month >= 4 else day.year - 1)


def quarter(first_year: int, number: int) -> Period:
    """Quarter 1-4 of the reporting year starting 1 April `first_year` (Q1 = April to June)."""
    if not 1 <= number <= 4:
        raise ValueError("A quarter is numbered 1 to 4.")
    start = add_months(date(first_year, 4, 1), 3 * (number - 1))
    return _aligned(start, 3)


def month(year: int, number: int) -> Period:
    return _aligned(date(year, number, 1), 1)


def custom(start: date, end: date, label: str | None = None) -> Period:
    """A range of days. One that is exactly whole months (the 1st to the last day of a month) compares
    with the same months just before it; exactly a reporting year is that reporting year (so
    1 April 2024 to 31 March 2025 compares with 2023-24, not with 366 days back)."""
    after = end + timedelta(days=1)
    if start.day == 1 and after.day == 1 and end >= start:
        months = (after.year - start.year) * 12 + after.month - start.month
        named = (
            (months == 12 and start.month == 4)
            or (months == 3 and start.month in (1, 4, 7, 10))
            or months == 1
        )
        if label is None and named:  # a reporting year, a quarter of one, a calendar month
            return _aligned(start, months)
        return Period(start, end, label or f"{start.isoformat()} to {end.isoformat()}", months)
    return Period(start, end, label or f"{start.isoformat()} to {end.isoformat()}")
