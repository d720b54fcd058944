"""One conference: its clocks, status (held, stood down, adjourned), report dates, invitations and
attendance, and quoracy. Everything refreshes from the services when the hub announces a change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.conference import Conference
from iro_desktop.domain.errors import Problem, ValidationError
from iro_desktop.services.registry import Services
from iro_desktop.ui.booking.attendance_panel import AttendancePanel
from iro_desktop.ui.booking.booking_details import BookingDetails
from iro_desktop.ui.booking.chair_panel import ChairPanel
from iro_desktop.ui.booking.models import clock_model
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import DateField, InlineErrors, add_row, date_problem, name_popups
from iro_desktop.ui.quoracy_indicator import QuoracyIndicator
from iro_desktop.ui.widgets import rows_fit_text, table_view, wrapping_row


def _row(*widgets: QWidget, stretch: bool = False) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    if stretch:
        layout.addStretch(1)
    return box


class ConferencePanel(QWidget):
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
        self.conference: Conference | None = None
        self.errors = InlineErrors()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("Choose a conference.")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Selected conference")
        layout.addWidget(self.title)
        self.quoracy = QuoracyIndicator(services, None, hub)
        layout.addWidget(self.quoracy)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Conference details")
        layout.addWidget(self.tabs, 1)

        clocks_page = QWidget()
        clocks_layout = QVBoxLayout(clocks_page)
        self.clocks = clock_model()
        self.clock_table = rows_fit_text(table_view(self.clocks, "Statutory clocks"))  # details wrap
        self.clock_table.setMinimumHeight(200)
        clocks_layout.addWidget(self.clock_table, 1)
        below = QVBoxLayout()
        clocks_layout.addLayout(below)

        dates = QGroupBox("Reports and follow-up")
        form = QFormLayout(dates)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: fields under labels
        self.to_parents = DateField("Social worker's report reached the parents on")
        self.to_chair = DateField("Social worker's report reached the chair on")
        self.save_reports = QPushButton("Sa&ve report dates")
        add_row(form, self.errors, "report_to_parents_on", "Report to &parents on:", self.to_parents)
        add_row(form, self.errors, "report_to_chair_on", "Report to cha&ir on:", self.to_chair)
        form.addRow("", _row(self.save_reports, stretch=True))
        self.core_group = DateField("First core group held on")
        self.distributed = DateField("Record distributed on")
        self.save_follow_up = QPushButton("Save follo&w-up dates")
        add_row(form, self.errors, "core_group_on", "Core gro&up on:", self.core_group)
        add_row(form, self.errors, "record_distributed_on", "Record &distributed on:", self.distributed)
        form.addRow("", _row(self.save_follow_up, stretch=True))
        below.addWidget(dates)

        status = QGroupBox("Status")
        status_form = QFormLayout(status)
        status_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.held_on = DateField("Date held")
        self.lateness = QLineEdit()
        self.lateness.setAccessibleName("Reason the conference was late")
        self.lateness.setPlaceholderText("If held after the due date")
        self.lateness.setToolTip("Needed when the conference is held after the due date")
        self.mark_held_button = QPushButton("Mar&k held")
        add_row(
            status_form,
            self.errors,
            "held_on",
            "Held on:",
            _row(self.held_on, self.mark_held_button, stretch=True),
        )
        add_row(status_form, self.errors, "lateness_reason", "&Lateness reason:", self.lateness)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Reason stood down or adjourned")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note on the reason")
        self.note.setPlaceholderText("Note")
        self.note.setMinimumWidth(180)
        self.rearranged = QComboBox()
        self.rearranged.setAccessibleName("Rearranged conference")
        for combo in (self.reason, self.rearranged):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        reason_row = wrapping_row(self.reason, self.note, expanding=(self.note,))  # narrow: note below
        add_row(status_form, self.errors, "stood_down_reason", "&Reason:", reason_row)
        status_form.addRow("", self.errors.label("status_note"))
        add_row(status_form, self.errors, "rearranged_to_id", "Rearra&nged to:", self.rearranged)
        self.stand_down_button = QPushButton("Stand d&own")
        self.adjourn_button = QPushButton("Ad&journ")
        status_form.addRow("", _row(self.stand_down_button, self.adjourn_button, stretch=True))
        status_form.addRow(self.errors.general)
        below.addWidget(status)
        self.tabs.addTab(clocks_page, "Clocks and status")

        self.attendance = AttendancePanel(services, hub, undo_stack)
        self.tabs.addTab(self.attendance, "Invitations and attendance")
        self.details = BookingDetails(services, hub)
        self.tabs.addTab(self.details, "Booking and advocacy")
        self.chair = ChairPanel(services, hub)  # issue 19: who chairs, who leads
        self.tabs.addTab(self.chair, "Chair and leads")

        self.save_reports.clicked.connect(self.record_reports)
        self.save_follow_up.clicked.connect(self.record_follow_up)
        self.mark_held_button.clicked.connect(self.mark_held)
        self.stand_down_button.clicked.connect(lambda: self.set_status(adjourn=False))
        self.adjourn_button.clicked.connect(lambda: self.set_status(adjourn=True))
        hub.changed.connect(self._on_changed)
        self.setEnabled(False)
        name_popups(self)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"conferences", "attendance", "rules", "*"} and self.conference is not None:
            self.refresh()

    def set_conference(self, conference_id: str | None) -> None:
        self.errors.clear()
        if conference_id is None:
            self.conference = None
            self.title.setText("Choose a conference.")
            self.clocks.set_items([])
            self.quoracy.set_conference(None)
            self.attendance.set_conference(None)
            self.chair.set_conference(None)
            self.setEnabled(False)
            return
        self.conference = self.services.conferences.get(conference_id)
        self.setEnabled(True)
        self.quoracy.set_conference(conference_id)
        self.attendance.set_conference(conference_id, self.conference.family_id)
        self.chair.set_conference(conference_id, self.conference.family_id)
        self._fill_fields()
        self.details.set_conference(self.conference)
        self.refresh()

    def _fill_fields(self) -> None:
        c = self.conference
        assert c is not None
        self.to_parents.set_date(c.report_to_parents_on)
        self.to_chair.set_date(c.report_to_chair_on)
        self.core_group.set_date(c.core_group_on)
        self.distributed.set_date(c.record_distributed_on)
        self.held_on.set_date(c.held_on or c.scheduled_date)
        self.lateness.setText(c.lateness_reason)
        rules = self.services.rules.get()
        self.reason.clear()
        self.reason.addItem("Choose a reason", "")
        for r in rules.stood_down_reasons:
            self.reason.addItem(r.label, r.code)
        self.reason.setCurrentIndex(max(self.reason.findData(c.stood_down_reason), 0))
        self.note.setText(c.status_note)
        self.rearranged.clear()
        self.rearranged.addItem("Not rearranged yet", None)
        for other in self.services.conferences.for_family(c.family_id):
            if other.id != c.id:
                self.rearranged.addItem(f"{other.conference_type.label}, {other.date:%d %b %Y}", other.id)
        if c.rearranged_to_id:
            self.rearranged.setCurrentIndex(max(self.rearranged.findData(c.rearranged_to_id), 0))

    def refresh(self) -> None:
        if self.conference is None:
            return
        self.conference = c = self.services.conferences.get(self.conference.id)
        when = f"{c.scheduled_date:%a %d %b %Y}" + (f" {c.start_time:%H:%M}" if c.start_time else "")
        status = c.status.label
        if c.stood_down_reason:
            status += f": {self.services.rules.get().reason_label(c.stood_down_reason)}"
        extra = f"; interpreter: {c.interpreter_language}" if c.interpreter_language else ""
        self.title.setText(
            f"<b>{c.conference_type.label}</b>, {when}, {c.venue or 'venue not set'}. "
            f"Chair: {c.chair_name or 'not set'}. Status: <b>{status}</b>{extra}"
        )
        self.clocks.set_items(self.services.clocks.for_conference(c.id))

    def _dates(self, *pairs: tuple[str, DateField]) -> tuple[list, list[Problem]]:
        values, problems = [], []
        for field, widget in pairs:
            try:
                values.append(widget.date())
            except ValueError:
                values.append(None)
                problems.append(date_problem(field, widget.accessibleName().lower()))
        return values, problems

    def _run(self, action: Callable[..., object], *args: object) -> bool:
        try:
            action(*args)
        except ValidationError as error:
            self.errors.show(error)
            return False
        self.errors.clear()
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
        return True

    def record_reports(self) -> None:
        assert self.conference is not None
        values, problems = self._dates(
            ("report_to_parents_on", self.to_parents), ("report_to_chair_on", self.to_chair)
        )
        if problems:
            self.errors.show(problems)
            return
        self._run(self.services.conferences.record_reports, self.conference.id, *values)

    def record_follow_up(self) -> None:
        assert self.conference is not None
        values, problems = self._dates(
            ("core_group_on", self.core_group), ("record_distributed_on", self.distributed)
        )
        if problems:
            self.errors.show(problems)
            return
        self._run(self.services.conferences.record_follow_up, self.conference.id, *values)

    def mark_held(self) -> None:
        assert self.conference is not None
        values, problems = self._dates(("held_on", self.held_on))
        if problems:
            self.errors.show(problems)
            return
        self._run(self.services.conferences.mark_held, self.conference.id, values[0], self.lateness.text())

    def set_status(self, adjourn: bool) -> None:
        assert self.conference is not None
        action = self.services.conferences.adjourn if adjourn else self.services.conferences.stand_down
        self._run(
            action,
            self.conference.id,
            self.reason.currentData(),
            self.note.text(),
            self.rearranged.currentData(),
        )
