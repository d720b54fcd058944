"""Alerts (escalations) the chair raises when a child's plan drifts, at stage 1, 2 or 3, each stage with
a response deadline in working days; and the plan's RAG rating at its midway point.

A stage is answered (the manager's response), then the chair records its outcome: resolved closes the
alert; not resolved (or no response by the deadline) lets the chair escalate to the next stage."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from iro_desktop.domain.calendar import WorkingDayCalendar, long_date
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, date_problems

DEFAULT_RESPONSE_DAYS = 5
RESPONSE_DAYS_KEY = "alerts.response_days"  # local rule, in the local_rules table
FIRST_STAGE, LAST_STAGE = 1, 3
MAX_NAME = 120
MAX_TEXT = 2000


class AlertReason(enum.StrEnum):
    NO_CORE_GROUP = "no_core_group"
    ACTIONS_OVERDUE = "actions_overdue"
    REPORTS_NOT_SHARED = "reports_not_shared"
    NO_PROGRESS = "no_progress"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REASONS[self]


_REASONS = {
    AlertReason.NO_CORE_GROUP: "No core group within 10 working days",
    AlertReason.ACTIONS_OVERDUE: "Plan actions overdue",
    AlertReason.REPORTS_NOT_SHARED: "Reports not shared",
    AlertReason.NO_PROGRESS: "No progress on the plan",
    AlertReason.OTHER: "Other",
}


class StageOutcome(enum.StrEnum):
    NONE = ""
    RESOLVED = "resolved"
    NOT_RESOLVED = "not_resolved"

    @property
    def label(self) -> str:
        return {"": "No outcome yet", "resolved": "Resolved", "not_resolved": "Not resolved"}[self.value]


class AlertState(enum.StrEnum):
    AWAITING = "awaiting"
    OVERDUE = "overdue"
    RESPONDED = "responded"
    NOT_RESOLVED = "not_resolved"
    RESOLVED = "resolved"

    @property
    def text(self) -> str:
        return {
            "awaiting": "○ Awaiting response",
            "overdue": "⚠ Response overdue",
            "responded": "◷ Response received: record the outcome",
            "not_resolved": "⚠ Not resolved: escalate",
            "resolved": "✔ Resolved",
        }[self.value]


def response_deadline(raised_on: date, days: int, calendar: WorkingDayCalendar) -> date:
    """The day a stage's response is due: `days` working days after it was raised (bank holidays out)."""
    return calendar.add_working_days(raised_on, days)


@dataclass(frozen=True)
class AlertStage:
    stage: int
    manager: str
    raised_on: date
    due_on: date
    response: str = ""
    responded_on: date | None = None
    outcome: StageOutcome = StageOutcome.NONE
    outcome_on: date | None = None
    outcome_note: str = ""
    id: str = ""

    def responded_in_time(self) -> bool | None:
        return None if self.responded_on is None else self.responded_on <= self.due_on


@dataclass(frozen=True)
class Alert:
    id: str
    child_id: str
    reason: AlertReason
    detail: str
    raised_on: date
    raised_by: str
    stages: tuple[AlertStage, ...]
    child_name: str = ""

    @property
    def current(self) -> AlertStage:
        return self.stages[-1]

    @property
    def resolved_on(self) -> date | None:
        last = self.current
        return last.outcome_on if last.outcome is StageOutcome.RESOLVED else None

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None

    def state(self, today: date) -> AlertState:
        last = self.current
        if last.outcome is StageOutcome.RESOLVED:
            return AlertState.RESOLVED
        if last.outcome is StageOutcome.NOT_RESOLVED:
            return AlertState.NOT_RESOLVED
        if last.responded_on is not None:
            return AlertState.RESPONDED
        return AlertState.OVERDUE if today > last.due_on else AlertState.AWAITING

    def may_escalate(self, today: date) -> bool:
        """Not resolved at this stage, or no response by its deadline; stage 3 is the last here."""
        return self.current.stage < LAST_STAGE and self.state(today) in (
            AlertState.NOT_RESOLVED,
            AlertState.OVERDUE,
        )

    def resolved_within_deadline(self) -> bool | None:
        """Resolved by the deadline of the stage it was resolved at; None while open."""
        if self.resolved_on is None:
            return None
        return self.resolved_on <= self.current.due_on

    def days_to_resolve(self, calendar: WorkingDayCalendar) -> int | None:
        """Working days from raising the alert to its resolution; None while open."""
        if self.resolved_on is None:
            return None
        return calendar.working_days_between(self.raised_on, self.resolved_on)

    def summary(self, today: date) -> str:
        last = self.current
        return (
            f"Stage {last.stage} to {last.manager}: {self.reason.label}. {self.state(today).text}"
            f" (due {long_date(last.due_on)})."
        )


@dataclass(frozen=True)
class RaiseAlertInput:
    child_id: str
    reason: AlertReason | None
    manager: str
    stage: int = FIRST_STAGE
    detail: str = ""
    raised_on: date | None = None


def _text_problems(name: str, value: str, limit: int, message: str, required: bool) -> list[Problem]:
    if required and not value.strip():
        return [Problem(name, message)]
    if len(value) > limit:
        return [Problem(name, f"Use at most {limit} characters.")]
    return []


