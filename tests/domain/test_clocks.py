"""Statutory clocks on working days: Hypothesis properties and dates worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.calendar import WorkingDayCalendar, add_months
from iro_desktop.domain.clocks import (
    ClockKind,
    ClockRules,
    ClockState,
    ConferenceFacts,
    book_by,
    conference_clocks,
    conference_due,
    core_group_due,
    is_late,
    next_review_due,
    police_invitation_due,
    record_distribution_due,
    report_deadlines,
    state_of,
)
from iro_desktop.domain.conference import ConferenceType

CAL = WorkingDayCalendar()
RULES = ClockRules()
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
types = st.sampled_from(list(ConferenceType))
initial_types = st.sampled_from([t for t in ConferenceType if t.is_initial])
review_types = st.sampled_from([t for t in ConferenceType if t.is_review])
working_days = days.filter(CAL.is_working_day)


@given(initial_types, days)
def test_initial_due_date_is_never_a_weekend_or_bank_holiday(kind, start):
    due = conference_due(kind, start, RULES, CAL)
    assert due is not None
    assert CAL.is_working_day(due)
    assert due > start


@given(review_types, days)
def test_book_by_is_the_last_working_day_on_or_before_the_due_date(kind, previous):
    due = conference_due(kind, previous, RULES, CAL)
    assert due is not None
    hint = book_by(due, CAL)
    assert hint <= due
    assert CAL.is_working_day(hint)
    day = hint + timedelta(days=1)
    while day <= due:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)


@given(initial_types, days, st.integers(min_value=1, max_value=40))
def test_initial_conference_is_exactly_n_working_days_on(kind, start, n):
    rules = ClockRules(icpc_working_days=n)
    due = conference_due(kind, start, rules, CAL)
    assert due is not None
    assert CAL.working_days_between(start, due) == n


@given(review_types, days)
def test_review_is_due_on_the_calendar_date_the_months_on(kind, previous):
    months = 3 if kind is ConferenceType.FIRST_REVIEW else 6
    assert conference_due(kind, previous, RULES, CAL) == add_months(previous, months)


@given(types, working_days)
def test_report_deadlines_are_working_days_the_right_distance_before(kind, conference_day):
    parents, chair = report_deadlines(kind, conference_day, RULES, CAL)
    assert CAL.is_working_day(parents)
    assert CAL.is_working_day(chair)
    want_parents, want_chair = (2, 1) if kind.is_initial else (3, 3)
    assert CAL.working_days_between(parents, conference_day) == want_parents
    assert CAL.working_days_between(chair, conference_day) == want_chair
    assert parents <= chair < conference_day


@given(days)
def test_core_group_and_record_targets_are_working_days(held):
    for due, n in ((core_group_due(held, RULES, CAL), 10), (record_distribution_due(held, RULES, CAL), 15)):
        assert CAL.is_working_day(due)
        assert CAL.working_days_between(held, due) == n


@given(days, days, days)
def test_state_is_consistent(due, done, today):
    met = state_of(due, done, today, RULES, CAL)
    assert met is (ClockState.MET if done <= due else ClockState.LATE)
    pending = state_of(due, None, today, RULES, CAL)
    if today > due:
        assert pending is ClockState.OVERDUE
    else:
        assert pending in (ClockState.DUE_SOON, ClockState.PENDING)


# Dates worked out by hand with a paper calendar.


@pytest.mark.parametrize(
    ("start", "expected", "why"),
    [
        # Christmas 2026: Fri 25 Dec, Boxing Day substitute Mon 28 Dec, New Year Fri 1 Jan 2027.
        (date(2026, 12, 14), date(2027, 1, 7), "across Christmas and the year end"),
        # Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar.
        (date(2027, 3, 22), date(2027, 4, 14), "across Easter"),
        # A plain run: Mon 2 Nov 2026 + 15 WD = Mon 23 Nov 2026.
        (date(2026, 11, 2), date(2026, 11, 23), "three weeks of working days"),
        # Started on a Saturday: counting starts on Monday.
        (date(2026, 11, 21), date(2026, 12, 11), "clock started at a weekend"),
    ],
)
def test_initial_conference_due_by_hand(start, expected, why):
    assert conference_due(ConferenceType.INITIAL, start, RULES, CAL) == expected, why


@pytest.mark.parametrize(
    ("kind", "previous", "expected", "why"),
    [
        (ConferenceType.FIRST_REVIEW, date(2026, 11, 30), date(2027, 2, 28), "28 Feb 2027 (a Sunday) clamps"),
        (ConferenceType.FIRST_REVIEW, date(2027, 11, 29), date(2028, 2, 29), "leap day"),
        (ConferenceType.REVIEW, date(2027, 8, 31), date(2028, 2, 29), "31 Aug + 6 months clamps to 29 Feb"),
        (ConferenceType.REVIEW, date(2026, 6, 25), date(2026, 12, 25), "due on Christmas Day all the same"),
        (ConferenceType.FIRST_REVIEW, date(2026, 10, 1), date(2027, 1, 1), "due on New Year's Day"),
    ],
)
def test_review_due_by_hand(kind, previous, expected, why):
    assert conference_due(kind, previous, RULES, CAL) == expected, why


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2027, 2, 28), date(2027, 2, 26)),  # Sunday -> Friday
        (date(2026, 12, 25), date(2026, 12, 24)),  # Christmas Day -> Christmas Eve
        (date(2027, 1, 1), date(2026, 12, 31)),  # New Year's Day -> 31 Dec
        (date(2028, 2, 29), date(2028, 2, 29)),  # a Tuesday: itself
    ],
)
def test_book_by_by_hand(due, expected):
    assert book_by(due, CAL) == expected


def test_report_deadlines_by_hand():
    # ICPC on Monday 23 Nov 2026: parents by Thursday 19th, chair by Friday 20th.
    assert report_deadlines(ConferenceType.INITIAL, date(2026, 11, 23), RULES, CAL) == (
        date(2026, 11, 19),
        date(2026, 11, 20),
    )
    # RCPC on Tuesday 5 Jan 2027: 3 WD back skips New Year's Day and the weekend: Wednesday 30 Dec.
    assert report_deadlines(ConferenceType.REVIEW, date(2027, 1, 5), RULES, CAL) == (
        date(2026, 12, 30),
        date(2026, 12, 30),
    )


def test_police_core_group_and_record_by_hand():
    assert police_invitation_due(date(2026, 11, 23), RULES) == date(2026, 11, 16)
    assert record_distribution_due(date(2026, 11, 23), RULES, CAL) == date(2026, 12, 14)
    # Thu 17 Dec: 18, 21, 22, 23, 24, (Christmas break) 29, 30, 31, (New Year) 4, 5 Jan.
    assert core_group_due(date(2026, 12, 17), RULES, CAL) == date(2027, 1, 5)
    assert next_review_due(ConferenceType.INITIAL, date(2026, 11, 30), RULES, CAL) == date(2027, 2, 28)
    assert next_review_due(ConferenceType.FIRST_REVIEW, date(2026, 11, 30), RULES, CAL) == date(2027, 5, 30)


def test_rules_are_configurable():
    rules = ClockRules(icpc_working_days=10, record_distribution_wd=5, first_review_months=2)
    assert conference_due(ConferenceType.INITIAL, date(2026, 11, 2), rules, CAL) == date(2026, 11, 16)
    assert record_distribution_due(date(2026, 11, 23), rules, CAL) == date(2026, 11, 30)
    assert conference_due(ConferenceType.FIRST_REVIEW, date(2026, 11, 30), rules, CAL) == date(2027, 1, 30)
    assert ClockRules(icpc_working_days=0).problems() == [
        ("icpc_working_days", "Use a whole number from 1 to 60.")
    ]


def test_lateness():
    assert not is_late(ConferenceType.INITIAL, date(2026, 11, 2), date(2026, 11, 23), RULES, CAL)
    assert is_late(ConferenceType.INITIAL, date(2026, 11, 2), date(2026, 11, 24), RULES, CAL)
    assert not is_late(ConferenceType.INITIAL, None, date(2026, 11, 24), RULES, CAL)


def test_clocks_for_a_booked_initial_conference():
    facts = ConferenceFacts(
        ConferenceType.INITIAL,
        clock_start=date(2026, 11, 2),
        scheduled_date=date(2026, 11, 25),
        report_to_parents_on=date(2026, 11, 20),
    )
    clocks = {c.kind: c for c in conference_clocks(facts, RULES, CAL, today=date(2026, 11, 23))}
    assert clocks[ClockKind.CONFERENCE].state is ClockState.LATE
    assert "2 working days after" in clocks[ClockKind.CONFERENCE].detail
    assert clocks[ClockKind.REPORT_TO_PARENTS].state is ClockState.MET
    assert clocks[ClockKind.REPORT_TO_CHAIR].due == date(2026, 11, 24)
    assert clocks[ClockKind.REPORT_TO_CHAIR].state is ClockState.DUE_SOON
    assert clocks[ClockKind.POLICE_INVITATION].state is ClockState.OVERDUE
    assert ClockKind.RECORD_DISTRIBUTION not in clocks


def test_clocks_after_the_conference_is_held():
    facts = ConferenceFacts(
        ConferenceType.INITIAL,
        clock_start=date(2026, 10, 1),
        scheduled_date=date(2026, 10, 20),
        held_on=date(2026, 10, 20),
        police_invited_on=(date(2026, 10, 9),),
    )
    clocks = {c.kind: c for c in conference_clocks(facts, RULES, CAL, today=date(2026, 11, 23))}
    assert clocks[ClockKind.CONFERENCE].state is ClockState.MET
    assert clocks[ClockKind.POLICE_INVITATION].state is ClockState.MET
    assert clocks[ClockKind.RECORD_DISTRIBUTION].state is ClockState.OVERDUE
    assert clocks[ClockKind.CORE_GROUP].state is ClockState.OVERDUE
    assert clocks[ClockKind.NEXT_REVIEW].due == date(2027, 1, 20)


def test_every_state_has_words_and_a_symbol():
    for state in ClockState:
        symbol, _, words = state.text.partition(" ")
        assert symbol
        assert len(words) > 2


@given(days, days, st.integers(min_value=0, max_value=30))
def test_within_working_days_agrees_with_counting(start, end, n):
    from iro_desktop.domain.clocks import within_working_days

    if end < start:
        start, end = end, start
    assert within_working_days(start, end, n, CAL) == (CAL.working_days_between(start, end) <= n)


def test_imported_history_clocks_are_not_recorded_unless_a_date_was_imported():
    from iro_desktop.domain.clocks import UNRECORDED_IN_HISTORY, ClockKind, ClockState, as_not_recorded
    from iro_desktop.domain.clocks import ConferenceFacts as Facts
    from iro_desktop.domain.clocks import conference_clocks as clocks_of
    from iro_desktop.domain.today import SEVERITY, worst

    held = date(2019, 3, 4)
    facts = Facts(
        ConferenceType.INITIAL, date(2019, 2, 18), held, held, report_to_parents_on=date(2019, 2, 28)
    )
    before = clocks_of(facts, RULES, CAL, date(2026, 11, 23))
    after = {c.kind: c for c in as_not_recorded(before)}
    assert {k for k, c in after.items() if c.state is ClockState.NOT_RECORDED} == {
        ClockKind.REPORT_TO_CHAIR,
        ClockKind.POLICE_INVITATION,
        ClockKind.CORE_GROUP,
    }
    assert after[ClockKind.REPORT_TO_PARENTS].state is ClockState.MET  # imported: still counts
    assert after[ClockKind.POLICE_INVITATION].due == police_invitation_due(held, RULES)
    assert [c.kind for c in before] == list(after)  # same clocks, same order
    assert set(UNRECORDED_IN_HISTORY) < set(ClockKind)
    assert ClockState.NOT_RECORDED.text == "– Not recorded"
    assert not ClockState.NOT_RECORDED.needs_attention
    assert worst([ClockState.NOT_RECORDED, ClockState.MET]) is ClockState.MET
    assert SEVERITY[-1] is ClockState.NOT_RECORDED
