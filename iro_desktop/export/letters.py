"""What the decision letter and the subject-access bundle show, as plain frozen dataclasses (issue 18).

Services fill them from the store, already filtered for the reader: the builders in `export.pdf` and
`export.subject_access_csv` print what they are given and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class LetterChildLine:
    """The outcome for one child, in everyday words and as recorded."""

    name: str
    outcome: str  # e.g. "Subject to a child protection plan"
    plain_outcome: str = ""  # e.g. "There will be a child protection plan to help keep them safe."
    category: str = ""  # empty when no plan


@dataclass(frozen=True)
class LetterActionLine:
    """One line of the outline plan."""

    what: str
    who: str
    by_when: date | None = None
    goal: str = ""  # the safety goal it works towards, when this reader may read it


@dataclass(frozen=True)
class DecisionLetter:
    """The letter to one parent or carer after a conference."""

    family_reference: str
    family_name: str
    conference_label: str
    conference_date: date
    chair_name: str
    recipient_name: str
    recipient_role: str  # e.g. "Parent"
    generated_at: datetime
    children: tuple[LetterChildLine, ...] = ()
    actions: tuple[LetterActionLine, ...] = ()
    core_group_date: date | None = None
    review_date: date | None = None
    record_due: date | None = None  # when the record will be sent, at the latest
    corrections_wd: int = 10  # how long after the record is sent an inaccuracy may be reported
    local_authority: str = ""

    @property
    def made_for(self) -> str:
        role = f" ({self.recipient_role})" if self.recipient_role else ""
        return f"Made for {self.recipient_name}{role}"


@dataclass(frozen=True)
class HeldItem:
    """Something the store holds that the person may read."""

    conference: str  # e.g. "Initial child protection conference, 25 November 2026"
    kind: str  # e.g. "Map item", "Decision", "Plan action", "Record section"
    where: str  # e.g. "What are we worried about: Harm"
    text: str


@dataclass(frozen=True)
class WithheldItem:
    """Something held back from the person: where it is and the reason recorded, never its words."""

    conference: str
    kind: str
    where: str
    reference: str  # a stable reference the council's team can look the item up by
    reason: str  # e.g. "Professionals only: police information"


@dataclass(frozen=True)
class SubjectAccessBundle:
    """Everything the store holds that one named person may see, and what is withheld and why."""

    person_name: str
    person_role: str  # e.g. "Parent", "Child"
    family_reference: str
    family_name: str
    generated_at: datetime
    generated_by: str
    held: tuple[HeldItem, ...] = ()
    withheld: tuple[WithheldItem, ...] = ()

    @property
    def made_for(self) -> str:
        return f"Subject access: {self.person_name} ({self.person_role})"