def _day_problems(
    name: str, value: date | None, label: str, today: date, after: date | None
) -> list[Problem]:
    if value is None:
        return [Problem(name, f"Enter {label.lower()}.")]
    problems = date_problems(name, value, label)
    if value > today:
        problems.append(Problem(name, f"{label} cannot be in the future."))
    if after is not None and value < after:
        problems.append(Problem(name, f"{label} cannot be before {long_date(after)}."))
    return problems


def validate_raise(data: RaiseAlertInput, today: date) -> list[Problem]:
    problems = character_problems(data, single=("manager",), multi=("detail",))
    if data.reason is None:
        problems.append(Problem("reason", "Choose why the alert is raised."))
    elif data.reason is AlertReason.OTHER and not data.detail.strip():
        problems.append(Problem("detail", "Describe the concern when the reason is “Other”."))
    problems += _text_problems("manager", data.manager, MAX_NAME, "Name the manager the alert goes to.", True)
    problems += _text_problems("detail", data.detail, MAX_TEXT, "", False)
    if not FIRST_STAGE <= data.stage <= LAST_STAGE:
        problems.append(Problem("stage", f"An alert starts at stage {FIRST_STAGE}, 2 or {LAST_STAGE}."))
    problems += _day_problems("raised_on", data.raised_on, "The date raised", today, None)
    return problems


def validate_response(
    stage: AlertStage, response: str, responded_on: date | None, today: date
) -> list[Problem]:
    problems = character_problems({"response": response}, multi=("response",))
    problems += _text_problems("response", response, MAX_TEXT, "Write the manager's response.", True)
    problems += _day_problems("responded_on", responded_on, "The response date", today, stage.raised_on)
    if stage.outcome is not StageOutcome.NONE:
        problems.append(Problem("response", "This stage already has its outcome."))
    return problems


def validate_outcome(
    stage: AlertStage, outcome: StageOutcome, on: date | None, note: str, today: date
) -> list[Problem]:
    problems = character_problems({"note": note}, multi=("note",))
    if outcome is StageOutcome.NONE:
        problems.append(Problem("outcome", "Choose resolved or not resolved."))
    if stage.outcome is StageOutcome.RESOLVED:
        problems.append(Problem("outcome", "This alert is already resolved."))
    problems += _text_problems("note", note, MAX_TEXT, "", False)
    problems += _day_problems("outcome_on", on, "The outcome date", today, stage.raised_on)
    return problems


def validate_escalation(alert: Alert, manager: str, on: date | None, today: date) -> list[Problem]:
    problems = character_problems({"manager": manager}, single=("manager",))
    if alert.current.stage >= LAST_STAGE:
        problems.append(Problem("stage", f"Stage {LAST_STAGE} is the last stage recorded here."))
    elif not alert.may_escalate(today if on is None else on):  # lapsed as of the escalation date
        problems.append(
            Problem("stage", "Escalate when the stage is not resolved or its response is overdue.")
        )
    problems += _text_problems("manager", manager, MAX_NAME, "Name the manager at the next stage.", True)
    problems += _day_problems("escalated_on", on, "The escalation date", today, alert.current.raised_on)
    return problems


def resolve_response_days(values: dict[str, str]) -> int:
    """The local rule for a stage's response time in working days (default 5; 1-30 accepted)."""
    try:
        days = int(values.get(RESPONSE_DAYS_KEY, DEFAULT_RESPONSE_DAYS))
    except (TypeError, ValueError):
        return DEFAULT_RESPONSE_DAYS
    return days if 1 <= days <= 30 else DEFAULT_RESPONSE_DAYS


# RAG rating at the plan's midway point.


class Rag(enum.StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class RagRating:
    id: str
    child_id: str
    rated_on: date
    rating: Rag
    reason: str
    midway_on: date | None = None


def midway(last_conference_on: date, next_due_on: date) -> date:
    """Halfway between the last conference and the next one due (rounded down to a whole day)."""
    return last_conference_on + timedelta(days=(next_due_on - last_conference_on).days // 2)


def validate_rag(rating: Rag | None, reason: str, rated_on: date | None, today: date) -> list[Problem]:
    problems = character_problems({"reason": reason}, multi=("reason",))
    if rating is None:
        problems.append(Problem("rating", "Choose red, amber or green."))
    problems += _text_problems("reason", reason, MAX_TEXT, "Give the reason for the rating.", True)
    problems += _day_problems("rated_on", rated_on, "The rating date", today, None)
    return problems


def plan_period(held: list[tuple[date, bool]], booked: list[date]) -> tuple[date, date] | None:
    """The period since the latest conference held: (held on, the next one booked after it, or else the
    review due: 3 months after an initial conference, 6 after a review). `held` is (held on, was it an
    initial conference); None when no conference was held."""
    from iro_desktop.domain.calendar import add_months

    if not held:
        return None
    last, initial = max(held)
    later = sorted(d for d in booked if d > last)
    return last, later[0] if later else add_months(last, 3 if initial else 6)


def plan_midway(held: list[tuple[date, bool]], booked: list[date]) -> date | None:
    """The midway point of `plan_period` (None when no conference was held)."""
    period = plan_period(held, booked)
    return midway(*period) if period else None
