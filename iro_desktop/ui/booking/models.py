"""Item models for clocks, invitations, 'today and due' lists. State columns carry words and a symbol;
the background colour only repeats what the words say."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from iro_desktop.domain.attendance import Invitation
from iro_desktop.domain.clocks import Clock, ClockState
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.today import DueItem, UpcomingConference
from iro_desktop.ui.audience_strip import mark_text
from iro_desktop.ui.models.table import Column, Index, ObjectTableModel

T = TypeVar("T")

STATE_COLOURS = {
    ClockState.DATE_PROBLEM: "#f8d7da",
    ClockState.OVERDUE: "#f8d7da",
    ClockState.LATE: "#f8d7da",
    ClockState.DUE_SOON: "#fff3cd",
    ClockState.MET: "#d4edda",
}


def state_brush(state: ClockState) -> QBrush | None:
    colour = STATE_COLOURS.get(state)
    return QBrush(QColor(colour)) if colour else None


def _date(value: date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else ""


class StatusTableModel(ObjectTableModel[T]):
    """An ObjectTableModel whose rows are tinted by a state (the state is also in a text column)."""

    def __init__(
        self, columns: Sequence[Column[T]], state: Callable[[T], ClockState], parent: Any = None
    ) -> None:
        super().__init__(columns, parent)
        self._state = state

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            return state_brush(self._state(self.item(index.row())))
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            return QBrush(QColor("#111111")) if state_brush(self._state(self.item(index.row()))) else None
        return super().data(index, role)


def clock_model() -> StatusTableModel[Clock]:
    return StatusTableModel[Clock](
        [
            Column("Deadline", lambda c: c.label),
            Column("Due by", lambda c: _date(c.due)),
            Column("Done", lambda c: _date(c.done_on)),
            Column("State", lambda c: c.state.text),
            Column("Detail", lambda c: c.detail),
        ],
        lambda c: c.state,
    )


def _on_the_day(i: Invitation, people: dict[str, str], out: Sequence[str]) -> str:
    text = i.attendance.label + (f": {i.exclusion_reason}" if i.exclusion_reason else "")
    if i.exclusion_reason and i.note_audience.restricted:  # issue 18: who may read the note
        text += f" [{mark_text(i.note_audience, people)}]"
    if i.person_id in out:
        text += " — out of the room now"
    return text


def invitation_model(
    people: dict[str, str] | None = None, out: list[str] | None = None
) -> ObjectTableModel[Invitation]:
    """`people` (id -> name) and `out` (who is out of the room now) are kept up to date by the panel."""
    names = people if people is not None else {}
    away = out if out is not None else []
    return ObjectTableModel[Invitation](
        [
            Column("Name", lambda i: i.person_name),
            Column("Role", lambda i: i.role.label),
            Column("Agency", lambda i: i.agency_name),
            Column("Invited", lambda i: i.invited_on.strftime("%d %b") if i.invited_on else "Not yet"),
            Column(
                "Report", lambda i: i.report_received_on.strftime("%d %b") if i.report_received_on else ""
            ),
            Column(
                "On the day",
                lambda i: _on_the_day(i, names, away),
            ),
            # Issue 19: how they took part and when; an interpreter's language; whom a supporter supports.
            Column("How", lambda i: i.took_part.label if i.took_part else ""),
            Column("Joined, left", lambda i: i.times_text),
            Column("Notes", _invitation_notes),
        ]
    )


def _invitation_notes(i: Invitation) -> str:
    notes = []
    if i.interpreter_language:
        family = "not a family member" if i.interpreter_not_family else "not confirmed as not family"
        notes.append(f"Interprets {i.interpreter_language} ({family})")
    if i.supports_name:
        notes.append(f"Supports {i.supports_name}")
    return "; ".join(notes)


def upcoming_model() -> StatusTableModel[UpcomingConference]:
    return StatusTableModel[UpcomingConference](
        [
            Column("Date", lambda u: _date(u.conference.scheduled_date)),
            Column(
                "Time", lambda u: u.conference.start_time.strftime("%H:%M") if u.conference.start_time else ""
            ),
            Column("Family", lambda u: f"{u.family_name} ({u.family_reference})"),
            Column("Type", lambda u: u.conference.conference_type.label),
            Column("Chair", lambda u: u.conference.chair_name),
            Column("State", lambda u: u.attention, lambda u: u.attention),
            Column("Preparation", lambda u: u.preparation, lambda u: u.preparation.replace("; ", "\n")),
        ],
        lambda u: u.state,
    )


def due_model() -> StatusTableModel[DueItem]:
    return StatusTableModel[DueItem](
        [
            Column("Family", lambda d: f"{d.family_name} ({d.family_reference})"),
            Column("What", lambda d: d.what),
            Column("Due by", lambda d: _date(d.due)),
            Column("State", lambda d: d.state.text),
            Column("Detail", lambda d: d.detail),
        ],
        lambda d: d.state,
    )


def family_conference_model() -> ObjectTableModel[Conference]:
    return ObjectTableModel[Conference](
        [
            Column("Date", lambda c: _date(c.date)),
            Column("Type", lambda c: c.conference_type.label),
            Column("Status", lambda c: c.status.label),
            Column("Chair", lambda c: c.chair_name),
        ]
    )
