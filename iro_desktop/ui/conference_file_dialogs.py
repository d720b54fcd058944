"""File → Export / Import conference file: the file dialogs and the (non-modal) list of problems. Files are
written encrypted to a passphrase unless the user chooses a plain one; an encrypted file asks for its
passphrase before anything is read (iro_desktop.ui.conference_file_passphrase)."""

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
from iro_desktop.private_files import private_folder
from iro_desktop.services.conference_file.document import FileProblem
from iro_desktop.services.conference_file.merge import Side
from iro_desktop.services.conference_file.sealing import (
    SEALED_SUFFIX,
    PassphraseNeeded,
    PassphraseRefused,
    is_sealed,
)
from iro_desktop.services.conference_file.service import (
    ConferenceFileService,
    ExportResult,
    FileRejected,
    ImportPlan,
)
from iro_desktop.services.registry import Services
from iro_desktop.ui.conference_file_passphrase import ExportFileDialog, PassphraseDialog
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.handoff_dialog import HandoffDialog
from iro_desktop.ui.widgets import button

FILE_FILTER = f"Conference files (*{SEALED_SUFFIX} *.json);;All files (*)"


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
    parent: QWidget,
    services: Services,
    conference_id: str | None = None,
    folder: Path | None = None,
    hub: ChangeHub | None = None,
) -> ExportFileDialog | None:
    """Ask which conference (the selected one first), then show where and how to write it: encrypted to a
    passphrase by default, into `folder` (the data folder's exports) unless the user chooses elsewhere."""
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
    label = next((text for cid, text in choices if cid == conference_id), "")
    suggested = (folder or Path.home()) / f"conference-{conference_id[:8]}{SEALED_SUFFIX}"
    chosen = conference_id

    def write(path: Path, passphrase: str | None) -> ExportResult:  # in a worker; problems go to the dialog
        private_folder(path.parent)  # the data folder's exports are made 0700; a folder that exists is kept
        return files.export_file(chosen, path, passphrase=passphrase)

    def written(path: Path, passphrase: str | None, result: ExportResult) -> None:
        _exported(parent, path, passphrase, result)

    dialog = ExportFileDialog(f"Export conference file — {label}", suggested, write, parent, written)
    if hub is not None:
        hub.lock_changed.connect(dialog.on_lock_changed)
    dialog.show()
    return dialog


def write_conference_file(
    parent: QWidget,
    services: Services,
    conference_id: str,
    path: Path,
    *,
    passphrase: str | None,
) -> Path | None:
    """Write the file without asking: encrypted to `passphrase`, or plain JSON when it is None (the
    caller's explicit choice). Says how it went on the status bar."""
    try:
        private_folder(path.parent)
        result = ConferenceFileService(services.ctx).export_file(conference_id, path, passphrase=passphrase)
    except (DomainError, OSError) as exc:
        _status(parent, f"✘ Not exported: {exc}")
        return None
    _exported(parent, path, passphrase, result)
    return path


def _exported(parent: QWidget, path: Path, passphrase: str | None, result: ExportResult) -> None:
    how = "encrypted to the passphrase" if passphrase is not None else "NOT encrypted"
    _status(parent, f"✔ Exported to {path}, {how} (revision {result.revision[:12]}).")


def import_conference_file(
    parent: QWidget, services: Services, hub: ChangeHub, path: str | None = None
) -> QDialog | None:
    """Ask for a file and import it; problems show in a non-modal list, success refreshes every view.
    An encrypted file first shows a (non-modal) passphrase dialog; a wrong passphrase is said in it and
    changes nothing. Returns the dialog shown (passphrase, problems or hand-off), if any."""
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
    if is_sealed(data):
        chosen = path
        asking = PassphraseDialog(
            path,
            lambda passphrase: _prepared(files, data, passphrase),  # in a worker: opened and compared
            lambda outcome: _continue_import(parent, files, hub, chosen, outcome),
            parent,
        )
        hub.lock_changed.connect(asking.on_lock_changed)
        asking.show()
        asking.passphrase.setFocus()
        return asking
    return _continue_import(parent, files, hub, path, _prepared(files, data, None))


def _prepared(files: ConferenceFileService, data: bytes, passphrase: str | None) -> ImportPlan | DomainError:
    """The import worked out, or why not; PassphraseNeeded / PassphraseRefused rise (to the passphrase
    dialog), before anything is compared or changed."""
    try:
        return files.prepare_import(data, passphrase)
    except (PassphraseNeeded, PassphraseRefused):
        raise
    except DomainError as error:
        return error


def _continue_import(
    parent: QWidget,
    files: ConferenceFileService,
    hub: ChangeHub,
    path: str,
    outcome: ImportPlan | DomainError,
) -> QDialog | None:
    """On the UI thread: the problems, the hand-off's choices, or the import applied."""
    try:
        if isinstance(outcome, DomainError):
            raise outcome
        plan = outcome
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
