"""What a PDF export does in the background (run by `ui.worker.Worker`): lay out one PDF and write it.

The job holds only plain data (a `ConferenceDocument`) and a path: it never touches the store or a
widget, and it reports progress as plain numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from iro_desktop.domain.errors import EnvironmentProblem
from iro_desktop.export.documents import ConferenceDocument
from iro_desktop.services.documents import DocumentKind, render_pdf, write_file

log = logging.getLogger(__name__)


class ExportFailed(Exception):
    """The PDF was not written; `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _PageProgress:
    """reportlab's progress callbacks as (percent 0-99 while laying out, pages so far)."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self.report = report
        self.total = 0
        self.pages = 0

    def __call__(self, what: str, value: int) -> None:
        if what == "SIZE_EST":
            self.total = max(int(value), 1)
        elif what == "PAGE":
            self.pages = int(value)
        elif what == "PROGRESS" and self.total:
            self.report(min(99, int(value) * 100 // self.total), self.pages)


def export_pdf(
    kind: DocumentKind, doc: ConferenceDocument, path: Path, report: Callable[[int, int], None]
) -> Path:
    """Lay out the PDF and write it (atomically) to `path`; `report(percent, pages)` as it goes."""
    try:
        data = render_pdf(kind, doc, _PageProgress(report))
        write_file(path, data)
    except EnvironmentProblem as problem:
        raise ExportFailed(problem.message) from problem
    except Exception as error:  # a bug: say so plainly, log the type only (no personal data)
        log.error("PDF export failed: %s", type(error).__name__)
        raise ExportFailed(
            f"The {kind.label.lower()} could not be made (an error in IRO Desktop: "
            f"{type(error).__name__}). Nothing was written."
        ) from error
    return path
