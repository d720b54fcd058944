"""Render a view of the main window to PNG without a display."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def render_png(widget: QWidget, out: Path, size: tuple[int, int] | None = None) -> Path:
    """Lay out, paint and save a widget as PNG. Returns the path."""
    if size is not None:
        widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out
