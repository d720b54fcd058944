"""Invitations and attendance, one row per person per conference; how each person took part and when
they joined and left (issue 19); interpreters and supporters; advocacy for children aged 10+."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from iro_desktop.domain.audience import EVERYONE, Audience
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.family import Child
from iro_desktop.domain.local_time import clock_text
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


class TookPart(enum.StrEnum):
    """How a person took part on the day ("" until recorded)."""

    NOT_RECORDED = ""
    IN_ROOM = "room"
    VIDEO = "video"
    PHONE = "phone"
    WRITTEN = "written"

    @property
    def label(self) -> str:
        return _TOOK_PART_LABELS[self]

    @property
    def is_remote(self) -> bool:
        return self in (TookPart.VIDEO, TookPart.PHONE)


_TOOK_PART_LABELS = {
    TookPart.NOT_RECORDED: "Not recorded",
    TookPart.IN_ROOM: "In the room",
    TookPart.VIDEO: "Video",
    TookPart.PHONE: "Phone",
    TookPart.WRITTEN: "Written report only",
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
    # Issue 19: how they took part and when (the decisions' clock: naive UTC), interpreter, supporter,
    # and the discipline of a member of a multi-agency child protection team.
    took_part: TookPart = TookPart.NOT_RECORDED
    joined_at: datetime | None = None
    left_at: datetime | None = None
    interpreter_language: str = ""
    interpreter_not_family: bool = False
    supports_person_id: str | None = None
    supports_name: str = ""
    team_discipline: AgencyKind | None = None
    note_audience: Audience = EVERYONE  # who may read the attendance note (issue 18)
    version: int = field(default=0, compare=False)  # the stored row's (issue 16): what an edit read

    @property
    def is_police(self) -> bool:
        return (
            self.agency_kind is AgencyKind.POLICE
            or self.role is Role.POLICE
            or self.team_discipline is AgencyKind.POLICE
        )

    def present_at(self, at: datetime | None) -> bool:
        """Attended and in the meeting (room, video or phone) at `at`: joined by then and not yet left.
        `at` None: the meeting as a whole (times not considered). A written report alone is not presence."""
        if self.attendance is not Attendance.ATTENDED or self.took_part is TookPart.WRITTEN:
            return False
        if at is None:
            return True
        if self.joined_at is not None and self.joined_at > at:
            return False
        return self.left_at is None or self.left_at > at

    @property
    def times_text(self) -> str:
        joined = f"joined {clock_text(self.joined_at)}" if self.joined_at else ""  # England's time
        left = f"left {clock_text(self.left_at)}" if self.left_at else ""
        return ", ".join(t for t in (joined, left) if t)


def validate_times(joined_at: datetime | None, left_at: datetime | None) -> list[Problem]:
    if joined_at is not None and left_at is not None and left_at < joined_at:
        return [Problem("left_at", "A person cannot leave before they joined.")]
    return []


def validate_interpreter(language: str, not_family: bool) -> list[Problem]:
    """An interpreter names the language and is confirmed not to be a family member (never a relative or
    a child: practice-2026.md)."""
    problems: list[Problem] = []
    if is_blank(language):
        problems.append(Problem("interpreter_language", "Enter the language interpreted."))
    elif len(language) > 60:
        problems.append(Problem("interpreter_language", "Use at most 60 characters."))
    problems += character_problems({"interpreter_language": language}, single=("interpreter_language",))
    if not not_family:
        problems.append(
            Problem("interpreter_not_family", "Confirm the interpreter is not a member of the family.")
        )
    return problems


def validate_supporter(supporter: Invitation, supported: Invitation | None) -> list[Problem]:
    """An advocate or supporter for a parent: the person supported is a parent on the same list."""
    if supported is None:
        return []
    if supported.conference_id != supporter.conference_id:
        return [Problem("supports_person_id", "The parent supported is not on this conference's list.")]
    if supported.role is not Role.PARENT:
        return [Problem("supports_person_id", "Choose a parent: an advocate or supporter supports a parent.")]
    if supported.person_id == supporter.person_id:
        return [Problem("supports_person_id", "A person cannot support themselves.")]
    if supporter.role.is_family and supporter.role is not Role.FAMILY_NETWORK:
        return [Problem("supports_person_id", "A parent's supporter is an advocate or someone they bring.")]
    return []


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
    version: int = field(default=0, compare=False)  # the stored row's (issue 16; 0: not answered yet)
