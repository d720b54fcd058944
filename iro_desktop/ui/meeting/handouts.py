"""The last step of the meeting: the papers everyone takes away, and finishing the meeting."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from iro_desktop.ui.widgets import button

# (kind, button text, what it is)
HANDOUTS = (
    ("handout", "Mapping han&dout", "The typed copy of the map for everyone in the room."),
    ("plan", "Child protection &plan", "Actions, who and by when, the contingency plan and next review."),
    ("family", "Famil&y version", "Larger type, plain words: what was decided and what happens next."),
    ("record", "Conference &record (draft)", "The full record, marked DRAFT until the chair approves it."),
)


class HandoutsPage(QWidget):
    """One button per document; `export_requested(kind)` asks the export panel to build it."""

    export_requested = Signal(str)
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Before everyone leaves: make the papers they take away. Each is built in the background, "
            "so you can keep working; when it is ready, Open file shows it (nothing opens by itself on "
            "the projected screen)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.buttons: dict[str, object] = {}
        for row, (kind, text, about) in enumerate(HANDOUTS):
            widget = button(text, tip=about)
            widget.clicked.connect(lambda _=False, k=kind: self.export_requested.emit(k))
            description = QLabel(about)
            description.setWordWrap(True)
            grid.addWidget(widget, row, 0)
            grid.addWidget(description, row, 1)
            self.buttons[kind] = widget
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.finish = button(
            "Fi&nish meeting", tip="Mark the conference held and hand the record to the clerk"
        )
        self.finish.clicked.connect(self.finish_requested)
        layout.addWidget(self.finish)
        self.panel_slot = QVBoxLayout()
        layout.addLayout(self.panel_slot)
        layout.addStretch(1)

    def add_panel(self, panel: QWidget) -> None:
        """Where export progress and 'open file' appear (the export panel)."""
        self.panel_slot.addWidget(panel)
