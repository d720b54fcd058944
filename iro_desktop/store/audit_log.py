"""Appending to and reading the hash-chained audit trail, inside the caller's unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
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
