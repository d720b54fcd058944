"""The last step of the meeting: the papers everyone takes away, and finishing the meeting."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from iro_desktop.domain.errors import Problem
from iro_desktop.ui.fields import DateField, InlineErrors, date_problem
from iro_desktop.ui.widgets import FittingHint, button, label_pair, wrapping_row

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
    feedback_requested = Signal(str)  # issue 19: "family" or "agency", the questionnaire in large type

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
        # The day it was held: the clocks (core group, distribution, next review) start from it.
        self.errors = InlineErrors()
        self.held_on = DateField("Date the meeting was held")
        held_label = QLabel("He&ld on:")
        held_label.setBuddy(self.held_on)
        self.lateness = QLineEdit()
        self.lateness.setAccessibleName("Reason the conference was late")
        self.lateness_hint = FittingHint(
            self.lateness, "Needed only when held after the last day in timescale", "Only if held late"
        )
        late_label = QLabel("&Why it was late:")
        late_label.setBuddy(self.lateness)
        self.finish = button(
            "Fi&nish meeting", tip="Mark the conference held on this date and hand the record to the clerk"
        )
        self.finish.clicked.connect(self.finish_requested)
        held_pair = label_pair(held_label, self.held_on)
        held_pair.setSizePolicy(
            QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred
        )  # date and label together
        layout.addWidget(wrapping_row(held_pair, label_pair(late_label, self.lateness), self.finish))
        for field in ("held_on", "lateness_reason"):
            layout.addWidget(self.errors.label(field))
        self.errors.watch("held_on", self.held_on)
        self.errors.watch("lateness_reason", self.lateness)
        self.lateness.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        # Issue 19: the family's (or an agency's) feedback, answered on this laptop before they leave.
        self.family_feedback = button(
            "Family feedback form…", tip="The questionnaire, full screen, large type"
        )
        self.agency_feedback = button("Agency feedback form…", tip="The agencies' questionnaire")
        self.family_feedback.clicked.connect(lambda: self.feedback_requested.emit("family"))
        self.agency_feedback.clicked.connect(lambda: self.feedback_requested.emit("agency"))
        layout.addWidget(wrapping_row(self.family_feedback, self.agency_feedback))
        self.panel_slot = QVBoxLayout()
        layout.addLayout(self.panel_slot)
        layout.addStretch(1)

    def add_panel(self, panel: QWidget) -> None:
        """Where export progress and 'open file' appear (the export panel)."""
        self.panel_slot.addWidget(panel)

    def set_held_date(self, scheduled: date | None, today: date, held_on: date | None = None) -> None:
        """Prefill the held date: the day it was held if recorded, else the scheduled day when that has
        come (typed up the day after: it was held then), else today (held early)."""
        self.errors.clear()
        self.lateness.clear()
        if held_on is not None:
            self.held_on.set_date(held_on)
        elif scheduled is not None:
            self.held_on.set_date(min(scheduled, today))
        else:
            self.held_on.set_date(None)

    def held_date(self) -> tuple[date | None, list[Problem]]:
        """The typed held date, or the problem with it (shown under the field by the caller)."""
        try:
            return self.held_on.date(), []
        except ValueError:
            return None, [date_problem("held_on", "the date it was held")]
