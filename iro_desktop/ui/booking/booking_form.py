"""The booking screen: type and clock start give the due date live; children with their age on the
booking date, repeat-plan history and the advocacy question; the invitation list. Problems appear
under their fields and nothing is stored until everything is right."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.attendance import AdvocacyAnswer, children_needing_advocacy
from iro_desktop.domain.clocks import book_by
from iro_desktop.domain.conference import ClockStartKind, Conference, ConferenceStatus, ConferenceType
from iro_desktop.domain.errors import Problem, ValidationError
from iro_desktop.domain.family import Family
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import (
    DateField,
    ErrorLabel,
    InlineErrors,
    add_row,
    date_problem,
    name_popups,
)
from iro_desktop.ui.widgets import heading, resize_within_screen

PersonIdRole = 0x0101


class BookingForm(QWidget):
    booked = Signal(object)

    def __init__(
        self, services: Services, hub: ChangeHub, family: Family, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.family = family
        self.today = services.ctx.today()
        self.errors = InlineErrors()
        outer = QVBoxLayout(self)
        title = heading(f"Book a conference: {family.name} ({family.reference})")
        title.setWordWrap(True)  # a long family name at large text on a small screen (issue 12)
        outer.addWidget(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        columns = QHBoxLayout(body)

        left = QVBoxLayout()
        columns.addLayout(left, 3)
        form = self.form_layout = QFormLayout()
        left.addLayout(form)
        self.conference_type = QComboBox()
        for kind in ConferenceType:
            self.conference_type.addItem(kind.label, kind)
        add_row(form, self.errors, "conference_type", "Conference &type:", self.conference_type)
        self.clock_start_kind = QComboBox()
        for start in (
            ClockStartKind.STRATEGY_DISCUSSION,
            ClockStartKind.SECTION_47,
            ClockStartKind.TRANSFER_NOTIFIED,
        ):
            self.clock_start_kind.addItem(start.label, start)
        self.clock_start_kind.setAccessibleName("What the clock runs from")
        self.clock_start = DateField("Date the clock starts")
        start_row = QWidget()
        start_layout = QHBoxLayout(start_row)
        start_layout.setContentsMargins(0, 0, 0, 0)
        start_layout.addWidget(self.clock_start_kind)
        start_layout.addWidget(self.clock_start)
        self.start_row = add_row(form, self.errors, "clock_start", "&Clock runs from:", start_row)
        self.previous = QComboBox()
        self.previous.setAccessibleName("The conference this review follows")
        self.previous_row = add_row(
            form, self.errors, "previous_conference", "&Follows conference:", self.previous
        )
        self.due_label = QLabel()
        self.due_label.setAccessibleName("Last day in timescale")
        self.due_label.setWordWrap(True)
        form.addRow(QLabel("Due by:"), self.due_label)
        self.scheduled = DateField("Conference date")
        add_row(form, self.errors, "scheduled_date", "&Date:", self.scheduled)
        self.start_time = QTimeEdit(QTime(10, 0))
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setMaximumWidth(100)
        add_row(form, self.errors, "start_time", "T&ime:", self.start_time)
        self.lateness = QLineEdit()
        self.lateness.setPlaceholderText("Why the conference is out of timescale")
        self.lateness_row = add_row(form, self.errors, "lateness_reason", "&Lateness reason:", self.lateness)
        self.venue = QLineEdit()
        add_row(form, self.errors, "venue", "&Venue:", self.venue)
        self.chair = QLineEdit()
        add_row(form, self.errors, "chair_name", "C&hair:", self.chair)
        self.clerk = QLineEdit()
        add_row(form, self.errors, "clerk_name", "Cl&erk:", self.clerk)
        self.interpreter = QLineEdit()
        self.interpreter.setPlaceholderText("Language, if an interpreter is needed")
        add_row(form, self.errors, "interpreter_language", "Inte&rpreter:", self.interpreter)

        children_box = QGroupBox("Children")
        grid = QGridLayout(children_box)
        # Every child gets an advocacy answer and note; which are shown (and asked for) follows the
        # conference date typed above: a child who is 10 on the day is asked about, whatever today is.
        self.advocacy: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self._advocacy_rows: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self._child_names: dict[str, QLabel] = {}
        repeat = services.families.repeat_plans(family.id, self.today)
        for row, child in enumerate(family.children):
            name = QLabel()
            name.setWordWrap(True)  # a long name with its age on the day, at large text (issue 12)
            name.setAccessibleName(f"Child {child.full_name}")
            self._child_names[child.id] = name
            # Three rows a child: name and earlier plans; the advocacy answer and note under them; the
            # error. Side by side they made the form 1,300 px wide with long names (issue 12).
            grid.addWidget(name, row * 3, 0)
            history = QLabel(repeat[child.id].text if child.id in repeat else "")
            history.setAccessibleName(f"Earlier plans of {child.full_name}")
            history.setWordWrap(True)
            grid.addWidget(history, row * 3, 1)
            answer = QComboBox()
            answer.addItem("Advocacy offered? (choose)", "")
            for option in AdvocacyAnswer:
                answer.addItem(option.label, option.value)
            answer.setAccessibleName(f"Advocacy offered to {child.full_name}")
            note = QLineEdit()
            note.setPlaceholderText("Note")
            note.setMinimumWidth(160)
            note.setAccessibleName(f"Advocacy note for {child.full_name}")
            grid.addWidget(answer, row * 3 + 1, 0)
            grid.addWidget(note, row * 3 + 1, 1)
            self._advocacy_rows[child.id] = (answer, note)
            grid.addWidget(self.errors.label(f"advocacy[{child.id}]"), row * 3 + 2, 0, 1, 2)
        self._show_children(self.today)
        left.addWidget(children_box)
        left.addWidget(self.errors.general)
        left.addStretch(1)

        right = QVBoxLayout()
        columns.addLayout(right, 2)
        right.addWidget(QLabel("<b>Invite</b> (tick everyone to invite)"))
        self.people_model = QStandardItemModel(self)
        people = services.people.family_members(family.id) + services.people.professionals()
        for person in people:
            item = QStandardItem(f"{person.name} — {person.description}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(person.id, PersonIdRole)
            self.people_model.appendRow(item)
        self.people_view = QListView()
        self.people_view.setModel(self.people_model)
        self.people_view.setAccessibleName("People to invite")
        self.people_view.setMinimumWidth(260)
        right.addWidget(self.people_view, 1)
        invited_row = QHBoxLayout()
        self.invited_on = DateField("Date the invitations went out")
        self.invited_on.set_date(self.today)
        invited_label = QLabel("Invitations sent &on:")
        invited_label.setBuddy(self.invited_on)
        invited_row.addWidget(invited_label)
        invited_row.addWidget(self.invited_on)
        invited_row.addStretch(1)
        right.addLayout(invited_row)
        right.addWidget(self.errors.label("invited_on"))

        self.book_button = QPushButton("&Book conference")
        self.book_button.setAccessibleName("Book the conference")
        self.book_button.setDefault(True)
        outer.addWidget(self.book_button)
        self.book_button.clicked.connect(self.submit)
        self.conference_type.currentIndexChanged.connect(self._update)
        self.clock_start.textChanged.connect(self._update)
        self.scheduled.textChanged.connect(self._update)
        self.previous.currentIndexChanged.connect(self._update)
        self._fill_previous()
        self._update()
        name_popups(self)

    def _fill_previous(self) -> None:
        self.previous.clear()
        earlier = [
            c
            for c in self.services.conferences.for_family(self.family.id)
            if c.status in (ConferenceStatus.HELD, ConferenceStatus.SCHEDULED)
        ]
        for c in reversed(earlier):
            self.previous.addItem(
                f"{c.conference_type.label}, {c.date:%d %b %Y} ({c.status.label.lower()})", c.id
            )
        if not earlier:
            self.previous.addItem("No earlier conference for this family", None)

    @property
    def kind(self) -> ConferenceType:
        return ConferenceType(self.conference_type.currentData())

    def set_type(self, kind: ConferenceType) -> None:
        self.conference_type.setCurrentIndex(self.conference_type.findData(kind))

    def _dates(self) -> tuple[date | None, date | None, list[Problem]]:
        problems: list[Problem] = []
        start = scheduled = None
        try:
            start = self.clock_start.date()
        except ValueError:
            problems.append(date_problem("clock_start", "the clock start"))
        try:
            scheduled = self.scheduled.date()
        except ValueError:
            problems.append(date_problem("scheduled_date", "the conference date"))
        return start, scheduled, problems

    def _show_children(self, on: date) -> None:
        """Ages and the advocacy question as on the conference date `on` (today until one is typed);
        asked again whenever the date moves. Answers already chosen are kept while hidden."""
        needing = {c.id for c in children_needing_advocacy(self.family.children, on)}
        self.advocacy = {cid: w for cid, w in self._advocacy_rows.items() if cid in needing}
        for child in self.family.children:
            age = child.age_on(on)
            age_text = (
                f"unborn, due {child.expected_date:%d %b %Y}"
                if child.unborn and child.expected_date
                else f"{age} on {on:%d %b %Y}"
            )
            self._child_names[child.id].setText(f"<b>{child.full_name or 'Unborn child'}</b> ({age_text})")
            for widget in self._advocacy_rows[child.id]:
                widget.setVisible(child.id in needing)

    def _update(self) -> None:
        review = self.kind.is_review
        self.form_layout.setRowVisible(self.start_row, not review)
        self.form_layout.setRowVisible(self.previous_row, review)
        start, scheduled, _ = self._dates()
        self._show_children(scheduled or self.today)
        previous_id = self.previous.currentData() if review else None
        due = self.services.conferences.due_date(self.family.id, self.kind, start, previous_id)
        self.due = due
        if due is None:
            self.due_label.setText(
                "Choose the conference this review follows." if review else "Enter the date the clock starts."
            )
        else:
            rules = self.services.rules.get().clocks
            months = (
                rules.first_review_months
                if self.kind is ConferenceType.FIRST_REVIEW
                else rules.later_review_months
            )
            how = (
                f"within {months} months of the previous conference"
                if review
                else f"{rules.icpc_working_days} working days from the clock start"
            )
            late = scheduled is not None and scheduled > due
            state = (
                "✘ the date chosen is late: give a reason" if late else "○ in timescale" if scheduled else ""
            )
            calendar = self.services.rules.calendar
            hint = book_by(due, calendar)
            book = (
                f"; book by <b>{hint:%a %d %b %Y}</b>, the last working day before it" if hint != due else ""
            )
            self.due_label.setText(f"<b>{due:%a %d %b %Y}</b> ({how}{book}) {state}")
        self.form_layout.setRowVisible(self.lateness_row, bool(due and scheduled and scheduled > due))

    def invitees(self) -> list[str]:
        out = []
        for row in range(self.people_model.rowCount()):
            item = self.people_model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(PersonIdRole))
        return out

    def tick(self, name_start: str) -> None:
        for row in range(self.people_model.rowCount()):
            item = self.people_model.item(row)
            if item.text().startswith(name_start):
                item.setCheckState(Qt.CheckState.Checked)
                return
        raise KeyError(name_start)

    def submit(self) -> Conference | None:
        start, scheduled, problems = self._dates()
        try:
            invited_on = self.invited_on.date()
        except ValueError:
            problems.append(date_problem("invited_on", "the invitation date"))
            invited_on = None
        if scheduled is None and not problems:
            problems.append(Problem("scheduled_date", "Enter the date of the conference."))
        if problems:
            self.errors.show(problems)
            return None
        review = self.kind.is_review
        chosen_time = self.start_time.time()
        try:
            conference = self.services.conferences.book(
                self.family.id,
                self.kind,
                scheduled,
                clock_start=None if review else start,
                start_time=_to_time(chosen_time),
                venue=self.venue.text(),
                chair_name=self.chair.text(),
                clock_start_kind=None if review else ClockStartKind(self.clock_start_kind.currentData()),
                previous_conference_id=self.previous.currentData() if review else None,
                clerk_name=self.clerk.text(),
                interpreter_language=self.interpreter.text(),
                lateness_reason=self.lateness.text() if self.lateness_row.isVisible() else "",
                advocacy={
                    cid: (box.currentData(), note.text()) for cid, (box, note) in self.advocacy.items()
                },
                invite=self.invitees(),
                invited_on=invited_on,
            )
        except ValidationError as error:
            self.errors.show(error)
            return None
        self.errors.clear()
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
        self.booked.emit(conference)
        return conference


def _to_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class BookingDialog(QDialog):
    """The booking form in its own window; closes once the conference is booked."""

    def __init__(
        self, services: Services, hub: ChangeHub, family: Family, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Book a conference")
        layout = QVBoxLayout(self)
        self.form = BookingForm(services, hub, family)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.form.booked.connect(lambda _c: self.accept())
        resize_within_screen(self, 1100, 720)  # a 1366×768 laptop: the buttons stay on the screen


__all__ = ["BookingDialog", "BookingForm", "ErrorLabel"]
