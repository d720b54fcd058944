"""Conferences: types, status and the booked meeting."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, time


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
