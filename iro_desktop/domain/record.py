"""The conference record's lifecycle: in the meeting, with the clerk, awaiting approval, final,
distributed. Final records are locked; later changes are amendments with author, time and reason."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from iro_desktop.domain.audience import EVERYONE, Audience
from iro_desktop.domain.errors import DomainError, Problem
from iro_desktop.domain.lock import RecordIntegrity
from iro_desktop.domain.text_rules import character_problems


class RecordState(enum.StrEnum):
    IN_MEETING = "in_meeting"
    WITH_CLERK = "with_clerk"
    AWAITING_APPROVAL = "awaiting_approval"
    FINAL = "final"
    DISTRIBUTED = "distributed"

    @property
    def label(self) -> str:
        return {
            "in_meeting": "In the meeting",
            "with_clerk": "With the clerk",
            "awaiting_approval": "Awaiting the chair's approval",
            "final": "Final",
            "distributed": "Final and distributed",
        }[self.value]

    @property
    def locked(self) -> bool:
        return self in (RecordState.FINAL, RecordState.DISTRIBUTED)


# Allowed moves, and what each is called.
TRANSITIONS: dict[tuple[RecordState, RecordState], str] = {
    (RecordState.IN_MEETING, RecordState.WITH_CLERK): "hand to the clerk",
    (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL): "send for approval",
    (RecordState.AWAITING_APPROVAL, RecordState.WITH_CLERK): "return to the clerk",
    (RecordState.AWAITING_APPROVAL, RecordState.FINAL): "approve",
    (RecordState.FINAL, RecordState.DISTRIBUTED): "mark distributed",
}


class RecordLocked(DomainError):
    """The record is final: change it only by an amendment with a reason."""


class BadTransition(DomainError):
    pass


def check_transition(current: RecordState, target: RecordState) -> None:
    if (current, target) not in TRANSITIONS:
        raise BadTransition(f"A record that is '{current.label}' cannot move to '{target.label}'.")


class SectionKey(enum.StrEnum):
    """The discussion summary, section by section (agency contributions are one per agency)."""

    PURPOSE = "purpose"
    BACKGROUND = "background"
    AGENCY = "agency"
    CHILD_VOICE = "child_voice"
    PARENTS_VIEWS = "parents_views"
    LEGAL = "legal"
    ANALYSIS = "analysis"
    DECISION_SUMMARY = "decision_summary"

    @property
    def label(self) -> str:
        return {
            "purpose": "Purpose of the conference",
            "background": "Background and update",
            "agency": "Agency contribution",
            "child_voice": "The child's voice",
            "parents_views": "Parents' and carers' views",
            "legal": "Legal",
            "analysis": "Analysis",
            "decision_summary": "Summary of the decision",
        }[self.value]


class SendMethod(enum.StrEnum):
    SECURE_EMAIL = "secure_email"
    POST = "post"
    BY_HAND = "by_hand"
    PORTAL = "portal"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Section:
    key: SectionKey
    agency: str
    text: str
    audience: Audience = EVERYONE  # who may read it (issue 18)
    # The row's version as read (issue 16): a save names it; 0: not stored yet. Not part of equality.
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Recipient:
    id: str
    name: str
    role: str
    method: SendMethod
    sent_on: date | None
    # Issue 18: who they are as a reader. "family" or "professional" (domain.distribution.CopyAudience).
    person_id: str | None = None
    audience: str = "professional"
    signed_off_by: str = ""


@dataclass(frozen=True)
class RecordVersion:
    number: int
    created_at: datetime
    author: str
    reason: str
    content_hash: str
    snapshot_json: str


@dataclass(frozen=True)
class ConferenceRecord:
    conference_id: str
    family_id: str
    family_name: str
    family_reference: str
    conference_label: str
    held_on: date
    state: RecordState
    sections: tuple[Section, ...]
    recipients: tuple[Recipient, ...]
    versions: tuple[RecordVersion, ...]
    approved_by: str
    approved_at: datetime | None
    distribution_due: date
    # Checked each time the record is read: does the lock still match, is the approval verified?
    integrity: RecordIntegrity = RecordIntegrity(locked=False)
    approval_note: str = ""  # why an approval that arrived in a file was not accepted

    @property
    def current_hash(self) -> str:
        return self.versions[-1].content_hash if self.versions else ""


@dataclass(frozen=True)
class QueueEntry:
    """One line of the clerk's queue."""

    conference_id: str
    family_name: str
    family_reference: str
    conference_label: str
    held_on: date
    state: RecordState
    distribution_due: date
    working_days_left: int
    # Issue 18: the decision letters to parents and carers (None: none owed).
    letter_due: date | None = None
    letters_unsent: int = 0
    letters_overdue: bool = False  # unsent after the due day

    @property
    def late(self) -> bool:
        return self.working_days_left < 0

    @property
    def letter_text(self) -> str:
        """The letters' clock in words and a symbol, e.g. "⚠ 2 letters overdue (due 24 Nov 2026)"."""
        if self.letter_due is None:
            return "– None owed"
        if not self.letters_unsent:
            return "✔ All sent"
        count = f"{self.letters_unsent} letter{'s' if self.letters_unsent != 1 else ''}"
        if self.letters_overdue:
            return f"⚠ {count} overdue (due {self.letter_due:%d %b %Y})"
        return f"◷ {count} to send by {self.letter_due:%d %b %Y}"

    @property
    def due_text(self) -> str:
        days = self.working_days_left
        if days < 0:
            return f"⚠ Overdue by {-days} working day{'s' if days != -1 else ''}"
        if days == 0:
            return "Due today"
        return f"{days} working day{'s' if days != 1 else ''} left"


MAX_AGENCY = 120  # a summary section's agency; the same limit on every database (issue 16)
MAX_RECIPIENT = 120  # a recipient's name and role


def section_problems(agency: str) -> list[Problem]:
    """A summary section's agency: one line, at most MAX_AGENCY characters."""
    problems = character_problems({"agency": agency}, single=("agency",))
    if len(agency.strip()) > MAX_AGENCY:
        problems.append(Problem("agency", f"Use at most {MAX_AGENCY} characters for the agency."))
    return problems


def recipient_problems(name: str, role: str) -> list[Problem]:
    """Who a record goes to: a name, and both name and role one line of at most MAX_RECIPIENT characters."""
    problems = [] if name.strip() else [Problem("name", "Enter who the record goes to.")]
    problems += character_problems({"name": name, "role": role}, single=("name", "role"))
    for where, value in (("name", name), ("role", role)):
        if len(value.strip()) > MAX_RECIPIENT:
            problems.append(Problem(where, f"Use at most {MAX_RECIPIENT} characters."))
    return problems


def amendment_problems(reason: str) -> list[Problem]:
    if len(reason.strip()) < 5:
        return [Problem("reason", "Say why the final record is being amended.")]
    return []
