"""Every action of the main window, registered in one place with its shortcut."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("go_today", "&Today and due", "Ctrl+1", "Conferences coming up and what is overdue"),
    ActionSpec("go_families", "&Families and conferences", "Ctrl+2", "The register of families"),
    ActionSpec("go_meeting", "Conference in &progress", "Ctrl+3", "The conference being held"),
    ActionSpec("go_records", "&Records to finalise", "Ctrl+4", "The clerk's queue"),
    # issue 5
    ActionSpec("go_decisions", "&Decisions and plan", "Ctrl+5", "Decisions for each child and the plan"),
    ActionSpec("quit", "&Quit", QKeySequence.StandardKey.Quit, "Close IRO Desktop"),
    ActionSpec("about", "&About IRO Desktop", None, "Version and where the records are kept"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "F1", "Every shortcut in one list"),
)


def build_actions(parent: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.name}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip)
        actions[spec.name] = action
    return actions


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(action, shortcut) pairs for the Help menu list."""
    rows = []
    for action in actions.values():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((action.text().replace("&", ""), keys))
    return rows
