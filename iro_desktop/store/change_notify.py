"""Live updates between desktops on a team server (issue 16 item 3): every write is announced with
`NOTIFY iro_changes, '<topic>:<id>'` in the same transaction (PostgreSQL delivers it only on commit, and
never for a rolled-back one). Ids only, never personal data. SQLite: nothing is sent.

The other side is store.change_listener: one listening connection per desktop.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from iro_desktop.domain.changes import Change, Topic
from iro_desktop.store.change_capture import TOPIC_OF_TABLE, row_change

CHANNEL = "iro_changes"
MAX_PAYLOAD = 7900  # PostgreSQL refuses a payload of 8000 bytes or more
_NOTIFY = text(f"SELECT pg_notify('{CHANNEL}', p) FROM unnest(CAST(:payloads AS text[])) AS p")


def payload(change: Change) -> str:
    return f"{change.topic.value}:{change.id}"[:MAX_PAYLOAD]


def parse(raw: str) -> Change | None:
    """A notification's payload as a change; None for one this version does not know."""
    topic, _, ident = raw.partition(":")
    try:
        return Change(Topic(topic), ident)
    except ValueError:
        return None


def _on_server(session: Session) -> bool:
    bind = session.get_bind()
    return bind.dialect.name == "postgresql"


def _send(session: Session, changes: set[Change]) -> None:
    if changes:
        session.connection().execute(_NOTIFY, {"payloads": sorted(payload(c) for c in changes)})


@event.listens_for(Session, "after_flush")
def _announce_rows(session: Session, flush_context: UOWTransaction) -> None:
    if not _on_server(session):
        return
    objects: list[Any] = [*session.new, *session.deleted]
    objects += [o for o in session.dirty if session.is_modified(o, include_collections=False)]
    objects += [state.obj() for state, (is_delete, _) in flush_context.states.items() if is_delete]
    changes = {c for c in (row_change(o) for o in objects if o is not None) if c is not None}
    changes.discard(Change(Topic.AUDIT, ""))
    _send(session, {c for c in changes if c.topic is not Topic.AUDIT})


@event.listens_for(Session, "do_orm_execute")
def _announce_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete) or not _on_server(state.session):
        return
    table = getattr(state.statement, "table", None)
    topic = TOPIC_OF_TABLE.get(getattr(table, "name", ""))
    if topic is not None and topic is not Topic.AUDIT:
        _send(state.session, {Change(topic)})
