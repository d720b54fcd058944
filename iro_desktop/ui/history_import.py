"""Tools → Import history…: choose an extract folder, check it off the UI thread with progress, list every
problem, and import only when there are none (docs/historical-import.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.domain.roles import Action, can
from iro_desktop.ui.models.history_import import problem_model
from iro_desktop.ui.widgets import button, heading, table_view
from iro_desktop.ui.worker import Worker

if TYPE_CHECKING:
    from iro_desktop.services.history_import import HistoryImportResult
    from iro_desktop.services.registry import Services
    from iro_desktop.ui.events import ChangeHub


def _run(services: Services, folder: Path, write: bool, progress: Callable[[str, int, int], None]) -> object:
    """The check or the import, in the background; a domain or environmental problem becomes its words."""
    service = services.history_import
    run = service.import_history if write else service.check
    try:
        return run(folder, progress)
    except (DomainError, EnvironmentProblem) as error:
        return _Refused(str(error))


class _Refused:
    """The check or import could not run: why, in words."""

    def __init__(self, message: str) -> None:
        self.message = message


class HistoryImportDialog(QDialog):
    """Checks the extract as soon as it opens; the Import button is enabled only with no problem."""

    settled = Signal(object)  # a check or import finished: its result (tests wait on it)

    def __init__(
        self, services: Services, folder: Path, hub: ChangeHub | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import history")
        self.services, self.folder, self.hub = services, folder, hub
        self.worker = Worker(self, threads=1)
        self.last_result: HistoryImportResult | None = None
        where = QLabel(f"Extract folder: {folder}")
        where.setAccessibleName("Extract folder")
        where.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Import status")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Progress")
        self.model = problem_model()
        self.table = table_view(self.model, "Problems found in the extract")
        self.check_button = button("&Check again", "Check again", "Read and check the extract folder again")
        self.import_button = button("&Import", "Import", "Add everything in the extract, all or nothing")
        self.close_button = button("Cl&ose", "Close")
        self.copy_button = button(
            "Co&py the list",
            "Copy the list",
            "Copy every problem (tab separated) to paste into a spreadsheet or email",
        )
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_problems)
        self.import_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Import history"))
        layout.addWidget(where)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 600)
        self.check()

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def check(self) -> None:
        self._start(write=False, text="Checking the extract…")

    def start_import(self) -> None:
        if self.last_result is not None and self.last_result.ok:
            self._start(write=True, text="Importing…")

    def _start(self, *, write: bool, text: str) -> None:
        if self.busy:
            return
        self.status.setText(text)
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.bar.setRange(0, 0)
        services, folder = self.services, self.folder
        self.worker.start(
            lambda progress: _run(services, folder, write, progress),
            self._delivered,
            lambda error: self._failed(f"An error in IRO Desktop ({type(error).__name__}); none imported."),
            self._progress,
        )

    def _delivered(self, outcome: object) -> None:
        if isinstance(outcome, _Refused):
            self._failed(outcome.message)
        else:
            self._finished(outcome)  # type: ignore[arg-type]

    @Slot(str, int, int)
    def _progress(self, stage: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self.bar.setFormat(f"{stage}: %p%")
        self.bar.setAccessibleDescription(f"{stage}: {done} of {total}")

    def _stop(self) -> None:
        self.check_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)

    @Slot(object)
    def _finished(self, result: HistoryImportResult) -> None:
        self._stop()
        self.last_result = result
        self.model.set_items(result.problems)
        self.copy_button.setEnabled(bool(result.problems))
        self.bar.setFormat("Import finished" if result.imported else "Check finished")
        if result.problems:
            self.status.setText(
                f"⚠ {len(result.problems)} problem(s) found, listed below with their file, row and column. "
                "Nothing can be imported until every one is fixed: correct the extract, then Check again."
            )
        elif result.imported:
            self.status.setText(
                f"✔ Imported. Added: {result.added.text()}. "
                f"Already present, unchanged: {result.present.text()}."
            )
            if self.hub is not None:
                self.hub.announce("families", "conferences", "decisions", "people", "attendance")
        else:
            self.status.setText(
                f"✔ No problems found. Import will add: {result.added.text()}. "
                f"Already present: {result.present.text()}."
            )
            self.import_button.setEnabled(True)
            self.import_button.setFocus()
        self.settled.emit(result)

    def copy_problems(self) -> None:
        """The problems as tab-separated lines with a header, for the people who fix the extract."""
        lines = ["File\tRow\tColumn\tProblem"]
        lines += [f"{p.file}\t{p.row or ''}\t{p.field}\t{p.message}" for p in self.model.items()]
        QApplication.clipboard().setText("\n".join(lines) + "\n")
        self.status.setText(
            self.status.text().split(" ✔ Copied")[0] + f" ✔ Copied {len(lines) - 1} to the clipboard."
        )

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._stop()
        self.status.setText(f"⚠ {message}")
        self.settled.emit(None)

    def closeEvent(self, event: QCloseEvent) -> None:
        """An import under way finishes (all or nothing) before the dialog goes."""
        self.worker.pool.waitForDone()
        super().closeEvent(event)


def open_history_import(services: Services, hub: ChangeHub | None, parent: QWidget) -> None:
    """Ask for the extract folder, then check (and on request import) it."""
    if not can(services.ctx.session.user, Action.IMPORT_HISTORY):
        QMessageBox.information(parent, "Import history", "Only administrators and managers import history.")
        return
    chosen = QFileDialog.getExistingDirectory(parent, "Choose the extract folder")
    if chosen:
        HistoryImportDialog(services, Path(chosen), hub, parent).exec()
