"""Change a booked conference (date, time, venue, chair, clerk, interpreter) and record advocacy answers
for children aged 10 or over, with problems shown under their fields."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.attendance import AdvocacyAnswer, AdvocacyRecord, children_needing_advocacy
from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.errors import ValidationError
from iro_desktop.services.conference_file.merge import Conflict
from iro_desktop.services.registry import Services
from iro_desktop.ui.conflict_panel import ConflictPanel, conflicts_of
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import DateField, InlineErrors, add_row, date_problem
from iro_desktop.ui.widgets import wrapping_row


def _shown(value: object) -> str:
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value) if value else "(none)"


def _read_of(answer: AdvocacyRecord | None) -> ReadAs:
    """What an advocacy row showing `answer` (None: not asked yet) read, for a save based on it."""
    if answer is None:
        return ReadAs(0)
    return ReadAs(answer.version, {"answer": answer.answer, "note": answer.note})


def _advocacy_conflicts(error: EditConflict, child_id: str) -> list[Conflict]:
    """The Mine/Theirs rows for an advocacy answer someone else changed too, in words."""
    return conflicts_of(
        error,
        "advocacy",
        child_id,
        label_of=lambda field: "answer" if field == "answer" else "note",
        shown=lambda value: value.label if isinstance(value, AdvocacyAnswer) else _shown(value),
    )


def _booking_conflicts(error: EditConflict, conference_id: str) -> list[Conflict]:
    """The Mine/Theirs rows for booking details someone else changed too, in words."""
    return conflicts_of(
        error, "conferences", conference_id, label_of=lambda field: field.replace("_", " "), shown=_shown
    )


class BookingDetails(QWidget):
    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.conference: Conference | None = None
        self.errors = InlineErrors()
        layout = QVBoxLayout(self)
        box = QGroupBox("Booking")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow pane: fields under labels
        self.scheduled = DateField("Conference date")
        self.start_time = QTimeEdit(QTime(10, 0))
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setMaximumWidth(100)
        self.start_time.setAccessibleName("Start time")
        self.venue = QLineEdit()
        self.chair = QLineEdit()
        self.clerk = QLineEdit()
        self.interpreter = QLineEdit()
        self.lateness = QLineEdit()
        self.lateness.setPlaceholderText("If after the last day in timescale")
        self.lateness.setToolTip("Needed when the date is after the last day in timescale")
        add_row(form, self.errors, "scheduled_date", "&Date:", self.scheduled)
        add_row(form, self.errors, "start_time", "T&ime:", self.start_time)
        add_row(form, self.errors, "venue", "&Venue:", self.venue)
        add_row(form, self.errors, "chair_name", "C&hair:", self.chair)
        add_row(form, self.errors, "clerk_name", "Cl&erk:", self.clerk)
        add_row(form, self.errors, "interpreter_language", "Inte&rpreter:", self.interpreter)
        add_row(form, self.errors, "lateness_reason", "&Lateness reason:", self.lateness)
        self.save_button = QPushButton("Save &booking changes")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow("", row)
        form.addRow(self.errors.general)
        # Issue 16: the booking changed on another desktop too; both shown here (never a modal).
        self.conflict_panel = ConflictPanel()
        self.conflict_panel.resolved.connect(self._resolve)
        self._conflict: EditConflict | None = None
        self._read: ReadAs | None = None  # what a save is based on (the details shown, or re-based)
        form.addRow(self.conflict_panel)
        layout.addWidget(box)
        self.advocacy_box = QGroupBox("Advocacy (children aged 10 or over)")
        self.advocacy_form = QFormLayout(self.advocacy_box)
        self.advocacy_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addWidget(self.advocacy_box)
        layout.addStretch(1)
        self.advocacy: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.advocacy_errors = InlineErrors()
        # Issue 16: an answer changed on another desktop too; both under the answers (never a modal).
        self.advocacy_read: dict[str, ReadAs] = {}  # child id -> what each row's save is based on
        self.advocacy_conflict_panel = ConflictPanel()
        self.advocacy_conflict_panel.setAccessibleName("Advocacy answer changed by someone else too")
        self.advocacy_conflict_panel.resolved.connect(self._resolve_advocacy)
        self._advocacy_conflict: tuple[str, EditConflict] | None = None
        layout.insertWidget(layout.indexOf(self.advocacy_box) + 1, self.advocacy_conflict_panel)
        self.save_button.clicked.connect(self.save)

    def set_conference(self, conference: Conference | None) -> None:
        self.conference = conference
        self.errors.clear()
        self.conflict_panel.hide()
        self._conflict = None
        self._read = ReadAs(conference.version, conference.details()) if conference is not None else None
        if conference is None:
            return
        self.scheduled.set_date(conference.scheduled_date)
        if conference.start_time:
            self.start_time.setTime(QTime(conference.start_time.hour, conference.start_time.minute))
        self.venue.setText(conference.venue)
        self.chair.setText(conference.chair_name)
        self.clerk.setText(conference.clerk_name)
        self.interpreter.setText(conference.interpreter_language)
        self.lateness.setText(conference.lateness_reason)
        self._fill_advocacy(conference)

    def _fill_advocacy(self, conference: Conference) -> None:
        while self.advocacy_form.rowCount():
            self.advocacy_form.removeRow(0)
        self.advocacy.clear()
        self.advocacy_read.clear()
        self.advocacy_errors = InlineErrors()
        self.advocacy_conflict_panel.hide()
        self._advocacy_conflict = None
        family = self.services.families.get(conference.family_id)
        answers = {a.child_id: a for a in self.services.conferences.advocacy(conference.id)}
        # Aged 10 or over on the conference date (held or booked): the one reference date for age.
        needing = children_needing_advocacy(family.children, conference.date)
        for child in needing:
            combo = QComboBox()
            combo.addItem("Not asked yet", "")
            for option in AdvocacyAnswer:
                combo.addItem(option.label, option.value)
            combo.setAccessibleName(f"Advocacy offered to {child.full_name}")
            combo.view().setAccessibleName(f"Advocacy answers for {child.full_name}")
            note = QLineEdit()
            note.setAccessibleName(f"Advocacy note for {child.full_name}")
            note.setPlaceholderText("Note (say why, if not offered)")
            existing = answers.get(child.id)
            if existing:
                combo.setCurrentIndex(combo.findData(existing.answer.value))
                note.setText(existing.note)
            save = QPushButton("Save")
            save.setAccessibleName(f"Save the advocacy answer for {child.full_name}")
            save.clicked.connect(lambda _=False, cid=child.id: self.save_advocacy(cid))
            row = wrapping_row(combo, note, save, expanding=(note,))  # a narrow pane: the note wraps below
            add_row(
                self.advocacy_form, self.advocacy_errors, f"advocacy[{child.id}]", child.full_name + ":", row
            )
            self.advocacy[child.id] = (combo, note)
            self.advocacy_read[child.id] = _read_of(existing)
        self.advocacy_box.setVisible(bool(needing))

    def save(self) -> None:
        if self.conference is None:
            return
        try:
            scheduled = self.scheduled.date()
        except ValueError:
            self.errors.show([date_problem("scheduled_date", "the conference date")])
            return
        chosen = self.start_time.time()
        try:
            self.services.conferences.update_details(
                self.conference.id,
                scheduled,
                time(chosen.hour(), chosen.minute()),
                self.venue.text(),
                self.chair.text(),
                self.clerk.text(),
                self.interpreter.text(),
                self.lateness.text(),
                read=self._read,
            )
        except EditConflict as conflict:  # the form keeps what was typed until a choice is made
            self._conflict = conflict
            self.conflict_panel.show_conflicts(conflict, _booking_conflicts(conflict, self.conference.id))
            return
        except ValidationError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        # The date may have moved: ask about advocacy for whoever is 10 or over on the new date.
        self.conference = self.services.conferences.get(self.conference.id)
        self._read = ReadAs(self.conference.version, self.conference.details())
        self._fill_advocacy(self.conference)
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote

    def _resolve(self, keep_mine: bool) -> None:
        """Theirs where chosen (put in the fields), then the form saved on top of what they stored: the
        details changed here and not in conflict are kept either way."""
        conflict, self._conflict = self._conflict, None
        grid = self.conflict_panel.grid
        if conflict is None or grid is None or self.conference is None or self._read is None:
            return
        values = conflict.theirs()
        theirs = {name: values[name] for name in self.conflict_panel.fields_chosen_theirs()}
        for name, value in theirs.items():
            self._show_value(name, value)
        self._read = ReadAs(conflict.version, {**self._read.values, **conflict.theirs()})
        self.save()

    def _show_value(self, name: str, value: object) -> None:
        """Put someone else's value of one detail in its field."""
        if name == "scheduled_date" and isinstance(value, date):
            self.scheduled.set_date(value)
        elif name == "start_time" and isinstance(value, time):
            self.start_time.setTime(QTime(value.hour, value.minute))
        else:
            edits = {
                "venue": self.venue,
                "chair_name": self.chair,
                "clerk_name": self.clerk,
                "interpreter_language": self.interpreter,
                "lateness_reason": self.lateness,
            }
            if name in edits:
                edits[name].setText(str(value or ""))

    def save_advocacy(self, child_id: str) -> None:
        if self.conference is None:
            return
        combo, note = self.advocacy[child_id]
        field = f"advocacy[{child_id}]"
        if not combo.currentData():
            self.advocacy_errors.label(field).show_messages(["Choose an answer."])
            return
        try:
            stored = self.services.conferences.set_advocacy(
                self.conference.id,
                child_id,
                AdvocacyAnswer(combo.currentData()),
                note.text(),
                read=self.advocacy_read.get(child_id),
            )
        except EditConflict as conflict:  # the answer and note stay as chosen until a choice is made
            self._advocacy_conflict = (child_id, conflict)
            self.advocacy_errors.label(field).show_messages(["Not saved yet: choose below which to keep."])
            self.advocacy_conflict_panel.show_conflicts(conflict, _advocacy_conflicts(conflict, child_id))
            return
        except ValidationError as error:
            self.advocacy_errors.show(error)
            return
        self.advocacy_read[child_id] = _read_of(stored)  # the next save is based on what this stored
        self.advocacy_errors.label(field).show_messages([])
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote

    def _resolve_advocacy(self, keep_mine: bool) -> None:
        """Theirs where chosen (put in the row), then the row saved on top of what they stored."""
        held, self._advocacy_conflict = self._advocacy_conflict, None
        if held is None or held[0] not in self.advocacy:
            return
        child_id, conflict = held
        combo, note = self.advocacy[child_id]
        theirs = conflict.theirs()
        for name in self.advocacy_conflict_panel.fields_chosen_theirs():
            if name == "answer" and isinstance(theirs[name], AdvocacyAnswer):
                combo.setCurrentIndex(combo.findData(theirs[name].value))
            elif name == "note":
                note.setText(str(theirs[name] or ""))
        read = self.advocacy_read.get(child_id, ReadAs(0))
        self.advocacy_read[child_id] = ReadAs(conflict.version, {**read.values, **theirs})
        self.save_advocacy(child_id)
