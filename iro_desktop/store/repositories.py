"""Queries and row-to-domain mapping for families, children and conferences."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from iro_desktop.domain.conference import ClockStartKind, Conference, ConferenceStatus, ConferenceType
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.family import Child, Family, Gender
from iro_desktop.store.models import ChildRow, ConferenceRow, FamilyRow, PersonRow


def child_to_domain(row: ChildRow) -> Child:
    return Child(
        id=row.id,
        family_id=row.family_id,
        given_name=row.given_name,
        family_name=row.family_name,
        date_of_birth=row.date_of_birth,
        expected_date=row.expected_date,
        unborn=row.unborn,
        gender=Gender(row.gender),
        ethnicity_code=row.ethnicity_code,
        disability=row.disability,
        case_number=row.case_number,
    )


def family_to_domain(row: FamilyRow) -> Family:
    return Family(
        id=row.id,
        reference=row.reference,
        name=row.name,
        children=tuple(child_to_domain(c) for c in row.children),
    )


def conference_to_domain(row: ConferenceRow) -> Conference:
    return Conference(
        id=row.id,
        family_id=row.family_id,
        conference_type=ConferenceType(row.conference_type),
        clock_start=row.clock_start,
        scheduled_date=row.scheduled_date,
        start_time=row.start_time,
        venue=row.venue,
        status=ConferenceStatus(row.status),
        chair_name=row.chair_name,
        clock_start_kind=ClockStartKind(row.clock_start_kind) if row.clock_start_kind else None,
        clerk_name=row.clerk_name,
        interpreter_language=row.interpreter_language,
        previous_conference_id=row.previous_conference_id,
        held_on=row.held_on,
        lateness_reason=row.lateness_reason,
        stood_down_reason=row.stood_down_reason,
        status_note=row.status_note,
        rearranged_to_id=row.rearranged_to_id,
        report_to_parents_on=row.report_to_parents_on,
        report_to_chair_on=row.report_to_chair_on,
        quoracy_override_reason=row.quoracy_override_reason,
        core_group_on=row.core_group_on,
        record_distributed_on=row.record_distributed_on,
    )


class FamilyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, family_id: str) -> FamilyRow:
        row = self.session.get(FamilyRow, family_id)
        if row is None:
            raise NotFound("That family is no longer in the records.")
        return row

    def by_reference(self, reference: str) -> FamilyRow | None:
        return self.session.scalars(select(FamilyRow).where(FamilyRow.reference == reference)).first()

    def search(self, text: str = "") -> list[FamilyRow]:
        stmt = select(FamilyRow).options(selectinload(FamilyRow.children)).order_by(FamilyRow.name)
        needle = text.strip()
        if needle:
            like = f"%{needle}%"
            child_match = (
                select(ChildRow.family_id)
                .where(
                    or_(
                        ChildRow.given_name.ilike(like),
                        ChildRow.family_name.ilike(like),
                        ChildRow.case_number.ilike(like),
                    )
                )
                .scalar_subquery()
            )
            # Issue 3: family members (parents, carers, network) are found by name too.
            person_match = (
                select(PersonRow.family_id)
                .where(PersonRow.family_id.is_not(None), PersonRow.name.ilike(like))
                .scalar_subquery()
            )
            stmt = stmt.where(
                or_(
                    FamilyRow.name.ilike(like),
                    FamilyRow.reference.ilike(like),
                    FamilyRow.id.in_(child_match),
                    FamilyRow.id.in_(person_match),
                )
            )
        return list(self.session.scalars(stmt))

    def add(self, row: FamilyRow) -> FamilyRow:
        self.session.add(row)
        return row


class ConferenceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conference_id: str) -> ConferenceRow:
        row = self.session.get(ConferenceRow, conference_id)
        if row is None:
            raise NotFound("That conference is no longer in the records.")
        return row

    def for_family(self, family_id: str) -> list[ConferenceRow]:
        stmt = (
            select(ConferenceRow)
            .where(ConferenceRow.family_id == family_id)
            .order_by(ConferenceRow.scheduled_date)
        )
        return list(self.session.scalars(stmt))

    def upcoming(self) -> list[ConferenceRow]:
        stmt = select(ConferenceRow).order_by(ConferenceRow.scheduled_date, ConferenceRow.start_time)
        return list(self.session.scalars(stmt))

    def add(self, row: ConferenceRow) -> ConferenceRow:
        self.session.add(row)
        return row
