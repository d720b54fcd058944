"""Times as the people in the room read and type them. The store keeps moments in UTC without a zone
(decisions, joins and leaves, approvals: one clock, so they compare exactly); a chair in England reads
and types them in England's time, which is an hour ahead of UTC in summer (BST)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

ENGLAND = ZoneInfo("Europe/London")


def local(at: datetime) -> datetime:
    """A stored moment (naive UTC) as the clock on the wall in England showed it (naive)."""
    return at.replace(tzinfo=UTC).astimezone(ENGLAND).replace(tzinfo=None)


def stored(day: date, at: time) -> datetime:
    """The stored moment (naive UTC) for a time of day typed in England on `day`. In the hour the clocks
    go back, the earlier of the two readings is meant (fold 0)."""
    return datetime.combine(day, at, ENGLAND).astimezone(UTC).replace(tzinfo=None, microsecond=0)


def clock_text(at: datetime) -> str:
    """HH:MM in England's time."""
    return f"{local(at):%H:%M}"


def parse_clock(text: str) -> time | None:
    """ "10:40", "1040" or "9.05" as a time of day; None when it is not one."""
    cleaned = text.strip().replace(".", ":")
    if cleaned.isdigit() and len(cleaned) in (3, 4):
        cleaned = f"{cleaned[:-2]}:{cleaned[-2:]}"
    hours, sep, minutes = cleaned.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return None
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return time(h, m)
