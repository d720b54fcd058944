"""The hand-off's conflicts: every one with both values side by side and a choice of mine or theirs.
Nothing is applied until every conflict has a choice; then all of it is applied at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError
from iro_desktop.services.conference_file.merge import Side
from iro_desktop.services.conference_file.service import FileRejected, ImportPlan
from iro_desktop.ui.mine_theirs import MineTheirsGrid, shown
from iro_desktop.ui.widgets import button

__all__ = ["HandoffDialog", "shown"]


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

        grid_host = self.grid = MineTheirsGrid(plan.conflicts, *sides)
        grid_host.chosen.connect(self._refresh)
        self.groups = grid_host.groups
        self.radios = grid_host.radios
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

    def on_lock_changed(self, locked: bool) -> None:
        """Hidden while the app is locked: it shows case text."""
        self.setVisible(not locked)

    def choose(self, index: int, side: Side) -> None:
        self.grid.choose(index, side)

    def choose_all(self, side: Side) -> None:
        self.grid.choose_all(side)

    def choices(self) -> dict[str, Side]:
        return self.grid.choices()

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
