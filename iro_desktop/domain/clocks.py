"""Statutory and local clocks: pure rules on a working-day calendar (domain.md section 2).

Every number lives in `ClockRules`, because local procedures differ; the defaults are the ones the
reports quote. A `Clock` is a plain answer a screen can show: what is due, by when, whether it was met,
and a state that always carries words and a symbol, never colour alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from iro_desktop.domain.calendar import WorkingDayCalendar, add_months
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.text_rules import date_in_range


@dataclass(frozen=True)
class ClockRules:
    """Timescales, each configurable by the council (stored as local rules)."""

    icpc_working_days: int = 15
    first_review_months: int = 3
    later_review_months: int = 6
    report_to_parents_icpc_wd: int = 2
    report_to_chair_icpc_wd: int = 1
    report_before_review_wd: int = 3
    police_notice_days: int = 7
    core_group_wd: int = 10
    record_distribution_wd: int = 15
    due_soon_wd: int = 5
    decision_letter_wd: int = 1  # issue 18: the decision letter to each parent
    corrections_wd: int = 10  # issue 18: asking for an inaccuracy to be corrected, after the record is sent

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for any setting out of range."""
        out: list[tuple[str, str]] = []
        limits = {
            "icpc_working_days": (1, 60),
            "first_review_months": (1, 12),
            "later_review_months": (1, 12),
            "report_to_parents_icpc_wd": (0, 20),
            "report_to_chair_icpc_wd": (0, 20),
            "report_before_review_wd": (0, 20),
            "police_notice_days": (0, 60),
            "core_group_wd": (1, 60),
            "record_distribution_wd": (1, 60),
            "due_soon_wd": (0, 30),
            "decision_letter_wd": (0, 10),
            "corrections_wd": (1, 60),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if not low <= value <= high:
                out.append((name, f"Use a whole number from {low} to {high}."))
        return out


class ClockState(enum.StrEnum):
    """Where a clock stands. `text` pairs a symbol with words, so colour is never the only signal."""

    MET = "met"
    LATE = "late"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"
    NOT_RECORDED = "not_recorded"  # history imported without the facts this clock needs
    DATE_PROBLEM = "date_problem"  # a date on the conference is outside the accepted range (issue 13)

    @property
    def text(self) -> str:
        return _STATE_TEXT[self]

    @property
    def needs_attention(self) -> bool:
        return self in (ClockState.OVERDUE, ClockState.LATE, ClockState.DUE_SOON, ClockState.DATE_PROBLEM)


_STATE_TEXT = {
    ClockState.MET: "✔ Met",
    ClockState.LATE: "✘ Late",
    ClockState.OVERDUE: "⚠ Overdue",
    ClockState.DUE_SOON: "◷ Due soon",
    ClockState.PENDING: "○ Not yet due",
    ClockState.NOT_APPLICABLE: "– Not applicable",
    ClockState.NOT_RECORDED: "– Not recorded",
    ClockState.DATE_PROBLEM: "⚠ Date problem",
}


class ClockKind(enum.StrEnum):
    CONFERENCE = "conference"
    REPORT_TO_PARENTS = "report_to_parents"
    REPORT_TO_CHAIR = "report_to_chair"
    POLICE_INVITATION = "police_invitation"
    CORE_GROUP = "core_group"
    RECORD_DISTRIBUTION = "record_distribution"
    NEXT_REVIEW = "next_review"
    DECISION_LETTER = "decision_letter"  # issue 18

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ClockKind.CONFERENCE: "Conference within timescale",
    ClockKind.REPORT_TO_PARENTS: "Social worker's report to parents",
    ClockKind.REPORT_TO_CHAIR: "Social worker's report to the chair",
    ClockKind.POLICE_INVITATION: "Police invited in time",
    ClockKind.CORE_GROUP: "First core group",
    ClockKind.RECORD_DISTRIBUTION: "Record distributed",
    ClockKind.NEXT_REVIEW: "Next review conference",
    ClockKind.DECISION_LETTER: "Decision letter to parents",
}


@dataclass(frozen=True)
class Clock:
    """One deadline: by when, when it was done, and its state on the given day."""

    kind: ClockKind
    due: date | None
    done_on: date | None
    state: ClockState
    detail: str = ""

    @property
    def label(self) -> str:
        return self.kind.label


