"""Finalising a record: the inline confirmation before Approve and lock, and the refusal shown in place
when someone types into a record that may not be changed (final, or this account may not edit it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from iro_desktop.domain.record import ConferenceRecord
from iro_desktop.ui.widgets import button


def lock_question(record: ConferenceRecord, approver: str) -> str:
    """What Approve and lock will lock, named in full: family, conference, date and version."""
    version = len(record.versions) + 1
    held = f"{record.held_on.day} {record.held_on:%B %Y}"
    return (
        f"Lock version {version} of the record for {record.family_name} ({record.family_reference}), "
        f"{record.conference_label}, held {held}, as approved by {approver}? After this only an "
        "amendment, with its reason, can change it."
    )


class ApproveConfirm(QFrame):
    """Asks, in place, before the record is approved and locked. Inline rather than a dialog: it sits
    where the chair pressed the button, names what will be locked, and keeps the page's keyboard flow
    (Enter confirms, Escape cancels), as every other message in the app does."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Confirm approve and lock")
        self.question = QLabel()
        self.question.setAccessibleName("What will be locked")
        self.question.setWordWrap(True)
        # Issue 17: what the census check finds for this record's children, said before locking (a
        # warning in words, never a block: some problems are put right in other records).
        self.census = QLabel()
        self.census.setAccessibleName("Census problems for this record's children")
        self.census.setWordWrap(True)
        self.census.hide()
        self.lock_button = button("L&ock it", "Lock it")
        self.lock_button.setDefault(True)
        self.lock_button.clicked.connect(self._confirm)
        self.cancel_button = button("&Not yet", "Not yet")
        self.cancel_button.clicked.connect(self._cancel)
        row = QHBoxLayout()
        row.addWidget(self.lock_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.census)
        layout.addLayout(row)
        self.hide()

    def ask(self, record: ConferenceRecord, approver: str, census: list[str] | None = None) -> None:
        self.question.setText(lock_question(record, approver))
        problems = census or []
        self.census.setText(
            f"⚠ The census check finds {len(problems)} problem{'s' if len(problems) != 1 else ''} for this "
            "record's children (Tools → Census check lists them all):\n"
            + "\n".join(f"• {p}" for p in problems)
        )
        self.census.setVisible(bool(problems))
        self.show()
        self.lock_button.setFocus()

    def _confirm(self) -> None:
        self.hide()
        self.confirmed.emit()

    def _cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._cancel()
            return
        super().keyPressEvent(event)


_EDIT_KEYS = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter})


def is_typing(event: QKeyEvent) -> bool:
    """A key that would change the text (a character, Backspace, Delete, Enter, paste or cut)."""
    if event.matches(QKeySequence.StandardKey.Paste) or event.matches(QKeySequence.StandardKey.Cut):
        return True
    if event.key() in _EDIT_KEYS:
        return True
    control = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
    return bool(event.text()) and event.text().isprintable() and not control


class TypingRefusal(QObject):
    """Watches read-only editors; typing into one emits `refused(editor)`, so the page can say why
    next to that field rather than let the keys vanish."""

    refused = Signal(QWidget)

    def watch(self, editor: QPlainTextEdit | QLineEdit) -> None:
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QPlainTextEdit | QLineEdit)
            and watched.isReadOnly()
            and watched.isEnabled()
            and isinstance(event, QKeyEvent)
            and is_typing(event)
        ):
            self.refused.emit(watched)
        return False
