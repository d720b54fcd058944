"""Exporting a conference's PDFs from the GUI: an inline bar under the work area (never a modal) shows the
progress, then offers to open the file or its folder; problems are shown in the same bar.

The document is filled from the store on the UI thread (tens of milliseconds); laying out and writing
the PDF runs in the background (`ui.worker.Worker`; the job is `export_job.export_pdf`). Files go to the
data folder's `exports/` folder, named by `services.documents.file_name` (family reference, document,
date; never a child's name).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QWidget

from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.services.documents import KIND_NAMES, DocumentKind, file_name
from iro_desktop.ui.export_job import ExportFailed, export_pdf
from iro_desktop.ui.widgets import button
from iro_desktop.ui.worker import Worker

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QBoxLayout, QStackedWidget

    from iro_desktop.services.registry import Services
    from iro_desktop.ui.areas.meeting import MeetingArea

# Action name (ui/actions.py) -> the document it exports.
EXPORT_ACTIONS: dict[str, DocumentKind] = {
    "export_handout": DocumentKind.HANDOUT,
    "export_plan": DocumentKind.PLAN,
    "export_record": DocumentKind.RECORD,
    "export_family": DocumentKind.FAMILY,
}
VERSION_ACTION = "export_record_version"

NO_CONFERENCE = (
    "⚠ Choose a conference first: in Conference in progress, Records to finalise or Families and conferences."
)


class ExportPanel(QFrame):
    """One line: what is happening, a progress bar, and Open file / Open folder when done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPanel")
        self.setAccessibleName("Export")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.path: Path | None = None
        self.message = QLabel()
        self.message.setAccessibleName("Export status")
        self.message.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Export progress")
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(220)
        self.open_file = button("Open file", tip="Open the PDF in your PDF viewer")
        self.open_folder = button("Open folder", tip="Show the folder the PDF was saved in")
        self.close_button = button("Close", "Close the export message")
        self.open_file.clicked.connect(lambda: self._open(self.path))
        self.open_folder.clicked.connect(lambda: self._open(self.path.parent if self.path else None))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.message, 1)
        for widget in (self.bar, self.open_file, self.open_folder, self.close_button):
            layout.addWidget(widget)
        self.opener: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.hide()

    def show_working(self, text: str) -> None:
        self._show(text, "", busy=True)
        self.bar.setValue(0)

    def show_progress(self, percent: int, pages: int) -> None:
        self.bar.setValue(percent)
        if pages:
            self.bar.setFormat(f"%p% (page {pages})")

    def show_done(self, text: str, path: Path) -> None:
        self.path = path
        self._show(text, "", done=True)

    def show_problem(self, text: str) -> None:
        self.path = None
        self._show(text, "QLabel { color: #9b1c1c; font-weight: bold; }")

    @property
    def busy(self) -> bool:
        return self.bar.isVisible()

    def _show(self, text: str, style: str, *, busy: bool = False, done: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.bar.setFormat("%p%")
        self.bar.setVisible(busy)
        self.open_file.setVisible(done)
        self.open_folder.setVisible(done)
        self.close_button.setVisible(not busy)
        self.show()

    def _open(self, path: Path | None) -> None:
        if path is not None and not self.opener(QUrl.fromLocalFile(str(path))):
            self.show_problem(f"✘ Could not open {path}: no program is set up to open it.")


class ExportController(QObject):
    """Runs exports for the conference in view, one at a time. Progress shows in the panel chosen when
    the export starts (`choose_panel`: the meeting's Handouts step has its own, elsewhere the bar under
    the work area)."""

    def __init__(
        self,
        services: Services,
        panel: ExportPanel,
        folder: Path,
        current: Callable[[], str | None],
        selected_version: Callable[[], int | None] = lambda: None,
        parent: QObject | None = None,
        choose_panel: Callable[[], ExportPanel] | None = None,
        before: Callable[[], object] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.panel = panel
        self.folder = folder
        self.current = current
        self.selected_version = selected_version
        self.choose_panel = choose_panel or (lambda: panel)
        self.before = before  # stores what is still being typed, so the PDF has it
        self.worker = Worker(self, threads=1)
        self.job: DocumentKind | None = None  # the document being made, one at a time
        self.last_path: Path | None = None

    def export(self, kind: DocumentKind, version: int | None = None) -> bool:
        """Start exporting; False (with the reason in the panel) when it cannot start."""
        if self.job is not None:
            busy = self.job.label.lower()
            self.panel.show_problem(f"⚠ Still making the {busy}: wait for it to finish.")
            return False
        chosen = self.choose_panel()
        if chosen is not self.panel:
            self.panel.hide()
            self.panel = chosen
        conference_id = self.current()
        if conference_id is None:
            self.panel.show_problem(NO_CONFERENCE)
            return False
        documents = self.services.documents
        self.before()
        try:
            if version is None:
                doc = documents.document(conference_id)
            else:
                doc = documents.version_document(conference_id, version)
        except (DomainError, EnvironmentProblem) as error:
            self.panel.show_problem(f"✘ {getattr(error, 'message', str(error))}")
            return False
        path = self.folder / file_name(doc, kind)
        self.job = kind
        what = kind.label if version is None else f"{kind.label} (version {version})"
        self.panel.show_working(f"Making the {what.lower()}… You can carry on working.")
        self.worker.start(
            lambda report: export_pdf(kind, doc, path, report),
            lambda written: self._finished(conference_id, kind, version, written),
            self._failed,
            self._progress,
        )
        return True

    def export_named(self, name: str) -> bool:
        """Export by the command-line name (handout, plan, record, family), as the Handouts step asks."""
        return self.export(KIND_NAMES[name])

    def export_selected_version(self) -> bool:
        version = self.selected_version()
        if version is None:
            self.panel.show_problem(
                "⚠ In Records to finalise, choose a version of the final record in the Versions list first."
            )
            return False
        return self.export(DocumentKind.RECORD, version)

    def _progress(self, percent: int, pages: int) -> None:
        self.panel.show_progress(percent, pages)

    def _finished(self, conference_id: str, kind: DocumentKind, version: int | None, path: Path) -> None:
        self._job_done()
        self.last_path = path
        try:
            self.services.documents.note_exported(conference_id, kind, version)
        except (DomainError, EnvironmentProblem) as error:
            self.panel.show_problem(
                f"⚠ Saved {path.name}, but the audit trail could not record it: "
                f"{getattr(error, 'message', str(error))}"
            )
            return
        self.panel.show_done(f"✔ {kind.label} saved: {path.name} (in {path.parent})", path)

    def _failed(self, error: BaseException) -> None:
        self._job_done()
        message = error.message if isinstance(error, ExportFailed) else type(error).__name__
        self.panel.show_problem(f"✘ The PDF was not saved. {message}")

    def _job_done(self) -> None:
        self.job = None

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """On closing the window: let a PDF being written finish (it is written whole or not at all)."""
        self.worker.pool.waitForDone(wait_ms)


class ExportHost(Protocol):
    """What the exports need of the main window (a protocol: this module does not import the window,
    which installs the exports)."""

    @property
    def stack(self) -> QStackedWidget: ...

    @property
    def areas(self) -> dict[str, QWidget]: ...

    @property
    def work_layout(self) -> QBoxLayout: ...

    @property
    def action_map(self) -> dict[str, QAction]: ...

    @property
    def meeting(self) -> MeetingArea: ...


def conference_in_view(window: ExportHost) -> str | None:
    """The conference shown by the area in view (the meeting workspace, records, families)."""
    from iro_desktop.ui.areas.families import FamiliesArea
    from iro_desktop.ui.areas.meeting import MeetingArea
    from iro_desktop.ui.areas.records import RecordsArea

    area = window.stack.currentWidget()
    if isinstance(area, MeetingArea):
        return area.controller.conference_id
    if isinstance(area, RecordsArea):
        return area.record.conference_id if area.record else None
    if isinstance(area, FamiliesArea):
        conference = area.selected_conference()
        return conference.id if conference else None
    return None


def flush_typing(window: ExportHost) -> None:
    """Store text still waiting for its autosave (the map, the record's summary) before reading."""
    window.meeting.controller.flush()
    records = window.areas.get("records")
    flush = getattr(records, "flush", None)
    if flush is not None:
        flush()


def selected_record_version(window: ExportHost) -> int | None:
    """The version picked in Records to finalise, when that area is in view."""
    from iro_desktop.ui.areas.records import RecordsArea

    area = window.stack.currentWidget()
    if not isinstance(area, RecordsArea) or area.record is None:
        return None
    rows = area.version_table.selectionModel().selectedRows()
    return area.versions.item(rows[0].row()).number if rows else None


def install_exports(window: ExportHost, services: Services, folder: Path) -> ExportController:
    """Put the export bar under the work area (and one in the meeting's Handouts step) and wire the
    export actions and the Handouts buttons to them."""
    from iro_desktop.ui.meeting.steps import Step

    bar = ExportPanel()
    window.work_layout.addWidget(bar)
    meeting = window.meeting
    in_handouts = ExportPanel()
    meeting.handouts.add_panel(in_handouts)

    def choose() -> ExportPanel:
        at_handouts = window.stack.currentWidget() is meeting and meeting.current_step() is Step.HANDOUTS
        return in_handouts if at_handouts else bar

    controller = ExportController(
        services,
        bar,
        folder,
        lambda: conference_in_view(window),
        lambda: selected_record_version(window),
        window if isinstance(window, QObject) else None,
        choose,
        lambda: flush_typing(window),
    )
    for name, kind in EXPORT_ACTIONS.items():
        window.action_map[name].triggered.connect(lambda _=False, k=kind: controller.export(k))
    window.action_map[VERSION_ACTION].triggered.connect(controller.export_selected_version)
    meeting.handouts.export_requested.connect(controller.export_named)
    return controller
