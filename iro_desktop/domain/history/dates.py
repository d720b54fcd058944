"""Dates in an extract: ISO `YYYY-MM-DD` or UK `DD/MM/YYYY`, each problem said in words."""

from __future__ import annotations

import re
from datetime import date

from iro_desktop.domain.calendar import MONTH_NAMES
from iro_desktop.domain.text_rules import DATE_MAX, DATE_MIN, range_message

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SHORT_YEAR = re.compile(r"^\d{1,2}/\d{1,2}/\d{2}$")
# Database extracts often add a midnight time to a date: accepted and dropped.
_MIDNIGHT = re.compile(r"[ T]00:00(:00(\.0+)?)?$")

FORMATS = "YYYY-MM-DD (2019-03-04) or DD/MM/YYYY (04/03/2019)"


class DateFormatError(ValueError):
    """The text is not a date this format reads; the message says why in words."""


def parse_date(text: str) -> date | None:
    """The date in a cell; None when the cell is blank. Raises DateFormatError with a clear message."""
    value = _MIDNIGHT.sub("", text.strip())
    if not value:
        return None
    iso, uk = _ISO.match(value), _UK.match(value)
    if iso:
        year, month, day, style = int(iso[1]), int(iso[2]), int(iso[3]), "YYYY-MM-DD"
    elif uk:
        day, month, year, style = int(uk[1]), int(uk[2]), int(uk[3]), "DD/MM/YYYY"
    elif _SHORT_YEAR.match(value):
        raise DateFormatError(f"“{text.strip()}”: write the year in full, DD/MM/YYYY.")
    else:
        raise DateFormatError(f"“{text.strip()}” is not a date in a format we read: use {FORMATS}.")
    if not DATE_MIN.year <= year <= DATE_MAX.year:  # the range typing and conference files accept
        raise DateFormatError(
            range_message(f"“{text.strip()}”").removesuffix(".")
            + f": {year} is not a year these records hold."
        )
    if not 1 <= month <= 12:
        raise DateFormatError(
            f"“{text.strip()}” is not a date that exists: there is no month {month} (read as {style})."
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DateFormatError(
            f"“{text.strip()}” is not a date that exists: {MONTH_NAMES[month - 1]} {year} has no day {day} "
            f"(read as {style})."
        ) from None
