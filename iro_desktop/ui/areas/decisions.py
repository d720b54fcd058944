"""Decisions and plan for the conference open in the meeting workspace. Undo covers every edit."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.conference import Conference
from iro_desktop.domain.pre_decision import Check
from iro_desktop.domain.roles import Action, can
from iro_desktop.services.registry import Services
from iro_desktop.ui.decisions.commands import SetAllowMultipleCommand
from iro_desktop.ui.decisions.panel import DecisionPanel
from iro_desktop.ui.decisions.plan_builder import PlanBuilder
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import runner_for


class DecisionsArea(QWidget):
    """The decisions and plan steps of the meeting workspace, for the conference the workspace has open
    (`show_conference`). The workspace owns the window's Undo/Redo; the buttons here undo this page's
    edits too."""

    title = "Decisions and plan"

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        parent: QWidget | None = None,
        *,
        next_steps: Callable[[str], list[str]] | None = None,
        extra_checks: Callable[[str], list[Check]] | None = None,
        safety_goals: Callable[[str], list[tuple[str, str]]] | None = None,
    ) -> None:
        """`next_steps(conference_id)` gives the map's "what needs to happen" items and
        `extra_checks(conference_id)` other modules' warnings (quoracy, danger statements) and
        `safety_goals(conference_id)` the map's goals as (id, text); all are wired in by the composition
        root when those modules exist."""
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.stack = QUndoStack(self)
        self._next_steps = next_steps or (lambda _cid: [])
        self._extra_checks = extra_checks or (lambda _cid: [])
        self._safety_goals = safety_goals or (lambda _cid: [])
        self._conference: Conference | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addStretch(1)
        self.allow_multiple = QCheckBox("Local policy: allow “multiple” category")
        self.allow_multiple.setAccessibleName("Local policy: allow multiple category")
        self.allow_multiple.setToolTip(
            "Off: one primary category per child (national guidance). On: “multiple” may be chosen, "
            "with a written reason. Applies to everyone using these records."
        )
        top.addWidget(self.allow_multiple)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo")
        self.redo_button = QPushButton("Redo")
        self.redo_button.setAccessibleName("Redo")
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Decisions and plan")
        self.panel = DecisionPanel(services, hub, self.stack, extra_checks=self._current_extra_checks)
        self.builder = PlanBuilder(
            services, hub, self.stack, next_steps=self._current_next_steps, safety_goals=self._current_goals
        )
        self.tabs.addTab(self.panel, "&Decisions for each child")
        self.tabs.addTab(self.builder, "Child protection &plan")
        self.tabs.tabBar().hide()  # the meeting workspace has a step for each
        self.read_only_note = QLabel("")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setAccessibleName("Why this cannot be changed")
        self.read_only_note.hide()
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.tabs, 1)

        # Undo/Redo of this page alone (the buttons; the window's Edit menu goes through the workspace).
        self.undo_action = self.stack.createUndoAction(self, "&Undo")
        self.redo_action = self.stack.createRedoAction(self, "&Redo")
        self.runner = runner_for(self.stack, hub)  # one runner for the decisions and the plan
        self.undo_button.clicked.connect(self.runner.undo)  # a step the records can't take stays put
        self.redo_button.clicked.connect(self.runner.redo)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.stack.undoTextChanged.connect(lambda text: _tip(self.undo_button, f"Undo {text}"))
        self.stack.redoTextChanged.connect(lambda text: _tip(self.redo_button, f"Redo {text}"))
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)

        self.allow_multiple.toggled.connect(self._on_allow_multiple)
        hub.changed.connect(self._on_changed)

    def least_height_for_width(self, width: int) -> int:
        """The least height at `width` (the plan's rows that wrap included): the meeting gives the step
        this much and scrolls, rather than squeezing the actions table."""
        least = self.minimumSizeHint().height()
        if self.tabs.currentWidget() is self.builder:
            builder = self.builder
            least += max(0, builder.least_height_for_width(width) - builder.minimumSizeHint().height())
        return least

    # Wiring points for other modules

    def _current_next_steps(self) -> list[str]:
        conference = self.conference()
        return self._next_steps(conference.id) if conference else []

    def _current_goals(self) -> list[tuple[str, str]]:
        conference = self.conference()
        return self._safety_goals(conference.id) if conference else []

    def _current_extra_checks(self) -> list[Check]:
        conference = self.conference()
        return self._extra_checks(conference.id) if conference else []

    # State

    def conference(self) -> Conference | None:
        return self._conference

    def show_conference(self, conference_id: str | None) -> None:
        """Decide and plan for this conference (the one the workspace has open)."""
        conference = self.services.conferences.get(conference_id) if conference_id else None
        self._conference = conference
        self.stack.clear()
        self.panel.set_conference(conference)
        self.builder.set_conference(conference)
        self._sync_read_only(conference)
        self._sync_policy()

    def refresh(self) -> None:
        """Re-read the conference (its status may have changed), the policy and whether it is read-only."""
        if self._conference is not None:
            self._conference = self.services.conferences.get(self._conference.id)
        self._sync_read_only(self._conference)
        self._sync_policy()

    def _sync_read_only(self, conference: Conference | None) -> None:
        """A final record, or a role that only reads, shows the decisions and plan without editing."""
        note = ""
        if conference is not None:
            user = self.services.ctx.session.user
            if self.services.records.is_locked(conference.id):
                note = (
                    "🔒 The record is final: decisions and plan are shown as approved. Corrections are "
                    "made as an amendment in Records to finalise."
                )
            elif not can(user, Action.RECORD_DECISION) and not can(user, Action.EDIT_PLAN):
                note = "🔒 Read only: your role can read the decisions and plan but not change them."
        self.read_only_note.setText(note)
        self.read_only_note.setVisible(bool(note))
        for widget in (self.panel, self.builder, self.allow_multiple):
            widget.setEnabled(not note)

    def _sync_policy(self) -> None:
        blocked = self.allow_multiple.blockSignals(True)
        self.allow_multiple.setChecked(self.services.policy.allow_multiple())
        self.allow_multiple.blockSignals(blocked)

    def _on_allow_multiple(self, checked: bool) -> None:
        command = SetAllowMultipleCommand(self.services, self.hub, checked)
        self.runner.run(command, on_refused=lambda error: self._policy_refused(str(error)))

    def _policy_refused(self, why: str) -> None:
        self._sync_policy()  # the box shows the policy as stored; why it did not change is said above
        self.read_only_note.setText(f"⚠ The local policy was not changed: {why}")
        self.read_only_note.show()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"conferences", "records", "policy", "*"}:
            self.refresh()


def _tip(button: QPushButton, text: str) -> None:
    """Name what Undo/Redo would do; the stack also signals while the area is being torn down."""
    if shiboken6.isValid(button):
        button.setToolTip(text)
