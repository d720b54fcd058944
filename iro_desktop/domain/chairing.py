"""Who chairs a conference and in which role, with the chair's statement of independence (issue 19).

Families First (2025) lets a Lead Child Protection Practitioner chair in some areas; the conference still
needs an independent chair. Record the role, whether the chair took part in the section 47 enquiry or
held the case, and, where local rules require an independent chair, why this one was chaired otherwise.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, is_blank


class ChairRole(enum.StrEnum):
    INDEPENDENT = "independent"
    LCPP = "lcpp"

    @property
    def label(self) -> str:
        return {
            "independent": "Independent chair (IRO)",
            "lcpp": "Lead Child Protection Practitioner",
        }[self.value]


class Answer(enum.StrEnum):
    """A yes/no the chair states ("" until stated)."""

    NOT_STATED = ""
    YES = "yes"
    NO = "no"

    @property
    def label(self) -> str:
        return {"": "Not stated", "yes": "Yes", "no": "No"}[self.value]


@dataclass(frozen=True)
class Chairing:
    role: ChairRole = ChairRole.INDEPENDENT
    took_part_in_enquiry: Answer = Answer.NOT_STATED
    held_case: Answer = Answer.NOT_STATED
    reason: str = ""  # why not independently chaired, where local rules require it

    @property
    def stated(self) -> bool:
        return Answer.NOT_STATED not in (self.took_part_in_enquiry, self.held_case)

    @property
    def independent(self) -> bool:
        """Independent: chaired in the independent role, and stated to have taken no part in the enquiry
        and not to have held the case."""
        return (
            self.role is ChairRole.INDEPENDENT
            and self.took_part_in_enquiry is Answer.NO
            and self.held_case is Answer.NO
        )

    @property
    def chaired_otherwise(self) -> bool:
        """Not independently chaired, on what is stated: another role, or the chair took part in the
        enquiry or held the case."""
        return (
            self.role is not ChairRole.INDEPENDENT
            or self.took_part_in_enquiry is Answer.YES
            or self.held_case is Answer.YES
        )

    @property
    def statement(self) -> str:
        """The record's words."""
        if not self.stated:
            return f"{self.role.label}. Statement of independence not recorded."
        enquiry = "took part" if self.took_part_in_enquiry is Answer.YES else "took no part"
        case = "held the case" if self.held_case is Answer.YES else "has not held the case"
        return f"{self.role.label}. The chair {enquiry} in the section 47 enquiry and {case}."


def validate_chairing(chairing: Chairing, independent_required: bool) -> list[Problem]:
    """Where local rules require an independent chair, a conference chaired otherwise (another role, or
    a chair who took part in the enquiry or held the case) needs a reason."""
    problems = character_problems({"reason": chairing.reason}, multi=("reason",))
    if len(chairing.reason) > 1000:
        problems.append(Problem("reason", "Use at most 1000 characters."))
    if independent_required and chairing.chaired_otherwise and is_blank(chairing.reason):
        problems.append(
            Problem(
                "reason",
                "Local rules require an independent chair: say why this conference is chaired otherwise.",
            )
        )
    return problems


def gave_reason(chairing: Chairing) -> bool:
    """A non-independent chair whose reason is recorded (the annual report counts these)."""
    return chairing.chaired_otherwise and not is_blank(chairing.reason)


class PractitionerKind(enum.StrEnum):
    """The practitioners who lead for a child (Working Together 2023; Families First 2025)."""

    LEAD = "lead"
    FAMILY_HELP_LEAD = "family_help_lead"

    @property
    def label(self) -> str:
        return {"lead": "Lead Practitioner", "family_help_lead": "Family Help Lead Practitioner"}[self.value]


@dataclass(frozen=True)
class ChildPractitioner:
    child_id: str
    kind: PractitionerKind
    person_id: str
    person_name: str
    agency_name: str = ""
