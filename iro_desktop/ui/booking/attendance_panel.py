"""On the day: one click each for attended, apologies, sent a report, not invited, excluded (with a
reason typed inline). Each click is an undoable command calling the attendance service.

Issue 19: how each person takes part (in the room, video, phone, written report only), one keystroke
for "joined now" (Ctrl+J) and "left now" (Ctrl+Shift+J), both undoable; the interpreter's language and
that they are not a family member; whom an advocate or supporter supports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.attendance import Attendance, Invitation, TookPart
from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.errors import DomainError, ValidationError
from iro_desktop.domain.local_time import clock_text, parse_clock, stored
from iro_desktop.domain.people import Role
from iro_desktop.services.conference_file.merge import Conflict
from iro_desktop.services.registry import Services
from iro_desktop.ui.audience_command import SetAudienceCommand
from iro_desktop.ui.audience_strip import AudienceMarker, AudienceStrip, Target
from iro_desktop.ui.booking.models import invitation_model
from iro_desktop.ui.conflict_panel import ConflictPanel, conflicts_of
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import DateField, ErrorLabel
from iro_desktop.ui.undo_command import UndoCommand, runner_for
from iro_desktop.ui.widgets import label_pair, table_view, wrapping_row

# What each field of a person's row is called, in words (the Mine/Theirs grid's "What").
_FIELD_WORDS = {
    "attendance": "attendance",
    "exclusion_reason": "why excluded",
    "took_part": "how they take part",
    "joined_at": "joined at",
    "left_at": "left at",
    "interpreter_language": "interpreter's language",
    "interpreter_not_family": "not a family member",
    "supports_person_id": "supports",
    "report_received_on": "report received on",
}


def _row_conflicts(error: EditConflict, invitation_id: str, names: dict[str, str]) -> list[Conflict]:
    """The Mine/Theirs rows for a person's row someone else changed too, in words (`names`: person ids
    to names, for whom a supporter supports)."""

    def shown(value: object) -> str:
        if isinstance(value, Attendance | TookPart):
            return value.label
        if isinstance(value, datetime):
            return clock_text(value)
        if isinstance(value, date):
            return f"{value:%d %b %Y}"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, str) and value in names:
            return names[value]
        return str(value or "(none)")

    return conflicts_of(
        error,
        "invitations",
        invitation_id,
        label_of=lambda field: _FIELD_WORDS.get(field, field.replace("_", " ")),
        shown=shown,
    )


# (attendance, button text with its keyboard accelerator)
ONE_CLICK = (
    (Attendance.ATTENDED, "Atten&ded"),
    (Attendance.APOLOGIES, "A&pologies"),
    (Attendance.SENT_REPORT, "Sent a &report"),
    (Attendance.NOT_INVITED, "&Not invited"),
)


class RowCommand(UndoCommand):
    """An edit of one person's row on the list, based on the row as the list shows it (issue 16):
    `read` names its version and the values of `fields` shown; someone else's different change since
    is held for a choice. Keeping mine re-bases it on theirs (undoing it then gives back theirs); taking
    theirs drops it (the list is read again). Undo and redo name no read."""

    def __init__(
        self,
        text: str,
        services: Services,
        invitation: Invitation,
        fields: tuple[str, ...],
        hub: ChangeHub | None = None,
    ) -> None:
        super().__init__(text, hub, services.ctx.take_changes)
        self.services = services
        self.invitation_id = invitation.id
        self.before: dict[str, Any] = {name: getattr(invitation, name) for name in fields}
        self.read = ReadAs(invitation.version, dict(self.before))

    def place(self) -> object:
        return ("attendance", self.invitation_id)

    def based_on(self) -> ReadAs | None:
        return None if self._ever_done else self.read  # a redo puts back what this step stored

    def keep_mine(self, conflict: EditConflict) -> None:
        self.read = ReadAs(conflict.version, {**self.read.values, **conflict.theirs()})
        self.before.update({k: v for k, v in conflict.theirs().items() if k in self.before})

    def take_theirs(self, conflict: EditConflict) -> None:
        return None  # the list is read again once resolved (the panel's refresh)

    def take_fields(self, theirs: dict[str, Any]) -> bool:
        """Some lines chosen Theirs, the rest Mine: take their values for those fields and store the
        rest as typed. False when this edit cannot be split that way (it is then dropped for theirs)."""
        return False

    def put_back_mark(self) -> None:
        """Undo: how they took part and the mark of the day as they were before."""
        attendance = self.services.attendance
        if "took_part" in self.before:
            attendance.set_took_part(self.invitation_id, self.before["took_part"])
        attendance.set_attendance(
            self.invitation_id, self.before["attendance"], self.before["exclusion_reason"]
        )


_MARK = ("attendance", "exclusion_reason")


class SetAttendanceCommand(RowCommand):
    """Record what happened for one person; undo puts back what was there (the one base's rules)."""

    def __init__(
        self,
        services: Services,
        invitation: Invitation,
        attendance: Attendance,
        reason: str = "",
        hub: ChangeHub | None = None,
    ) -> None:
        super().__init__(f"{attendance.label}: {invitation.person_name}", services, invitation, _MARK, hub)
        self.new = (attendance, reason)

    def forward(self) -> None:
        self.services.attendance.set_attendance(self.invitation_id, *self.new, read=self.based_on())

    def backward(self) -> None:
        self.put_back_mark()


class SetTookPartCommand(RowCommand):
    """How a person took part; undo puts back the mode and what was marked for the day."""

    def __init__(
        self, services: Services, invitation: Invitation, took_part: TookPart, hub: ChangeHub | None = None
    ) -> None:
        fields = ("took_part", *_MARK)
        super().__init__(f"{took_part.label}: {invitation.person_name}", services, invitation, fields, hub)
        self.new = took_part

    def forward(self) -> None:
        self.services.attendance.set_took_part(self.invitation_id, self.new, read=self.based_on())

    def backward(self) -> None:
        self.put_back_mark()


_TIMES = ("joined_at", "left_at", "took_part", *_MARK)


class JoinedOrLeftNowCommand(RowCommand):
    """The person joins (or leaves) now, by the meeting's clock; undo puts back the times and the mark."""

    def __init__(
        self, services: Services, invitation: Invitation, leaving: bool, hub: ChangeHub | None = None
    ) -> None:
        verb = "Left" if leaving else "Joined"
        super().__init__(f"{verb} now: {invitation.person_name}", services, invitation, _TIMES, hub)
        self.leaving = leaving

    def forward(self) -> None:
        if self.leaving:
            self.services.attendance.left_now(self.invitation_id, read=self.based_on())
        else:
            self.services.attendance.joined_now(self.invitation_id, read=self.based_on())

    def backward(self) -> None:
        self.services.attendance.set_times(
            self.invitation_id, self.before["joined_at"], self.before["left_at"]
        )
        self.put_back_mark()


class SetTimesCommand(JoinedOrLeftNowCommand):
    """When the person joined and left, typed in (after the meeting, from the chair's notes); undo puts
    back the times and the mark as they were."""

    def __init__(
        self,
        services: Services,
        invitation: Invitation,
        joined: datetime | None,
        left: datetime | None,
        hub: ChangeHub | None = None,
    ) -> None:
        super().__init__(services, invitation, leaving=False, hub=hub)
        self.setText(f"Times: {invitation.person_name}")
        self.joined, self.left = joined, left

    def forward(self) -> None:
        self.services.attendance.set_times(self.invitation_id, self.joined, self.left, read=self.based_on())

    def take_fields(self, theirs: dict[str, Any]) -> bool:
        if not set(theirs) <= {"joined_at", "left_at"}:
            return False
        self.joined = theirs.get("joined_at", self.joined)
        self.left = theirs.get("left_at", self.left)
        return True


Store = Callable[[str, dict[str, Any], ReadAs | None], object]


class SetDetailsCommand(RowCommand):
    """The interpreter's details, whom a supporter supports or when their report came: `new` holds the
    fields and `store` saves them (invitation id, values, read); undo stores what was there."""

    def __init__(
        self,
        text: str,
        services: Services,
        invitation: Invitation,
        new: dict[str, Any],
        store: Store,
        hub: ChangeHub | None = None,
    ) -> None:
        super().__init__(f"{text}: {invitation.person_name}", services, invitation, tuple(new), hub)
        self.new = new
        self.store = store

    def forward(self) -> None:
        self.store(self.invitation_id, self.new, self.based_on())

    def backward(self) -> None:
        self.store(self.invitation_id, self.before, None)

    def take_fields(self, theirs: dict[str, Any]) -> bool:
        self.new = {**self.new, **theirs}
        return True


def _tipped(text: str, tip: str) -> QLabel:
    label = QLabel(text)
    label.setToolTip(tip)
    return label


class AttendancePanel(QWidget):
    """The invitation list of one conference with one-click attendance buttons for the selected person."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.runner = runner_for(self.undo_stack, hub)  # stores first; what the records can't take waits
        self.conference_id: str | None = None
        self.people_names: dict[str, str] = {}  # issue 18: for the marks, and who is out of the room
        self.out_now: list[str] = []
        self.model = invitation_model(self.people_names, self.out_now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = table_view(self.model, "Invited and attending")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.buttons: dict[Attendance, QPushButton] = {}
        for attendance, text in ONE_CLICK:
            button = QPushButton(text)
            button.setAccessibleName(f"Mark {attendance.label.lower()}")
            button.clicked.connect(lambda _=False, a=attendance: self.mark(a))
            self.buttons[attendance] = button
        self.exclusion = QLineEdit()
        self.exclusion.setPlaceholderText("Reason for excluding")
        self.exclusion.setAccessibleName("Reason for excluding this person")
        self.exclude_button = QPushButton("E&xcluded")
        self.exclude_button.setAccessibleName("Mark excluded, with the reason typed beside it")
        self.exclude_button.clicked.connect(lambda: self.mark(Attendance.EXCLUDED, self.exclusion.text()))
        layout.addWidget(wrapping_row(*self.buttons.values()))  # a narrow pane: the buttons wrap
        # Issue 19: how they take part, and when they join and leave (one keystroke each).
        self.took_part = QComboBox()
        self.took_part.setAccessibleName("How the selected person takes part")
        self.took_part.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.took_part.setMinimumContentsLength(10)
        for mode in TookPart:
            self.took_part.addItem(mode.label, mode.value)
        self.took_part.activated.connect(self._took_part_chosen)
        self.joined_button = QPushButton("Joined now")
        self.joined_button.setToolTip("Joined now (Ctrl+J)")
        self.joined_button.setAccessibleName("The selected person joins the meeting now")
        self.left_button = QPushButton("Left now")
        self.left_button.setToolTip("Left now (Ctrl+Shift+J)")
        self.left_button.setAccessibleName("The selected person leaves the meeting now")
        self.joined_button.clicked.connect(lambda: self.joined_or_left(leaving=False))
        self.left_button.clicked.connect(lambda: self.joined_or_left(leaving=True))
        # One keystroke anywhere in the panel (the list has the focus in the meeting).
        for keys, leaving in (("Ctrl+J", False), ("Ctrl+Shift+J", True)):
            action = QAction("Left now" if leaving else "Joined now", self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, left=leaving: self.joined_or_left(leaving=left))
            self.addAction(action)
        layout.addWidget(
            wrapping_row(
                label_pair(QLabel("Takes part:"), self.took_part), self.joined_button, self.left_button
            )
        )
        # The same times typed in, in England's time (after the meeting, or to correct a keystroke).
        self.joined_at = QLineEdit()
        self.joined_at.setPlaceholderText("hh:mm")
        self.joined_at.setAccessibleName("Time the selected person joined, hh:mm")
        self.left_at = QLineEdit()
        self.left_at.setPlaceholderText("hh:mm")
        self.left_at.setAccessibleName("Time the selected person left, hh:mm")
        for field in (self.joined_at, self.left_at):
            field.setMaxLength(5)
            field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00:00") * 2)
        self.times_button = QPushButton("Save times")
        self.times_button.setAccessibleName("Record when the selected person joined and left")
        self.times_button.clicked.connect(self.record_times)
        times = [
            label_pair(QLabel("Joined at:"), self.joined_at),
            label_pair(QLabel("Left at:"), self.left_at),
        ]
        for pair in times:  # as wide as the label and its short field, never stretched apart
            pair.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        layout.addWidget(wrapping_row(*times, self.times_button))
        self.times_error = ErrorLabel("times")
        layout.addWidget(self.times_error)
        exclusion_row = QHBoxLayout()
        exclusion_row.addWidget(self.exclusion, 1)
        exclusion_row.addWidget(self.exclude_button)
        layout.addLayout(exclusion_row)
        self.error = ErrorLabel("exclusion_reason")
        layout.addWidget(self.error)
        self.conflict_panel = ConflictPanel()  # issue 16: marked on another desktop too
        self.conflict_panel.resolved.connect(self._resolve)
        self._held: RowCommand | None = None
        # What the detail fields were filled from (issue 16): typing there is based on it, so a change
        # arriving from another desktop meanwhile neither replaces what is typed nor becomes its base.
        self._base_row: Invitation | None = None
        self._base_shown: dict[str, object] = {}
        self._refreshing = False
        layout.addWidget(self.conflict_panel)
        # Issue 18: a part of the meeting with someone out of the room; what is captured meanwhile is
        # kept from them (and the board says so).
        self.step_out_button = QPushButton("Out of the room from now")
        self.step_out_button.setAccessibleName("The selected person is out of the room from now")
        self.back_in_button = QPushButton("Back in the room")
        self.back_in_button.setAccessibleName("The selected person is back in the room")
        self.step_out_button.clicked.connect(self.step_out)
        self.back_in_button.clicked.connect(self.back_in)
        self.out_label = QLabel()
        self.out_label.setWordWrap(True)
        self.out_label.setAccessibleName("Who is out of the room")
        layout.addWidget(wrapping_row(self.step_out_button, self.back_in_button))
        layout.addWidget(self.out_label)
        layout.addWidget(self.table, 1)
        # Ctrl+Shift+H on the list: the selected person's attendance note is held back.
        self.note_strip = AudienceStrip("the attendance note")
        layout.addWidget(self.note_strip)
        self.note_marker = AudienceMarker(
            self.table,
            self.note_strip,
            None,
            self._note_target,
            self._run_mark,
            lambda text: self.error.show_messages([text] if text else []),
            "Choose a person in the list first, then press Ctrl+Shift+H.",
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.note_marker.refresh())

        self.person = QComboBox()
        self.person.setAccessibleName("Person to add to the invitation list")
        self.person.view().setAccessibleName("People who can be invited")
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person.setMinimumContentsLength(18)
        self.invited_on = DateField("Date invited")
        self.add_button = QPushButton("&Invite")
        self.add_button.setAccessibleName("Add the person to the invitation list")
        self.report_on = DateField("Date this person's report was received")
        self.report_button = QPushButton("Report recei&ved")
        self.report_button.setAccessibleName("Record the date the selected person's report arrived")
        who = label_pair(QLabel("Add:"), self.person)
        # Rows that wrap in a narrow pane (the register's side panel at 1024×700), dates kept whole.
        layout.addWidget(
            wrapping_row(
                who, label_pair(QLabel("invited on"), self.invited_on), self.add_button, expanding=(who,)
            )
        )
        layout.addWidget(
            wrapping_row(
                label_pair(
                    _tipped("Report received on:", "The selected person's report was received on"),
                    self.report_on,
                ),
                self.report_button,
            )
        )
        self.invite_error = ErrorLabel("invited_on")
        layout.addWidget(self.invite_error)
        # The interpreter (language; never a family member) and an advocate's or supporter's parent.
        self.language = QLineEdit()
        self.language.setPlaceholderText("Language")
        self.language.setAccessibleName("Language the selected interpreter interprets")
        self.not_family = QCheckBox("Not a family member")
        self.not_family.setAccessibleName("The interpreter is not a member of the family")
        self.interpreter_button = QPushButton("Save interpreter")
        self.interpreter_button.setAccessibleName("Record the interpreter's language and independence")
        self.interpreter_button.clicked.connect(self.record_interpreter)
        layout.addWidget(
            wrapping_row(
                label_pair(QLabel("Interpreter:"), self.language), self.not_family, self.interpreter_button
            )
        )
        self.supports = QComboBox()
        self.supports.setAccessibleName("Parent the selected advocate or supporter supports")
        self.supports.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.supports.setMinimumContentsLength(12)
        self.supports_button = QPushButton("Save supporter")
        self.supports_button.setAccessibleName("Record whom the selected advocate or supporter supports")
        self.supports_button.clicked.connect(self.record_supports)
        layout.addWidget(wrapping_row(label_pair(QLabel("Supports:"), self.supports), self.supports_button))
        self.detail_error = ErrorLabel("interpreter_language")
        layout.addWidget(self.detail_error)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.add_button.clicked.connect(self.invite_selected_person)
        self.report_button.clicked.connect(self.record_report)
        hub.changed.connect(self._on_changed)

    def set_conference(self, conference_id: str | None, family_id: str | None = None) -> None:
        self.conference_id = conference_id
        self.family_id = family_id
        self.refresh()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"attendance", "people", "conferences", "*"}:
            self.refresh()

    def refresh(self) -> None:
        typed = self._typed()
        self._refreshing = True
        try:
            self._refill()
        finally:
            self._refreshing = False
        self._show_selected(typed)
        self.note_marker.refresh()

    def _refill(self) -> None:
        selected = self.selected()
        if self.conference_id is None:
            self.model.set_items([])
            self.setEnabled(False)
            return
        self.setEnabled(True)
        rows = self.services.attendance.invitations(self.conference_id)
        self.people_names.clear()
        self.people_names.update({i.person_id: i.person_name for i in rows})
        self.out_now[:] = self.services.audiences.out_of_room(self.conference_id)
        names = ", ".join(self.people_names.get(p, "someone") for p in self.out_now)
        self.out_label.setText(
            f"\u2298 Out of the room: {names}. What is recorded now is kept from them." if names else ""
        )
        self.out_label.setVisible(bool(names))
        self.model.set_items(rows)
        if selected is not None:
            for n, inv in enumerate(rows):
                if inv.id == selected.id:
                    self.table.selectRow(n)
        self.supports.clear()
        self.supports.addItem("No one", None)
        for inv in rows:
            if inv.role is Role.PARENT:
                self.supports.addItem(inv.person_name, inv.person_id)
        listed = {i.person_id for i in rows}
        people = self.services.people.professionals()
        family_id = getattr(self, "family_id", None)
        if family_id:
            people = self.services.people.family_members(family_id) + people
        self.person.clear()
        for p in people:
            if p.id not in listed:
                self.person.addItem(f"{p.name} — {p.description}", p.id)

    # Out of the room, and who may read the note (issue 18) ------------------------------------------

    def step_out(self) -> None:
        self._absence(out=True)

    def back_in(self) -> None:
        self._absence(out=False)

    def _absence(self, out: bool) -> None:
        invitation = self.selected()
        if invitation is None or self.conference_id is None:
            self.error.show_messages(["Choose a person in the list first."])
            return
        try:
            if out:
                self.services.audiences.step_out(self.conference_id, invitation.person_id)
            else:
                self.services.audiences.back_in(self.conference_id, invitation.person_id)
        except DomainError as error:
            self._refused(error)
            return
        self.error.show_messages([])
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote

    def _note_target(self) -> Target | None:
        chosen = self.selected()
        if chosen is None:
            return None
        invitation = self.services.attendance.get(chosen.id)
        return Target(
            invitation.note_audience,
            lambda a: self.services.audiences.set_attendance_note(invitation.id, a),
            f"the attendance note for {invitation.person_name}",
            dict(self.people_names),
        )

    def _run_mark(self, command: SetAudienceCommand) -> bool:
        command.hub, command.changes = self.hub, self.services.ctx.take_changes
        return self.runner.run(command, on_refused=self._refused)

    def selected(self) -> Invitation | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _typed(self) -> dict[str, object]:
        """What the detail fields hold now (typed or chosen), by the field of the row they edit."""
        return {
            "joined_at": self.joined_at.text(),
            "left_at": self.left_at.text(),
            "interpreter_language": self.language.text(),
            "interpreter_not_family": self.not_family.isChecked(),
            "supports_person_id": self.supports.currentData(),
        }

    @staticmethod
    def _as_shown(invitation: Invitation | None) -> dict[str, object]:
        """The same fields as they show a stored row."""
        if invitation is None:
            return {
                "joined_at": "",
                "left_at": "",
                "interpreter_language": "",
                "interpreter_not_family": False,
                "supports_person_id": None,
            }
        return {
            "joined_at": clock_text(invitation.joined_at) if invitation.joined_at else "",
            "left_at": clock_text(invitation.left_at) if invitation.left_at else "",
            "interpreter_language": invitation.interpreter_language,
            "interpreter_not_family": invitation.interpreter_not_family,
            "supports_person_id": invitation.supports_person_id,
        }

    def _show_selected(self, typed: dict[str, object] | None = None) -> None:
        """The selected person's mode, times, interpreter details and the parent they support. For the
        same person, a field typed in or chosen since it was filled keeps what is there (issue 16: the
        other desktop's change arriving meanwhile does not replace it), and so does every field while an
        edit of theirs waits for a choice."""
        if self._refreshing:
            return  # the list is being read again: shown once it is (refresh)
        invitation = self.selected()
        if invitation is not None and self._held is not None and self._held.invitation_id == invitation.id:
            return
        typed = self._typed() if typed is None else typed
        base = self._base_row
        same = invitation is not None and base is not None and base.id == invitation.id
        edited = {name for name, value in typed.items() if same and value != self._base_shown.get(name)}
        fresh = self._as_shown(invitation)
        values = {**fresh, **{name: typed[name] for name in edited}}
        self._base_shown = {name: self._base_shown[name] if name in edited else fresh[name] for name in fresh}
        if not edited:
            self._base_row = invitation
        self.took_part.setCurrentIndex(
            max(self.took_part.findData(invitation.took_part.value), 0) if invitation else 0
        )
        self.joined_at.setText(str(values["joined_at"]))
        self.left_at.setText(str(values["left_at"]))
        if not edited:
            self.times_error.show_messages([])
        interpreter = invitation is not None and invitation.role is Role.INTERPRETER
        self.language.setEnabled(interpreter)
        self.not_family.setEnabled(interpreter)
        self.interpreter_button.setEnabled(interpreter)
        self.language.setText(str(values["interpreter_language"]))
        self.not_family.setChecked(bool(values["interpreter_not_family"]))
        supporter = invitation is not None and invitation.role in (
            Role.ADVOCATE,
            Role.FAMILY_NETWORK,
            Role.OTHER,
        )
        self.supports.setEnabled(supporter)
        self.supports_button.setEnabled(supporter)
        self.supports.setCurrentIndex(max(self.supports.findData(values["supports_person_id"]), 0))

    def _based(self, invitation: Invitation) -> Invitation:
        """The row typing in the detail fields is based on: as they were filled from it."""
        base = self._base_row
        return base if base is not None and base.id == invitation.id else invitation

    def _accept(self, fields: Iterable[str]) -> None:
        """These fields were stored (or theirs taken): they show the row as stored from now on."""
        typed = self._typed()
        for name in fields:
            if name in self._base_shown:
                self._base_shown[name] = typed[name]

    def _took_part_chosen(self, _index: int) -> None:
        invitation = self.selected()
        if invitation is None:
            self.error.show_messages(["Choose a person in the list first."])
            return
        mode = TookPart(self.took_part.currentData())
        if mode is invitation.took_part:
            return
        self._run(SetTookPartCommand(self.services, invitation, mode, self.hub), self.error)

    def joined_or_left(self, leaving: bool) -> None:
        """One keystroke in the meeting: the selected person joins or leaves now."""
        invitation = self.selected()
        if invitation is None:
            self.error.show_messages(["Choose a person in the list first."])
            return
        self._run(JoinedOrLeftNowCommand(self.services, invitation, leaving, self.hub), self.error)

    def record_times(self) -> None:
        """The typed join and leave times, on the conference's day in England's time; blank: not known."""
        invitation = self.selected()
        if invitation is None or self.conference_id is None:
            self.times_error.show_messages(["Choose a person in the list first."])
            return
        day = self.services.conferences.get(self.conference_id).date
        moments: list[datetime | None] = []
        for name, field in (("joined", self.joined_at), ("left", self.left_at)):
            text = field.text().strip()
            typed = parse_clock(text)
            if text and typed is None:
                self.times_error.show_messages([f"Type the time {name} as hh:mm, for example 10:40."])
                field.setFocus()
                return
            moments.append(stored(day, typed) if typed is not None else None)
        joined, left = moments
        if left is not None and joined is None:
            self.times_error.show_messages(["Type when they joined too."])
            self.joined_at.setFocus()
            return
        self.times_error.show_messages([])
        self._run(
            SetTimesCommand(self.services, self._based(invitation), joined, left, self.hub), self.times_error
        )

    def record_interpreter(self) -> None:
        invitation = self.selected()
        if invitation is None:
            return
        new = {
            "interpreter_language": self.language.text(),
            "interpreter_not_family": self.not_family.isChecked(),
        }

        def store(invitation_id: str, values: dict[str, Any], read: ReadAs | None) -> object:
            language, not_family = values["interpreter_language"], values["interpreter_not_family"]
            if read is None and not language.strip():  # undoing the first: not recorded again
                return self.services.attendance.clear_interpreter(invitation_id)
            return self.services.attendance.set_interpreter(invitation_id, language, not_family, read=read)

        self._run(
            SetDetailsCommand("Interpreter", self.services, self._based(invitation), new, store, self.hub),
            self.detail_error,
        )

    def record_supports(self) -> None:
        invitation = self.selected()
        if invitation is None:
            return
        new = {"supports_person_id": self.supports.currentData()}

        def store(invitation_id: str, values: dict[str, Any], read: ReadAs | None) -> object:
            return self.services.attendance.set_supports(
                invitation_id, values["supports_person_id"], read=read
            )

        self._run(
            SetDetailsCommand("Supports", self.services, self._based(invitation), new, store, self.hub),
            self.detail_error,
        )

    def select_person(self, name: str) -> None:
        for n, inv in enumerate(self.model.items()):
            if inv.person_name == name:
                self.table.selectRow(n)
                return
        raise KeyError(name)

    def mark(self, attendance: Attendance, reason: str = "") -> None:
        invitation = self.selected()
        if invitation is None:
            self.error.show_messages(["Choose a person in the list first."])
            return
        if attendance is Attendance.EXCLUDED and not reason.strip():
            self.error.show_messages(["Say why this person was excluded."])
            self.exclusion.setFocus()
            return
        # The reason typed stays in its field until the records hold it (kept and retried while busy).
        self._run(SetAttendanceCommand(self.services, invitation, attendance, reason, self.hub), self.error)

    def _run(self, command: RowCommand, where: ErrorLabel) -> None:
        """Store an edit of the selected person's row; a refusal is told at `where`, next to the fields
        it came from, and someone else's change of the same field is shown under them (never a modal)."""
        self.runner.run(
            command,
            on_stored=lambda _c: self._stored(where, command),
            on_refused=lambda e: self._refused(e, command, where),
        )

    def _stored(self, where: ErrorLabel, command: RowCommand) -> None:
        where.show_messages([])
        self._marked()
        self._accept(command.before)
        self._show_selected()  # the fields it stored show them as stored

    def _resolve(self, keep_mine: bool) -> None:
        command, self._held = self._held, None
        if command is None:
            return
        for label in (self.error, self.times_error, self.detail_error, self.invite_error):
            label.show_messages([])
        conflict, grid = command.error, self.conflict_panel.grid
        chosen = self.conflict_panel.fields_chosen_theirs()
        if (
            not keep_mine
            and isinstance(conflict, EditConflict)
            and grid
            and len(chosen) < len(grid.conflicts)
        ):
            # Some lines Mine: theirs where chosen, the rest stored as typed (when the edit can be split).
            keep_mine = command.take_fields({name: conflict.theirs()[name] for name in chosen})
        self.runner.resolve(command, keep_mine)
        self._accept(command.before)
        self.refresh()  # the list shows the marks as stored now (theirs in the fields, if chosen)

    def _marked(self) -> None:
        self.error.show_messages([])
        self.exclusion.clear()

    def _refused(
        self, error: DomainError, command: RowCommand | None = None, where: ErrorLabel | None = None
    ) -> None:
        where = where if where is not None else self.error
        if isinstance(error, EditConflict) and command is not None:  # both shown inline, never a modal
            self._held = command
            where.show_messages(["Not saved yet: someone else changed this too. Choose below which to keep."])
            self.conflict_panel.show_conflicts(
                error, _row_conflicts(error, command.invitation_id, dict(self.people_names))
            )
            return
        if isinstance(error, ValidationError):
            where.show_messages(error.for_field("exclusion_reason") or [p.message for p in error.problems])
        else:
            where.show_messages([str(error)])

    def invite_selected_person(self) -> None:
        if self.conference_id is None or self.person.currentIndex() < 0:
            return
        try:
            invited_on = self.invited_on.date()
        except ValueError:
            self.invite_error.show_messages(["Enter the date invited like 23/11/2026."])
            return
        try:
            self.services.attendance.invite(self.conference_id, self.person.currentData(), invited_on)
        except ValidationError as error:
            self.invite_error.show_messages([p.message for p in error.problems])
            return
        self.invite_error.show_messages([])
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote

    def record_report(self) -> None:
        invitation = self.selected()
        if invitation is None:
            self.invite_error.show_messages(["Choose a person in the list first."])
            return
        try:
            received = self.report_on.date()
        except ValueError:
            self.invite_error.show_messages(["Enter the date received like 23/11/2026."])
            return

        def store(invitation_id: str, values: dict[str, Any], read: ReadAs | None) -> object:
            return self.services.attendance.set_report_received(
                invitation_id, values["report_received_on"], read=read
            )

        new = {"report_received_on": received}
        self._run(
            SetDetailsCommand("Report received", self.services, invitation, new, store, self.hub),
            self.invite_error,
        )
