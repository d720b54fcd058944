"""The decision letter to each parent and the corrections window after the record (issue 18, item 5).

Pure rules: who is owed a letter, the window in which an inaccuracy may be reported, and what a
correction request and its outcome must hold.

Decisions:
- A letter is owed to each parent or carer on the conference's list (not those marked not invited).
- The window opens when the record is sent (the latest date it went to anyone on its distribution list)
  and runs `corrections_wd` working days. A request received outside it is still logged, marked late:
  the council decides; nothing a family says is turned away by the app.
- A declined request needs its reason; an accepted one is made as an amendment with a reason.
- Conferences held before the store recorded decision letters owe none here (`letters_owed`): the day
  the store gained the feature is kept in the local rules (`LETTERS_FROM_KEY`, written by migration
  0014 on a store that already held conferences, and by the demo for its older conferences); a store
  that started with the feature has no such day, and every conference held in it owes its letters.
  A conference imported as history owes none either, whenever it was held: its letters went out of the
  old system. Once any letter is recorded for a conference, it is followed up here like any other.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.audience import EVERYONE, Audience, Reader, may_read
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.people import Role
from iro_desktop.domain.record import SendMethod
from iro_desktop.domain.text_rules import character_problems, is_blank

LETTER_ROLES = frozenset({Role.PARENT, Role.CARER})
LETTERS_FROM_KEY = "letters.due_from"  # local rules: the first day whose conferences owe letters here
NOT_OWED_BEFORE = "Held before decision letters were recorded here: none owed"
NOT_OWED_HISTORY = "Imported history: its letters were not recorded here"
MAX_WHAT = 4000
MAX_NAME = 120


def audience_of(content: object) -> Audience:
    """The audience a piece of content carries; everyone for kinds that carry none yet."""
    found = getattr(content, "audience", EVERYONE)
    return found if isinstance(found, Audience) else EVERYONE


def readable(content: object, reader: Reader) -> bool:
    """The one test the letter and the subject-access bundle put every piece of content through."""
    return may_read(audience_of(content), reader)


def letters_not_owed(held_on: date, *, imported: bool, letters_from: date | None, any_recorded: bool) -> str:
    """Why a conference held on `held_on` owes no decision letters in the app ("" when it owes them):
    imported as history, or held before `letters_from` (the day the store gained letters), unless a
    letter has been recorded for it already (then it is followed up like any other)."""
    if any_recorded:
        return ""
    if imported:
        return NOT_OWED_HISTORY
    if letters_from is not None and held_on < letters_from:
        return NOT_OWED_BEFORE
    return ""


@dataclass(frozen=True)
class LetterSent:
    """A parent's letter recorded as sent."""

    conference_id: str
    person_id: str
    sent_on: date
    method: SendMethod


@dataclass(frozen=True)
class LetterStatus:
    """One parent owed a letter, and whether it went."""

    conference_id: str
    person_id: str
    person_name: str
    role: Role
    due: date
    sent_on: date | None = None
    method: SendMethod | None = None
    not_owed: str = ""  # why no letter is owed here (held before letters were recorded, history)


def corrections_window_end(record_sent_on: date, working_days: int, cal: WorkingDayCalendar) -> date:
    """The last day a correction may be asked for: `working_days` working days after the record was sent."""
    return cal.add_working_days(record_sent_on, working_days)


def in_window(received_on: date, record_sent_on: date | None, end: date | None) -> bool:
    """Whether a request falls in the window (before the record is sent there is no window yet)."""
    return record_sent_on is not None and end is not None and record_sent_on <= received_on <= end


class RequesterKind(enum.StrEnum):
    PARENT = "parent"
    AGENCY = "agency"

    @property
    def label(self) -> str:
        return {"parent": "Parent or carer", "agency": "Agency"}[self.value]


class CorrectionOutcome(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {"pending": "Not decided yet", "accepted": "Accepted", "declined": "Declined"}[self.value]


@dataclass(frozen=True)
class CorrectionInput:
    """What the clerk logs when a correction is asked for."""

    requester_name: str
    requester_kind: RequesterKind
    what: str  # what they say is inaccurate, and what it should say
    received_on: date
    person_id: str | None = None  # the parent on the conference's list, when it is one


@dataclass(frozen=True)
class CorrectionRequest:
    id: str
    conference_id: str
    requester_name: str
    requester_kind: RequesterKind
    what: str
    received_on: date
    outcome: CorrectionOutcome
    outcome_reason: str = ""
    decided_on: date | None = None
    amendment_version: int | None = None
    in_window: bool = True
    person_id: str | None = None


def correction_problems(data: CorrectionInput, today: date) -> list[Problem]:
    """Problems per field: requester_name, what, received_on."""
    problems: list[Problem] = []
    if is_blank(data.requester_name):
        problems.append(Problem("requester_name", "Say who asked for the correction."))
    elif len(data.requester_name) > MAX_NAME:
        problems.append(Problem("requester_name", f"Use at most {MAX_NAME} characters."))
    if is_blank(data.what):
        problems.append(Problem("what", "Say what they say is inaccurate."))
    elif len(data.what) > MAX_WHAT:
        problems.append(Problem("what", f"Use at most {MAX_WHAT} characters."))
    if data.received_on > today:
        problems.append(Problem("received_on", "The date received cannot be in the future."))
    problems += character_problems(
        {"requester_name": data.requester_name, "what": data.what},
        single=("requester_name",),
        multi=("what",),
    )
    return problems


def decision_problems(outcome: CorrectionOutcome, reason: str, has_changes: bool) -> list[Problem]:
    """An outcome needs its reason; an accepted one, the changes to make."""
    problems: list[Problem] = []
    if outcome is CorrectionOutcome.PENDING:
        problems.append(Problem("outcome", "Choose accepted or declined."))
    if is_blank(reason):
        word = "declined" if outcome is CorrectionOutcome.DECLINED else "accepted"
        problems.append(Problem("outcome_reason", f"Say why it is {word}."))
    elif len(reason) > MAX_WHAT:
        problems.append(Problem("outcome_reason", f"Use at most {MAX_WHAT} characters."))
    if outcome is CorrectionOutcome.ACCEPTED and not has_changes:
        problems.append(Problem("changes", "Give the corrected text of the part of the record it changes."))
    return problems
