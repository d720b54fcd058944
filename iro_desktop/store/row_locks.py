"""Row locks between an approval and the edits that race it (issue 16 item 3).

An approval snapshots a record's content and locks it; an edit arriving meanwhile must either land
before the snapshot or be refused, never after it (the final version would lack it and its lock read as
broken). So every edit of a record's content first takes the record's row lock shared, and re-reads the
record's state under it; the approval takes it exclusively before it reads anything it snapshots.

- PostgreSQL: `SELECT ... FOR SHARE` (edits, which do not wait for each other) and `SELECT ... FOR
  UPDATE` (the approval). A waiting edit reads the row as the approval committed it.
- SQLite: one writer at a time. Each takes the database's write lock (a write that changes nothing)
  before reading the record, so the read is of what the last writer committed.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session, joinedload

from iro_desktop.store.models import ConferenceRow, RecordRow


def _sqlite_write_lock(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        session.execute(text("UPDATE audit_events SET seq = seq WHERE 0"))


def record_for_edit(session: Session, conference_id: str) -> RecordRow | None:
    """The conference's record as committed now, its row locked against an approval until this unit of
    work ends (None: no record yet). Its locked versions come in the same query (every edit's guard asks
    whether there are any: one round trip fewer per save on the team store)."""
    _sqlite_write_lock(session)
    stmt = (
        select(RecordRow)
        .where(RecordRow.conference_id == conference_id)
        .options(joinedload(RecordRow.versions))
        .with_for_update(read=True, of=RecordRow)
        .execution_options(populate_existing=True)
    )
    rows = session.scalars(stmt).unique().all()  # .first() would keep only the first version's row
    return rows[0] if rows else None


def record_for_approval(session: Session, conference_id: str) -> RecordRow | None:
    """The conference's record locked exclusively: edits of its content wait (and are then refused)
    until this unit of work ends."""
    _sqlite_write_lock(session)
    stmt = (
        select(RecordRow)
        .where(RecordRow.conference_id == conference_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.scalars(stmt).first()


def family_records_for_edit(session: Session, family_id: str) -> list[RecordRow]:
    """Every record of the family's conferences, locked shared (a change to the family's names or
    children waits for an approval in progress, then sees its locked version)."""
    _sqlite_write_lock(session)
    stmt = (
        select(RecordRow)
        .join(ConferenceRow, ConferenceRow.id == RecordRow.conference_id)
        .where(ConferenceRow.family_id == family_id)
        .order_by(RecordRow.id)
        .with_for_update(read=True, of=RecordRow)
        .execution_options(populate_existing=True)
    )
    return list(session.scalars(stmt))
