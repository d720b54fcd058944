"""Register: families and children, their earlier plans (repeat plans)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.family import (
    Child,
    ChildInput,
    Family,
    validate_birth,
    validate_child,
    validate_family,
)
from iro_desktop.domain.nhs_number import normalise
from iro_desktop.domain.people import (
    PlanHistoryEntry,
    RepeatPlanSummary,
    repeat_plan_summary,
    validate_plan_history,
)
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.records import keeping_locks
from iro_desktop.store.models import ChildPlanHistoryRow, ChildRow, FamilyRow
from iro_desktop.store.people_repositories import PlanHistoryRepository, get_child, plan_to_domain
from iro_desktop.store.repositories import FamilyRepository, child_to_domain, family_to_domain


class FamilyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def search(self, text: str = "") -> list[Family]:
        """Families whose name, reference, or any child's name or case number contains the text."""
        with self.ctx.uow() as uow:
            return FamilyRepository(uow.session).search(text)

    @requires(Action.VIEW)
    def names(self, family_ids: Iterable[str]) -> dict[str, str]:
        """Family id -> family name, for the given families only (no children loaded)."""
        with self.ctx.uow() as uow:
            return {
                f.id: f.name for f in FamilyRepository(uow.session).by_ids(family_ids, with_children=False)
            }

    @requires(Action.VIEW)
    def get(self, family_id: str) -> Family:
        with self.ctx.uow() as uow:
            return family_to_domain(FamilyRepository(uow.session).get(family_id))

    @requires(Action.CREATE_FAMILY)
    def create_family(self, reference: str, name: str, children: list[ChildInput] | None = None) -> Family:
        """Create a family with its children in one step; nothing is stored if anything is wrong."""
        problems = validate_family(reference, name)
        for index, child in enumerate(children or []):
            problems += [
                Problem(f"children[{index}].{p.field}", p.message)
                for p in validate_child(child, self.ctx.today())
            ]
        raise_if(problems)
        with self.ctx.uow() as uow:
            repo = FamilyRepository(uow.session)
            if repo.by_reference(reference.strip()) is not None:
                raise ValidationError([Problem("reference", "A family with this reference exists.")])
            row = repo.add(FamilyRow(reference=reference.strip(), name=name.strip()))
            for order, child in enumerate(children or []):
                row.children.append(_child_row(child, order))
            uow.commit()
            return family_to_domain(row)

    @requires(Action.EDIT_FAMILY)
    def update_family(self, family_id: str, reference: str, name: str) -> Family:
        raise_if(validate_family(reference, name))
        with self.ctx.uow() as uow:
            repo = FamilyRepository(uow.session)
            row = repo.get(family_id)
            other = repo.by_reference(reference.strip())
            if other is not None and other.id != family_id:
                raise ValidationError([Problem("reference", "A family with this reference exists.")])
            with keeping_locks(uow.session, family_id):  # a final record's names: amend it instead
                row.reference, row.name = reference.strip(), name.strip()
            uow.commit()
            return family_to_domain(row)

    @requires(Action.EDIT_FAMILY)
    def add_child(self, family_id: str, child: ChildInput) -> Family:
        raise_if(validate_child(child, self.ctx.today()))
        with self.ctx.uow() as uow:
            row = FamilyRepository(uow.session).get(family_id)
            row.children.append(_child_row(child, len(row.children)))
            uow.commit()
            return family_to_domain(row)

    @requires(Action.EDIT_FAMILY)
    def update_child(self, child_id: str, child: ChildInput) -> Child:
        raise_if(validate_child(child, self.ctx.today()))
        with self.ctx.uow() as uow:
            row = get_child(uow.session, child_id)
            fresh = _child_row(child, row.sort_order)
            with keeping_locks(uow.session, row.family_id):  # a final record's names: amend it instead
                for name in (
                    "given_name",
                    "family_name",
                    "date_of_birth",
                    "expected_date",
                    "unborn",
                    "gender",
                    "ethnicity_code",
                    "disability",
                    "case_number",
                    "nhs_number",
                ):
                    setattr(row, name, getattr(fresh, name))
                if row.disability:  # ticked "Disabled": known now (an import may have said "not known")
                    row.disability_known = True
            uow.commit()
            return child_to_domain(row)

    @requires(Action.EDIT_FAMILY)
    def record_birth(self, child_id: str, date_of_birth: date | None, given_name: str = "") -> Child:
        """An unborn child is born: keep the expected date, set the birth date (and a first name)."""
        raise_if(validate_birth(date_of_birth, self.ctx.today()))
        with self.ctx.uow() as uow:
            row = get_child(uow.session, child_id)
            if not row.unborn:
                raise ValidationError([Problem("date_of_birth", "This child's birth is already recorded.")])
            with keeping_locks(uow.session, row.family_id):
                row.unborn = False
                row.date_of_birth = date_of_birth
                if given_name.strip():
                    row.given_name = given_name.strip()
            uow.commit()
            return child_to_domain(row)

    # Earlier plans (shared table child_plan_history), for the repeat-plan count at booking.

    @requires(Action.EDIT_FAMILY)
    def add_previous_plan(
        self,
        child_id: str,
        started_on: date | None,
        ended_on: date | None,
        category: str,
        end_reason: str = "",
    ) -> PlanHistoryEntry:
        raise_if(validate_plan_history(started_on, ended_on, category, self.ctx.today()))
        assert started_on is not None
        with self.ctx.uow() as uow:
            get_child(uow.session, child_id)
            row = PlanHistoryRepository(uow.session).add(
                ChildPlanHistoryRow(
                    child_id=child_id,
                    started_on=started_on,
                    ended_on=ended_on,
                    category=category.strip(),
                    end_reason=end_reason.strip(),
                )
            )
            uow.commit()
            return plan_to_domain(row)

    @requires(Action.VIEW)
    def plan_history(self, family_id: str) -> dict[str, list[PlanHistoryEntry]]:
        with self.ctx.uow() as uow:
            family = FamilyRepository(uow.session).get(family_id)
            ids = [c.id for c in family.children]
            out: dict[str, list[PlanHistoryEntry]] = {cid: [] for cid in ids}
            for row in PlanHistoryRepository(uow.session).for_children(ids):
                out[row.child_id].append(plan_to_domain(row))
            return out

    @requires(Action.VIEW)
    def repeat_plans(self, family_id: str, on: date | None = None) -> dict[str, RepeatPlanSummary]:
        """Per child: how many earlier plans and when the last ended."""
        day = on or self.ctx.today()
        return {cid: repeat_plan_summary(h, day) for cid, h in self.plan_history(family_id).items()}


def _child_row(child: ChildInput, order: int) -> ChildRow:
    return ChildRow(
        given_name=child.given_name.strip(),
        family_name=child.family_name.strip(),
        date_of_birth=child.date_of_birth,
        expected_date=child.expected_date,
        unborn=child.unborn,
        gender=child.gender.value,
        ethnicity_code=child.ethnicity_code,
        disability=child.disability,
        case_number=child.case_number.strip(),
        nhs_number=normalise(child.nhs_number),
        sort_order=order,
    )
