"""The hand-off's conflicts: every one with both values side by side and a choice of mine or theirs.
Nothing is applied until every conflict has a choice; then all of it is applied at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError
from iro_desktop.services.conference_file.merge import Conflict, Side
from iro_desktop.services.conference_file.service import FileRejected, ImportPlan
from iro_desktop.ui.widgets import button


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


class HandoffDialog(QDialog):
    """Not modal: the rest of the app stays usable while the user compares."""

    def __init__(
        self,
        plan: ImportPlan,
        apply: Callable[[dict[str, Side]], None],
        parent: QWidget | None = None,
        *,
        sides: tuple[str, str] = ("Mine (this computer)", "Theirs (the file)"),
        source: str = "the file",  # where Theirs comes from, in the sentences (a laptop brought back)
    ) -> None:
        super().__init__(parent)
        self.plan, self._apply = plan, apply
        self.setWindowTitle(f"Hand-off: {plan.family_name}")
        self.setModal(False)
        layout = QVBoxLayout(self)
        merge = plan.merge
        intro = (
            f"{len(merge.taken)} change(s) from {source} will be taken and {len(merge.kept)} made here kept. "
            f"{len(plan.conflicts)} thing(s) were changed on both sides: choose which to keep for each. "
            "Nothing changes until you apply."
        )
        if not plan.base_found:
            intro += (
                f" This computer never saw the version {source} started from, so every difference is listed."
            )
        summary = QLabel(intro)
        summary.setWordWrap(True)
        summary.setAccessibleName("What the hand-off will do")
        layout.addWidget(summary)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for column, title in enumerate(("What", *sides, "Keep")):  # a laptop brought back names its own
            header = QLabel(f"<b>{title}</b>")
            header.setAccessibleName(title)
            grid.addWidget(header, 0, column)
        self.groups: list[QButtonGroup] = []
        self.radios: list[tuple[QRadioButton, QRadioButton]] = []
        for row, conflict in enumerate(plan.conflicts, start=1):
            self._add_row(grid, row, conflict)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(plan.conflicts) + 1, 1)  # rows stay together at the top
        grid.setVerticalSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setAccessibleName("Conflicts")
        layout.addWidget(scroll, 1)

        self.progress = QLabel()
        self.progress.setAccessibleName("Choices made")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Why it was not applied")
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.all_mine = button("All &mine", tip="Keep this computer's value for every conflict")
        self.all_theirs = button("All &theirs", tip="Take the file's value for every conflict")
        self.apply_button = button("&Apply", tip="Apply the file with these choices, all at once")
        self.cancel_button = button("Cancel", tip="Import nothing")
        self.all_mine.clicked.connect(lambda: self.choose_all("mine"))
        self.all_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        for b in (self.all_mine, self.all_theirs):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self._refresh()
        self.resize(1100, 560)

    def _add_row(self, grid: QGridLayout, row: int, conflict: Conflict) -> None:
        whole = conflict.field is None
        what = QLabel(conflict.label)
        what.setWordWrap(True)
        grid.addWidget(what, row, 0)
        for column, value, side in ((1, conflict.mine, "Mine"), (2, conflict.theirs, "Theirs")):
            label = QLabel(shown(value, whole))
            label.setWordWrap(True)
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
        group.buttonToggled.connect(lambda *_: self._refresh())
        cell = QWidget()
        box = QHBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(mine)
        box.addWidget(theirs)
        grid.addWidget(cell, row, 3)
        self.groups.append(group)
        self.radios.append((mine, theirs))

    def on_lock_changed(self, locked: bool) -> None:
        """Hidden while the app is locked: it shows case text."""
        self.setVisible(not locked)

    def choose(self, index: int, side: Side) -> None:
        mine, theirs = self.radios[index]
        (mine if side == "mine" else theirs).setChecked(True)

    def choose_all(self, side: Side) -> None:
        for index in range(len(self.radios)):
            self.choose(index, side)

    def choices(self) -> dict[str, Side]:
        out: dict[str, Side] = {}
        for conflict, (mine, theirs) in zip(self.plan.conflicts, self.radios, strict=True):
            if mine.isChecked():
                out[conflict.path] = "mine"
            elif theirs.isChecked():
                out[conflict.path] = "theirs"
        return out

    def _refresh(self) -> None:
        chosen, total = len(self.choices()), len(self.plan.conflicts)
        mark = "✔" if chosen == total else "○"
        self.progress.setText(
            f"{mark} {chosen} of {total} chosen" + ("" if chosen == total else " — choose for every one")
        )
        self.apply_button.setEnabled(chosen == total)

    def apply(self) -> None:
        try:
            self._apply(self.choices())
        except FileRejected as rejected:
            self.error.setText("✘ Not applied: " + " ".join(p.message for p in rejected.problems))
            return
        except DomainError as exc:
            self.error.setText(f"✘ Not applied: {exc}")
            return
        self.accept()