def last_working_day_on_or_before(day: date, cal: WorkingDayCalendar) -> date:
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    return day


def book_by(due: date, cal: WorkingDayCalendar) -> date:
    """A booking hint, never a deadline: the last working day on or before a statutory due date (a
    review due on a Sunday is best booked by the Friday before it)."""
    return last_working_day_on_or_before(due, cal)


def initial_conference_due(clock_start: date, working_days: int, cal: WorkingDayCalendar) -> date:
    """The statutory due date of an initial conference: `working_days` working days after the clock
    start (the strategy discussion or section 47 enquiry)."""
    return cal.add_working_days(clock_start, working_days)


def review_conference_due(
    previous_held_on: date, after_initial: bool, first_months: int, later_months: int
) -> date:
    """The statutory due date of a review: the calendar date `first_months` after the initial conference
    (first review) or `later_months` after the previous review, clamped to the month's end. It is not
    moved to a working day: the screens, the checks and the annual report all judge by this date."""
    return add_months(previous_held_on, first_months if after_initial else later_months)


def conference_due(
    conference_type: ConferenceType,
    clock_start: date | None,
    rules: ClockRules,
    cal: WorkingDayCalendar,
) -> date | None:
    """The last day a conference may be held in timescale: the one rule every clock, check and figure
    uses (`initial_conference_due` for initial conferences, `review_conference_due` for reviews)."""
    if clock_start is None or not date_in_range(clock_start):
        return None  # a date outside the accepted range has no deadline (conference_clocks says so)
    if conference_type.is_initial:
        return initial_conference_due(clock_start, rules.icpc_working_days, cal)
    return review_conference_due(
        clock_start,
        conference_type is ConferenceType.FIRST_REVIEW,
        rules.first_review_months,
        rules.later_review_months,
    )


def next_review_due(
    held_type: ConferenceType, held_on: date, rules: ClockRules, cal: WorkingDayCalendar
) -> date:
    """When the next review is due after a conference held on `held_on`."""
    next_type = ConferenceType.FIRST_REVIEW if held_type.is_initial else ConferenceType.REVIEW
    due = conference_due(next_type, held_on, rules, cal)
    assert due is not None
    return due


def report_deadlines(
    conference_type: ConferenceType, conference_date: date, rules: ClockRules, cal: WorkingDayCalendar
) -> tuple[date, date]:
    """(to parents by, to chair by): the latest days the social worker's report may arrive."""
    if conference_type.is_initial:
        parents = rules.report_to_parents_icpc_wd
        chair = rules.report_to_chair_icpc_wd
    else:
        parents = chair = rules.report_before_review_wd
    return (
        cal.add_working_days(conference_date, -parents),
        cal.add_working_days(conference_date, -chair),
    )


def police_invitation_due(conference_date: date, rules: ClockRules) -> date:
    """Police need at least `police_notice_days` calendar days' notice."""
    return conference_date - timedelta(days=rules.police_notice_days)


def core_group_due(held_on: date, rules: ClockRules, cal: WorkingDayCalendar) -> date:
    return cal.add_working_days(held_on, rules.core_group_wd)


def record_distribution_due(held_on: date, rules: ClockRules, cal: WorkingDayCalendar) -> date:
    return cal.add_working_days(held_on, rules.record_distribution_wd)


def decision_letter_due(held_on: date, rules: ClockRules, cal: WorkingDayCalendar) -> date:
    """Issue 18: the decision letter goes to each parent within `decision_letter_wd` working days of the
    conference (a conference held on a closed day counts from the next working day)."""
    return cal.add_working_days(held_on, rules.decision_letter_wd)


def decision_letter_clock(
    held_on: date,
    letters_sent_on: tuple[date | None, ...],
    rules: ClockRules,
    cal: WorkingDayCalendar,
    today: date,
    not_owed: str = "",
) -> Clock:
    """Done when every parent's letter is sent (the latest date counts); none owed without a parent,
    nor (`not_owed`, the reason) for a conference held before the store recorded letters."""
    due = decision_letter_due(held_on, rules, cal)
    if not_owed:
        return Clock(ClockKind.DECISION_LETTER, None, None, ClockState.NOT_APPLICABLE, not_owed)
    if not letters_sent_on:
        return Clock(
            ClockKind.DECISION_LETTER, due, None, ClockState.NOT_APPLICABLE, "No parent or carer invited"
        )
    dated = [d for d in letters_sent_on if d is not None]
    done = max(dated) if len(dated) == len(letters_sent_on) else None
    state = state_of(due, done, today, rules, cal)
    detail = f"{len(dated)} of {len(letters_sent_on)} sent"
    if done is not None and state is ClockState.LATE:
        detail += f", {working_days_late(due, done, cal)} working days late"
    return Clock(ClockKind.DECISION_LETTER, due, done, state, detail)


