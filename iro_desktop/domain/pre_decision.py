"""Checks shown in place before the decision is made (never a dialog).

Other parts of the app add their own warnings (quoracy, danger statements without a goal or a scale)
by passing them in as `extra`: plain text with a kind, so this module needs to know nothing of them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.plan import PlanAction


@dataclass(frozen=True)
class Check:
    """One thing to look at before deciding. `kind` is a short code (e.g. "quoracy", "action_owner");
    `child_id` is set when it concerns one child."""

    kind: str
    message: str
    child_id: str = ""


@dataclass(frozen=True)
class PendingDecision:
    """A decision as it stands on screen (recorded or not yet)."""

    child_id: str
    child_name: str
    outcome: Outcome | None
    cin_meeting_date: date | None = None
    on_plan_before: bool | None = None  # None: not known


_NEEDS_OPEN_PLAN = frozenset(
    {
        Outcome.PLAN_CONTINUES,
        Outcome.CHANGE_OF_CATEGORY,
        Outcome.ENDS_CIN,
        Outcome.ENDS_EARLY_HELP,
        Outcome.ENDS_LOOKED_AFTER,
        Outcome.ENDS_MOVED_AREA,
        Outcome.ENDS_NFA,
    }
)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pre_decision_checks(
    actions: Sequence[PlanAction],
    pending: Sequence[PendingDecision],
    bottom_lines: str = "",
    extra: Iterable[Check] = (),
) -> list[Check]:
    """Everything to check before the decisions: other modules' warnings first (quoracy belongs at the
    top), then each child's step-down, then the plan's actions."""
    checks = list(extra)
    for item in pending:
        if item.outcome is not None and item.outcome.steps_down_to_cin and item.cin_meeting_date is None:
            checks.append(
                Check(
                    "step_down_cin_date",
                    f"{item.child_name}: stepping down to a child in need plan needs the first child in "
                    "need meeting date.",
                    item.child_id,
                )
            )
        if item.outcome is not None and item.outcome in _NEEDS_OPEN_PLAN and item.on_plan_before is False:
            checks.append(
                Check(
                    "no_open_plan",
                    f"{item.child_name}: no open plan is recorded for this child, so “{item.outcome.label}” "
                    "cannot update the plan history. Check the plan history first.",
                    item.child_id,
                )
            )
    for action in actions:
        if not action.has_owner:
            checks.append(Check("action_owner", f"Action “{_short(action.what)}” has no one named to do it."))
        if action.by_when is None:
            checks.append(Check("action_date", f"Action “{_short(action.what)}” has no date to be done by."))
    on_plan = any(item.outcome is not None and item.outcome.child_on_plan_after for item in pending)
    if on_plan and not actions:
        checks.append(Check("plan_actions", "The plan has no actions yet."))
    if on_plan and not bottom_lines.strip():
        checks.append(Check("bottom_lines", "The plan has no bottom lines yet."))
    return checks
