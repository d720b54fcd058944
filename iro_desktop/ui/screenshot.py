"""Render a view of the main window to PNG without a display."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWidgets import QApplication, QWidget

from iro_desktop.private_files import private_folder, write_private

if TYPE_CHECKING:
    from iro_desktop.ui.main_window import MainWindow

# The meeting's views: a step of the workspace (1-5), or the projector over the map step.
MEETING_STEPS = {"who-is-here": 1, "meeting": 2, "presentation": 2, "decisions": 3, "plan": 4, "handouts": 5}


def render_png(widget: QWidget, out: Path, size: tuple[int, int] | None = None) -> Path:
    """Lay out, paint and save a widget as PNG. Returns the path."""
    if size is not None:
        widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not widget.grab().save(buffer, "PNG"):
        raise OSError(f"could not write {out}")
    buffer.close()
    return write_private(private_folder(out.parent) / out.name, bytes(data.data()))  # 0600: it shows names


def full_size_conference(window: MainWindow) -> str | None:
    """The conference of the demo's full-size family (its 40-item map), if the store holds it: every
    picture of the meeting shows a real conference's worth of words (issue 12)."""
    from iro_desktop.services.demo_large_map import LARGE_REFERENCE

    services = window.services
    family = next(
        (f for f in services.families.search(LARGE_REFERENCE) if f.reference == LARGE_REFERENCE), None
    )
    if family is None:
        return None
    conferences = services.conferences.for_family(family.id)
    return conferences[-1].id if conferences else None


def show_for_screenshot(window: MainWindow, view: str) -> QWidget:
    """Put `view` in front (the meeting's views on the full-size family's conference, else on the
    first conference) and return the widget to render: the window, or the projector."""
    if view in MEETING_STEPS:
        conference_id = full_size_conference(window)
        if conference_id is not None:
            window.meeting.open_conference(conference_id)
        else:
            window.meeting.open_first_conference()
        window.show_meeting_step(MEETING_STEPS[view])
    else:
        window.show_view(view)
    wait = getattr(window.areas.get(view), "wait", None)  # issue 8: areas counting off the UI thread
    if wait is not None:
        wait()
    if view == "presentation":
        window.meeting.toggle_presentation()
        assert window.meeting.presentation is not None
        return window.meeting.presentation
    return window
