"""The decision for each child at a conference: outcomes valid per conference type, and the rules a
decision must meet before it is recorded (domain.md section 4)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from iro_desktop.domain.audience import EVERYONE, Audience
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.categories import Category, validate_category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.dissent import Dissent
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.significant_factors import Factor, validate_factor_codes
from iro_desktop.domain.text_rules import character_problems, date_problems, is_blank

CIN_MEETING_WORKING_DAYS = 10
MAX_NAME = 120
MAX_TEXT = 4000


class Outcome(enum.StrEnum):
    """What a conference decided for one child. Stored as these codes."""

    PLAN_MADE = "plan_made"
    NOT_MADE_CIN = "not_made_cin"
    NOT_MADE_EARLY_HELP = "not_made_early_help"
    NOT_MADE_NFA = "not_made_nfa"
    PLAN_CONTINUES = "plan_continues"
    ENDS_CIN = "ends_cin"
    ENDS_EARLY_HELP = "ends_early_help"
    ENDS_LOOKED_AFTER = "ends_looked_after"
    ENDS_MOVED_AREA = "ends_moved_area"
    ENDS_NFA = "ends_nfa"
    CHANGE_OF_CATEGORY = "change_of_category"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def child_on_plan_after(self) -> bool:
        """The child is subject to a plan after this decision (needs a category and a plan)."""
        return self in (Outcome.PLAN_MADE, Outcome.PLAN_CONTINUES, Outcome.CHANGE_OF_CATEGORY)

    @property
    def starts_plan(self) -> bool:
        return self is Outcome.PLAN_MADE

    @property
    def ends_plan(self) -> bool:
        return self in _ENDS

    @property
    def needs_goals_met_statement(self) -> bool:
        """Ending a plan because the child is safe needs a statement that the safety goals were met
        (not when the child became looked after or moved away)."""
        return self in (Outcome.ENDS_CIN, Outcome.ENDS_EARLY_HELP, Outcome.ENDS_NFA)

    @property
    def steps_down_to_cin(self) -> bool:
        """Child in need plan follows: the first CIN meeting must be set within 10 working days."""
        return self in (Outcome.NOT_MADE_CIN, Outcome.ENDS_CIN)


_ENDS = (
    Outcome.ENDS_CIN,
    Outcome.ENDS_EARLY_HELP,
    Outcome.ENDS_LOOKED_AFTER,
    Outcome.ENDS_MOVED_AREA,
    Outcome.ENDS_NFA,
)

_LABELS = {
    Outcome.PLAN_MADE: "Child protection plan made",
    Outcome.NOT_MADE_CIN: "Plan not made: child in need plan",
    Outcome.NOT_MADE_EARLY_HELP: "Plan not made: early help",
    Outcome.NOT_MADE_NFA: "Plan not made: no further action",
    Outcome.PLAN_CONTINUES: "Plan continues",
    Outcome.ENDS_CIN: "Plan ends: step down to child in need plan",
    Outcome.ENDS_EARLY_HELP: "Plan ends: step down to early help",
    Outcome.ENDS_LOOKED_AFTER: "Plan ends: child is looked after",
    Outcome.ENDS_MOVED_AREA: "Plan ends: child moved to another area",
    Outcome.ENDS_NFA: "Plan ends: no further action",
    Outcome.CHANGE_OF_CATEGORY: "Plan continues with a change of category",
}

INITIAL_OUTCOMES: tuple[Outcome, ...] = (
    Outcome.PLAN_MADE,
    Outcome.NOT_MADE_CIN,
    Outcome.NOT_MADE_EARLY_HELP,
    Outcome.NOT_MADE_NFA,
)

REVIEW_OUTCOMES: tuple[Outcome, ...] = (
    Outcome.PLAN_CONTINUES,
    Outcome.CHANGE_OF_CATEGORY,
    *_ENDS,
)


def outcomes_for(conference_type: ConferenceType) -> tuple[Outcome, ...]:
    """The outcomes that fit a conference type, in the order a chair reads them.

    A plan can only start at an initial conference (including pre-birth, receiving-in and re-convened)
    and can only continue, change category or end at a review."""
    return INITIAL_OUTCOMES if conference_type.is_initial else REVIEW_OUTCOMES


def outcome_problems(outcome: Outcome | None, conference_type: ConferenceType) -> list[Problem]:
    if outcome is None:
        return [Problem("outcome", "Choose the decision for this child.")]
    if outcome not in outcomes_for(conference_type):
        kind = "an initial" if conference_type.is_initial else "a review"
        return [Problem("outcome", f"“{outcome.label}” is not a decision {kind} conference can make.")]
    return []


@dataclass(frozen=True)
class DecisionInput:
    """What the chair settles for one child."""

    outcome: Outcome | None
    decided_by: str
    category: Category | None = None
    multiple_reason: str = ""
    significant_factors: tuple[str, ...] = ()
    cin_meeting_date: date | None = None
    rationale: str = ""


@dataclass(frozen=True)
class Decision:
    """A recorded decision for one child at one conference."""

    id: str
    conference_id: str
    child_id: str
    outcome: Outcome
    category: Category | None
    multiple_reason: str
    significant_factors: tuple[str, ...]
    cin_meeting_date: date | None
    rationale: str
    decided_by: str
    decided_at: datetime
    dissents: tuple[Dissent, ...] = field(default_factory=tuple)
    audience: Audience = EVERYONE  # who may read the reasons (issue 18)
    version: int = field(default=0, compare=False)  # the stored row's (issue 16): what an edit read

    def as_input(self) -> DecisionInput:
        return DecisionInput(
            outcome=self.outcome,
            decided_by=self.decided_by,
            category=self.category,
            multiple_reason=self.multiple_reason,
            significant_factors=self.significant_factors,
            cin_meeting_date=self.cin_meeting_date,
            rationale=self.rationale,
        )


DECISION_FIELDS = tuple(f.name for f in fields(DecisionInput))


def decision_values(data: DecisionInput) -> dict[str, Any]:
    """The decision's fields by name, as an edit reads and changes them (domain/concurrency.py)."""
    return {name: getattr(data, name) for name in DECISION_FIELDS}


