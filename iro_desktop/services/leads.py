"""Who chairs and who leads (issue 19): the chair's role and statement of independence per conference,
and the Lead Practitioner and Family Help Lead Practitioner per child."""

from __future__ import annotations

from iro_desktop.domain.chairing import Chairing, ChildPractitioner, PractitionerKind, validate_chairing
from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.services.rules import load_rules
from iro_desktop.store.people_repositories import (
    ChildPractitionerRepository,
    PersonRepository,
    chairing_to_domain,
    get_child,
    practitioner_to_domain,
)
from iro_desktop.store.repositories import ConferenceRepository, FamilyRepository


class LeadsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def chairing(self, conference_id: str) -> Chairing:
        with self.ctx.uow() as uow:
            return chairing_to_domain(ConferenceRepository(uow.session).get(conference_id))

    @requires(Action.VIEW)
    def independent_chair_required(self) -> bool:
        with self.ctx.uow() as uow:
            return load_rules(uow).independent_chair_required

    @requires(Action.EDIT_MINUTES)
    def set_chairing(self, conference_id: str, chairing: Chairing) -> Chairing:
        """Record the chair's role and statement; where local rules require an independent chair, a
        conference chaired otherwise is refused without a reason (nothing stored)."""
        with self.ctx.uow() as uow:
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_MINUTES)
            raise_if(validate_chairing(chairing, load_rules(uow).independent_chair_required))
            row = ConferenceRepository(uow.session).get(conference_id)
            row.chair_role = chairing.role.value
            row.chair_took_part_in_enquiry = chairing.took_part_in_enquiry.value
            row.chair_held_case = chairing.held_case.value
            row.chair_reason = chairing.reason.strip() if chairing.chaired_otherwise else ""
            uow.commit()
            return chairing_to_domain(row)

    @requires(Action.VIEW)
    def practitioners(self, family_id: str) -> list[ChildPractitioner]:
        """The lead practitioners of the family's children."""
        with self.ctx.uow() as uow:
            family = FamilyRepository(uow.session).get(family_id)
            rows = ChildPractitionerRepository(uow.session).for_children([c.id for c in family.children])
            return [practitioner_to_domain(r) for r in rows]

    @requires(Action.EDIT_FAMILY)
    def set_practitioner(self, child_id: str, kind: PractitionerKind, person_id: str | None) -> None:
        """Name (or clear, with None) the child's Lead Practitioner or Family Help Lead Practitioner:
        a professional, not a family member."""
        with self.ctx.uow() as uow:
            get_child(uow.session, child_id)
            if person_id is not None:
                person = PersonRepository(uow.session).get(person_id)
                if person.family_id is not None:
                    raise ValidationError(
                        [Problem(kind.value, "Choose a professional, not a family member.")]
                    )
            ChildPractitionerRepository(uow.session).set(child_id, kind.value, person_id)
            uow.commit()
