"""The child protection plan: actions, bottom lines, contingency, core group and the next review date."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from iro_desktop.domain.audience import EVERYONE, Audience
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.clocks import book_by, review_conference_due
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, date_problems, is_blank

FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
MAX_TEXT = 4000
MAX_NAME = 120


class ActionStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DONE = "not_done"

    @property
    def label(self) -> str:
        return {
            "not_started": "Not started",
            "in_progress": "In progress",
            "done": "Done",
            "not_done": "Not done",
        }[self.value]


@dataclass(frozen=True)
class PlanActionInput:
    """One action: what, who (person and agency), by when, how we will know it is done."""

    what: str
    who_person: str = ""
    who_agency: str = ""
    by_when: date | None = None
    done_when: str = ""
    safety_goal_id: str = ""
    status: ActionStatus = ActionStatus.NOT_STARTED


@dataclass(frozen=True)
class PlanAction:
    id: str
    conference_id: str
    sort_order: int
    what: str
    who_person: str
    who_agency: str
    by_when: date | None
    done_when: str
    safety_goal_id: str
    status: ActionStatus
    audience: Audience = EVERYONE  # who may read it (issue 18)
    version: int = field(default=0, compare=False)  # the stored row's (issue 16): what an edit read

    @property
    def owner(self) -> str:
        return " — ".join(p for p in (self.who_person, self.who_agency) if p)

    @property
    def has_owner(self) -> bool:
        return bool(self.who_person.strip() or self.who_agency.strip())

    def as_input(self) -> PlanActionInput:
        return PlanActionInput(
            self.what,
            self.who_person,
            self.who_agency,
            self.by_when,
            self.done_when,
            self.safety_goal_id,
            self.status,
        )


ACTION_FIELDS = tuple(f.name for f in fields(PlanActionInput))


def action_values(data: PlanActionInput) -> dict[str, Any]:
    """The action's fields by name, as an edit reads and changes them (domain/concurrency.py)."""
    return {name: getattr(data, name) for name in ACTION_FIELDS}


def validate_action(data: PlanActionInput) -> list[Problem]:
    """An action needs at least its "what"; owner and date are checked before the decision (they may be
    settled later in the meeting)."""
    problems: list[Problem] = []
    if is_blank(data.what):
        problems.append(Problem("what", "Write what needs to happen."))
    problems += character_problems(data, single=("who_person", "who_agency"), multi=("what", "done_when"))
    problems += date_problems("by_when", data.by_when, "The date")
    for name in ("what", "done_when"):
        if len(getattr(data, name)) > MAX_TEXT:
            problems.append(Problem(name, f"Use at most {MAX_TEXT} characters."))
    for name in ("who_person", "who_agency"):
        if len(getattr(data, name)) > MAX_NAME:
            problems.append(Problem(name, f"Use at most {MAX_NAME} characters."))
    if len(data.safety_goal_id) > 36:
        problems.append(Problem("safety_goal_id", "That is not a safety goal reference."))
    return problems


def next_review_due(
    conference_type: ConferenceType, conference_date: date, calendar: WorkingDayCalendar
) -> date:
    """The day the plan names for the next review conference: the statutory due date (3 months after
    an initial conference, then 6 months, by `clocks.review_conference_due`, the one rule the clocks
    and the annual report use) booked on a working day, i.e. its `clocks.book_by` hint. A plan never
    names a Sunday or a bank holiday, and the review it names is never late by the statutory date."""
    due = review_conference_due(
        conference_date, conference_type.is_initial, FIRST_REVIEW_MONTHS, LATER_REVIEW_MONTHS
    )
    return book_by(due, calendar)


@dataclass(frozen=True)
class PlanHeaderInput:
    bottom_lines: str = ""
    contingency: str = ""
    core_group_date: date | None = None
    next_review_date: date | None = None
    next_review_reason: str = ""


@dataclass(frozen=True)
class PlanHeader:
    """The family's plan for one conference. `next_review_date` is what was set (None: the computed
    date applies); `computed_review_date` is what the clocks say."""

    conference_id: str
    bottom_lines: str
    contingency: str
    core_group_date: date | None
    next_review_date: date | None
    next_review_reason: str
    computed_review_date: date
    version: int = field(default=0, compare=False)  # the stored row's (issue 16; 0: none stored yet)

    @property
    def effective_review_date(self) -> date:
        return self.next_review_date or self.computed_review_date

    @property
    def review_date_differs(self) -> bool:
        return self.next_review_date is not None and self.next_review_date != self.computed_review_date

    def as_input(self) -> PlanHeaderInput:
        return PlanHeaderInput(
            self.bottom_lines,
            self.contingency,
            self.core_group_date,
            self.next_review_date,
            self.next_review_reason,
        )


def header_values(data: PlanHeaderInput) -> dict[str, Any]:
    """The header's fields by name, as an edit reads and changes them (domain/concurrency.py)."""
    return {f.name: getattr(data, f.name) for f in fields(PlanHeaderInput)}


def validate_plan_header(
    data: PlanHeaderInput, conference_date: date, computed_review: date
) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("bottom_lines", "contingency", "next_review_reason"):
        if len(getattr(data, name)) > MAX_TEXT:
            problems.append(Problem(name, f"Use at most {MAX_TEXT} characters."))
    if data.core_group_date is not None and data.core_group_date < conference_date:
        problems.append(Problem("core_group_date", "The core group cannot meet before the conference."))
    if data.next_review_date is not None:
        if data.next_review_date <= conference_date:
            problems.append(Problem("next_review_date", "The next review must be after this conference."))
        elif data.next_review_date != computed_review and not data.next_review_reason.strip():
            problems.append(
                Problem(
                    "next_review_reason",
                    f"The review is due by {computed_review:%d %b %Y}: write why this date differs.",
                )
            )
    return problems


@dataclass(frozen=True)
class PlanPeriod:
    """One period a child spent on a plan: start, category code, end and why it ended."""

    id: str
    child_id: str
    started_on: date
    ended_on: date | None
    category: str
    end_reason: str

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    def length_days(self, today: date) -> int:
        return max(0, ((self.ended_on or today) - self.started_on).days)
