"""People and agencies: the register of professionals (with their agency) and family members (with their
family), each with role and contact. Adding one shows any problem under its field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import Family
from iro_desktop.domain.people import TEAM_DISCIPLINES, Agency, AgencyKind, Person, PersonInput, Role
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import InlineErrors, add_row, name_popups
from iro_desktop.ui.models.table import Column, ObjectTableModel
from iro_desktop.ui.widgets import table_view


def people_model() -> ObjectTableModel[Person]:
    return ObjectTableModel[Person](
        [
            Column("Name", lambda p: p.name),
            Column(
                "Role",
                lambda p: p.role.label + (" (parental responsibility)" if p.parental_responsibility else ""),
            ),
            Column(
                "Agency",
                lambda p: (
                    p.agency_name + (f" ({p.team_discipline.label.lower()})" if p.team_discipline else "")
                ),
            ),
            Column("Contact", lambda p: p.contact),
        ]
    )


def agency_model() -> ObjectTableModel[Agency]:
    return ObjectTableModel[Agency](
        [Column("Agency", lambda a: a.name), Column("Kind", lambda a: a.kind.label)]
    )


class PeopleDialog(QDialog):
    """Professionals and, when a family is given, its members."""

    def __init__(
        self, services: Services, hub: ChangeHub, family: Family | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.hub, self.family = services, hub, family
        self.setWindowTitle("People and agencies")
        self.errors = InlineErrors()
        self.agency_errors = InlineErrors()
        layout = QVBoxLayout(self)
        tables = QHBoxLayout()
        layout.addLayout(tables, 1)
        self.people = people_model()
        self.agencies = agency_model()
        tables.addWidget(table_view(self.people, "People"), 3)
        tables.addWidget(table_view(self.agencies, "Agencies"), 2)

        forms = QHBoxLayout()
        layout.addLayout(forms)
        person_box = QGroupBox("Add a person")
        person_form = QFormLayout(person_box)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role)
        self.agency = QComboBox()
        # Issue 19: a member of a multi-agency child protection team counts for quoracy as their discipline.
        self.discipline = QComboBox()
        self.discipline.addItem("Not in a team", None)
        for kind in TEAM_DISCIPLINES:
            self.discipline.addItem(kind.label, kind.value)
        for combo in (self.role, self.agency, self.discipline):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("Email or telephone")
        self.pr = QCheckBox("Has parental responsibility")
        self.pr.setAccessibleName("Has parental responsibility")
        add_row(person_form, self.errors, "name", "&Name:", self.name)
        add_row(person_form, self.errors, "role", "&Role:", self.role)
        add_row(person_form, self.errors, "agency_id", "A&gency:", self.agency)
        add_row(person_form, self.errors, "team_discipline", "&Team discipline:", self.discipline)
        add_row(person_form, self.errors, "family_id", "", self.pr)
        add_row(person_form, self.errors, "contact", "&Contact:", self.contact)
        self.add_person_button = QPushButton("&Add person")
        person_form.addRow("", self.add_person_button)
        person_form.addRow(self.errors.general)
        forms.addWidget(person_box, 3)

        agency_box = QGroupBox("Add an agency")
        agency_form = QFormLayout(agency_box)
        self.agency_name = QLineEdit()
        self.agency_kind = QComboBox()
        for kind in AgencyKind:
            self.agency_kind.addItem(kind.label, kind)
        self.agency_kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agency_kind.setMinimumContentsLength(16)
        add_row(agency_form, self.agency_errors, "name", "Agency na&me:", self.agency_name)
        add_row(agency_form, self.agency_errors, "kind", "&Kind:", self.agency_kind)
        self.add_agency_button = QPushButton("Add agenc&y")
        agency_form.addRow("", self.add_agency_button)
        forms.addWidget(agency_box, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_person_button.clicked.connect(self.add_person)
        self.add_agency_button.clicked.connect(self.add_agency)
        self.refresh()
        name_popups(self)
        self.resize(1000, 620)

    def refresh(self) -> None:
        members = self.services.people.family_members(self.family.id) if self.family else []
        self.people.set_items(members + self.services.people.professionals())
        agencies = self.services.people.agencies()
        self.agencies.set_items(agencies)
        self.agency.clear()
        self.agency.addItem("No agency (family member)", None)
        for a in agencies:
            self.agency.addItem(a.name, a.id)

    def add_person(self) -> None:
        role = Role(self.role.currentData())
        data = PersonInput(
            name=self.name.text(),
            role=role,
            agency_id=self.agency.currentData(),
            family_id=self.family.id if (self.family and role.is_family) else None,
            contact=self.contact.text(),
            parental_responsibility=self.pr.isChecked(),
            team_discipline=AgencyKind(self.discipline.currentData())
            if self.discipline.currentData()
            else None,
        )
        try:
            self.services.people.add_person(data)
        except ValidationError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self.name.clear()
        self.contact.clear()
        self.refresh()
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote

    def add_agency(self) -> None:
        try:
            self.services.people.add_agency(
                self.agency_name.text(), AgencyKind(self.agency_kind.currentData())
            )
        except ValidationError as error:
            self.agency_errors.show(error)
            return
        self.agency_errors.clear()
        self.agency_name.clear()
        self.refresh()
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
