"""Small form helpers: a labelled field with its inline problem label underneath, and an optional date."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from iro_desktop.ui.decisions.models import from_qdate, to_qdate

PROBLEM_PREFIX = "⚠ "


def problem_label(name: str) -> QLabel:
    """An inline message under a field: text with a symbol, never colour alone. Hidden when empty."""
    label = QLabel()
    label.setObjectName("problem")
    label.setWordWrap(True)
    label.setAccessibleName(f"Problem with {name}")
    label.setStyleSheet("color: #9b1c1c; font-weight: bold;")
    label.hide()
    return label


def show_problems(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(PROBLEM_PREFIX + m for m in messages))
    label.setVisible(bool(messages))


class OptionalDateEdit(QDateEdit):
    """A date that may be "Not set": the day before `earliest` stands for no date."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd MMM yyyy")
        self.setSpecialValueText("Not set")
        self.set_earliest(date.today())

    def set_earliest(self, earliest: date) -> None:
        current = self.value()
        self.setMinimumDate(to_qdate(earliest - timedelta(days=1)))
        self.set_value(current)

    def value(self) -> date | None:
        if self.date() == self.minimumDate():
            return None
        return from_qdate(self.date())

    def set_value(self, value: date | None) -> None:
        blocked = self.blockSignals(True)
        if value is None or to_qdate(value) <= self.minimumDate():
            self.setDate(self.minimumDate())
        else:
            self.setDate(to_qdate(value))
        self.blockSignals(blocked)

    def clear_value(self) -> None:
        self.setDate(self.minimumDate())


def qdate(value: date) -> QDate:
    return to_qdate(value)


def name_combo(combo: QComboBox, name: str) -> QComboBox:
    """Name a combo box and its drop-down list for screen readers."""
    combo.setAccessibleName(name)
    combo.view().setAccessibleName(f"{name}: choices")
    return combo
