"""Queries for a subject-access bundle (issue 18): who may be named, and the conferences they are in."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from iro_desktop.domain.people import Role
from iro_desktop.store.models import (
    ChildRow,
    ConferenceRow,
    CorrectionRequestRow,
    DecisionLetterRow,
    FamilyRow,
    InvitationRow,
    PersonRow,
)

_FAMILY_ROLES = [r.value for r in Role if r.is_family]
LIMIT = 200


class SubjectAccessRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def family_people(self, text: str) -> list[tuple[PersonRow, FamilyRow]]:
        """Family members (parents, carers, relatives, a child on the list) whose name holds `text`,
        compared case-folded in Python (SQLite's lower() leaves Ł, Ó and the like as they are)."""
        stmt = (
            select(PersonRow, FamilyRow)
            .join(FamilyRow, FamilyRow.id == PersonRow.family_id)
            .where(PersonRow.role.in_(_FAMILY_ROLES))
            .order_by(PersonRow.name)
        )
        wanted = text.casefold()
        found = [(p, f) for p, f in self.session.execute(stmt).unique() if wanted in p.name.casefold()]
        return found[:LIMIT]

    def children(self, text: str) -> list[tuple[ChildRow, FamilyRow]]:
        """Children whose name or family reference holds `text` (case-folded)."""
        stmt = select(ChildRow, FamilyRow).join(FamilyRow, FamilyRow.id == ChildRow.family_id)
        wanted = text.casefold()
        found = [
            (c, f)
            for c, f in self.session.execute(stmt).unique()
            if wanted in f"{c.given_name} {c.family_name}".casefold() or wanted in f.reference.casefold()
        ]
        return sorted(found, key=lambda cf: cf[0].given_name.casefold())[:LIMIT]

    def person(self, person_id: str) -> PersonRow | None:
        return self.session.get(PersonRow, person_id)

    def child(self, child_id: str) -> ChildRow | None:
        return self.session.get(ChildRow, child_id)

    def family(self, family_id: str) -> FamilyRow | None:
        return self.session.get(FamilyRow, family_id)

    def conferences(self, family_id: str, person_id: str) -> list[ConferenceRow]:
        """The family's conferences and any other the person was on the list of, oldest first."""
        invited = select(InvitationRow.conference_id).where(InvitationRow.person_id == person_id)
        stmt = (
            select(ConferenceRow)
            .where(or_(ConferenceRow.family_id == family_id, ConferenceRow.id.in_(invited)))
            .order_by(ConferenceRow.scheduled_date)
        )
        return list(self.session.scalars(stmt))

    def letters(self, person_id: str) -> dict[str, DecisionLetterRow]:
        rows = self.session.scalars(select(DecisionLetterRow).where(DecisionLetterRow.person_id == person_id))
        return {r.conference_id: r for r in rows}

    def corrections(self, person_id: str) -> list[CorrectionRequestRow]:
        stmt = select(CorrectionRequestRow).where(CorrectionRequestRow.person_id == person_id)
        return list(self.session.scalars(stmt))
