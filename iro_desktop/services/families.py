"""Register: families and children."""

from __future__ import annotations

from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.family import ChildInput, Family, validate_child, validate_family
from iro_desktop.services.context import ServiceContext
from iro_desktop.store.models import ChildRow, FamilyRow
from iro_desktop.store.repositories import FamilyRepository, family_to_domain


class FamilyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(self, text: str = "") -> list[Family]:
        """Families whose name, reference, or any child's name or case number contains the text."""
        with self.ctx.uow() as uow:
            return [family_to_domain(r) for r in FamilyRepository(uow.session).search(text)]

    def get(self, family_id: str) -> Family:
        with self.ctx.uow() as uow:
            return family_to_domain(FamilyRepository(uow.session).get(family_id))

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

    def add_child(self, family_id: str, child: ChildInput) -> Family:
        raise_if(validate_child(child, self.ctx.today()))
        with self.ctx.uow() as uow:
            row = FamilyRepository(uow.session).get(family_id)
            row.children.append(_child_row(child, len(row.children)))
            uow.commit()
            return family_to_domain(row)


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
        sort_order=order,
    )
