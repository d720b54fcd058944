"""Checks before the decision, including warnings other modules plug in."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.plan import ActionStatus, PlanAction
from iro_desktop.domain.pre_decision import Check, PendingDecision, pre_decision_checks


def _action(what, person="", agency="", by=None):
    return PlanAction("a", "c", 0, what, person, agency, by, "", "", ActionStatus.NOT_STARTED)


def test_actions_without_owner_or_date_and_step_down_without_cin_date():
    actions = [
        _action("Health visitor to visit weekly", "Ana", "Health", date(2026, 12, 1)),
        _action("Zoë to be offered an advocate"),
    ]
    pending = [
        PendingDecision("c1", "Zoë Brontë", Outcome.PLAN_MADE),
        PendingDecision("c2", "Łucja Wójcik", Outcome.NOT_MADE_CIN),
        PendingDecision("c3", "Mateusz Wójcik", Outcome.NOT_MADE_CIN, date(2026, 12, 1)),
    ]
    checks = pre_decision_checks(actions, pending, bottom_lines="No contact with Mr X.")
    assert [c.kind for c in checks] == ["step_down_cin_date", "action_owner", "action_date"]
    assert "Zoë to be offered an advocate" in checks[1].message
    assert checks[0].child_id == "c2"
    assert "Łucja Wójcik" in checks[0].message


def test_extra_warnings_come_first_and_plan_gaps_are_noted():
    extra = [Check("quoracy", "Only 2 agencies present: the conference is not quorate.")]
    pending = [PendingDecision("c1", "Zoë", Outcome.PLAN_MADE)]
    checks = pre_decision_checks([], pending, "", extra)
    assert [c.kind for c in checks] == ["quoracy", "plan_actions", "bottom_lines"]


def test_nothing_to_check():
    assert pre_decision_checks([], [PendingDecision("c1", "Zoë", Outcome.NOT_MADE_NFA)]) == []


def test_review_outcome_for_a_child_with_no_open_plan_is_flagged():
    pending = [
        PendingDecision("c1", "Łucja Wójcik", Outcome.PLAN_CONTINUES, on_plan_before=False),
        PendingDecision("c2", "Zoë", Outcome.PLAN_CONTINUES, on_plan_before=True),
        PendingDecision("c3", "Mateusz", Outcome.ENDS_NFA, on_plan_before=None),
    ]
    checks = pre_decision_checks([], pending, "Bottom line", [])
    assert [(c.kind, c.child_id) for c in checks] == [("no_open_plan", "c1"), ("plan_actions", "")]
