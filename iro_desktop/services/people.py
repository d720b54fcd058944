"""People and agencies: the professionals and family members invited to conferences."""

from __future__ import annotations

from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.people import (
    Agency,
    AgencyKind,
    Person,
    PersonInput,
    validate_agency,
    validate_person,
)
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.models import AgencyRow, PersonRow
from iro_desktop.store.people_repositories import (
    AgencyRepository,
    PersonRepository,
    agency_to_domain,
    person_to_domain,
)
from iro_desktop.store.repositories import FamilyRepository


class PeopleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def agencies(self) -> list[Agency]:
        with self.ctx.uow() as uow:
            return [agency_to_domain(r) for r in AgencyRepository(uow.session).all()]

    @requires(Action.EDIT_PEOPLE)
    def add_agency(self, name: str, kind: AgencyKind) -> Agency:
        raise_if(validate_agency(name))
        with self.ctx.uow() as uow:
            repo = AgencyRepository(uow.session)
            if repo.by_name(name.strip()) is not None:
                raise ValidationError([Problem("name", "An agency with this name exists.")])
            row = repo.add(AgencyRow(name=name.strip(), kind=kind.value))
            uow.commit()
            return agency_to_domain(row)

    @requires(Action.EDIT_PEOPLE)
    def add_person(self, data: PersonInput) -> Person:
        raise_if(validate_person(data))
        with self.ctx.uow() as uow:
            if data.agency_id:
                AgencyRepository(uow.session).get(data.agency_id)
            if data.family_id:
                FamilyRepository(uow.session).get(data.family_id)
            row = PersonRepository(uow.session).add(PersonRow())
            _fill(row, data)
            uow.commit()
            uow.session.refresh(row)
            return person_to_domain(row)

    @requires(Action.VIEW)
    def professionals(self) -> list[Person]:
        with self.ctx.uow() as uow:
            return [person_to_domain(r) for r in PersonRepository(uow.session).professionals()]

    @requires(Action.VIEW)
    def family_members(self, family_id: str) -> list[Person]:
        with self.ctx.uow() as uow:
            return [person_to_domain(r) for r in PersonRepository(uow.session).for_family(family_id)]


def _fill(row: PersonRow, data: PersonInput) -> None:
    row.name = data.name.strip()
    row.role = data.role.value
    row.agency_id = data.agency_id or None
    row.family_id = data.family_id or None
    row.contact = data.contact.strip()
    row.parental_responsibility = data.parental_responsibility
    row.team_discipline = data.team_discipline.value if data.team_discipline else ""
