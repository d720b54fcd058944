"""Local rules: clock settings, the quoracy rule (children's social care plus others, or the four
disciplines of a child protection team) and the stood-down reasons, shared by the whole team (kept in the
records, not on this computer)."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QPushButton, QSpinBox, QWidget

from iro_desktop.domain.clocks import ClockRules
from iro_desktop.domain.conference import Reason
from iro_desktop.domain.local_rules import DisclosureRules, LocalRules, reason_code
from iro_desktop.domain.people import AgencyKind
from iro_desktop.domain.quoracy import REQUIRED_CHOICES, QuoracyRule
from iro_desktop.services.registry import Services
from iro_desktop.ui.booking.family_forms import _FormDialog
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import add_row

LABELS = {
    "icpc_working_days": "Initial conference within (working days of the clock start)",
    "first_review_months": "First review within (months of the initial conference)",
    "later_review_months": "Later reviews within (months of the previous one)",
    "report_to_parents_icpc_wd": "SW report to parents before an initial conference (working days)",
    "report_to_chair_icpc_wd": "SW report to the chair before an initial conference (working days)",
    "report_before_review_wd": "SW report to parents and chair before a review (working days)",
    "police_notice_days": "Police invited at least (days ahead)",
    "core_group_wd": "First core group within (working days)",
    "record_distribution_wd": "Record distributed within (working days)",
    "due_soon_wd": "Show as 'due soon' from (working days before)",
    "decision_letter_wd": "Decision letter to parents within (working days)",
    "corrections_wd": "Corrections asked for within (working days of sending)",
}


class LocalRulesDialog(_FormDialog):
    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__("Local rules", parent)
        self.services, self.hub = services, hub
        rules = services.rules.get()
        self.spins: dict[str, QSpinBox] = {}
        for f in fields(ClockRules):
            spin = QSpinBox()
            spin.setRange(0, 99)
            spin.setValue(getattr(rules.clocks, f.name))
            spin.setAccessibleName(LABELS[f.name])
            add_row(self.form, self.errors, f"clocks.{f.name}", LABELS[f.name] + ":", spin)
            self.spins[f.name] = spin
        # Which agencies must be present for quoracy: CSC (the default), the four disciplines of a
        # multi-agency child protection team, or none in particular; a rule stored otherwise is kept.
        self.required = QComboBox()
        self.required.setAccessibleName("Agencies that must be present for quoracy")
        self.required.setMinimumContentsLength(22)  # the long choice never widens the dialog
        self.required.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for label, kinds in REQUIRED_CHOICES:
            self.required.addItem(label, [k.value for k in kinds])
        self._choose_required(rules.quoracy.required_kinds)
        self.required.currentIndexChanged.connect(lambda *_: self._describe_required())
        self._describe_required()
        add_row(self.form, self.errors, "quoracy.required_kinds", "Quoracy: must be present:", self.required)
        self.min_others = QSpinBox()
        self.min_others.setRange(0, 99)
        self.min_others.setValue(rules.quoracy.min_other_agencies)
        add_row(
            self.form,
            self.errors,
            "quoracy.min_other_agencies",
            "…plus at least (other agencies):",
            self.min_others,
        )
        self.reasons = QPlainTextEdit("\n".join(r.label for r in rules.stood_down_reasons))
        self.reasons.setAccessibleName("Stood-down reasons, one a line")
        self.reasons.setMinimumHeight(160)
        self._codes = {r.label: r.code for r in rules.stood_down_reasons}
        add_row(
            self.form, self.errors, "stood_down_reasons", "Stood-down reasons (one a line):", self.reasons
        )
        self.independent_chair = QCheckBox("Independent chair required")
        self.independent_chair.setChecked(rules.independent_chair_required)
        self.independent_chair.setAccessibleName(
            "Conferences need an independent chair, or a recorded reason"
        )
        add_row(self.form, self.errors, "independent_chair_required", "Chair:", self.independent_chair)
        self.alert_days = QSpinBox()  # issue 19
        self.alert_days.setRange(1, 30)
        self.alert_days.setValue(rules.alert_response_days)
        add_row(
            self.form,
            self.errors,
            "alert_response_days",
            "Alert response due within (working days, each stage):",
            self.alert_days,
        )
        # Issue 18: the check before a family member's copy leaves.
        self.watch_words = QPlainTextEdit("\n".join(rules.disclosure.words))
        self.watch_words.setAccessibleName("Words to look for before a family copy leaves, one a line")
        self.watch_words.setMinimumHeight(80)
        add_row(
            self.form,
            self.errors,
            "disclosure.words",
            "Words to look for in family copies:",
            self.watch_words,
        )
        self.second_sign_off = QCheckBox("A second person signs off")
        self.second_sign_off.setChecked(rules.disclosure.second_sign_off)
        self.second_sign_off.setAccessibleName("A second person signs off each checked family copy")
        add_row(self.form, self.errors, "disclosure.second_sign_off", "Family copies:", self.second_sign_off)
        defaults = QPushButton("Back to the &defaults")
        defaults.clicked.connect(self.restore_defaults)
        self.form.addRow("", defaults)

    def _describe_required(self) -> None:
        """The choice in full words (the rule as the meeting's indicator says it), for pointer and reader."""
        kinds = tuple(AgencyKind(k) for k in self.required.currentData())
        text = QuoracyRule(kinds, 0).text if kinds else "No particular agency must be present"
        self.required.setToolTip(text)
        self.required.setAccessibleDescription(text)

    def _choose_required(self, kinds: tuple[AgencyKind, ...]) -> None:
        for index, (_label, choice) in enumerate(REQUIRED_CHOICES):
            if set(choice) == set(kinds):
                self.required.setCurrentIndex(index)
                return
        # Kept as stored (set outside this dialog): offered as it is, so saving does not change it.
        self.required.addItem(" and ".join(k.label for k in kinds), [k.value for k in kinds])
        self.required.setCurrentIndex(self.required.count() - 1)

    def restore_defaults(self) -> None:
        base = LocalRules()
        for name, spin in self.spins.items():
            spin.setValue(getattr(base.clocks, name))
        self._choose_required(base.quoracy.required_kinds)
        self.min_others.setValue(base.quoracy.min_other_agencies)
        self.reasons.setPlainText("\n".join(r.label for r in base.stood_down_reasons))
        self.independent_chair.setChecked(base.independent_chair_required)
        self._codes.update({r.label: r.code for r in base.stood_down_reasons})
        self.alert_days.setValue(base.alert_response_days)

    def value(self) -> LocalRules:
        clocks = ClockRules(**{name: spin.value() for name, spin in self.spins.items()})
        kinds = tuple(AgencyKind(k) for k in self.required.currentData())
        labels = [line.strip() for line in self.reasons.toPlainText().splitlines() if line.strip()]
        reasons = tuple(Reason(self._codes.get(label, reason_code(label)), label) for label in labels)
        words = tuple(w.strip() for w in self.watch_words.toPlainText().splitlines() if w.strip())
        disclosure = DisclosureRules(words, self.second_sign_off.isChecked())
        return LocalRules(
            clocks,
            QuoracyRule(kinds, self.min_others.value()),
            reasons,
            independent_chair_required=self.independent_chair.isChecked(),
            alert_response_days=self.alert_days.value(),
            disclosure=disclosure,
        )

    def save(self) -> None:
        if self.attempt(lambda: self.services.rules.save(self.value())):
            self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
