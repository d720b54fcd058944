"""Invitations and attendance, one row per person per conference; advocacy for children aged 10+."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.audience import EVERYONE, Audience
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.family import Child
from iro_desktop.domain.people import AgencyKind, Role
from iro_desktop.domain.text_rules import character_problems, date_problems, is_blank


class Attendance(enum.StrEnum):
    """On the day, one click each."""

    EXPECTED = "expected"
    ATTENDED = "attended"
    APOLOGIES = "apologies"
    SENT_REPORT = "sent_report"
    NOT_INVITED = "not_invited"
    EXCLUDED = "excluded"

    @property
    def label(self) -> str:
        return _ATTENDANCE_LABELS[self]


_ATTENDANCE_LABELS = {
    Attendance.EXPECTED: "Not recorded",
    Attendance.ATTENDED: "Attended",
    Attendance.APOLOGIES: "Apologies",
    Attendance.SENT_REPORT: "Apologies, sent a report",
    Attendance.NOT_INVITED: "Not invited",
    Attendance.EXCLUDED: "Excluded",
}


@dataclass(frozen=True)
class Invitation:
    """A person on a conference's list: when invited, what happened on the day, their report."""

    id: str
    conference_id: str
    person_id: str
    person_name: str
    role: Role
    agency_id: str | None
    agency_name: str
    agency_kind: AgencyKind | None
    invited_on: date | None
    attendance: Attendance
    exclusion_reason: str = ""
    report_received_on: date | None = None
    note_audience: Audience = EVERYONE  # who may read the attendance note (issue 18)

    @property
    def is_police(self) -> bool:
        return self.agency_kind is AgencyKind.POLICE or self.role is Role.POLICE


def validate_attendance(attendance: Attendance, reason: str) -> list[Problem]:
    if attendance is Attendance.EXCLUDED and is_blank(reason):
        return [Problem("exclusion_reason", "Say why this person was excluded.")]
    if len(reason) > 500:
        return [Problem("exclusion_reason", "Use at most 500 characters.")]
    return character_problems({"exclusion_reason": reason}, multi=("exclusion_reason",))


def validate_invited_on(invited_on: date | None, today: date, conference_date: date) -> list[Problem]:
    if invited_on is not None and invited_on > today:
        return [Problem("invited_on", "An invitation cannot be sent in the future.")]
    if invited_on is not None and invited_on > conference_date:
        return [Problem("invited_on", "The invitation date is after the conference.")]
    return date_problems("invited_on", invited_on, "The invitation date")


class AdvocacyAnswer(enum.StrEnum):
    """Advocacy offered to a child aged 10 or over on the booking date."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_OFFERED = "not_offered"

    @property
    def label(self) -> str:
        return {
            "accepted": "Offered and accepted",
            "declined": "Offered and declined",
            "not_offered": "Not offered (say why)",
        }[self.value]


ADVOCACY_AGE = 10


def children_needing_advocacy(children: tuple[Child, ...] | list[Child], on: date) -> list[Child]:
    """Children aged 10 or over on `on`, the conference date (booked or held): the one reference date
    for age that booking, its details and Today and due all use."""
    return [c for c in children if (c.age_on(on) or 0) >= ADVOCACY_AGE]


def validate_advocacy(
    children: tuple[Child, ...] | list[Child], on: date, answers: dict[str, tuple[str, str]]
) -> list[Problem]:
    """Every child aged 10+ needs an answer; 'not offered' needs a reason.

    answers: child id -> (answer code, note).
    """
    problems: list[Problem] = []
    for child in children_needing_advocacy(children, on):
        code, note = answers.get(child.id, ("", ""))
        field = f"advocacy[{child.id}]"
        if not code:
            problems.append(
                Problem(field, f"{child.full_name} is 10 or over: say whether advocacy was offered.")
            )
        elif code not in {a.value for a in AdvocacyAnswer}:
            problems.append(Problem(field, "Choose an answer from the list."))
        elif code == AdvocacyAnswer.NOT_OFFERED and is_blank(note):
            problems.append(Problem(field, f"Say why advocacy was not offered to {child.full_name}."))
        problems += [Problem(field, p.message) for p in character_problems({"note": note}, multi=("note",))]
    return problems


@dataclass(frozen=True)
class AdvocacyRecord:
    conference_id: str
    child_id: str
    answer: AdvocacyAnswer
    note: str = ""
