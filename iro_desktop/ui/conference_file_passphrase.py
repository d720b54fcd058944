"""The conference file's passphrase on screen: writing a file (encrypted by default, plain only by an
explicit choice with a warning in words) and opening an encrypted one. Neither dialog is modal, every
problem is shown next to the field that caused it, and the encrypting and opening (age's scrypt takes
about a second, on purpose) run off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError, ValidationError
from iro_desktop.services.conference_file.passphrases import HINT, passphrase_problem, suggest_passphrase
from iro_desktop.services.conference_file.sealing import (
    PLAIN_SUFFIX,
    PLAIN_WARNING,
    SEALED_SUFFIX,
    PassphraseNeeded,
    PassphraseRefused,
)
from iro_desktop.ui.widgets import button
from iro_desktop.ui.worker import Worker

SEALED_FILTER = f"Encrypted conference files (*{SEALED_SUFFIX});;All files (*)"
PLAIN_FILTER = f"Plain conference files (*{PLAIN_SUFFIX});;All files (*)"


def _problem_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setStyleSheet("QLabel { color: #9b1c1c; }")  # the ✘ in its text says it too, not colour alone
    label.hide()
    return label


def _show_problem(label: QLabel, text: str) -> None:
    label.setText(f"✘ {text}" if text else "")
    label.setVisible(bool(text))


SHOWN_CHARACTERS = 44  # a suggestion of six words is read whole, at any text size


def _passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    _fit_field(field)
    return field


def _fit_field(field: QLineEdit) -> None:
    field.setMinimumWidth(field.fontMetrics().averageCharWidth() * SHOWN_CHARACTERS)


class _FitsItsText(QDialog):
    """A dialog of wrapped text that grows to show all of it (at any text size, as messages come and
    go, and when made narrower), up to the screen's height; its slow step runs in a worker."""

    def _start_worker(self, busy_text: str) -> None:
        self.worker = Worker(self)
        self.busy = QLabel(busy_text)
        self.busy.setAccessibleName("Working")
        self.busy.hide()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Until the encrypting or opening is done (tests, screenshots)."""
        return self.worker.wait(timeout_ms)

    def _set_busy(self, busy: bool, buttons: tuple[QWidget, ...]) -> None:
        self.busy.setVisible(busy)
        for widget in buttons:
            widget.setEnabled(not busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
        self.refit()

    def refit(self) -> None:
        layout = self.layout()
        if layout is None:
            return
        width = self.width()
        need = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        need = max(need, layout.totalMinimumSize().height())
        screen = self.screen().availableGeometry().height() - 60
        if self.height() < min(need, screen):
            self.resize(width, min(need, screen))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self.refit)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            QTimer.singleShot(0, self.refit)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for field in self.findChildren(QLineEdit):
                if field.accessibleName().startswith("Passphrase"):
                    _fit_field(field)
            QTimer.singleShot(0, self.refit)

    def say(self, label: QLabel, text: str) -> None:
        """Show (or clear) a problem next to its field, with room for it."""
        _show_problem(label, text)
        self.refit()


class ExportFileDialog(_FitsItsText):
    """Where to write the file and how: encrypted to a passphrase (the default), or plain JSON."""

    def __init__(
        self,
        title: str,
        suggested: Path,
        write: Callable[[Path, str | None], Any],
        parent: QWidget | None = None,
        on_written: Callable[[Path, str | None, Any], None] | None = None,
    ) -> None:
        """`write(path, passphrase)` runs in a worker (no widgets); `on_written(path, passphrase, what
        write returned)` on the UI thread once it is done."""
        super().__init__(parent)
        self._write = write
        self._on_written = on_written
        self.path: Path | None = None  # set once written
        self._start_worker("⏳ Encrypting and writing the file…")
        self.setWindowTitle(title)
        self.setModal(False)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The file carries the family's names and case notes. It is encrypted to a passphrase in the "
            "standard age format: only someone with the passphrase can open it, here or with the age tools."
        )
        intro.setWordWrap(True)
        intro.setAccessibleName("About the conference file")
        layout.addWidget(intro)

        self.encrypted = QRadioButton("&Encrypt with a passphrase (recommended)")
        self.encrypted.setAccessibleName("Encrypt with a passphrase")
        self.plain = QRadioButton("P&lain file, not encrypted")
        self.plain.setAccessibleName("Plain file, not encrypted")
        self.encrypted.setChecked(True)
        layout.addWidget(self.encrypted)

        grid = QGridLayout()
        self.passphrase = _passphrase_field("Passphrase")
        self.again = _passphrase_field("Passphrase again")
        first, second = QLabel("Pass&phrase:"), QLabel("Sa&me again:")
        first.setBuddy(self.passphrase)
        second.setBuddy(self.again)
        self.show_text = QCheckBox("&Show")
        self.show_text.setAccessibleName("Show the passphrase")
        self.suggest = button("Su&ggest one", tip="Fill in six random words you can read out over the phone")
        self.copy = button("&Copy", name="Copy the passphrase", tip="Copy the passphrase to the clipboard")
        grid.addWidget(first, 0, 0)
        grid.addWidget(self.passphrase, 0, 1)
        grid.addWidget(self.show_text, 0, 2)
        grid.addWidget(second, 1, 0)
        grid.addWidget(self.again, 1, 1)
        row = QHBoxLayout()
        row.addWidget(self.suggest)
        row.addWidget(self.copy)
        row.addStretch(1)
        grid.addLayout(row, 2, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("What a passphrase needs")
        layout.addWidget(self.hint)
        self.passphrase_problem = _problem_label("Problem with the passphrase")
        layout.addWidget(self.passphrase_problem)

        layout.addWidget(self.plain)
        self.warning = QLabel(f"⚠ Warning: {PLAIN_WARNING}")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Warning about a plain file")
        self.warning.hide()
        layout.addWidget(self.warning)

        file_row = QHBoxLayout()
        file_label = QLabel("&File:")
        self.file = QLineEdit(str(suggested))
        self.file.setAccessibleName("File to write")
        file_label.setBuddy(self.file)
        self.choose = button("C&hoose…", tip="Choose where to write the file")
        file_row.addWidget(file_label)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        layout.addLayout(file_row)
        self.file_problem = _problem_label("Problem with the file")
        layout.addWidget(self.file_problem)

        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        self.write_button = button("&Write file", tip="Write the conference file")
        self.write_button.setDefault(True)
        self.cancel_button = button("Cancel", tip="Write nothing")
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

        self.plain.toggled.connect(self._on_plain)
        self.show_text.toggled.connect(self._on_show)
        self.suggest.clicked.connect(self.fill_suggestion)
        self.copy.clicked.connect(self.copy_passphrase)
        self.choose.clicked.connect(self._choose_file)
        self.write_button.clicked.connect(self.write)
        self.cancel_button.clicked.connect(self.reject)
        self.passphrase.textEdited.connect(lambda _text: _show_problem(self.passphrase_problem, ""))
        self.again.textEdited.connect(lambda _text: _show_problem(self.passphrase_problem, ""))
        self.resize(640, 0)

    # --- choices ---------------------------------------------------------------------------------------
    def _on_plain(self, plain: bool) -> None:
        for widget in (self.passphrase, self.again, self.show_text, self.suggest, self.copy, self.hint):
            widget.setEnabled(not plain)
        self.warning.setVisible(plain)
        self.say(self.passphrase_problem, "")
        text = self.file.text()
        old, new = (SEALED_SUFFIX, PLAIN_SUFFIX) if plain else (PLAIN_SUFFIX, SEALED_SUFFIX)
        if text.endswith(old):
            self.file.setText(text[: -len(old)] + new)

    def _on_show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.again.setEchoMode(mode)

    def fill_suggestion(self) -> None:
        """Six random words in both fields, shown so they can be read out or copied."""
        words = suggest_passphrase()
        self.passphrase.setText(words)
        self.again.setText(words)
        self.show_text.setChecked(True)
        _show_problem(self.passphrase_problem, "")

    def copy_passphrase(self) -> None:
        QGuiApplication.clipboard().setText(self.passphrase.text())

    def _choose_file(self) -> None:
        plain = self.plain.isChecked()
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.file.text(), PLAIN_FILTER if plain else SEALED_FILTER
        )
        if path:
            self.file.setText(path)

    # --- writing ---------------------------------------------------------------------------------------
    def chosen_passphrase(self) -> str | None:
        """The passphrase to write with (None: plain), or a problem shown next to it (raises nothing)."""
        if self.plain.isChecked():
            return None
        text = self.passphrase.text()
        problem = passphrase_problem(text)
        if problem is None and self.again.text() != text:
            problem = "The two entries differ: type the same passphrase twice (or use Suggest one)."
        if problem is not None:
            self.say(self.passphrase_problem, problem)
            self.passphrase.setFocus()
            raise ValueError(problem)
        return text

    def write(self) -> None:
        _show_problem(self.file_problem, "")
        try:
            passphrase = self.chosen_passphrase()
        except ValueError:
            return
        name = self.file.text().strip()
        if not name:
            self.say(self.file_problem, "Say where to write the file.")
            self.file.setFocus()
            return
        path = Path(name).expanduser()
        self._set_busy(True, (self.write_button,))
        self.worker.start(
            lambda: self._write(path, passphrase),
            lambda result: self._written(path, passphrase, result),
            self._not_written,
        )

    def _written(self, path: Path, passphrase: str | None, result: Any) -> None:
        self._set_busy(False, (self.write_button,))
        self.path = path
        if self._on_written is not None:
            self._on_written(path, passphrase, result)
        self.accept()

    def _not_written(self, error: BaseException) -> None:
        self._set_busy(False, (self.write_button,))
        if isinstance(error, ValidationError):
            self.say(self.passphrase_problem, " ".join(p.message for p in error.problems))
        elif isinstance(error, DomainError | OSError):
            text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.say(self.file_problem, f"Not written: {text}")
        else:
            raise error  # a bug: the crash dialog, with a log without personal data

    def on_lock_changed(self, locked: bool) -> None:
        """Hidden while the app is locked (it may show a passphrase)."""
        self.setVisible(not locked)


class PassphraseDialog(_FitsItsText):
    """An encrypted conference file: its passphrase, and the reason in place when it does not open it."""

    def __init__(
        self,
        path: str,
        prepare: Callable[[str], Any],
        then: Callable[[Any], object],
        parent: QWidget | None = None,
    ) -> None:
        """`prepare(passphrase)` runs in a worker (no widgets) and raises PassphraseNeeded or
        PassphraseRefused when the file does not open; `then(what it returned)` on the UI thread."""
        super().__init__(parent)
        self._prepare, self._then = prepare, then
        self.result_value: object = None  # what `then` returned (the next dialog, if any)
        self._start_worker("⏳ Opening the file…")
        self.setWindowTitle("Import encrypted conference file")
        self.setModal(False)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{Path(path).name} is encrypted. Enter the passphrase it was written with: the person who "
            "sent it tells you by phone or in person. Nothing changes until it opens."
        )
        intro.setWordWrap(True)
        intro.setAccessibleName("About this file")
        layout.addWidget(intro)
        row = QHBoxLayout()
        label = QLabel("Pass&phrase:")
        self.passphrase = _passphrase_field("Passphrase")
        label.setBuddy(self.passphrase)
        self.show_text = QCheckBox("&Show")
        self.show_text.setAccessibleName("Show the passphrase")
        row.addWidget(label)
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.show_text)
        layout.addLayout(row)
        self.problem = _problem_label("Problem with the passphrase")
        layout.addWidget(self.problem)
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        self.open_button = button("&Open", tip="Open the file with this passphrase")
        self.open_button.setDefault(True)
        self.cancel_button = button("Cancel", tip="Import nothing")
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.show_text.toggled.connect(
            lambda shown: self.passphrase.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        self.passphrase.returnPressed.connect(self.try_open)
        self.passphrase.textEdited.connect(lambda _text: _show_problem(self.problem, ""))
        self.open_button.clicked.connect(self.try_open)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(560, 0)

    def try_open(self) -> None:
        if self.worker.busy:
            return
        passphrase = self.passphrase.text()
        self._set_busy(True, (self.open_button,))
        self.worker.start(lambda: self._prepare(passphrase), self._opened, self._not_opened)

    def _opened(self, prepared: Any) -> None:
        self._set_busy(False, (self.open_button,))
        self.accept()
        self.result_value = self._then(prepared)

    def _not_opened(self, error: BaseException) -> None:
        self._set_busy(False, (self.open_button,))
        if not isinstance(error, PassphraseNeeded | PassphraseRefused):
            raise error  # a bug: the crash dialog, with a log without personal data
        self.say(self.problem, str(error))
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def on_lock_changed(self, locked: bool) -> None:
        """Hidden while the app is locked."""
        self.setVisible(not locked)
