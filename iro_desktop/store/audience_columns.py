"""Reading and writing the audience columns of any row that has them (store/models/audience.py), and the
parts of a meeting people spent out of the room."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.audience import Audience, excluded_json, from_stored, kept_from
from iro_desktop.store.models import RoomAbsenceRow


class HasAudience(Protocol):
    audience_kind: str
    audience_excluded: str
    audience_reason: str
    audience_reason_words: str


def read_audience(row: HasAudience) -> Audience:
    return from_stored(
        row.audience_kind, row.audience_excluded, row.audience_reason, row.audience_reason_words
    )


def write_audience(row: HasAudience, audience: Audience) -> None:
    row.audience_kind = audience.kind.value
    row.audience_excluded = excluded_json(audience)
    row.audience_reason = audience.reason.value if audience.reason else ""
    row.audience_reason_words = audience.reason_words


class RoomAbsenceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_conference(self, conference_id: str) -> list[RoomAbsenceRow]:
        stmt = (
            select(RoomAbsenceRow)
            .where(RoomAbsenceRow.conference_id == conference_id)
            .order_by(RoomAbsenceRow.started_at, RoomAbsenceRow.id)
        )
        return list(self.session.scalars(stmt))

    def open_for(self, conference_id: str) -> list[RoomAbsenceRow]:
        """Who is out of the room now."""
        return [r for r in self.for_conference(conference_id) if r.ended_at is None]

    def add(self, conference_id: str, person_id: str, started_at: datetime) -> RoomAbsenceRow:
        row = RoomAbsenceRow(conference_id=conference_id, person_id=person_id, started_at=started_at)
        self.session.add(row)
        return row


def out_of_room(session: Session, conference_id: str) -> list[str]:
    """The ids of the people out of the room now."""
    return sorted({r.person_id for r in RoomAbsenceRepository(session).open_for(conference_id)})


def capture_audience(session: Session, conference_id: str, row: HasAudience) -> None:
    """Content written now is kept from whoever is out of the room (every capturing service calls it)."""
    with session.no_autoflush:  # the row may be half filled yet
        out = out_of_room(session, conference_id)
    if out:
        write_audience(row, kept_from(read_audience(row), out))
