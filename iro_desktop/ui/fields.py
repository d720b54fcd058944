"""Form helpers: a date field typed as text, and inline problem labels under each field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from PySide6.QtCore import QEvent, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import Problem, ValidationError

DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d.%m.%Y")


def parse_date(text: str) -> date | None:
    """A date typed by a person; None when blank. Raises ValueError when it is not a date."""
    text = text.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def show_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class DateField(QLineEdit):
    """Dates are typed (dd/mm/yyyy), which is fastest by keyboard; bad text is reported inline."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setAccessibleName(name)
        self._fit()

    def _fit(self) -> None:
        """Wide enough for a whole date at the text size in use (never squeezed to a sliver), and not
        much wider (issue 12)."""
        margins = self.textMargins()
        width = self.fontMetrics().horizontalAdvance("00/00/0000") + margins.left() + margins.right() + 16
        self.setMinimumWidth(width)
        self.setMaximumWidth(max(140, int(width * 1.4)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def set_date(self, value: date | None) -> None:
        self.setText(show_date(value))

    def date(self) -> date | None:
        """The date, or None when blank; raises ValueError when the text is not a date."""
        return parse_date(self.text())


class ErrorLabel(QLabel):
    """A problem shown under its field: a symbol and words, never colour alone. Hidden when empty."""

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#fieldError { color: #9b1c1c; }")
        self.setAccessibleName(f"Problem with {field.replace('_', ' ')}")
        self.hide()

    def show_messages(self, messages: Iterable[str]) -> None:
        text = "\n".join(f"⚠ {m}" for m in messages)
        self.setText(text)
        self.setVisible(bool(text))


class InlineErrors:
    """Keeps one ErrorLabel per field; shows a ValidationError's problems next to their fields. A field
    shown with a problem is checked again each time it changes, so the message goes as soon as the value
    is right: by `validator` (the form's own rules for its current values) when the form sets one, by the
    field's own check (a date field: is it a date?), else on the first change (the form checks it again
    on save)."""

    def __init__(self) -> None:
        self.labels: dict[str, ErrorLabel] = {}
        self.general = ErrorLabel("form")
        self.validator: Callable[[], list[Problem]] | None = None
        self._checks: dict[str, Callable[[], bool]] = {}  # is the field's own format right?

    def watch(self, field: str, widget: QWidget) -> None:
        """Check `field` again whenever `widget` (or an input inside it) changes."""
        inputs = [widget, *widget.findChildren(QWidget)]
        for edit in inputs:
            if isinstance(edit, DateField):
                self._checks.setdefault(field, _date_check(edit))
            signal = _change_signal(edit)
            if signal is not None:
                signal.connect(lambda *_args, f=field: self.recheck(f))

    def recheck(self, field: str) -> None:
        """Show `field`'s problems for its value now, if it is showing one; otherwise leave it be
        (nothing is reported while a person is still typing into a field that had no problem)."""
        label = self.labels.get(field)
        if label is None or not label.text():
            return
        if field in self._checks and not self._checks[field]():
            return  # still not a date: the message stands
        messages = [p.message for p in self.validator() if p.field == field] if self.validator else []
        label.show_messages(messages)

    def label(self, field: str) -> ErrorLabel:
        if field not in self.labels:
            self.labels[field] = ErrorLabel(field)
        return self.labels[field]

    def clear(self) -> None:
        for label in (*self.labels.values(), self.general):
            label.show_messages([])

    def show(self, error: ValidationError | list[Problem]) -> None:
        problems = error.problems if isinstance(error, ValidationError) else tuple(error)
        self.clear()
        by_field: dict[str, list[str]] = {}
        for p in problems:
            key = p.field if p.field in self.labels else "__general__"
            by_field.setdefault(key, []).append(p.message)
        for field, messages in by_field.items():
            (self.general if field == "__general__" else self.labels[field]).show_messages(messages)

    def messages(self, field: str) -> str:
        return self.labels[field].text() if field in self.labels else ""

    @property
    def any_shown(self) -> bool:
        return any(lbl.text() for lbl in (*self.labels.values(), self.general))


def add_row(form: QFormLayout, errors: InlineErrors, field: str, label: str, widget: QWidget) -> QWidget:
    """A labelled field with its problem label directly underneath."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(errors.label(field))
    errors.watch(field, widget)
    caption = QLabel(label)
    caption.setBuddy(widget)
    if not widget.accessibleName():
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
    form.addRow(caption, box)
    return box


def _change_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a person's change to this input emits, if it is one."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.toggled
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    return None


def _date_check(field: DateField) -> Callable[[], bool]:
    def check() -> bool:
        try:
            field.date()
        except ValueError:
            return False
        return True

    return check


def date_problem(field: str, label: str) -> Problem:
    return Problem(field, f"Enter {label} as a date, like 23/11/2026.")


def name_popups(root: QWidget) -> None:
    """Give every combo box's popup list, and every spin or time box's text field, its owner's accessible
    name (screen readers announce it)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    for combo in root.findChildren(QComboBox):
        combo.view().setAccessibleName(combo.accessibleName() or "Choices")
    for spin in root.findChildren(QAbstractSpinBox):
        for editor in spin.findChildren(QLineEdit):
            editor.setAccessibleName(spin.accessibleName() or "Value")
