"""What a conference's documents read besides the other services' results: the record (its sections,
distribution list and locked versions), people by id and when the children's open plans started."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from iro_desktop.store.models import ChildPlanHistoryRow, PersonRow, RecordRow
from iro_desktop.store.repositories import CHUNK


def record_for(session: Session, conference_id: str) -> RecordRow | None:
    """The conference's record, if one was started (at most one per conference)."""
    return session.scalars(select(RecordRow).where(RecordRow.conference_id == conference_id)).first()


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, conference_id: str) -> RecordRow | None:
        return record_for(self.session, conference_id)

    def people(self, person_ids: Iterable[str]) -> dict[str, PersonRow]:
        """Person id -> row for those of `person_ids` still in the register (any number of ids: one
        query per 500)."""
        wanted = sorted(set(person_ids))
        out: dict[str, PersonRow] = {}
        for at in range(0, len(wanted), CHUNK):
            stmt = select(PersonRow).where(PersonRow.id.in_(wanted[at : at + CHUNK]))
            out.update((row.id, row) for row in self.session.scalars(stmt))
        return out

    def earliest_open_plan_start(self, child_ids: Collection[str], on_or_before: date) -> date | None:
        """The earliest start, on or before the given day, of the children's plan periods not yet ended
        (None when none of them has one)."""
        if not child_ids:
            return None
        stmt = select(func.min(ChildPlanHistoryRow.started_on)).where(
            ChildPlanHistoryRow.child_id.in_(sorted(set(child_ids))),
            ChildPlanHistoryRow.started_on <= on_or_before,
            ChildPlanHistoryRow.ended_on.is_(None),
        )
        return self.session.scalar(stmt)
