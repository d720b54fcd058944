"""Inline, never a modal: a save that someone else's change to the same words got to first (issue 16),
under the record's summary and above the live map. Both versions side by side (the hand-off's
Mine/Theirs grid, ui/mine_theirs.py) and one button to keep the choice. The person can keep typing; their
words stay in the field and waiting to be saved until they choose."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from iro_desktop.domain.concurrency import EditConflict
from iro_desktop.services.conference_file.merge import Conflict
from iro_desktop.ui.mine_theirs import MineTheirsGrid
from iro_desktop.ui.widgets import button


def conflicts_of(
    error: EditConflict,
    part: str,
    key: str,
    mine: dict[str, object] | None = None,
    *,
    label_of: Callable[[str], str] | None = None,
    shown: Callable[[object], object] = lambda value: value,
) -> list[Conflict]:
    """The hand-off's `Conflict` rows for an EditConflict; `mine` overrides what the held save wanted
    with what is on screen now (typed since); `label_of` names a field in words, `shown` a value."""
    on_screen = mine or {}

    def label(field: str) -> str:
        if label_of is not None:
            return f"{error.label}: {label_of(field)}"
        return error.label.strip("“”") if field == "text" else f"{error.label}: {field}"

    return [
        Conflict(
            path=f"{part}[{key}].{c.field}",
            part=part,
            key=key,
            field=c.field,
            label=label(c.field),
            base=shown(c.base),
            mine=shown(on_screen.get(c.field, c.mine)),
            theirs=shown(c.theirs),
        )
        for c in error.conflicts
    ]


TYPING_WHEN = "while you were typing"
HELD_WHEN = "while the team server could not be reached"  # words the outage journal held (issue 16)


class ConflictPanel(QFrame):
    """`resolved(keep_mine)` once the person has chosen and pressed Keep this choice."""

    resolved = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Changed by someone else too")
        self._layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName("What happened")
        self._layout.addWidget(self.intro)
        self.grid: MineTheirsGrid | None = None
        self.keep_button = button("&Keep this choice", tip="Store the version chosen for each line")
        self.keep_button.clicked.connect(self._keep)
        self._layout.addWidget(self.keep_button)
        self.hide()

    def show_conflicts(self, error: EditConflict, conflicts: list[Conflict], when: str = TYPING_WHEN) -> None:
        """Both versions, inline. `when`: when the other change came (typing; or the team server away,
        for words the outage journal held)."""
        if self.grid is not None:
            self._layout.removeWidget(self.grid)
            self.grid.deleteLater()
        self.intro.setText(
            f"⚠ Someone else changed {error.label} {when}. Nothing was overwritten: your "
            "words are still in the field and wait to be saved. Choose which to keep."
        )
        self.grid = MineTheirsGrid(conflicts, "Mine (what you typed)", "Theirs (saved by someone else)")
        self.grid.chosen.connect(self._refresh)
        self._layout.insertWidget(1, self.grid)
        self._refresh()
        self.show()

    def fields_chosen_theirs(self) -> set[str]:
        """The fields whose line is chosen Theirs (the rest: Mine, what is on screen)."""
        grid = self.grid
        if grid is None:
            return set()
        choices = grid.choices()
        return {c.field for c in grid.conflicts if c.field and choices.get(c.path) == "theirs"}

    def _refresh(self) -> None:
        grid = self.grid
        self.keep_button.setEnabled(grid is not None and len(grid.choices()) == len(grid.conflicts))

    def _keep(self) -> None:
        if self.grid is None:
            return
        keep_mine = all(side == "mine" for side in self.grid.choices().values())
        self.hide()
        self.resolved.emit(keep_mine)
