"""Queries and row-to-domain mapping for people, agencies, invitations, advocacy, local rules and
plan history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.attendance import AdvocacyAnswer, AdvocacyRecord, Attendance, Invitation, TookPart
from iro_desktop.domain.chairing import Answer, Chairing, ChairRole, ChildPractitioner, PractitionerKind
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.people import Agency, AgencyKind, Person, PlanHistoryEntry, Role
from iro_desktop.store.audience_columns import read_audience
from iro_desktop.store.models import (
    AdvocacyRow,
    AgencyRow,
    ChildPlanHistoryRow,
    ChildPractitionerRow,
    ChildRow,
    ConferenceRow,
    InvitationRow,
    LocalRuleRow,
    PersonRow,
)


def agency_to_domain(row: AgencyRow) -> Agency:
    return Agency(id=row.id, name=row.name, kind=AgencyKind(row.kind))


def person_to_domain(row: PersonRow) -> Person:
    agency = row.agency
    return Person(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        agency_id=row.agency_id,
        agency_name=agency.name if agency else "",
        agency_kind=AgencyKind(agency.kind) if agency else None,
        family_id=row.family_id,
        contact=row.contact,
        parental_responsibility=row.parental_responsibility,
        team_discipline=_discipline(row.team_discipline),
    )


def _discipline(code: str) -> AgencyKind | None:
    return AgencyKind(code) if code in AgencyKind.__members__.values() else None


def invitation_to_domain(row: InvitationRow, person: Person | None = None) -> Invitation:
    """`person`: who the row invites, when the row is not in a session (a record version's snapshot)."""
    person = person or person_to_domain(row.person)
    return Invitation(
        id=row.id,
        conference_id=row.conference_id,
        person_id=row.person_id,
        person_name=person.name,
        role=person.role,
        agency_id=person.agency_id,
        agency_name=person.agency_name,
        agency_kind=person.agency_kind,
        invited_on=row.invited_on,
        attendance=Attendance(row.attendance),
        exclusion_reason=row.exclusion_reason,
        report_received_on=row.report_received_on,
        took_part=TookPart(row.took_part) if row.took_part in TookPart.__members__.values() else TookPart(""),
        joined_at=row.joined_at,
        left_at=row.left_at,
        interpreter_language=row.interpreter_language,
        interpreter_not_family=bool(row.interpreter_not_family),
        supports_person_id=row.supports_person_id,
        supports_name=row.supports.name if row.supports_person_id and row.supports is not None else "",
        team_discipline=person.team_discipline,
        note_audience=read_audience(row),
        version=row.version,
    )


def practitioner_to_domain(row: ChildPractitionerRow) -> ChildPractitioner:
    person = person_to_domain(row.person)
    return ChildPractitioner(
        row.child_id, PractitionerKind(row.kind), row.person_id, person.name, person.agency_name
    )


def advocacy_to_domain(row: AdvocacyRow) -> AdvocacyRecord:
    return AdvocacyRecord(
        row.conference_id, row.child_id, AdvocacyAnswer(row.answer), row.note, version=row.version
    )


def plan_to_domain(row: ChildPlanHistoryRow) -> PlanHistoryEntry:
    return PlanHistoryEntry(row.id, row.child_id, row.started_on, row.ended_on, row.category, row.end_reason)


class AgencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[AgencyRow]:
        return list(self.session.scalars(select(AgencyRow).order_by(AgencyRow.name)))

    def get(self, agency_id: str) -> AgencyRow:
        row = self.session.get(AgencyRow, agency_id)
        if row is None:
            raise NotFound("That agency is no longer in the records.")
        return row

    def by_name(self, name: str) -> AgencyRow | None:
        return self.session.scalars(select(AgencyRow).where(AgencyRow.name == name)).first()

    def add(self, row: AgencyRow) -> AgencyRow:
        self.session.add(row)
        return row


class PersonRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, person_id: str) -> PersonRow:
        row = self.session.get(PersonRow, person_id)
        if row is None:
            raise NotFound("That person is no longer in the records.")
        return row

    def for_family(self, family_id: str) -> list[PersonRow]:
        stmt = select(PersonRow).where(PersonRow.family_id == family_id).order_by(PersonRow.name)
        return list(self.session.scalars(stmt))

    def professionals(self) -> list[PersonRow]:
        stmt = select(PersonRow).where(PersonRow.family_id.is_(None)).order_by(PersonRow.name)
        return list(self.session.scalars(stmt))

    def add(self, row: PersonRow) -> PersonRow:
        self.session.add(row)
        return row


class InvitationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, invitation_id: str) -> InvitationRow:
        row = self.session.get(InvitationRow, invitation_id)
        if row is None:
            raise NotFound("That invitation is no longer in the records.")
        return row

    def for_conference(self, conference_id: str) -> list[InvitationRow]:
        stmt = select(InvitationRow).where(InvitationRow.conference_id == conference_id)
        rows = list(self.session.scalars(stmt).unique())
        return sorted(rows, key=lambda r: (Role(r.person.role).is_family is False, r.person.name))

    def for_conferences(self, conference_ids: list[str]) -> list[InvitationRow]:
        if not conference_ids:
            return []
        stmt = select(InvitationRow).where(InvitationRow.conference_id.in_(conference_ids))
        return list(self.session.scalars(stmt).unique())

    def find(self, conference_id: str, person_id: str) -> InvitationRow | None:
        stmt = select(InvitationRow).where(
            InvitationRow.conference_id == conference_id, InvitationRow.person_id == person_id
        )
        return self.session.scalars(stmt).unique().first()

    def add(self, row: InvitationRow) -> InvitationRow:
        self.session.add(row)
        return row

    def delete(self, row: InvitationRow) -> None:
        self.session.delete(row)


class AdvocacyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_conference(self, conference_id: str) -> list[AdvocacyRow]:
        stmt = select(AdvocacyRow).where(AdvocacyRow.conference_id == conference_id)
        return list(self.session.scalars(stmt))

    def answered(self, conference_ids: list[str]) -> dict[str, set[str]]:
        """Conference id -> ids of children with an advocacy answer (one query for many conferences)."""
        out: dict[str, set[str]] = {cid: set() for cid in conference_ids}
        if conference_ids:
            stmt = select(AdvocacyRow.conference_id, AdvocacyRow.child_id).where(
                AdvocacyRow.conference_id.in_(conference_ids)
            )
            for conference_id, child_id in self.session.execute(stmt):
                out[conference_id].add(child_id)
        return out

    def find(self, conference_id: str, child_id: str) -> AdvocacyRow | None:
        stmt = select(AdvocacyRow).where(
            AdvocacyRow.conference_id == conference_id, AdvocacyRow.child_id == child_id
        )
        return self.session.scalars(stmt).first()

    def set(self, conference_id: str, child_id: str, answer: str, note: str) -> AdvocacyRow:
        row = self.find(conference_id, child_id)
        if row is None:
            row = AdvocacyRow(conference_id=conference_id, child_id=child_id, answer=answer, note=note)
            self.session.add(row)
        else:
            row.answer, row.note = answer, note
        return row


class LocalRuleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def values(self) -> dict[str, str]:
        return {row.key: row.value for row in self.session.scalars(select(LocalRuleRow))}

    def put(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            row = self.session.get(LocalRuleRow, key)
            if row is None:
                self.session.add(LocalRuleRow(key=key, value=value))
            else:
                row.value = value


class PlanHistoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_children(self, child_ids: list[str]) -> list[ChildPlanHistoryRow]:
        if not child_ids:
            return []
        stmt = (
            select(ChildPlanHistoryRow)
            .where(ChildPlanHistoryRow.child_id.in_(child_ids))
            .order_by(ChildPlanHistoryRow.started_on)
        )
        return list(self.session.scalars(stmt))

    def add(self, row: ChildPlanHistoryRow) -> ChildPlanHistoryRow:
        self.session.add(row)
        return row


def get_child(session: Session, child_id: str) -> ChildRow:
    row = session.get(ChildRow, child_id)
    if row is None:
        raise NotFound("That child is no longer in the records.")
    return row


class ChildPractitionerRepository:
    """The Lead Practitioner and Family Help Lead Practitioner of each child."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def for_children(self, child_ids: list[str]) -> list[ChildPractitionerRow]:
        if not child_ids:
            return []
        stmt = select(ChildPractitionerRow).where(ChildPractitionerRow.child_id.in_(child_ids))
        return list(self.session.scalars(stmt).unique())

    def set(self, child_id: str, kind: str, person_id: str | None) -> None:
        stmt = select(ChildPractitionerRow).where(
            ChildPractitionerRow.child_id == child_id, ChildPractitionerRow.kind == kind
        )
        row = self.session.scalars(stmt).unique().first()
        if person_id is None:
            if row is not None:
                self.session.delete(row)
            return
        if row is None:
            self.session.add(ChildPractitionerRow(child_id=child_id, kind=kind, person_id=person_id))
        else:
            row.person_id = person_id


def chairing_to_domain(row: ConferenceRow) -> Chairing:
    """Who chaired a conference, in which role, and the chair's statement of independence."""
    role = row.chair_role if row.chair_role in ChairRole.__members__.values() else ChairRole.INDEPENDENT
    answers = Answer.__members__.values()
    return Chairing(
        role=ChairRole(role),
        took_part_in_enquiry=Answer(row.chair_took_part_in_enquiry)
        if row.chair_took_part_in_enquiry in answers
        else Answer.NOT_STATED,
        held_case=Answer(row.chair_held_case) if row.chair_held_case in answers else Answer.NOT_STATED,
        reason=row.chair_reason,
    )
