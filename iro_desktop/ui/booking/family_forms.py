"""Family and child forms with inline validation: nothing is stored until the input is right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import Problem, ValidationError
from iro_desktop.domain.family import Child, ChildInput, Family, Gender, validate_child, validate_family
from iro_desktop.domain.nhs_number import formatted
from iro_desktop.domain.people import ETHNICITY, ETHNICITY_GROUPS
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import DateField, InlineErrors, add_row, date_problem, name_popups
from iro_desktop.ui.models.register import leads_by_child, leads_text
from iro_desktop.ui.widgets import fit_to_screen, isolate, scrolling


class _FormDialog(QDialog):
    """A form whose Save runs an action; problems show under their fields and the dialog stays open."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors = InlineErrors()
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.body = scrolling(body, title)  # large text on a small screen: the form scrolls
        layout.addWidget(self.body, 1)
        layout.addWidget(self.errors.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        name_popups(self)
        if not self.property("iro_fitted"):  # once: afterwards the user's size stands
            self.setProperty("iro_fitted", True)
            fit_to_screen(self, self.body)
        super().showEvent(event)

    def attempt(self, action: Callable[[], Any], problems: list[Problem] | None = None) -> bool:
        if problems:
            self.errors.show(problems)
            return False
        try:
            self.result_value = action()
        except ValidationError as error:
            self.errors.show(error)
            return False
        self.errors.clear()
        self.accept()
        return True

    def save(self) -> None:
        raise NotImplementedError


class FamilyDialog(_FormDialog):
    """New family (with its first child) or edit a family's reference and name."""

    def __init__(
        self, services: Services, hub: ChangeHub, family: Family | None = None, parent: QWidget | None = None
    ):
        super().__init__("Edit family" if family else "New family", parent)
        self.services, self.hub, self.family = services, hub, family
        self.reference = QLineEdit(family.reference if family else "")
        self.name = QLineEdit(family.name if family else "")
        add_row(self.form, self.errors, "reference", "&Reference (case number):", self.reference)
        add_row(self.form, self.errors, "name", "Family &name:", self.name)
        self.child: ChildFields | None = None
        if family is None:
            self.child = ChildFields(self.form, self.errors, prefix="children[0].")
        self.errors.validator = self._problems

    def _problems(self) -> list[Problem]:
        """The form's problems for what is typed now (a message goes as soon as its field is right)."""
        problems = validate_family(self.reference.text(), self.name.text())
        if self.child is not None:
            problems += self.child.problems(self.services.ctx.today())
        return problems

    def save(self) -> None:
        if self.family is not None:
            family = self.family
            ok = self.attempt(
                lambda: self.services.families.update_family(
                    family.id, self.reference.text(), self.name.text()
                )
            )
        else:
            assert self.child is not None
            data, problems = self.child.value()
            ok = self.attempt(
                lambda: self.services.families.create_family(self.reference.text(), self.name.text(), [data]),
                problems,
            )
        if ok:
            self.hub.relay(self.services.ctx.take_changes())  # what the service wrote


class ChildFields:
    """The child's fields, added to a form; `prefix` maps problems from a family-level save."""

    def __init__(
        self, form: QFormLayout, errors: InlineErrors, child: Child | None = None, prefix: str = ""
    ) -> None:
        self.prefix = prefix
        self.given = QLineEdit(child.given_name if child else "")
        self.family_name = QLineEdit(child.family_name if child else "")
        self.unborn = QCheckBox("Unborn (expected date instead of a date of birth)")
        self.unborn.setChecked(bool(child and child.unborn))
        self.dob = DateField("Date of birth")
        self.edd = DateField("Expected date of delivery")
        self.gender = QComboBox()
        for g in Gender:
            self.gender.addItem(g.label, g)
        self.ethnicity = QComboBox()
        self.ethnicity.addItem("Not recorded", "")
        for code, (label, group) in ETHNICITY.items():
            self.ethnicity.addItem(f"{group}: {label} ({code})", code)
        self.disability = QCheckBox("Disabled")
        self.case_number = QLineEdit(child.case_number if child else "")
        self.nhs_number = QLineEdit(formatted(child.nhs_number) if child and child.nhs_number else "")
        self.nhs_number.setPlaceholderText("10 digits, e.g. 943 476 5919")
        self.nhs_number.setAccessibleName("NHS number (the mother's for an unborn child)")
        if child:
            self.dob.set_date(child.date_of_birth)
            self.edd.set_date(child.expected_date)
            self.gender.setCurrentIndex(self.gender.findData(child.gender))
            if child.ethnicity_code and self.ethnicity.findData(child.ethnicity_code) < 0:
                # A group-only code from an imported history: kept, not lost on saving.
                code = child.ethnicity_code
                label, group = ETHNICITY_GROUPS.get(code, (code, "Imported"))
                self.ethnicity.addItem(f"{group}: {label} ({code})", code)
            self.ethnicity.setCurrentIndex(max(self.ethnicity.findData(child.ethnicity_code), 0))
            self.disability.setChecked(child.disability)
        p = prefix
        add_row(form, errors, f"{p}given_name", "&First name:", self.given)
        add_row(form, errors, f"{p}family_name", "Famil&y name:", self.family_name)
        add_row(form, errors, f"{p}unborn", "", self.unborn)
        add_row(form, errors, f"{p}date_of_birth", "Date of &birth:", self.dob)
        add_row(form, errors, f"{p}expected_date", "&Expected date:", self.edd)
        add_row(form, errors, f"{p}gender", "&Gender:", self.gender)
        add_row(form, errors, f"{p}ethnicity_code", "E&thnicity:", self.ethnicity)
        add_row(form, errors, f"{p}disability", "", self.disability)
        add_row(form, errors, f"{p}case_number", "&Case number:", self.case_number)
        add_row(form, errors, f"{p}nhs_number", "&NHS number (mother's if unborn):", self.nhs_number)
        self.unborn.setAccessibleName("Unborn child")
        self.disability.setAccessibleName("Disability")

    def problems(self, today: date) -> list[Problem]:
        """What is wrong with the child's fields as typed now, under their (prefixed) field names."""
        data, problems = self.value()
        return problems + [Problem(f"{self.prefix}{p.field}", p.message) for p in validate_child(data, today)]

    def value(self) -> tuple[ChildInput, list[Problem]]:
        problems: list[Problem] = []
        dob = edd = None
        try:
            dob = self.dob.date()
        except ValueError:
            problems.append(date_problem(f"{self.prefix}date_of_birth", "the date of birth"))
        try:
            edd = self.edd.date()
        except ValueError:
            problems.append(date_problem(f"{self.prefix}expected_date", "the expected date"))
        data = ChildInput(
            given_name=self.given.text(),
            family_name=self.family_name.text(),
            date_of_birth=dob,
            expected_date=edd,
            unborn=self.unborn.isChecked(),
            gender=Gender(self.gender.currentData()),
            ethnicity_code=self.ethnicity.currentData(),
            disability=self.disability.isChecked(),
            case_number=self.case_number.text(),
            nhs_number=self.nhs_number.text(),
        )
        return data, problems


class ChildDialog(_FormDialog):
    """Add a child to a family, or edit one."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        family: Family,
        child: Child | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            f"Edit a child of {isolate(family.name)}" if child else f"Add a child to {isolate(family.name)}"
        )
        super().__init__(title, parent)
        self.services, self.hub, self.family, self.child = services, hub, family, child
        self.fields = ChildFields(self.form, self.errors, child)
        self.errors.validator = lambda: self.fields.problems(self.services.ctx.today())
        # Issue 19: who leads for the child, read here; named in the booking's Chair and leads tab.
        self.leads = QLabel()
        self.leads.setWordWrap(True)
        self.leads.setAccessibleName("Who leads for this child")
        self.leads.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.leads.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, read by a screen reader
        if child is not None:
            leads = leads_by_child(services.leads.practitioners(family.id))
            text = leads_text(leads, child.id).replace("; ", "\n")
            self.leads.setText(f"{text}\n(named in the booking's Chair and leads tab)")
            self.leads.setAccessibleDescription(self.leads.text())
            self.form.addRow("Who leads:", self.leads)
        if child is None:
            self.fields.family_name.setText(family.name.replace(" family", ""))

    def save(self) -> None:
        data, problems = self.fields.value()
        child = self.child
        if child is None:
            ok = self.attempt(lambda: self.services.families.add_child(self.family.id, data), problems)
        else:
            ok = self.attempt(lambda: self.services.families.update_child(child.id, data), problems)
        if ok:
            self.hub.relay(self.services.ctx.take_changes())  # what the service wrote


class BirthDialog(_FormDialog):
    """Record the birth of a child who was unborn."""

    def __init__(
        self, services: Services, hub: ChangeHub, child: Child, parent: QWidget | None = None
    ) -> None:
        super().__init__("Record the birth", parent)
        self.services, self.hub, self.child = services, hub, child
        self.dob = DateField("Date of birth")
        self.given = QLineEdit(child.given_name)
        add_row(self.form, self.errors, "date_of_birth", "Date of &birth:", self.dob)
        add_row(self.form, self.errors, "given_name", "&First name:", self.given)

    def save(self) -> None:
        try:
            dob = self.dob.date()
        except ValueError:
            self.errors.show([date_problem("date_of_birth", "the date of birth")])
            return
        if self.attempt(lambda: self.services.families.record_birth(self.child.id, dob, self.given.text())):
            self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