def state_of(
    due: date | None,
    done_on: date | None,
    today: date,
    rules: ClockRules,
    cal: WorkingDayCalendar,
) -> ClockState:
    """Met or late once done; otherwise overdue, due soon (within `due_soon_wd`) or not yet due."""
    if due is None:
        return ClockState.NOT_APPLICABLE
    if done_on is not None:
        return ClockState.MET if done_on <= due else ClockState.LATE
    if today > due:
        return ClockState.OVERDUE
    if within_working_days(today, due, rules.due_soon_wd, cal):
        return ClockState.DUE_SOON
    return ClockState.PENDING


def within_working_days(start: date, end: date, n: int, cal: WorkingDayCalendar) -> bool:
    """Whether `end` is at most `n` working days after `start`; stops counting as soon as it is not, so a
    deadline months away costs a few steps, not a walk over every day."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            count += 1
            if count > n:
                return False
    return True


def working_days_late(due: date, done_on: date, cal: WorkingDayCalendar) -> int:
    """How many working days after `due` something was done (0 when on time)."""
    return max(cal.working_days_between(due, done_on), 0)


def is_late(
    conference_type: ConferenceType,
    clock_start: date | None,
    held_on: date,
    rules: ClockRules,
    cal: WorkingDayCalendar,
) -> bool:
    """Held (or booked) after the last day in timescale: the chair must give a reason."""
    due = conference_due(conference_type, clock_start, rules, cal)
    return due is not None and held_on > due


@dataclass(frozen=True)
class ConferenceFacts:
    """What the clocks need to know about one conference, as plain data."""

    conference_type: ConferenceType
    clock_start: date | None
    scheduled_date: date
    held_on: date | None = None
    stood_down: bool = False
    report_to_parents_on: date | None = None
    report_to_chair_on: date | None = None
    police_invited_on: tuple[date | None, ...] = ()
    core_group_on: date | None = None
    record_distributed_on: date | None = None
    next_conference_held_on: date | None = None
    # Issue 18: each parent's or carer's decision letter, its date sent (None: not yet); () none owed.
    letters_sent_on: tuple[date | None, ...] = ()
    letters_not_owed: str = ""  # why none is owed (domain/letters.letters_not_owed); "" when owed


def out_of_range_date(facts: ConferenceFacts) -> date | None:
    """The first of a conference's dates outside 1900-2100, or None when all are usable."""
    dates = (
        facts.clock_start,
        facts.scheduled_date,
        facts.held_on,
        facts.report_to_parents_on,
        facts.report_to_chair_on,
        *facts.police_invited_on,
        facts.core_group_on,
        facts.record_distributed_on,
        facts.next_conference_held_on,
        *facts.letters_sent_on,
    )
    return next((d for d in dates if d is not None and not date_in_range(d)), None)


