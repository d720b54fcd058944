"""Unexpected errors: a crash dialog and a log file that carries no personal data.

The log keeps the exception type and the code locations (file, line, function) only: never the
exception message or local variables, which could contain names or case notes.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from iro_desktop import __version__
from iro_desktop.domain.errors import EnvironmentProblem
from iro_desktop.private_files import private_folder, write_private

log = logging.getLogger(__name__)
CRASH_LOGS_KEPT = 20  # the newest crash reports; older ones are removed as a new one is written


def scrubbed_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """A crash report without personal data: type, version, and where in the code."""
    lines = [
        f"IRO Desktop {__version__}",
        f"Python {sys.version.split()[0]}",
        f"Error type: {exc_type.__module__}.{exc_type.__qualname__}",
        "Where:",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_crash_log(logs_dir: Path, exc_type: type[BaseException], tb: TracebackType | None) -> Path:
    """The report in the logs folder, 0600 (the folder 0700 if made here); only the newest
    `CRASH_LOGS_KEPT` reports are kept."""
    path = private_folder(logs_dir) / f"crash-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.log"
    write_private(path, scrubbed_report(exc_type, tb))
    for old in sorted(logs_dir.glob("crash-*.log"))[:-CRASH_LOGS_KEPT]:  # oldest first: the name is the time
        old.unlink(missing_ok=True)
    return path


class CrashHandler:
    """Installed as sys.excepthook: logs, then tells the user; the app keeps running where it can."""

    def __init__(self, logs_dir: Path, show_dialog: bool = True) -> None:
        self.logs_dir = logs_dir
        self.show_dialog = show_dialog
        self.last_log: Path | None = None
        # Where an environmental problem no screen caught is said instead (the status bar, once the
        # window is up): the team server going away is not a crash (issue 16 item 4).
        self.tell_problem: Callable[[EnvironmentProblem], None] | None = None

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, EnvironmentProblem) and self.tell_problem is not None:
            log.warning("Not caught by a screen, said in the status bar: %s", exc_type.__qualname__)
            self.tell_problem(exc)
            return
        try:
            self.last_log = write_crash_log(self.logs_dir, exc_type, tb)
        except OSError:
            self.last_log = None
        log.error("Unexpected error of type %s; report written", exc_type.__qualname__)
        if self.show_dialog and QApplication.instance() is not None:
            crash_dialog(self.last_log).exec()


def crash_dialog(last_log: Path | None) -> QMessageBox:
    """What the user sees (in the app's text size, like every other window)."""
    where = f"\n\nA report without personal data was saved to:\n{last_log}" if last_log else ""
    return QMessageBox(
        QMessageBox.Icon.Critical,
        "IRO Desktop: something went wrong",
        "Something unexpected went wrong. Everything already saved is safe; what you were "
        "typing is still on screen." + where,
    )
