"""Conferences: types, status, stood-down reasons, the booked meeting and the booking rules."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, time

from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, date_problems, is_blank


class ConferenceType(enum.StrEnum):
    """Child protection conference types (domain.md section 2)."""

    INITIAL = "initial"
    INITIAL_PRE_BIRTH = "initial_pre_birth"
    TRANSFER_IN = "transfer_in"
    RECONVENED = "reconvened"
    FIRST_REVIEW = "first_review"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]

    @property
    def is_initial(self) -> bool:
        return self in (self.INITIAL, self.INITIAL_PRE_BIRTH, self.TRANSFER_IN, self.RECONVENED)

    @property
    def is_review(self) -> bool:
        return not self.is_initial


_TYPE_LABELS = {
    ConferenceType.INITIAL: "Initial conference",
    ConferenceType.INITIAL_PRE_BIRTH: "Initial pre-birth conference",
    ConferenceType.TRANSFER_IN: "Receiving-in (transfer) conference",
    ConferenceType.RECONVENED: "Re-convened initial conference",
    ConferenceType.FIRST_REVIEW: "First review conference",
    ConferenceType.REVIEW: "Review conference",
}


class ConferenceStatus(enum.StrEnum):
    """Where a conference stands."""

    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    HELD = "held"
    STOOD_DOWN = "stood_down"
    ADJOURNED = "adjourned"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ClockStartKind(enum.StrEnum):
    """What the conference clock runs from."""

    STRATEGY_DISCUSSION = "strategy_discussion"
    SECTION_47 = "section_47"
    TRANSFER_NOTIFIED = "transfer_notified"
    PREVIOUS_CONFERENCE = "previous_conference"

    @property
    def label(self) -> str:
        return {
            "strategy_discussion": "Strategy discussion",
            "section_47": "Section 47 enquiry started",
            "transfer_notified": "Transfer notified",
            "previous_conference": "Previous conference",
        }[self.value]


@dataclass(frozen=True)
class Reason:
    """A code-list entry: stored as its code, shown as its label."""

    code: str
    label: str


# Stood-down reasons seen in the reports (domain.md section 4); the council may edit the list.
DEFAULT_STOOD_DOWN_REASONS: tuple[Reason, ...] = (
    Reason("interpreter_unavailable", "Interpreter not available"),
    Reason("out_of_timescale_requested", "Already out of timescale when requested"),
    Reason("late_request", "Late conference request"),
    Reason("parent_unavailable", "Parent unavailable (for example in hospital)"),
    Reason("no_professionals", "No professionals attended"),
    Reason("not_quorate", "Not quorate: key agencies absent"),
    Reason("family_moved", "Family moved; waiting for a receiving-in conference"),
    Reason("social_worker_unavailable", "Social worker unavailable"),
    Reason("school_term", "Moved into school term time"),
    Reason("baby_born", "Brought forward because the baby was born"),
    Reason("court_outcome", "Waiting for a court outcome"),
    Reason("weather", "Weather (for example snow)"),
    Reason("other", "Other (see the note)"),
    Reason("unknown", "Not known"),
)


DETAIL_FIELDS = (
    "scheduled_date",
    "start_time",
    "venue",
    "chair_name",
    "clerk_name",
    "interpreter_language",
    "lateness_reason",
)


@dataclass(frozen=True)
class Conference:
    """A booked conference for one family."""

    id: str
    family_id: str
    conference_type: ConferenceType
    clock_start: date | None
    scheduled_date: date
    start_time: time | None
    venue: str
    status: ConferenceStatus
    chair_name: str
    clock_start_kind: ClockStartKind | None = None
    clerk_name: str = ""
    interpreter_language: str = ""
    previous_conference_id: str | None = None
    held_on: date | None = None
    lateness_reason: str = ""
    stood_down_reason: str = ""
    status_note: str = ""
    rearranged_to_id: str | None = None
    report_to_parents_on: date | None = None
    report_to_chair_on: date | None = None
    quoracy_override_reason: str = ""
    core_group_on: date | None = None
    record_distributed_on: date | None = None
    version: int = field(default=0, compare=False)  # the stored row's (issue 16): what an edit read

    def details(self) -> dict[str, object]:
        """The booking details a person edits, by name (issue 16: what an edit of them read)."""
        return {name: getattr(self, name) for name in DETAIL_FIELDS}

    @property
    def date(self) -> date:
        """The day it happened, or is booked for."""
        return self.held_on or self.scheduled_date


@dataclass(frozen=True)
class BookingInput:
    """What the person booking types."""

    family_id: str
    conference_type: ConferenceType
    scheduled_date: date | None
    clock_start: date | None = None
    clock_start_kind: ClockStartKind | None = None
    previous_conference_id: str | None = None
    start_time: time | None = None
    venue: str = ""
    chair_name: str = ""
    clerk_name: str = ""
    interpreter_language: str = ""
    lateness_reason: str = ""
    advocacy: tuple[tuple[str, str, str], ...] = ()  # (child id, answer code, note)


def validate_booking(
    data: BookingInput,
    *,
    due: date | None,
    previous: Conference | None,
    has_unborn_child: bool,
) -> list[Problem]:
    """Problems with a booking, each tied to its field. `due` is the computed last day in timescale."""
    problems: list[Problem] = []
    if data.scheduled_date is None:
        problems.append(Problem("scheduled_date", "Enter the date of the conference."))
    problems += date_problems("scheduled_date", data.scheduled_date, "The conference date")
    problems += date_problems("clock_start", data.clock_start, "The clock start")
    problems += character_problems(
        data, single=("venue", "chair_name", "clerk_name", "interpreter_language"), multi=("lateness_reason",)
    )
    if data.conference_type.is_review:
        if previous is None:
            problems.append(
                Problem(
                    "previous_conference",
                    "A review needs an earlier conference for this family. Book an initial conference "
                    "first, or choose the initial conference this review follows.",
                )
            )
        elif previous.family_id != data.family_id:
            problems.append(Problem("previous_conference", "Choose a conference of this family."))
    elif data.clock_start is None:
        problems.append(
            Problem("clock_start", "Enter the date the clock starts (strategy discussion or s47).")
        )
    start = previous.date if (data.conference_type.is_review and previous) else data.clock_start
    if data.scheduled_date is not None and start is not None and data.scheduled_date < start:
        what = "the previous conference" if data.conference_type.is_review else "its start date"
        problems.append(Problem("scheduled_date", f"The conference cannot be before {what}."))
    if data.conference_type is ConferenceType.INITIAL_PRE_BIRTH and not has_unborn_child:
        problems.append(
            Problem("conference_type", "A pre-birth conference needs an unborn child with an expected date.")
        )
    if (
        data.scheduled_date is not None
        and due is not None
        and data.scheduled_date > due
        and not data.lateness_reason.strip()
    ):
        problems.append(
            Problem(
                "lateness_reason",
                f"This date is after the last day in timescale ({due:%d %b %Y}). Say why it is late.",
            )
        )
    for name, limit in (
        ("venue", 200),
        ("chair_name", 120),
        ("clerk_name", 120),
        ("interpreter_language", 60),
    ):
        if len(getattr(data, name)) > limit:
            problems.append(Problem(name, f"Use at most {limit} characters."))
    return problems


def validate_held(
    held_on: date | None, due: date | None, lateness_reason: str, today: date, scheduled: date
) -> list[Problem]:
    """Marking a conference held: a date not in the future, and a reason when it was late."""
    problems: list[Problem] = []
    if held_on is None:
        problems.append(Problem("held_on", "Enter the date the conference was held."))
        return problems
    if held_on > today:
        problems.append(Problem("held_on", "A conference cannot be held in the future."))
    problems += date_problems("held_on", held_on, "The date")
    problems += character_problems({"lateness_reason": lateness_reason}, multi=("lateness_reason",))
    if due is not None and held_on > due and not lateness_reason.strip():
        problems.append(
            Problem(
                "lateness_reason",
                f"Held after the last day in timescale ({due:%d %b %Y}). Record why it was late.",
            )
        )
    return problems


def validate_stood_down(reason_code: str, known: tuple[Reason, ...], note: str) -> list[Problem]:
    problems: list[Problem] = []
    if not reason_code:
        problems.append(Problem("stood_down_reason", "Choose why the conference was stood down."))
    elif reason_code not in {r.code for r in known}:
        problems.append(Problem("stood_down_reason", "Choose a reason from the list."))
    elif reason_code == "other" and is_blank(note):
        problems.append(Problem("status_note", "Say what the other reason was."))
    problems += character_problems({"status_note": note}, multi=("status_note",))
    return problems
