"""Appending to and reading the hash-chained audit trail, inside the caller's unit of work.

On PostgreSQL many desktops append at once (issue 16): each append first takes a transaction-level
advisory lock, so the next sequence number and the previous link are read only after every earlier
appender has committed or rolled back, and the lock is held until this transaction ends. The insert runs
in a savepoint, retried on a unique or serialization violation (a writer that did not take the lock).
SQLite serialises writers itself (one writer at a time).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from iro_desktop.domain.audit import GENESIS, AuditAction, AuditEvent, canonical, event_hash
from iro_desktop.store.audit_anchor import note_appended
from iro_desktop.store.models import AuditRow
from iro_desktop.store.models.base import utcnow


def append_event(
    session: Session,
    actor: str,
    action: AuditAction,
    entity_type: str,
    entity_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditRow:
    """Add the next link of the chain; it commits (or not) with the change it describes."""
    if session.get_bind().dialect.name != "postgresql":
        # SQLite: a write that changes nothing takes the write lock (waiting out the busy timeout)
        # before the last link is read, so two threads of one app cannot read the same one.
        session.execute(text("UPDATE audit_events SET seq = seq WHERE 0"))
        return _append(session, actor, action, entity_type, entity_id, before, after)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    for attempt in range(1, APPEND_ATTEMPTS + 1):
        try:
            with session.begin_nested():
                return _append(session, actor, action, entity_type, entity_id, before, after)
        except DBAPIError as exc:
            if attempt == APPEND_ATTEMPTS or getattr(exc.orig, "sqlstate", None) not in RETRIED_SQLSTATES:
                raise
    raise AssertionError("unreachable")


# The advisory lock's key: one lock for the whole trail ("IROA" as a 32-bit number).
AUDIT_LOCK_KEY = 0x49524F41
APPEND_ATTEMPTS = 5
RETRIED_SQLSTATES = frozenset({"23505", "40001", "40P01"})  # unique violation, serialization, deadlock


def _append(
    session: Session,
    actor: str,
    action: AuditAction,
    entity_type: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditRow:
    last = session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).first()
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.hash
    at = utcnow()
    before_json, after_json = canonical(before), canonical(after)
    row = AuditRow(
        seq=seq,
        at=at,
        actor=actor,
        action=action.value,
        entity_type=entity_type,
        entity_id=entity_id,
        before_json=before_json,
        after_json=after_json,
        prev_hash=prev,
        hash=event_hash(prev, seq, at, actor, action.value, entity_type, entity_id, before_json, after_json),
    )
    session.add(row)
    session.flush()
    note_appended(session, seq, prev, row.hash)  # the anchor file follows once this commits
    return row


def chain_rows(session: Session) -> list[tuple[Any, ...]]:
    rows = session.execute(
        select(
            AuditRow.seq,
            AuditRow.at,
            AuditRow.actor,
            AuditRow.action,
            AuditRow.entity_type,
            AuditRow.entity_id,
            AuditRow.before_json,
            AuditRow.after_json,
            AuditRow.prev_hash,
            AuditRow.hash,
        ).order_by(AuditRow.seq)
    )
    return [tuple(r) for r in rows]


def to_domain(row: AuditRow) -> AuditEvent:
    import json

    return AuditEvent(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=AuditAction(row.action),
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        before=json.loads(row.before_json),
        after=json.loads(row.after_json),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def recent_events(session: Session, entity_id: str | None = None, limit: int = 500) -> list[AuditEvent]:
    stmt = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
    if entity_id:
        stmt = stmt.where(AuditRow.entity_id == entity_id)
    return [to_domain(r) for r in session.scalars(stmt)]
