"""Render and write one PDF off the UI thread (QThreadPool), reporting progress through Qt signals.

The job holds only plain data (a `ConferenceDocument`) and a path: it never touches the store or a
widget. The signals object lives on the UI thread, so its slots run there (queued connections).
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from iro_desktop.domain.errors import EnvironmentProblem
from iro_desktop.export.documents import ConferenceDocument
from iro_desktop.services.documents import DocumentKind, render_pdf, write_file

log = logging.getLogger(__name__)


class CollectorPause:
    """No cyclic garbage collection while a worker runs Python code.

    CPython runs the collector in whichever thread happens to allocate. Run in the worker, it can free
    Qt wrappers that belong to the UI thread (widgets closed moments before), and Qt objects must die on
    their own thread: a crash. So the UI thread collects first, then pauses the collector until the job
    ends (about a second; reference counting still frees everything that is not a cycle)."""

    def __init__(self) -> None:
        self._was_enabled = False
        self.active = False

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.collect()
        gc.disable()
        self.active = True

    def end(self) -> None:
        if self.active and self._was_enabled:
            gc.enable()
        self.active = False


class ExportSignals(QObject):
    progress = Signal(int, int)  # percent (0-99 while laying out), pages so far
    finished = Signal(str)  # the file written
    failed = Signal(str)  # a message for the user


class ExportJob(QRunnable):
    """Lay out the PDF and write it (atomically) to `path`."""

    def __init__(self, kind: DocumentKind, doc: ConferenceDocument, path: Path) -> None:
        super().__init__()
        self.kind = kind
        self.doc = doc
        self.path = path
        self.signals = ExportSignals()
        self._total = 0
        self._pages = 0
        self.setAutoDelete(False)  # the controller keeps the job until its signals have been delivered

    def _on_progress(self, what: str, value: int) -> None:
        if what == "SIZE_EST":
            self._total = max(int(value), 1)
        elif what == "PAGE":
            self._pages = int(value)
        elif what == "PROGRESS" and self._total:
            percent = min(99, int(value) * 100 // self._total)
            self.signals.progress.emit(percent, self._pages)

    def run(self) -> None:
        try:
            data = render_pdf(self.kind, self.doc, self._on_progress)
            write_file(self.path, data)
        except EnvironmentProblem as problem:
            self.signals.failed.emit(problem.message)
        except Exception as error:  # a bug: say so plainly, log the type only (no personal data)
            log.error("PDF export failed: %s", type(error).__name__)
            self.signals.failed.emit(
                f"The {self.kind.label.lower()} could not be made (an error in IRO Desktop: "
                f"{type(error).__name__}). Nothing was written."
            )
        else:
            self.signals.finished.emit(str(self.path))
