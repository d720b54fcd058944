"""Family group decision-making per family, and where each child stands (an open plan or enquiry: the
home-education flag; a plan lasting 9 months without an offer: the review conference's prompt)."""

from __future__ import annotations

from collections.abc import Iterable

from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.fgdm import Fgdm, FgdmInput, fgdm_prompt, validate_fgdm
from iro_desktop.domain.home_education import ChildStanding
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.models import FgdmRow
from iro_desktop.store.quality_repository import QualityRepository, fgdm_to_domain
from iro_desktop.store.repositories import FamilyRepository
from iro_desktop.store.uow import UnitOfWork


class FgdmService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def get(self, family_id: str) -> Fgdm | None:
        with self.ctx.uow() as uow:
            row = QualityRepository(uow.session).fgdm(family_id)
            return fgdm_to_domain(row) if row else None

    @requires(Action.EDIT_FAMILY)
    def save(self, family_id: str, data: FgdmInput) -> Fgdm:
        """Record the offer, the answer and the meeting (or why not offered); nothing stored if wrong."""
        raise_if(validate_fgdm(data, self.ctx.today()))
        with self.ctx.uow() as uow:
            FamilyRepository(uow.session).get(family_id)
            repo = QualityRepository(uow.session)
            row = repo.fgdm(family_id)
            if row is None:
                row = FgdmRow(family_id=family_id)
                uow.session.add(row)
            row.offered_on = data.offered_on
            row.offered_to = data.offered_to.strip()
            row.response = data.response.value
            row.held_on = data.held_on
            row.facilitated_by = data.facilitated_by.strip()
            row.not_offered_reason = data.not_offered_reason.strip()
            row.letter_before_proceedings_on = data.letter_before_proceedings_on
            uow.commit()
            return fgdm_to_domain(row)

    @requires(Action.VIEW)
    def standing(self, child_ids: Iterable[str]) -> dict[str, ChildStanding]:
        """Per child: an open plan, an open enquiry (the home-education flag)."""
        with self.ctx.uow() as uow:
            return child_standing(uow, list(child_ids))

    @requires(Action.VIEW)
    def prompt(self, family_id: str) -> str:
        """The FGDM prompt for the family's review conference: the longest open plan of its children."""
        with self.ctx.uow() as uow:
            family = FamilyRepository(uow.session).get(family_id)
            repo = QualityRepository(uow.session)
            starts = repo.open_plan_starts([c.id for c in family.children])
            row = repo.fgdm(family_id)
            return fgdm_prompt(
                min(starts.values()) if starts else None,
                self.ctx.today(),
                fgdm_to_domain(row) if row else None,
            )


def child_standing(uow: UnitOfWork, child_ids: list[str]) -> dict[str, ChildStanding]:
    """Per child: an open plan, an open enquiry, read in the caller's unit of work."""
    repo = QualityRepository(uow.session)
    plans = repo.open_plan_starts(child_ids)
    families = repo.child_families(child_ids)
    enquiries = repo.families_with_open_enquiry(set(families.values()))
    return {cid: ChildStanding(cid, cid in plans, families.get(cid) in enquiries) for cid in child_ids}
