"""Who chairs and who leads (issue 19): the chair's role and statement of independence, with the reason
asked for inline where local rules require an independent chair; the Lead Practitioner and Family Help
Lead Practitioner of each child."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.chairing import Answer, Chairing, ChairRole, PractitionerKind
from iro_desktop.domain.errors import DomainError, ValidationError
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import ErrorLabel

REASON_HINT = "Local rules require an independent chair: say why this conference is chaired otherwise."


def _combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    for label, value in items:
        combo.addItem(label, value)
    return combo


class ChairPanel(QWidget):
    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.conference_id: str | None = None
        self.family_id: str | None = None
        self.required = False  # local rules require an independent chair
        layout = QVBoxLayout(self)
        chair_box = QGroupBox("Who chairs")
        form = QFormLayout(chair_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.role = _combo("The chair's role", [(r.label, r.value) for r in ChairRole])
        answers = [(a.label, a.value) for a in Answer]
        self.enquiry = _combo("Did the chair take part in the section 47 enquiry?", answers)
        self.held_case = _combo("Has the chair held the case?", answers)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why the conference is not independently chaired")
        self.reason.setPlaceholderText("Why not independently chaired")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.enquiry.setToolTip("Did the chair take part in the section 47 enquiry?")
        self.held_case.setToolTip("Has the chair held the case?")
        self.error = ErrorLabel("reason")
        self.save = QPushButton("Save &chair")
        self.save.setAccessibleName("Record the chair's role and statement of independence")
        form.addRow("Role:", self.role)
        form.addRow("In the s47 enquiry:", self.enquiry)
        form.addRow("Held the case:", self.held_case)
        form.addRow("Reason:", self.reason)
        form.addRow(self.hint)
        form.addRow(self.error)
        form.addRow("", self.save)
        layout.addWidget(chair_box)
        self.leads_box = QGroupBox("Who leads for each child")
        self.leads_form = QFormLayout(self.leads_box)
        self.leads_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.leads_error = ErrorLabel("lead")
        layout.addWidget(self.leads_box)
        layout.addWidget(self.leads_error)
        layout.addStretch(1)
        self.lead_combos: dict[tuple[str, PractitionerKind], QComboBox] = {}
        for combo in (self.role, self.enquiry, self.held_case):
            combo.currentIndexChanged.connect(lambda _=0: self._update_hint())
        self.save.clicked.connect(self.save_chairing)
        hub.changed.connect(self._on_changed)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"conferences", "families", "people", "rules", "*"} and self.conference_id:
            self.refresh()

    def set_conference(self, conference_id: str | None, family_id: str | None = None) -> None:
        self.conference_id = conference_id
        self.family_id = family_id
        self.error.show_messages([])
        self.refresh()

    def chairing(self) -> Chairing:
        """What the form says."""
        return Chairing(
            ChairRole(self.role.currentData()),
            Answer(self.enquiry.currentData()),
            Answer(self.held_case.currentData()),
            self.reason.text(),
        )

    def _update_hint(self) -> None:
        """Inline, as the chair chooses: the reason is asked for where local rules require it."""
        needs = self.required and self.chairing().chaired_otherwise
        self.hint.setText(f"⚠ {REASON_HINT}" if needs else "")
        self.reason.setEnabled(self.chairing().chaired_otherwise)

    def refresh(self) -> None:
        self.setEnabled(self.conference_id is not None)
        if self.conference_id is None:
            return
        self.required = self.services.leads.independent_chair_required()
        chairing = self.services.leads.chairing(self.conference_id)
        for combo, value in (
            (self.role, chairing.role.value),
            (self.enquiry, chairing.took_part_in_enquiry.value),
            (self.held_case, chairing.held_case.value),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.reason.setText(chairing.reason)
        self._update_hint()
        self._fill_leads()

    def _fill_leads(self) -> None:
        while self.leads_form.rowCount():
            self.leads_form.removeRow(0)
        self.lead_combos.clear()
        if self.family_id is None:
            return
        family = self.services.families.get(self.family_id)
        chosen = {
            (p.child_id, p.kind): p.person_id for p in self.services.leads.practitioners(self.family_id)
        }
        professionals = self.services.people.professionals()
        for child in family.children:
            for kind in PractitionerKind:
                combo = _combo(f"{kind.label} for {child.full_name}", [("Not named", "")])
                for person in professionals:
                    combo.addItem(f"{person.name} — {person.description}", person.id)
                combo.setCurrentIndex(max(combo.findData(chosen.get((child.id, kind), "")), 0))
                combo.activated.connect(lambda _=0, c=child.id, k=kind: self.save_practitioner(c, k))
                self.lead_combos[(child.id, kind)] = combo
                self.leads_form.addRow(f"{child.full_name}, {kind.label}:", combo)

    def save_chairing(self) -> None:
        if self.conference_id is None:
            return
        try:
            self.services.leads.set_chairing(self.conference_id, self.chairing())
        except ValidationError as error:
            self.error.show_messages(error.for_field("reason") or [p.message for p in error.problems])
            self.reason.setFocus()
            return
        except DomainError as error:
            self.error.show_messages([str(error)])
            return
        self.error.show_messages([])
        self.hub.relay(self.services.ctx.take_changes())

    def save_practitioner(self, child_id: str, kind: PractitionerKind) -> None:
        person_id = self.lead_combos[(child_id, kind)].currentData() or None
        try:
            self.services.leads.set_practitioner(child_id, kind, person_id)
        except DomainError as error:
            self.leads_error.show_messages([str(error)])
            return
        self.leads_error.show_messages([])
        self.hub.relay(self.services.ctx.take_changes())