def conference_clocks(
    facts: ConferenceFacts, rules: ClockRules, cal: WorkingDayCalendar, today: date
) -> list[Clock]:
    """Every clock for one conference, in the order a chair prepares and follows it up. A date outside
    the accepted range (e.g. 9999-12-31 written by SQL) makes every clock a date problem, never an error."""
    bad = out_of_range_date(facts)
    if bad is not None:
        detail = f"A date ({bad.isoformat()}) is outside the dates IRO Desktop accepts: correct it"
        return [Clock(kind, None, None, ClockState.DATE_PROBLEM, detail) for kind in ClockKind]
    clocks: list[Clock] = []
    when = facts.held_on or facts.scheduled_date
    due = conference_due(facts.conference_type, facts.clock_start, rules, cal)
    if facts.stood_down:
        return [Clock(ClockKind.CONFERENCE, due, None, ClockState.NOT_APPLICABLE, "Stood down")]
    if facts.held_on is not None:
        state = state_of(due, facts.held_on, today, rules, cal)
        detail = "Held" + (
            f" {working_days_late(due, facts.held_on, cal)} working days late"
            if due and state is ClockState.LATE
            else " in timescale"
        )
    elif due is None:
        state, detail = ClockState.NOT_APPLICABLE, "No clock start recorded"
    elif facts.scheduled_date > due:
        state = ClockState.LATE
        detail = f"Booked {working_days_late(due, facts.scheduled_date, cal)} working days after the due date"
    else:
        state = state_of(due, None, today, rules, cal)
        if state is not ClockState.OVERDUE:
            state, detail = ClockState.PENDING, "Booked in timescale"
        else:
            detail = "Not held by the due date"
    clocks.append(Clock(ClockKind.CONFERENCE, due, facts.held_on, state, detail))

    parents_by, chair_by = report_deadlines(facts.conference_type, when, rules, cal)
    for kind, by, done in (
        (ClockKind.REPORT_TO_PARENTS, parents_by, facts.report_to_parents_on),
        (ClockKind.REPORT_TO_CHAIR, chair_by, facts.report_to_chair_on),
    ):
        state = state_of(by, done, today, rules, cal)
        detail = "Received" if done else "Not received yet"
        if done and state is ClockState.LATE:
            detail = f"Received {working_days_late(by, done, cal)} working days late"
        clocks.append(Clock(kind, by, done, state, detail))

    police_by = police_invitation_due(when, rules)
    if facts.police_invited_on:
        dated = [d for d in facts.police_invited_on if d is not None]
        latest = max(dated) if len(dated) == len(facts.police_invited_on) else None
        state = state_of(police_by, latest, today, rules, cal)
        detail = "Invitation not sent yet" if latest is None else f"Invited {(when - latest).days} days ahead"
        clocks.append(Clock(ClockKind.POLICE_INVITATION, police_by, latest, state, detail))
    else:
        state = state_of(police_by, None, today, rules, cal)
        clocks.append(
            Clock(
                ClockKind.POLICE_INVITATION,
                police_by,
                None,
                state,
                "No police officer on the invitation list",
            )
        )

    if facts.held_on is not None:
        if facts.conference_type.is_initial:
            cg_due = core_group_due(facts.held_on, rules, cal)
            state = state_of(cg_due, facts.core_group_on, today, rules, cal)
            clocks.append(
                Clock(
                    ClockKind.CORE_GROUP,
                    cg_due,
                    facts.core_group_on,
                    state,
                    f"Within {rules.core_group_wd} working days",
                )
            )
        rec_due = record_distribution_due(facts.held_on, rules, cal)
        state = state_of(rec_due, facts.record_distributed_on, today, rules, cal)
        clocks.append(
            Clock(
                ClockKind.RECORD_DISTRIBUTION,
                rec_due,
                facts.record_distributed_on,
                state,
                f"Target {rules.record_distribution_wd} working days after the conference",
            )
        )
        review_due = next_review_due(facts.conference_type, facts.held_on, rules, cal)
        state = state_of(review_due, facts.next_conference_held_on, today, rules, cal)
        clocks.append(Clock(ClockKind.NEXT_REVIEW, review_due, facts.next_conference_held_on, state))
        clocks.append(
            decision_letter_clock(
                facts.held_on, facts.letters_sent_on, rules, cal, today, facts.letters_not_owed
            )
        )
    return clocks


# Clocks whose facts a historical import does not bring (invitations; the core group date) or may
# leave blank (report dates): shown as "not recorded" rather than overdue years later.
UNRECORDED_IN_HISTORY = (
    ClockKind.REPORT_TO_PARENTS,
    ClockKind.REPORT_TO_CHAIR,
    ClockKind.POLICE_INVITATION,
    ClockKind.CORE_GROUP,
)


def as_not_recorded(clocks: list[Clock]) -> list[Clock]:
    """The clocks of a conference from a historical import without an attendance list: those in
    UNRECORDED_IN_HISTORY with nothing done on record become NOT_RECORDED (a date that was imported
    still counts, met or late). The conference, record and next-review clocks stay as they are."""
    return [
        Clock(c.kind, c.due, None, ClockState.NOT_RECORDED, "Not in the imported history")
        if c.kind in UNRECORDED_IN_HISTORY and c.done_on is None
        else c
        for c in clocks
    ]
