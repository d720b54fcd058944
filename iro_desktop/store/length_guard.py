"""Text too long for its column is refused the same way on every database (issue 16).

PostgreSQL refuses a value longer than its VARCHAR; SQLite stores it whatever the declared length. The
domain checks each field it knows (with a message next to the field); this guard, run before every
flush, refuses anything that slipped past with a ValidationError naming the column, so a save that
fails on a team server also fails on a laptop, before anything is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from iro_desktop.domain.errors import Problem, raise_if


def _limits(model: type[Any]) -> tuple[tuple[str, int], ...]:
    cached = _LIMITS.get(model)
    if cached is None:
        cached = tuple(
            (attr.key, column.type.length)
            for attr in inspect(model).column_attrs
            for column in attr.columns[:1]
            if isinstance(column.type, String) and column.type.length
        )
        _LIMITS[model] = cached
    return cached


_LIMITS: dict[type[Any], tuple[tuple[str, int], ...]] = {}


def too_long(row: object) -> list[Problem]:
    """The text fields of `row` longer than their columns allow."""
    problems = []
    for key, length in _limits(type(row)):
        value = getattr(row, key, None)
        if isinstance(value, str) and len(value) > length:
            problems.append(Problem(key, f"Use at most {length} characters (this has {len(value)})."))
    return problems


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    raise_if([problem for row in (*session.new, *session.dirty) for problem in too_long(row)])


def install() -> None:
    """On every session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)


install()
