"""A decision or a plan action changed on two desktops (issue 16): the conflicting fields as a person
reads them, for the inline Mine/Theirs panel (ui/conflict_panel.py)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from iro_desktop.domain.concurrency import EditConflict
from iro_desktop.services.conference_file.merge import Conflict
from iro_desktop.ui.conflict_panel import conflicts_of

FIELD_LABELS = {
    "outcome": "outcome",
    "decided_by": "decided by",
    "category": "category",
    "multiple_reason": "why multiple",
    "significant_factors": "significant factors",
    "cin_meeting_date": "child in need meeting",
    "rationale": "reasons",
}


def shown_value(value: Any) -> str:
    """A decision field's value in words: labels for choices, dates as 23 Nov 2026, factors listed."""
    if value is None or value == "" or value == ():
        return "(none)"
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, tuple):
        return ", ".join(str(v).replace("_", " ") for v in value)
    return str(value)


ACTION_LABELS = {
    "what": "what",
    "who_person": "who",
    "who_agency": "agency",
    "by_when": "by when",
    "done_when": "done when",
    "safety_goal_id": "safety goal",
    "status": "status",
}


HEADER_LABELS = {
    "bottom_lines": "bottom lines",
    "contingency": "contingency plan",
    "core_group_date": "core group date",
    "next_review_date": "next review date",
    "next_review_reason": "why the review date differs",
}


DISSENT_LABELS = {
    "name": "name",
    "agency": "agency",
    "view": "their view",
    "reason": "why they disagree",
    "chair_response": "chair's response",
}


def decision_conflicts(error: EditConflict, child_id: str) -> list[Conflict]:
    """One Mine/Theirs row per field both desktops changed differently."""
    return _conflicts(error, "decisions", child_id, FIELD_LABELS)


def action_conflicts(error: EditConflict, action_id: str) -> list[Conflict]:
    return _conflicts(error, "plan_actions", action_id, ACTION_LABELS)


def dissent_conflicts(error: EditConflict, dissent_id: str) -> list[Conflict]:
    return _conflicts(error, "dissents", dissent_id, DISSENT_LABELS)


def header_conflicts(error: EditConflict, conference_id: str) -> list[Conflict]:
    return _conflicts(error, "plan", conference_id, HEADER_LABELS)


def _conflicts(error: EditConflict, part: str, key: str, labels: dict[str, str]) -> list[Conflict]:
    return conflicts_of(error, part, key, label_of=lambda field: labels.get(field, field), shown=shown_value)
