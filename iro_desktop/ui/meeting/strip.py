"""The strip above every step of the meeting: the statutory clocks and quoracy, always visible."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QLabel, QWidget

from iro_desktop.domain.clocks import Clock, ClockKind, ClockState
from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.quoracy_indicator import QuoracyIndicator

# The clocks a chair needs in the room; the rest live on the Today and records screens.
SHOWN = (
    ClockKind.CONFERENCE,
    ClockKind.REPORT_TO_PARENTS,
    ClockKind.CORE_GROUP,
    ClockKind.RECORD_DISTRIBUTION,
    ClockKind.NEXT_REVIEW,
    ClockKind.DECISION_LETTER,  # issue 18: within a working day of the conference
)


def clock_text(clock: Clock) -> str:
    """'◷ Due soon: by Wed 25 Nov 2026' — the state's symbol and words, then the date."""
    if clock.state in (ClockState.NOT_APPLICABLE, ClockState.NOT_RECORDED):
        return clock.state.text
    when = ""
    if clock.done_on is not None:
        when = f"done {clock.done_on:%a %d %b %Y}"
    elif clock.due is not None:
        when = f"by {clock.due:%a %d %b %Y}"
    return f"{clock.state.text}: {when}" if when else clock.state.text


# What the strip shows follows these change topics (letters: issue 18; alerts and families: issue 19).
_STRIP_TOPICS = frozenset(
    {"conferences", "attendance", "rules", "records", "plan", "letters", "alerts", "families", "*"}
)


class MeetingStrip(QFrame):
    """Clocks (label and state in words and symbol, bold when they need attention) beside quoracy."""

    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.conference_id: str | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Clocks and quoracy")
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(6, 4, 6, 4)
        clocks = QWidget()
        self.grid = QGridLayout(clocks)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        self.values: dict[ClockKind, QLabel] = {}
        self.names: dict[ClockKind, QLabel] = {}
        for kind in SHOWN:
            name = QLabel(f"{kind.label}:")
            value = QLabel("–")
            value.setAccessibleName(kind.label)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            name.setWordWrap(True)
            self.names[kind] = name
            self.values[kind] = value
        # Issue 19: open alerts, the FGDM prompt at a review, the home-education flags.
        self.notes = QLabel()
        self.notes.setAccessibleName("Alerts and prompts")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.hide()
        self.grid.addWidget(self.notes, 10, 0, 1, 6)
        self.box.addWidget(clocks, 3)
        self.quoracy = QuoracyIndicator(services, None, hub, compact=True)
        self._reserve_quoracy_room()
        self.box.addWidget(self.quoracy, 2)
        self.arrangement: tuple[int, bool] = (0, True)
        self._arrange(3, beside=True)
        hub.changed.connect(self._on_changed)

    def _arrange(self, columns: int, beside: bool) -> None:
        """Clocks in `columns` columns; quoracy beside them or (narrow, large text) underneath."""
        if self.arrangement == (columns, beside):
            return
        self.arrangement = (columns, beside)
        for row, kind in enumerate(SHOWN):
            for offset, label in enumerate((self.names[kind], self.values[kind])):
                self.grid.removeWidget(label)
                self.grid.addWidget(label, row // columns, (row % columns) * 2 + offset)
        for column in range(6):
            self.grid.setColumnStretch(column, 1 if column % 2 and column < columns * 2 else 0)
        self.box.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fewer columns when the strip is narrow for its text (large text, small screen)."""
        chars = self.width() / max(self.fontMetrics().averageCharWidth(), 1)
        self._arrange(3 if chars >= 150 else 2, beside=chars >= 100)
        super().resizeEvent(event)

    def _reserve_quoracy_room(self) -> None:
        """Nothing below the strip moves when quoracy changes (people click attendance buttons under it):
        the 'go on anyway' row and its message keep their room while hidden, and the verdict has two
        lines whether it needs them or not."""
        for widget in (self.quoracy.override_row, self.quoracy.error):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self._fit_quoracy_lines()
        # "Write a reason" goes as soon as one is typed.
        self.quoracy.reason.textChanged.connect(
            lambda text: self.quoracy.error.show_messages([]) if text.strip() else None
        )

    def _fit_quoracy_lines(self) -> None:
        line = self.quoracy.label.fontMetrics().lineSpacing()
        self.quoracy.label.setMinimumHeight(2 * line)
        self.quoracy.error.setMinimumHeight(line)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text size changed: so do the reserved lines
            self._fit_quoracy_lines()

    def set_conference(self, conference_id: str | None) -> None:
        self.conference_id = conference_id
        self.quoracy.set_conference(conference_id)
        self.refresh()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & _STRIP_TOPICS:
            self.refresh()

    def refresh(self) -> None:
        clocks: dict[ClockKind, Clock] = {}
        if self.conference_id is not None:
            try:
                clocks = {c.kind: c for c in self.services.clocks.for_conference(self.conference_id)}
            except (DomainError, EnvironmentProblem):
                clocks = {}
        for kind, label in self.values.items():
            clock = clocks.get(kind)
            label.setText(clock_text(clock) if clock else "–")
            font = label.font()
            font.setBold(bool(clock and clock.state.needs_attention))
            label.setFont(font)
            label.setToolTip(clock.detail if clock else "")
        self._refresh_notes()

    def _refresh_notes(self) -> None:
        lines: list[str] = []
        if self.conference_id is not None:
            try:
                lines = [f"⚠ {c.message}" for c in self.services.meeting.plan_drift(self.conference_id)]
                conference = self.services.conferences.get(self.conference_id)
                family = self.services.families.get(conference.family_id)
                standing = self.services.fgdm.standing([c.id for c in family.children])
                names = {c.id: c.full_name for c in family.children}
                lines += _flag_lines({names[cid]: s.text for cid, s in standing.items() if s.text})
            except (DomainError, EnvironmentProblem):
                lines = []
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def texts(self) -> dict[str, str]:
        """What the strip shows, by clock label (for tests and screen readers)."""
        return {kind.label: label.text() for kind, label in self.values.items()}


FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate (Unicode bidi)


def _flag_lines(flag_of: dict[str, str]) -> list[str]:
    """One line per flag, naming every child it applies to (three children: one line, not three). Each name
    is isolated (FSI ... PDI) so an Arabic-script name does not turn the line round."""
    children_of: dict[str, list[str]] = {}
    for name, flag in flag_of.items():
        children_of.setdefault(flag, []).append(f"{FSI}{name}{PDI}")
    return [f"{flag}: {', '.join(names)}" for flag, names in children_of.items()]