def normalise_decision(data: DecisionInput) -> DecisionInput:
    """Drop what does not apply to the outcome: no category without a plan, no CIN date unless stepping
    down to child in need, no multiple reason unless the category is multiple. Text is trimmed."""
    on_plan = data.outcome is not None and data.outcome.child_on_plan_after
    category = data.category if on_plan else None
    return DecisionInput(
        outcome=data.outcome,
        decided_by=data.decided_by.strip(),
        category=category,
        multiple_reason=data.multiple_reason.strip() if category is Category.MULTIPLE else "",
        significant_factors=tuple(dict.fromkeys(data.significant_factors)),
        cin_meeting_date=(
            data.cin_meeting_date if data.outcome is not None and data.outcome.steps_down_to_cin else None
        ),
        rationale=data.rationale.strip(),
    )


def first_cin_meeting_due(conference_date: date, calendar: WorkingDayCalendar) -> date:
    """The latest date for the first child in need meeting after a step-down: 10 working days."""
    return calendar.add_working_days(conference_date, CIN_MEETING_WORKING_DAYS)


def validate_decision(
    data: DecisionInput,
    conference_type: ConferenceType,
    conference_date: date,
    *,
    allow_multiple: bool,
    factors: Sequence[Factor],
    calendar: WorkingDayCalendar,
    current_category: Category | None = None,
) -> list[Problem]:
    """Every problem with a decision, each tied to its field. Call on a normalised input."""
    problems = outcome_problems(data.outcome, conference_type)
    problems += character_problems(data, single=("decided_by",), multi=("rationale", "multiple_reason"))
    problems += date_problems("cin_meeting_date", data.cin_meeting_date, "The date")
    if is_blank(data.decided_by):
        problems.append(Problem("decided_by", "Enter who made the decision (the chair)."))
    elif len(data.decided_by) > MAX_NAME:
        problems.append(Problem("decided_by", f"Use at most {MAX_NAME} characters."))
    if data.outcome is not None and data.outcome.child_on_plan_after:
        problems += validate_category(data.category, data.multiple_reason, allow_multiple)
        if (
            data.outcome is Outcome.PLAN_CONTINUES
            and current_category is not None
            and data.category is not None
            and data.category is not current_category
        ):
            problems.append(
                Problem(
                    "category",
                    f"The plan is under {current_category.label.lower()}: to change it, choose "
                    f"“{Outcome.CHANGE_OF_CATEGORY.label}”.",
                )
            )
        if (
            data.outcome is Outcome.CHANGE_OF_CATEGORY
            and current_category is not None
            and data.category is current_category
        ):
            problems.append(
                Problem(
                    "category",
                    f"The plan is already under {current_category.label.lower()}: choose the new category.",
                )
            )
    if data.outcome is not None and data.outcome.steps_down_to_cin:
        due = first_cin_meeting_due(conference_date, calendar)
        if data.cin_meeting_date is None:
            problems.append(
                Problem(
                    "cin_meeting_date",
                    f"Set the first child in need meeting: by {due:%d %b %Y} (10 working days).",
                )
            )
        elif data.cin_meeting_date < conference_date:
            problems.append(
                Problem("cin_meeting_date", "The child in need meeting cannot be before the conference.")
            )
        elif data.cin_meeting_date > due:
            problems.append(
                Problem(
                    "cin_meeting_date",
                    f"The first child in need meeting must be within 10 working days: by {due:%d %b %Y}.",
                )
            )
    if data.outcome is not None and data.outcome.needs_goals_met_statement and not data.rationale.strip():
        problems.append(
            Problem("rationale", "Write how the safety goals have been met before the plan ends.")
        )
    problems += validate_factor_codes(data.significant_factors, factors)
    if len(data.rationale) > MAX_TEXT:
        problems.append(Problem("rationale", f"Use at most {MAX_TEXT} characters."))
    return problems
