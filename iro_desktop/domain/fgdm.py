"""Family group decision-making (Children's Wellbeing and Schools Act 2026 s1, Children Act 1989
s31ZA): offered to the parents before care proceedings and held if accepted, unless not in the child's
best interests. One record per family; the review conference is prompted when a plan has lasted 9
months without an offer."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.calendar import add_months, long_date
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, date_problems

PROMPT_AFTER_MONTHS = 9
MAX_TEXT = 200


class FgdmResponse(enum.StrEnum):
    NONE = ""
    ACCEPTED = "accepted"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {"": "No answer yet", "accepted": "Accepted", "declined": "Declined"}[self.value]


@dataclass(frozen=True)
class FgdmInput:
    """What the chair or clerk records about the offer, the answer and the meeting."""

    offered_on: date | None = None
    offered_to: str = ""
    response: FgdmResponse = FgdmResponse.NONE
    held_on: date | None = None
    facilitated_by: str = ""
    not_offered_reason: str = ""  # not offered: not in the child's best interests
    letter_before_proceedings_on: date | None = None


@dataclass(frozen=True)
class Fgdm(FgdmInput):
    id: str = ""
    family_id: str = ""

    @property
    def offered(self) -> bool:
        return self.offered_on is not None

    @property
    def not_offered(self) -> bool:
        return bool(self.not_offered_reason.strip())

    @property
    def outcome(self) -> str:
        """One of: held, accepted (not yet held), declined, offered (no answer), not offered."""
        if self.not_offered:
            return "not offered"
        if not self.offered:
            return "none"
        if self.held_on is not None:
            return "held"
        return {"accepted": "accepted", "declined": "declined"}.get(self.response.value, "offered")

    @property
    def text(self) -> str:
        """The family's FGDM in one line."""
        if self.not_offered:
            return f"Not offered, not in the child's best interests: {self.not_offered_reason.strip()}"
        if self.offered_on is None:
            return "Not offered yet."
        parts = [
            f"Offered {long_date(self.offered_on)}" + (f" to {self.offered_to}" if self.offered_to else "")
        ]
        if self.response is not FgdmResponse.NONE:
            parts.append(self.response.label.lower())
        if self.held_on is not None:
            parts.append(
                f"held {long_date(self.held_on)}"
                + (f", facilitated by {self.facilitated_by}" if self.facilitated_by else "")
            )
        text = "; ".join(parts)
        if self.letter_before_proceedings_on is not None:
            text += f". Letter before proceedings {long_date(self.letter_before_proceedings_on)}"
        return text + "."


def validate_fgdm(data: FgdmInput, today: date) -> list[Problem]:
    """Problems, each tied to its field: an offer or a reason not to offer, never both; an answer needs an
    offer; a meeting needs an accepted offer, a date on or after it, and who facilitated it."""
    problems: list[Problem] = []
    problems += character_problems(data, single=("offered_to", "facilitated_by"))
    problems += character_problems(data, multi=("not_offered_reason",))
    for name, label in (
        ("offered_on", "The offer date"),
        ("held_on", "The meeting date"),
        ("letter_before_proceedings_on", "The letter's date"),
    ):
        value = getattr(data, name)
        problems += date_problems(name, value, label)
        if value is not None and value > today:
            problems.append(Problem(name, f"{label} cannot be in the future."))
    for name in ("offered_to", "facilitated_by", "not_offered_reason"):
        if len(getattr(data, name)) > MAX_TEXT:
            problems.append(Problem(name, f"Use at most {MAX_TEXT} characters."))
    if data.not_offered_reason.strip() and data.offered_on is not None:
        problems.append(
            Problem("not_offered_reason", "Either record the offer or why it was not offered, not both.")
        )
    if data.offered_on is not None and not data.offered_to.strip():
        problems.append(Problem("offered_to", "Say to whom the meeting was offered."))
    if data.offered_on is None and (data.offered_to.strip() and not data.not_offered_reason.strip()):
        problems.append(Problem("offered_on", "Enter the date of the offer."))
    if data.response is not FgdmResponse.NONE and data.offered_on is None:
        problems.append(Problem("response", "An answer needs an offer: enter the offer's date first."))
    if data.held_on is not None:
        if data.response is not FgdmResponse.ACCEPTED:
            problems.append(Problem("held_on", "A meeting is held only when the offer was accepted."))
        elif data.offered_on is not None and data.held_on < data.offered_on:
            problems.append(Problem("held_on", "The meeting cannot be before the offer."))
        if not data.facilitated_by.strip():
            problems.append(Problem("facilitated_by", "Say who facilitated the meeting."))
    elif data.facilitated_by.strip():
        problems.append(Problem("held_on", "Enter the date the meeting was held."))
    return problems


def fgdm_prompt(plan_started_on: date | None, on: date, fgdm: Fgdm | None) -> str:
    """The prompt at a review conference: a plan open 9 months or more with no offer and no recorded
    reason not to offer. Empty when there is nothing to prompt."""
    if plan_started_on is None or on < add_months(plan_started_on, PROMPT_AFTER_MONTHS):
        return ""
    if fgdm is not None and (fgdm.offered or fgdm.not_offered):
        return ""
    return (
        f"The plan has lasted {PROMPT_AFTER_MONTHS} months or more (since {long_date(plan_started_on)}) "
        "and no family group decision-making meeting has been offered. Record an offer, or why it "
        "is not in the child's best interests."
    )
