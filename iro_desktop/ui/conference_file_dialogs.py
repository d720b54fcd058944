"""File → Export / Import conference file: the file dialogs and the (non-modal) list of problems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError
from iro_desktop.services.conference_file.document import FileProblem
from iro_desktop.services.conference_file.merge import Side
from iro_desktop.services.conference_file.service import ConferenceFileService, FileRejected
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.handoff_dialog import HandoffDialog
from iro_desktop.ui.widgets import button

FILE_FILTER = "Conference files (*.json);;All files (*)"


class FileProblemsDialog(QDialog):
    """Every problem with a file, each with its place; stays open beside the window (not modal)."""

    def __init__(
        self, path: str, problems: tuple[FileProblem, ...] | list[FileProblem], parent: QWidget | None
    ):
        super().__init__(parent)
        self.setWindowTitle("The conference file was not imported")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"✘ {Path(path).name}: {len(problems)} problem(s). Nothing was changed. "
            "Each problem says where it is in the file."
        )
        summary.setWordWrap(True)
        summary.setAccessibleName("Summary")
        layout.addWidget(summary)
        self.table = QTableWidget(len(problems), 2, self)
        self.table.setAccessibleName("Problems in the conference file")
        self.table.setHorizontalHeaderLabels(["Place in the file", "Problem"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, problem in enumerate(problems):
            self.table.setItem(row, 0, QTableWidgetItem(problem.place or "(whole file)"))
            self.table.setItem(row, 1, QTableWidgetItem(problem.message))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped
        layout.addWidget(self.table)
        close = button("Close", tip="Close this list")
        close.clicked.connect(self.close)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.resize(900, 420)

    def on_lock_changed(self, locked: bool) -> None:
        """Hidden while the app is locked."""
        self.setVisible(not locked)


def _status(parent: QWidget, text: str) -> None:
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(text, 10_000)


def export_conference_file(
    parent: QWidget, services: Services, conference_id: str | None = None, path: str | None = None
) -> Path | None:
    """Ask which conference (the selected one first) and where, then write the file."""
    files = ConferenceFileService(services.ctx)
    choices = files.choices()
    if conference_id is None:
        if not choices:
            _status(parent, "There is no conference to export yet.")
            return None
        label, ok = QInputDialog.getItem(
            parent, "Export conference file", "Conference:", [c[1] for c in choices], 0, False
        )
        if not ok:
            return None
        conference_id = next(cid for cid, text in choices if text == label)
    if path is None:
        label = next((text for cid, text in choices if cid == conference_id), "")
        path, _ = QFileDialog.getSaveFileName(
            parent, f"Export conference file — {label}", f"conference-{conference_id[:8]}.json", FILE_FILTER
        )
        if not path:
            return None
    try:
        result = files.export_file(conference_id, Path(path))
    except (DomainError, OSError) as exc:
        _status(parent, f"✘ Not exported: {exc}")
        return None
    _status(parent, f"✔ Exported to {path} (revision {result.revision[:12]}).")
    return Path(path)


def import_conference_file(
    parent: QWidget, services: Services, hub: ChangeHub, path: str | None = None
) -> QDialog | None:
    """Ask for a file and import it; problems show in a non-modal list, success refreshes every view.
    Returns the dialog shown (problems or hand-off), if any."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Import conference file", "", FILE_FILTER)
        if not path:
            return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        _status(parent, f"✘ Cannot read {path}: {exc.strerror}")
        return None
    files = ConferenceFileService(services.ctx)
    try:
        plan = files.prepare_import(data)
    except FileRejected as rejected:
        dialog = FileProblemsDialog(path, rejected.problems, parent)
        hub.lock_changed.connect(dialog.on_lock_changed)
        dialog.show()
        return dialog
    except DomainError as exc:
        _status(parent, f"✘ Not imported: {exc}")
        return None
    if plan.up_to_date:
        _status(parent, f"✔ The records already hold this version of {plan.family_name}'s conference.")
        return None

    def apply(choices: dict[str, Side]) -> None:
        result = files.apply_import(plan, choices)
        hub.announce("*")
        if result.created:
            _status(parent, f"✔ Imported the conference for {result.family_name}.")
        else:
            _status(
                parent,
                f"✔ Hand-off applied for {result.family_name}: {result.taken} change(s) taken from the file, "
                f"{result.kept} kept, {result.conflicts} chosen.",
            )

    if plan.conflicts:
        handoff = HandoffDialog(plan, apply, parent)
        hub.lock_changed.connect(handoff.on_lock_changed)
        handoff.show()
        return handoff
    try:
        apply({})
    except FileRejected as rejected:
        dialog = FileProblemsDialog(path, rejected.problems, parent)
        dialog.show()
        return dialog
    except DomainError as exc:
        _status(parent, f"✘ Not imported: {exc}")
    return None
