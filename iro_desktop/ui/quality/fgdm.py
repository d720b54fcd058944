"""Recording a family's family group decision-making: the offer, the answer, the meeting, or why it was
not offered; the letter before proceedings."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from iro_desktop.domain.errors import Problem
from iro_desktop.domain.family import Family
from iro_desktop.domain.fgdm import FgdmInput, FgdmResponse
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import DateField, add_row, date_problem
from iro_desktop.ui.quality.form_dialog import FormDialog
from iro_desktop.ui.widgets import isolate


class FgdmDialog(FormDialog):
    def __init__(
        self, services: Services, hub: ChangeHub, family: Family, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Family group decision-making: {isolate(family.name)}", services, hub, parent)
        self.family = family
        current = services.fgdm.get(family.id) or FgdmInput()
        self.offered_on = DateField("Date offered")
        self.offered_on.set_date(current.offered_on)
        self.offered_to = QLineEdit(current.offered_to)
        self.offered_to.setPlaceholderText("e.g. both parents, the grandmother")
        self.response = QComboBox()
        for answer in FgdmResponse:
            self.response.addItem(answer.label, answer)
        self.response.setCurrentIndex(self.response.findData(current.response))
        self.held_on = DateField("Date held")
        self.held_on.set_date(current.held_on)
        self.facilitated_by = QLineEdit(current.facilitated_by)
        self.not_offered = QLineEdit(current.not_offered_reason)
        self.not_offered.setPlaceholderText("Only when a meeting is not in the child's best interests")
        self.letter = DateField("Letter before proceedings")
        self.letter.set_date(current.letter_before_proceedings_on)
        add_row(self.form, self.errors, "offered_on", "&Offered on:", self.offered_on)
        add_row(self.form, self.errors, "offered_to", "Offered &to:", self.offered_to)
        add_row(self.form, self.errors, "response", "&Answer:", self.response)
        add_row(self.form, self.errors, "held_on", "Meeting &held on:", self.held_on)
        add_row(self.form, self.errors, "facilitated_by", "&Facilitated by:", self.facilitated_by)
        add_row(self.form, self.errors, "not_offered_reason", "&Not offered because:", self.not_offered)
        add_row(
            self.form, self.errors, "letter_before_proceedings_on", "&Letter before proceedings:", self.letter
        )

    def value(self) -> tuple[FgdmInput, list[Problem]]:
        problems: list[Problem] = []
        days = {}
        for name, field, label in (
            ("offered_on", self.offered_on, "the offer date"),
            ("held_on", self.held_on, "the meeting date"),
            ("letter_before_proceedings_on", self.letter, "the letter's date"),
        ):
            try:
                days[name] = field.date()
            except ValueError:
                days[name] = None
                problems.append(date_problem(name, label))
        data = FgdmInput(
            offered_on=days["offered_on"],
            offered_to=self.offered_to.text(),
            response=FgdmResponse(self.response.currentData()),
            held_on=days["held_on"],
            facilitated_by=self.facilitated_by.text(),
            not_offered_reason=self.not_offered.text(),
            letter_before_proceedings_on=days["letter_before_proceedings_on"],
        )
        return data, problems

    def save(self) -> None:
        data, problems = self.value()
        self.attempt(lambda: self.services.fgdm.save(self.family.id, data), problems)
