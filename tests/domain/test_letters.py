"""Issue 18 item 5: the decision letter's clock on the bank-holiday calendar, the corrections window, and
what a correction request and its outcome need. Hypothesis properties and dates worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.audience import Audience, AudienceKind, Reader, ReaderKind, Reason, audience
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.clocks import (
    ClockKind,
    ClockRules,
    ClockState,
    ConferenceFacts,
    conference_clocks,
    decision_letter_clock,
    decision_letter_due,
)
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.letters import (
    CorrectionInput,
    CorrectionOutcome,
    RequesterKind,
    correction_problems,
    corrections_window_end,
    decision_problems,
    in_window,
    readable,
)
from iro_desktop.domain.local_rules import LocalRules, decode, encode

CAL = WorkingDayCalendar()
RULES = ClockRules()
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


@given(days)
def test_the_letter_is_due_on_the_next_working_day(held_on):
    due = decision_letter_due(held_on, RULES, CAL)
    assert CAL.is_working_day(due)
    assert due > held_on
    # Every day strictly between is a weekend, a bank holiday or a closure.
    day = held_on + timedelta(days=1)
    while day < due:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)


@given(days, st.integers(min_value=0, max_value=10))
def test_the_letter_is_n_working_days_on(held_on, n):
    due = decision_letter_due(held_on, ClockRules(decision_letter_wd=n), CAL)
    assert CAL.working_days_between(held_on, due) == n or (n == 0 and not CAL.is_working_day(held_on))


@pytest.mark.parametrize(
    ("held_on", "due", "why"),
    [
        (
            date(2026, 12, 24),
            date(2026, 12, 29),
            "Christmas Day (Friday) and the Boxing Day substitute (Monday 28)",
        ),
        (date(2026, 4, 2), date(2026, 4, 7), "Good Friday 3 April, Easter Monday 6 April 2026"),
        (date(2026, 8, 28), date(2026, 9, 1), "summer bank holiday Monday 31 August 2026"),
        (date(2026, 11, 20), date(2026, 11, 23), "a Friday: the Monday"),
        (date(2026, 11, 23), date(2026, 11, 24), "a Monday: the Tuesday"),
    ],
)
def test_letter_due_by_hand(held_on, due, why):
    assert decision_letter_due(held_on, RULES, CAL) == due, why


def test_a_local_closure_moves_it_on():
    closed = WorkingDayCalendar([date(2026, 11, 24)])
    assert decision_letter_due(date(2026, 11, 23), RULES, closed) == date(2026, 11, 25)


@given(days, st.lists(st.one_of(st.none(), days), min_size=1, max_size=4), days)
def test_the_clock_is_done_only_when_every_letter_is_sent(held_on, sent, today):
    clock = decision_letter_clock(held_on, tuple(sent), RULES, CAL, today)
    assert clock.kind is ClockKind.DECISION_LETTER
    if None in sent:
        assert clock.done_on is None
        assert clock.state in (ClockState.OVERDUE, ClockState.DUE_SOON, ClockState.PENDING)
    else:
        assert clock.done_on == max(d for d in sent if d is not None)
        assert clock.state is (ClockState.MET if clock.done_on <= clock.due else ClockState.LATE)


def test_no_parent_no_letter_owed():
    clock = decision_letter_clock(date(2026, 11, 20), (), RULES, CAL, date(2026, 12, 1))
    assert clock.state is ClockState.NOT_APPLICABLE


def test_the_letter_clock_joins_a_held_conferences_clocks():
    facts = ConferenceFacts(
        ConferenceType.INITIAL,
        date(2026, 11, 2),
        date(2026, 11, 20),
        held_on=date(2026, 11, 20),
        letters_sent_on=(date(2026, 11, 24), None),
    )
    clocks = {c.kind: c for c in conference_clocks(facts, RULES, CAL, today=date(2026, 11, 25))}
    letter = clocks[ClockKind.DECISION_LETTER]
    assert letter.due == date(2026, 11, 23)
    assert letter.state is ClockState.OVERDUE
    assert letter.detail == "1 of 2 sent"
    facts = ConferenceFacts(ConferenceType.INITIAL, date(2026, 11, 2), date(2026, 11, 30))
    assert ClockKind.DECISION_LETTER not in {
        c.kind for c in conference_clocks(facts, RULES, CAL, date(2026, 11, 25))
    }


def test_the_timescales_are_local_rules_and_round_trip():
    rules = LocalRules(clocks=ClockRules(decision_letter_wd=2, corrections_wd=15))
    assert decode(encode(rules)).clocks == rules.clocks
    assert decode({}).clocks.corrections_wd == 10
    assert [f for f, _ in ClockRules(corrections_wd=0).problems()] == ["corrections_wd"]
    assert [f for f, _ in ClockRules(decision_letter_wd=11).problems()] == ["decision_letter_wd"]


@given(days, st.integers(min_value=1, max_value=60))
def test_the_window_ends_n_working_days_after_the_record_is_sent(sent, n):
    end = corrections_window_end(sent, n, CAL)
    assert CAL.working_days_between(sent, end) == n
    assert CAL.is_working_day(end)
    assert in_window(sent, sent, end)
    assert in_window(end, sent, end)
    assert not in_window(end + timedelta(days=1), sent, end)
    assert not in_window(sent - timedelta(days=1), sent, end)


def test_no_window_before_the_record_is_sent():
    assert not in_window(date(2026, 11, 23), None, None)


def test_the_window_by_hand_over_christmas():
    # Sent Wednesday 16 December 2026: ten working days skip Christmas, Boxing Day (28th) and New Year.
    assert corrections_window_end(date(2026, 12, 16), 10, CAL) == date(2027, 1, 4)


def test_a_request_needs_who_what_and_a_past_date():
    today = date(2026, 11, 23)
    problems = correction_problems(
        CorrectionInput(" ", RequesterKind.PARENT, "", today + timedelta(days=1)), today
    )
    assert [p.field for p in problems] == ["requester_name", "what", "received_on"]
    assert (
        correction_problems(
            CorrectionInput("Eve", RequesterKind.AGENCY, "Wrong date.\nIt was 4 May.", today), today
        )
        == []
    )
    bad = correction_problems(CorrectionInput("Eve\x07", RequesterKind.AGENCY, "x", today), today)
    assert [p.field for p in bad] == ["requester_name"]


def test_an_outcome_needs_its_reason_and_an_acceptance_its_changes():
    assert [p.field for p in decision_problems(CorrectionOutcome.DECLINED, "", False)] == ["outcome_reason"]
    assert [p.field for p in decision_problems(CorrectionOutcome.ACCEPTED, "Agreed.", False)] == ["changes"]
    assert decision_problems(CorrectionOutcome.ACCEPTED, "Agreed.", True) == []
    assert [p.field for p in decision_problems(CorrectionOutcome.PENDING, "x", False)] == ["outcome"]


class _Content:
    def __init__(self, audience: Audience) -> None:
        self.audience = audience


def test_readable_uses_the_contents_audience_and_everyone_without_one():
    mum = Reader(ReaderKind.PERSON, "mum")
    dad = Reader(ReaderKind.PERSON, "dad")
    kept = _Content(audience(AudienceKind.EXCEPT, ["mum"], Reason.ADDRESS))
    assert not readable(kept, mum)
    assert readable(kept, dad)
    assert not readable(_Content(audience(AudienceKind.PROFESSIONALS, (), Reason.POLICE)), dad)
    assert readable(object(), mum)  # a kind that carries no audience yet: everyone
