"""Families and conferences: the register, searchable as you type; editing families and children; booking
a conference and following its clocks, attendance and quoracy."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.conference import Conference
from iro_desktop.domain.family import Child, Family
from iro_desktop.services.registry import Services
from iro_desktop.ui.booking.booking_form import BookingDialog
from iro_desktop.ui.booking.conference_panel import ConferencePanel
from iro_desktop.ui.booking.family_forms import BirthDialog, ChildDialog, FamilyDialog
from iro_desktop.ui.booking.models import family_conference_model
from iro_desktop.ui.booking.people_dialog import PeopleDialog
from iro_desktop.ui.booking.rules_dialog import LocalRulesDialog
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.register import Leads, child_model, family_model, leads_by_child, leads_text
from iro_desktop.ui.quality.family_box import QualityBox
from iro_desktop.ui.widgets import heading, isolate, keep_ltr, shown_now, table_view, wrapping_row

SIZE_FROM_ROWS = 200


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class FamiliesArea(QWidget):
    title = "Families and conferences"

    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selections = 0  # how many times the chosen family changed (refresh needs to know)
        self.services = services
        self.hub = hub
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by family, child's name or case number")
        self.search.setAccessibleName("Search families")
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search)

        self.family_flags: dict[str, str] = {}  # every listed child's home-education flag (issue 19)
        self.families = family_model(self.family_flags)
        self.flags: dict[str, str] = {}  # child id -> home-education flag (issue 19)
        self.leads: Leads = {}  # child id -> who leads for them (issue 19), shown with the child
        self.child_rows = child_model(services.ctx.today(), self.flags, self.leads)
        self.conferences = family_conference_model()
        self.family_table = table_view(self.families, "Families")
        # Ten years of history is thousands of families: size the columns from the first rows only.
        self.family_table.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)
        self.child_table = table_view(self.child_rows, "Children in the selected family")
        self.conference_table = table_view(self.conferences, "Conferences of the selected family")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.new_family_button = _button("New famil&y", "New family")
        self.edit_family_button = _button("Edit family", "Edit the selected family")
        left_layout.addWidget(self.family_table, 2)
        left_layout.addWidget(wrapping_row(self.new_family_button, self.edit_family_button))
        left_layout.addWidget(self.child_table, 2)
        self.add_child_button = _button("Add child", "Add a child to the selected family")
        self.edit_child_button = _button("Edit child", "Edit the selected child")
        self.birth_button = _button("Record birth", "Record the birth of the selected unborn child")
        left_layout.addWidget(wrapping_row(self.add_child_button, self.edit_child_button, self.birth_button))
        self.history = QLabel()
        self.history.setAccessibleName("Earlier plans of the selected child")
        self.history.setWordWrap(True)
        left_layout.addWidget(self.history)
        self.child_leads = QLabel()  # issue 19: who leads for the chosen child, in words
        self.child_leads.setAccessibleName("Who leads for the selected child")
        self.child_leads.setWordWrap(True)
        left_layout.addWidget(self.child_leads)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.conference_table.setMaximumHeight(140)
        right_layout.addWidget(self.conference_table)
        self.book_button = _button("&Book conference…", "Book a conference for the selected family")
        self.rules_button = _button("Local rules…", "Edit the local rules: clocks, quoracy, reasons")
        self.people_button = _button("People and agencies…", "People and agencies")
        right_layout.addWidget(wrapping_row(self.book_button, self.people_button, self.rules_button))
        self.panel = ConferencePanel(services, hub)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Issue 19: FGDM, alerts and feedback for the chosen family, above its conference.
        self.quality = QualityBox(services, hub, self.selected_child, self.selected_conference)
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.quality)
        work_layout.addWidget(self.panel, 1)
        scroll.setWidget(work)
        right_layout.addWidget(scroll, 4)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)  # a small window takes from both sides, a third from the register
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 980])
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.refresh)
        self.family_table.selectionModel().selectionChanged.connect(self._on_selection)
        self.child_table.selectionModel().selectionChanged.connect(self._on_child)
        self.conference_table.selectionModel().selectionChanged.connect(self._on_conference)
        self.new_family_button.clicked.connect(self.new_family)
        self.edit_family_button.clicked.connect(self.edit_family)
        self.add_child_button.clicked.connect(self.add_child)
        self.edit_child_button.clicked.connect(self.edit_child)
        self.birth_button.clicked.connect(self.record_birth)
        self.book_button.clicked.connect(self.book_conference)
        self.rules_button.clicked.connect(self.edit_local_rules)
        self.people_button.clicked.connect(self.edit_people)
        self._stale = False  # a change came while hidden behind another page
        hub.changed.connect(self._on_changed)
        keep_ltr(self)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"families", "conferences", "*"} and not shown_now(self):
            self._stale = True  # refreshed when next shown
        elif topics & {"families", "*"}:
            self.refresh()
        elif topics & {"conferences"}:
            self._refresh_conferences()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        selected = self.selected_family()
        found = self.services.families.search(self.search.text())
        standing = self.services.fgdm.standing([c.id for f in found for c in f.children])
        self.family_flags.clear()
        self.family_flags.update({cid: s.text for cid, s in standing.items() if s.text})
        self.families.set_items(found)
        rows = self.families.items()
        keep = next((i for i, f in enumerate(rows) if selected and f.id == selected.id), 0 if rows else -1)
        if keep >= 0:
            before = self._selections
            self.family_table.selectRow(keep)
            if self._selections == before:  # the same row: no selection signal came
                self._on_selection(QItemSelection(), QItemSelection())
        else:
            self.child_rows.set_items([])
            self.conferences.set_items([])
            self.panel.set_conference(None)

    def selected_family(self) -> Family | None:
        indexes = self.family_table.selectionModel().selectedRows()
        return self.families.item(indexes[0].row()) if indexes else None

    def selected_child(self) -> Child | None:
        indexes = self.child_table.selectionModel().selectedRows()
        return self.child_rows.item(indexes[0].row()) if indexes else None

    def selected_conference(self) -> Conference | None:
        indexes = self.conference_table.selectionModel().selectedRows()
        return self.conferences.item(indexes[0].row()) if indexes else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._selections += 1
        family = self.selected_family()
        self.flags.clear()
        if family is not None:
            standing = self.services.fgdm.standing([c.id for c in family.children])
            self.flags.update({cid: s.text for cid, s in standing.items() if s.text})
        self.leads.clear()
        if family is not None:
            self.leads.update(leads_by_child(self.services.leads.practitioners(family.id)))
        self.child_rows.set_items(family.children if family else [])
        self.history.setText("")
        self.child_leads.setText("")
        self.quality.set_family(family)
        self._refresh_conferences()

    def _on_child(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        child, family = self.selected_child(), self.selected_family()
        if child is None or family is None:
            self.history.setText("")
            self.child_leads.setText("")
            return
        summary = self.services.families.repeat_plans(family.id).get(child.id)
        text = f"{isolate(child.full_name)}: {summary.text}" if summary else ""
        self.child_leads.setText(f"{isolate(child.full_name)}: {leads_text(self.leads, child.id)}")
        if self.flags.get(child.id):
            text = f"{text}\n{self.flags[child.id]}".strip()
        self.history.setText(text)

    def _refresh_conferences(self) -> None:
        family = self.selected_family()
        chosen = self.selected_conference()
        items = self.services.conferences.for_family(family.id) if family else []
        self.conferences.set_items(items)
        if not items:
            self.panel.set_conference(None)
            return
        keep = next((n for n, c in enumerate(items) if chosen and c.id == chosen.id), len(items) - 1)
        self.conference_table.selectRow(keep)
        self.panel.set_conference(items[keep].id)

    def _on_conference(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        conference = self.selected_conference()
        if conference is not None and (
            self.panel.conference is None or self.panel.conference.id != conference.id
        ):
            self.panel.set_conference(conference.id)

    def select_conference(self, conference_id: str) -> None:
        """Show a conference: its family is chosen first (clearing any search that hides it)."""
        family_id = self.services.conferences.get(conference_id).family_id
        family = self.selected_family()
        if family is None or family.id != family_id:
            if self.search.text():
                self.search.clear()
                self.refresh()
            for n, f in enumerate(self.families.items()):
                if f.id == family_id:
                    self.family_table.selectRow(n)
                    self._on_selection(QItemSelection(), QItemSelection())
                    break
        for n, c in enumerate(self.conferences.items()):
            if c.id == conference_id:
                self.conference_table.selectRow(n)
                self.panel.set_conference(conference_id)

    # Actions (also reachable from the menu and shortcuts).

    def _open(self, dialog: QWidget) -> None:
        self.dialog = keep_ltr(dialog)  # English reading order whatever a name's first letter
        dialog.show()

    def new_family(self) -> None:
        dialog = FamilyDialog(self.services, self.hub, None, self)
        dialog.accepted.connect(lambda: self._saved_family(dialog))
        self._open(dialog)

    def _saved_family(self, dialog: FamilyDialog) -> None:
        """The family just saved is the one chosen next (Add child adds to it)."""
        family = dialog.result_value
        if isinstance(family, Family):
            self.select_family(family.id)

    def select_family(self, family_id: str) -> None:
        """Choose a family in the register (clearing a search that hides it)."""
        self.refresh()
        if not any(f.id == family_id for f in self.families.items()) and self.search.text():
            self.search.clear()  # refreshes the list
        for n, f in enumerate(self.families.items()):
            if f.id == family_id:
                self.family_table.selectRow(n)
                return

    def edit_family(self) -> None:
        family = self.selected_family()
        if family is not None:
            self._open(FamilyDialog(self.services, self.hub, family, self))

    def add_child(self) -> None:
        family = self.selected_family()
        if family is not None:
            self._open(ChildDialog(self.services, self.hub, family, None, self))

    def edit_child(self) -> None:
        family, child = self.selected_family(), self.selected_child()
        if family is not None and child is not None:
            self._open(ChildDialog(self.services, self.hub, family, child, self))

    def record_birth(self) -> None:
        child = self.selected_child()
        if child is not None and child.unborn:
            self._open(BirthDialog(self.services, self.hub, child, self))

    def book_conference(self) -> None:
        family = self.selected_family()
        if family is None:
            return
        dialog = BookingDialog(self.services, self.hub, family, self)
        dialog.form.booked.connect(lambda c: self.select_conference(c.id))
        self._open(dialog)

    def edit_people(self) -> None:
        self._open(PeopleDialog(self.services, self.hub, self.selected_family(), self))

    def edit_local_rules(self) -> None:
        self._open(LocalRulesDialog(self.services, self.hub, self))

    def subject_access(self) -> None:
        """Issue 18: a person's subject-access bundle (Tools menu; managers and administrators)."""
        from iro_desktop.ui.subject_access_dialog import SubjectAccessDialog

        self._open(SubjectAccessDialog(self.services, self))
