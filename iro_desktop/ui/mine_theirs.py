"""Both versions side by side, with a choice of mine or theirs for each: the hand-off's comparison
(ui/handoff_dialog.py) and, on the team store, a save someone else's change got to first
(ui/records/conflict_panel.py). Plain widgets over `merge.Conflict`; nothing is applied here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QRadioButton, QWidget

from iro_desktop.services.conference_file.merge import Conflict, Side


def shown(value: Any, whole_row: bool) -> str:
    """A value as a person reads it."""
    if value is None:
        return "✘ (removed on this side)" if whole_row else "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    if isinstance(value, dict):
        text = next(
            (str(value[k]) for k in ("what", "text", "name", "participant", "key") if value.get(k)), ""
        )
        return f"✎ (edited) {text}".strip()
    return str(value) if str(value) else "(empty)"


class MineTheirsGrid(QWidget):
    """One row per conflict: what, mine, theirs, and a Mine / Theirs choice. `chosen` on every change."""

    chosen = Signal()

    def __init__(
        self,
        conflicts: list[Conflict],
        mine_title: str = "Mine (this computer)",
        theirs_title: str = "Theirs (the file)",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflicts = list(conflicts)
        grid = QGridLayout(self)
        for column, title in enumerate(("What", mine_title, theirs_title, "Keep")):
            header = QLabel(f"<b>{title}</b>")
            header.setAccessibleName(title)
            grid.addWidget(header, 0, column)
        self.groups: list[QButtonGroup] = []
        self.radios: list[tuple[QRadioButton, QRadioButton]] = []
        for row, conflict in enumerate(self.conflicts, start=1):
            self._add_row(grid, row, conflict)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.conflicts) + 1, 1)  # rows stay together at the top
        grid.setVerticalSpacing(12)

    def _add_row(self, grid: QGridLayout, row: int, conflict: Conflict) -> None:
        whole = conflict.field is None
        what = QLabel(conflict.label)
        what.setWordWrap(True)
        grid.addWidget(what, row, 0)
        for column, value, side in ((1, conflict.mine, "Mine"), (2, conflict.theirs, "Theirs")):
            label = QLabel(shown(value, whole))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # typed words, never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(f"{side}: {conflict.label}")
            grid.addWidget(label, row, column)
        mine, theirs = QRadioButton("Mine"), QRadioButton("Theirs")
        mine.setAccessibleName(f"Keep mine: {conflict.label}")
        theirs.setAccessibleName(f"Take theirs: {conflict.label}")
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(mine)
        group.addButton(theirs)
        group.buttonToggled.connect(lambda *_: self.chosen.emit())
        cell = QWidget()
        box = QHBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(mine)
        box.addWidget(theirs)
        grid.addWidget(cell, row, 3)
        self.groups.append(group)
        self.radios.append((mine, theirs))

    def choose(self, index: int, side: Side) -> None:
        mine, theirs = self.radios[index]
        (mine if side == "mine" else theirs).setChecked(True)

    def choose_all(self, side: Side) -> None:
        for index in range(len(self.radios)):
            self.choose(index, side)

    def choices(self) -> dict[str, Side]:
        out: dict[str, Side] = {}
        for conflict, (mine, theirs) in zip(self.conflicts, self.radios, strict=True):
            if mine.isChecked():
                out[conflict.path] = "mine"
            elif theirs.isChecked():
                out[conflict.path] = "theirs"
        return out
