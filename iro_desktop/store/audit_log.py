"""Appending to and reading the hash-chained audit trail, inside the caller's unit of work.

On PostgreSQL many desktops append at once (issue 16): the chain is serialised by one transaction-level
advisory lock, so the next sequence number and the previous link are read only after every earlier
appender has committed or rolled back. That lock is the whole team's, so it is held as briefly as it can
be: `append_event` only queues the entry, and the entries are written as the unit of work commits, after
everything else it changed has been written (`write_pending`, from the session's `before_commit`). Under
the lock there are then four round trips: the lock, the last link, the insert, the commit. The insert is
`ON CONFLICT (seq) DO NOTHING`: a row at that number (a writer that did not take the lock) is met by
reading the last link again and trying the next number, with no savepoint (the transaction stays good).
A queued entry goes with the transaction (or savepoint) it was queued in when that rolls back.
SQLite serialises writers itself (one writer at a time): the entry is written at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session, SessionTransaction

from iro_desktop.domain.audit import GENESIS, AuditAction, AuditEvent, canonical, event_hash
from iro_desktop.store.audit_anchor import note_appended
from iro_desktop.store.models import AuditRow
from iro_desktop.store.models.base import utcnow

# The advisory lock's key: one lock for the whole trail ("IROA" as a 32-bit number).
AUDIT_LOCK_KEY = 0x49524F41
APPEND_ATTEMPTS = 5  # numbers tried for one entry before giving up (only a lock-less writer takes one)
_PENDING = "audit_pending"  # Session.info: the entries queued on PostgreSQL, written as it commits


@dataclass(frozen=True)
class _Pending:
    """An entry queued to be written at commit, and the (innermost) transaction it was queued in."""

    actor: str
    action: str
    entity_type: str
    entity_id: str
    before_json: str
    after_json: str
    transaction: SessionTransaction


def append_event(
    session: Session,
    actor: str,
    action: AuditAction,
    entity_type: str,
    entity_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add the next link of the chain; it commits (or not) with the change it describes."""
    before_json, after_json = canonical(before), canonical(after)
    if session.get_bind().dialect.name != "postgresql":
        # SQLite: a write that changes nothing takes the write lock (waiting out the busy timeout)
        # before the last link is read, so two threads of one app cannot read the same one.
        session.execute(text("UPDATE audit_events SET seq = seq WHERE 0"))
        seq, prev = _last_link(session)
        _insert_row(
            session, seq, prev, utcnow(), actor, action.value, entity_type, entity_id, before_json, after_json
        )
        return
    transaction = session.get_nested_transaction() or session.get_transaction() or session.begin()
    session.info.setdefault(_PENDING, []).append(
        _Pending(actor, action.value, entity_type, entity_id, before_json, after_json, transaction)
    )


def has_pending(session: Session) -> bool:
    """Whether entries are queued to be written when this session commits (PostgreSQL)."""
    return bool(session.info.get(_PENDING))


def write_pending(session: Session) -> None:
    """Write the queued entries, in the order they were appended, as the last thing before the commit:
    everything else is flushed first, so the trail's lock is held for the appends and the commit only."""
    pending: list[_Pending] = session.info.pop(_PENDING, None) or []
    if not pending:
        return
    session.flush()
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    seq, prev = _last_link(session)
    for entry in pending:
        for attempt in range(1, APPEND_ATTEMPTS + 1):
            at = utcnow()
            digest = event_hash(
                prev,
                seq,
                at,
                entry.actor,
                entry.action,
                entry.entity_type,
                entry.entity_id,
                entry.before_json,
                entry.after_json,
            )
            stored = session.execute(
                pg_insert(AuditRow)
                .values(
                    seq=seq,
                    at=at,
                    actor=entry.actor,
                    action=entry.action,
                    entity_type=entry.entity_type,
                    entity_id=entry.entity_id,
                    before_json=entry.before_json,
                    after_json=entry.after_json,
                    prev_hash=prev,
                    hash=digest,
                )
                .on_conflict_do_nothing(index_elements=[AuditRow.seq])
                .returning(AuditRow.seq)
            ).first()
            if stored is not None:
                note_appended(session, seq, prev, digest)  # the anchor file follows once this commits
                seq, prev = seq + 1, digest
                break
            if attempt == APPEND_ATTEMPTS:
                raise RuntimeError(f"The audit trail kept moving on under its lock ({attempt} attempts).")
            seq, prev = _last_link(session)  # a writer without the lock took this number: read again


def _last_link(session: Session) -> tuple[int, str]:
    """The next sequence number and the link it follows."""
    last = session.execute(select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)).first()
    return (1, GENESIS) if last is None else (last.seq + 1, last.hash)


def _insert_row(
    session: Session,
    seq: int,
    prev: str,
    at: datetime,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    before_json: str,
    after_json: str,
) -> None:
    row = AuditRow(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before_json=before_json,
        after_json=after_json,
        prev_hash=prev,
        hash=event_hash(prev, seq, at, actor, action, entity_type, entity_id, before_json, after_json),
    )
    session.add(row)
    session.flush()
    note_appended(session, seq, prev, row.hash)  # the anchor file follows once this commits


@event.listens_for(Session, "before_commit")
def _write_at_commit(session: Session) -> None:
    if session.get_nested_transaction() is None:  # the transaction itself commits, not a savepoint
        write_pending(session)


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous: SessionTransaction) -> None:
    """Entries queued in the transaction or savepoint that rolled back (or one inside it) go with it."""
    pending: list[_Pending] | None = session.info.get(_PENDING)
    if pending:
        session.info[_PENDING] = [e for e in pending if not _within(e.transaction, previous)]


@event.listens_for(Session, "after_transaction_end")
def _drop_at_end(session: Session, transaction: SessionTransaction) -> None:
    """The session's transaction ended (committed: written already; else rolled back or closed)."""
    if transaction.parent is None and not transaction.nested:
        session.info.pop(_PENDING, None)


def _within(transaction: SessionTransaction | None, ancestor: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


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
