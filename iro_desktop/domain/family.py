"""Families (case groups) and their children."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from iro_desktop.domain.errors import Problem
from iro_desktop.domain.nhs_number import nhs_number_problems
from iro_desktop.domain.text_rules import character_problems, date_problems, is_blank


class Gender(enum.StrEnum):
    """Gender as councils record it for the CP census."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"female": "Female", "male": "Male", "other": "Other", "unknown": "Not known"}[self.value]


@dataclass(frozen=True)
class ChildInput:
    """What a user types to add or change a child."""

    given_name: str
    family_name: str
    date_of_birth: date | None = None
    expected_date: date | None = None
    unborn: bool = False
    gender: Gender = Gender.UNKNOWN
    ethnicity_code: str = ""
    disability: bool = False
    case_number: str = ""
    nhs_number: str = ""  # issue 19: the mother's for an unborn child


@dataclass(frozen=True)
class Child:
    """A child in a family. Unborn children carry an expected date of delivery instead of a birth date."""

    id: str
    family_id: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    expected_date: date | None
    unborn: bool
    gender: Gender
    ethnicity_code: str
    disability: bool
    case_number: str
    disability_known: bool = True  # False when an imported history said "not known"
    nhs_number: str = ""  # issue 19: ten digits or empty; the mother's while the child is unborn

    @property
    def nhs_number_label(self) -> str:
        return "Mother's NHS number" if self.unborn else "NHS number"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def age_on(self, day: date) -> int | None:
        """Age in whole years on a day; None for an unborn child."""
        if self.unborn or self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        years = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
        return max(years, 0)


@dataclass(frozen=True)
class Family:
    """A case group: one conference covers all of its children."""

    id: str
    reference: str
    name: str
    children: tuple[Child, ...] = field(default_factory=tuple)


MAX_NAME = 120


def validate_child(data: ChildInput, today: date) -> list[Problem]:
    """Problems with a child's details, each tied to its field."""
    problems: list[Problem] = []
    if is_blank(data.given_name) and not data.unborn:
        problems.append(Problem("given_name", "Enter the child's first name."))
    if is_blank(data.family_name):
        problems.append(Problem("family_name", "Enter the child's family name."))
    problems += character_problems(
        data, single=("given_name", "family_name", "case_number", "ethnicity_code")
    )
    problems += character_problems(data, multi=("disability",))
    problems += nhs_number_problems("nhs_number", data.nhs_number, data.unborn)
    problems += date_problems("date_of_birth", data.date_of_birth, "The date of birth")
    problems += date_problems("expected_date", data.expected_date, "The expected date")
    for name in ("given_name", "family_name"):
        if len(getattr(data, name)) > MAX_NAME:
            problems.append(Problem(name, f"Use at most {MAX_NAME} characters."))
    if data.unborn:
        if data.expected_date is None:
            problems.append(Problem("expected_date", "An unborn child needs an expected date of delivery."))
        if data.date_of_birth is not None:
            problems.append(Problem("date_of_birth", "An unborn child has no date of birth yet."))
    else:
        if data.date_of_birth is None:
            problems.append(Problem("date_of_birth", "Enter the date of birth."))
        elif data.date_of_birth > today:
            problems.append(Problem("date_of_birth", "The date of birth cannot be in the future."))
    return problems


def validate_family(reference: str, name: str) -> list[Problem]:
    """Problems with a family's reference and name."""
    problems: list[Problem] = []
    if is_blank(name):
        problems.append(Problem("name", "Enter a name for the family."))
    problems += character_problems({"name": name, "reference": reference}, single=("name", "reference"))
    if is_blank(reference):
        problems.append(Problem("reference", "Enter the family reference (case number)."))
    if len(reference) > 40:
        problems.append(Problem("reference", "Use at most 40 characters."))
    if len(name) > MAX_NAME:
        problems.append(Problem("name", f"Use at most {MAX_NAME} characters."))
    return problems


def validate_birth(date_of_birth: date | None, today: date) -> list[Problem]:
    """Recording the birth of a child who was unborn."""
    if date_of_birth is None:
        return [Problem("date_of_birth", "Enter the date of birth.")]
    if date_of_birth > today:
        return [Problem("date_of_birth", "The date of birth cannot be in the future.")]
    return date_problems("date_of_birth", date_of_birth, "The date of birth")
