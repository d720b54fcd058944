"""Warnings from the rest of the meeting that must be seen before the decision: quoracy and the map."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from iro_desktop.domain.alerts import Alert
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.mapping import Board, dangers_without_scale, unpaired_dangers
from iro_desktop.domain.pre_decision import Check
from iro_desktop.domain.quoracy import QuoracyResult


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def meeting_checks(quoracy: QuoracyResult, board: Board) -> list[Check]:
    """Quoracy first (the chair may go on only with a recorded reason), then danger statements without
    a safety goal or without a scale."""
    checks: list[Check] = []
    if not quoracy.may_proceed:
        checks.append(Check("quoracy", f"{quoracy.text.lstrip('⚠ ').rstrip('.')}. Record a reason to go on."))
    for danger in unpaired_dangers(board):
        checks.append(Check("danger_goal", f"Danger statement with no safety goal: “{_short(danger.text)}”"))
    for danger in dangers_without_scale(board):
        checks.append(Check("danger_scale", f"Danger statement not yet scaled: “{_short(danger.text)}”"))
    return checks


def plan_drift_checks(
    conference_type: ConferenceType, fgdm_prompt: str, alerts: Sequence[Alert], today: date
) -> list[Check]:
    """Issue 19: at a review conference, the family group decision-making prompt (a plan of 9 months with
    no offer); at any conference, the children's open alerts, which the chair tells the meeting about."""
    checks: list[Check] = []
    if conference_type.is_review and fgdm_prompt:
        checks.append(Check("fgdm_offer", fgdm_prompt))
    for alert in alerts:
        if alert.is_open:
            checks.append(
                Check(
                    "open_alert",
                    f"Open alert about {alert.child_name}: {alert.summary(today)}",
                    alert.child_id,
                )
            )
    return checks
