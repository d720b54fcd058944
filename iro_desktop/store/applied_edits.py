"""Idempotency keys for replayed edits (issue 16 item 4).

An edit kept in a desktop's outage journal is applied with `applying(key)` around the ordinary service
call: the first unit of work of that call that writes anything also writes the key (table
`applied_edits`) in the same transaction. A key already there means the edit was applied before (the
server took it, then went away before saying so): the first unit of work of the call raises
`AlreadyApplied` as it begins, before anything is done, and the journal counts the edit as done.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy.orm import Session

from iro_desktop.store import audit_log, change_capture
from iro_desktop.store.models import AppliedEditRow


class AlreadyApplied(Exception):  # noqa: N818  (not an error: the edit is in the records already)
    """This edit's key is in the records: it was applied before; nothing was written now."""


@dataclass
class _Key:
    value: str
    written: bool = False


_current: ContextVar[_Key | None] = ContextVar("iro_edit_key", default=None)


@contextmanager
def applying(key: str) -> Iterator[None]:
    """Run one edit's service call under its idempotency key."""
    token = _current.set(_Key(key))
    try:
        yield
    finally:
        _current.reset(token)


def is_applied(session: Session, key: str) -> bool:
    return session.get(AppliedEditRow, key) is not None


def on_begin(session: Session) -> None:
    """Called as a unit of work begins: under a key already applied, nothing is done again (checked
    before the edit touches anything, so it never meets its own earlier rows)."""
    current = _current.get()
    if current is not None and not current.written and is_applied(session, current.value):
        raise AlreadyApplied(current.value)


def before_commit(session: Session) -> None:
    """Called by the unit of work before it commits: write the current key with the first write."""
    current = _current.get()
    if current is None or current.written:
        return
    written = session.new or session.dirty or session.deleted or change_capture.flushed(session)
    if not (written or audit_log.has_pending(session)):  # an audit entry is written as it commits
        return  # nothing written (a read): the key waits for the unit of work that writes
    session.add(AppliedEditRow(key=current.value))
    current.written = True


def forget_written() -> None:
    """The commit failed after the key was added: the next attempt writes it again."""
    current = _current.get()
    if current is not None:
        current.written = False
