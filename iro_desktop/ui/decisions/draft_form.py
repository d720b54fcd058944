"""What a decision draft keeper reads and fills in a child's decision form: the shared bit between
draft_keeper.py and panel.py (so neither imports the other both ways)."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.decisions import Decision, Outcome
from iro_desktop.domain.family import Child
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub


class DraftableDecisionForm(Protocol):
    """A child's decision form as its draft keeper sees it (ChildDecisionForm is one)."""

    services: Services
    hub: ChangeHub
    conference: Conference
    child: Child
    decision: Decision | None
    _loading: bool
    rationale: QPlainTextEdit
    multiple_reason: QPlainTextEdit
    decided_by: QLineEdit
    status: QLabel
    factors: Any  # the significant-factor checklist model (checked_codes, set_checked, dataChanged)
    cin_date: Any  # an optional date field (value, set_value)
    draft_changed: Any  # a Qt signal: the outcome, category or a date changed

    def selected_outcome(self) -> Outcome | None: ...

    def selected_category(self) -> Category | None: ...

    def select_outcome(self, outcome: Outcome | None) -> None: ...

    def select_category(self, category: Category | None) -> None: ...

    def _dissent_edits(self) -> tuple[QLineEdit, ...]: ...

    def _update_visibility(self) -> None: ...
