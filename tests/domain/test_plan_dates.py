"""Computed plan dates: the next review (3 months after an initial, 6 after a review, never on a
non-working day, never late) and the first child in need meeting (10 working days)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.calendar import WorkingDayCalendar, add_months
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import first_cin_meeting_due
from iro_desktop.domain.plan import (
    PlanActionInput,
    PlanHeaderInput,
    next_review_due,
    validate_action,
    validate_plan_header,
)

CAL = WorkingDayCalendar()
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
kinds = st.sampled_from(list(ConferenceType))


@given(days, kinds)
def test_next_review_is_a_working_day_within_the_limit(day, kind):
    due = next_review_due(kind, day, CAL)
    limit = add_months(day, 3 if kind.is_initial else 6)
    assert CAL.is_working_day(due)
    assert due <= limit
    # only non-working days lie between the due date and the limit
    gap = (limit - due).days
    assert all(not CAL.is_working_day(due + timedelta(days=n)) for n in range(1, gap + 1))
    assert gap < 7


@given(days)
def test_first_cin_meeting_is_ten_working_days_on(day):
    due = first_cin_meeting_due(day, CAL)
    assert CAL.working_days_between(day, due) == 10
    assert CAL.is_working_day(due)
    assert due - day <= timedelta(days=20)


def test_hand_worked_review_dates():
    # Initial on Monday 23 Nov 2026: 3 months is Tuesday 23 Feb 2027.
    assert next_review_due(ConferenceType.INITIAL, date(2026, 11, 23), CAL) == date(2027, 2, 23)
    # Review on 30 Nov 2026: 6 months is Sunday 30 May 2027 -> Friday 28 May.
    assert next_review_due(ConferenceType.REVIEW, date(2026, 11, 30), CAL) == date(2027, 5, 28)
    # Initial on 31 May 2027: 31 Aug clamps... 3 months = 31 Aug 2027 (Tuesday; 30 Aug is the bank holiday).
    assert next_review_due(ConferenceType.INITIAL, date(2027, 5, 31), CAL) == date(2027, 8, 31)
    # Initial on 30 May 2027: 30 Aug 2027 is the summer bank holiday -> Friday 27 Aug.
    assert next_review_due(ConferenceType.INITIAL_PRE_BIRTH, date(2027, 5, 30), CAL) == date(2027, 8, 27)


def test_review_date_that_differs_needs_a_reason():
    conf = date(2026, 11, 23)
    computed = next_review_due(ConferenceType.INITIAL, conf, CAL)
    assert validate_plan_header(PlanHeaderInput(next_review_date=computed), conf, computed) == []
    other = PlanHeaderInput(next_review_date=computed - timedelta(days=7))
    assert [p.field for p in validate_plan_header(other, conf, computed)] == ["next_review_reason"]
    reasoned = PlanHeaderInput(
        next_review_date=computed - timedelta(days=7), next_review_reason="Chair on leave"
    )
    assert validate_plan_header(reasoned, conf, computed) == []
    past = PlanHeaderInput(next_review_date=conf, next_review_reason="x")
    assert [p.field for p in validate_plan_header(past, conf, computed)] == ["next_review_date"]
    core = PlanHeaderInput(core_group_date=conf - timedelta(days=1))
    assert [p.field for p in validate_plan_header(core, conf, computed)] == ["core_group_date"]


def test_action_needs_what():
    assert [p.field for p in validate_action(PlanActionInput("  "))] == ["what"]
    assert validate_action(PlanActionInput("Mum to attend the Freedom programme")) == []
