"""Outcome validity per conference type and the rules a decision must meet."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import (
    INITIAL_OUTCOMES,
    REVIEW_OUTCOMES,
    DecisionInput,
    Outcome,
    first_cin_meeting_due,
    normalise_decision,
    outcome_problems,
    outcomes_for,
    validate_decision,
)
from iro_desktop.domain.significant_factors import DEFAULT_FACTORS, TOXIC_TRIO

CAL = WorkingDayCalendar()
DAY = date(2026, 11, 23)  # Monday
INITIALS = [t for t in ConferenceType if t.is_initial]
REVIEWS = [t for t in ConferenceType if t.is_review]


def _validate(data, kind=ConferenceType.INITIAL, allow_multiple=False, current=None):
    return validate_decision(
        normalise_decision(data),
        kind,
        DAY,
        allow_multiple=allow_multiple,
        factors=DEFAULT_FACTORS,
        calendar=CAL,
        current_category=current,
    )


def test_every_outcome_belongs_to_exactly_one_kind_of_conference():
    assert set(INITIAL_OUTCOMES) | set(REVIEW_OUTCOMES) == set(Outcome)
    assert not set(INITIAL_OUTCOMES) & set(REVIEW_OUTCOMES)


@pytest.mark.parametrize("kind", INITIALS)
def test_initial_conferences_make_or_do_not_make_a_plan(kind):
    assert outcomes_for(kind) == (
        Outcome.PLAN_MADE,
        Outcome.NOT_MADE_CIN,
        Outcome.NOT_MADE_EARLY_HELP,
        Outcome.NOT_MADE_NFA,
    )
    for outcome in REVIEW_OUTCOMES:
        assert [p.field for p in outcome_problems(outcome, kind)] == ["outcome"]


@pytest.mark.parametrize("kind", REVIEWS)
def test_reviews_continue_change_or_end_a_plan(kind):
    offered = outcomes_for(kind)
    assert Outcome.PLAN_CONTINUES in offered
    assert Outcome.CHANGE_OF_CATEGORY in offered
    assert {o for o in offered if o.ends_plan} == {
        Outcome.ENDS_CIN,
        Outcome.ENDS_EARLY_HELP,
        Outcome.ENDS_LOOKED_AFTER,
        Outcome.ENDS_MOVED_AREA,
        Outcome.ENDS_NFA,
    }
    problems = outcome_problems(Outcome.PLAN_MADE, kind)
    assert "not a decision a review conference can make" in problems[0].message


def test_outcome_required():
    assert [p.field for p in _validate(DecisionInput(None, "Priya Raman"))] == ["outcome"]


def test_who_decided_is_required():
    problems = _validate(DecisionInput(Outcome.NOT_MADE_NFA, "  "))
    assert [p.field for p in problems] == ["decided_by"]


def test_plan_needs_a_category_and_not_made_drops_it():
    assert [p.field for p in _validate(DecisionInput(Outcome.PLAN_MADE, "Priya"))] == ["category"]
    assert _validate(DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT)) == []
    cleaned = normalise_decision(DecisionInput(Outcome.NOT_MADE_NFA, "Priya", Category.NEGLECT, "why"))
    assert cleaned.category is None
    assert cleaned.multiple_reason == ""


@pytest.mark.parametrize("outcome", [Outcome.PLAN_MADE, Outcome.PLAN_CONTINUES, Outcome.CHANGE_OF_CATEGORY])
def test_multiple_follows_the_local_setting(outcome):
    kind = ConferenceType.INITIAL if outcome is Outcome.PLAN_MADE else ConferenceType.REVIEW
    data = DecisionInput(outcome, "Priya", Category.MULTIPLE, "")
    assert [p.field for p in _validate(data, kind, allow_multiple=False)] == ["category"]
    assert [p.field for p in _validate(data, kind, allow_multiple=True)] == ["multiple_reason"]
    reasoned = DecisionInput(outcome, "Priya", Category.MULTIPLE, "Two distinct harms.")
    assert _validate(reasoned, kind, allow_multiple=True) == []


def test_change_of_category_must_change_it():
    data = DecisionInput(Outcome.CHANGE_OF_CATEGORY, "Priya", Category.NEGLECT)
    problems = _validate(data, ConferenceType.REVIEW, current=Category.NEGLECT)
    assert [p.field for p in problems] == ["category"]
    assert _validate(data, ConferenceType.REVIEW, current=Category.EMOTIONAL) == []


@pytest.mark.parametrize(
    ("outcome", "kind"),
    [(Outcome.NOT_MADE_CIN, ConferenceType.INITIAL), (Outcome.ENDS_CIN, ConferenceType.REVIEW)],
)
def test_step_down_to_cin_needs_a_meeting_within_ten_working_days(outcome, kind):
    due = first_cin_meeting_due(DAY, CAL)
    assert due == date(2026, 12, 7)  # Monday 23 Nov + 10 working days
    missing = _validate(DecisionInput(outcome, "Priya", rationale="Goals met."), kind)
    assert [p.field for p in missing] == ["cin_meeting_date"]
    assert "07 Dec 2026" in missing[0].message
    late = _validate(DecisionInput(outcome, "Priya", cin_meeting_date=date(2026, 12, 8), rationale="x"), kind)
    assert [p.field for p in late] == ["cin_meeting_date"]
    before = _validate(
        DecisionInput(outcome, "Priya", cin_meeting_date=date(2026, 11, 20), rationale="x"), kind
    )
    assert [p.field for p in before] == ["cin_meeting_date"]
    assert (
        _validate(DecisionInput(outcome, "Priya", cin_meeting_date=due, rationale="Goals met."), kind) == []
    )


def test_cin_date_dropped_when_not_stepping_down():
    data = normalise_decision(DecisionInput(Outcome.NOT_MADE_NFA, "Priya", cin_meeting_date=DAY))
    assert data.cin_meeting_date is None


def test_significant_factors_come_from_the_list():
    codes = tuple(f.code for f in DEFAULT_FACTORS[:4])
    assert set(codes) == TOXIC_TRIO  # the toxic trio comes first
    assert _validate(DecisionInput(Outcome.NOT_MADE_NFA, "Priya", significant_factors=codes)) == []
    problems = _validate(DecisionInput(Outcome.NOT_MADE_NFA, "Priya", significant_factors=("made_up",)))
    assert [p.field for p in problems] == ["significant_factors"]


@pytest.mark.parametrize("outcome", [o for o in REVIEW_OUTCOMES if o.ends_plan])
def test_ending_a_plan_because_the_child_is_safe_needs_the_goals_met_statement(outcome):
    data = DecisionInput(outcome, "Priya", cin_meeting_date=DAY if outcome.steps_down_to_cin else None)
    fields = [p.field for p in _validate(data, ConferenceType.REVIEW)]
    if outcome in (Outcome.ENDS_LOOKED_AFTER, Outcome.ENDS_MOVED_AREA):
        assert fields == []
    else:
        assert fields == ["rationale"]
        reasoned = DecisionInput(
            outcome, "Priya", cin_meeting_date=data.cin_meeting_date, rationale="All three safety goals met."
        )
        assert _validate(reasoned, ConferenceType.REVIEW) == []


def test_plan_continues_keeps_the_category():
    data = DecisionInput(Outcome.PLAN_CONTINUES, "Priya", Category.EMOTIONAL)
    problems = _validate(data, ConferenceType.REVIEW, current=Category.NEGLECT)
    assert [p.field for p in problems] == ["category"]
    assert "change of category" in problems[0].message
    assert _validate(data, ConferenceType.REVIEW, current=Category.EMOTIONAL) == []
    assert _validate(data, ConferenceType.REVIEW, current=None) == []
