"""Areas whose content later work fills: the conference in progress, records to finalise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from iro_desktop.ui.widgets import heading


class MessageArea(QWidget):
    """A heading and a short explanation of what this area will hold."""

    def __init__(self, title: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        text = QLabel(message)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        text.setAccessibleName(title)
        layout.addWidget(text, 1)

    def refresh(self) -> None:
        """Nothing to load yet."""
