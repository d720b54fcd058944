"""Queries for unrecorded drafts: one per conference, child (or none) and kind."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.store.models import UnrecordedDraftRow


class DraftRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, conference_id: str, child_id: str | None, kind: str) -> UnrecordedDraftRow | None:
        """The draft of this kind for the child (`child_id` None: the conference's own, e.g. a plan
        action being typed)."""
        child = (
            UnrecordedDraftRow.child_id.is_(None)
            if child_id is None
            else UnrecordedDraftRow.child_id == child_id
        )
        return self.session.scalars(
            select(UnrecordedDraftRow).where(
                UnrecordedDraftRow.conference_id == conference_id, child, UnrecordedDraftRow.kind == kind
            )
        ).first()

    def add(self, row: UnrecordedDraftRow) -> UnrecordedDraftRow:
        self.session.add(row)
        return row

    def remove(self, row: UnrecordedDraftRow) -> None:
        self.session.delete(row)
