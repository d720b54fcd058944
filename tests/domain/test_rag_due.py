"""Issue 19: a plan's RAG rating is due in Today and due from its midway point between conferences until a
rating is recorded for that period (on or after the last conference held)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.alerts import Rag, RagRating, plan_midway
from iro_desktop.domain.today import PlanDates, rag_ratings_due

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


def _plan(held: list[tuple[date, bool]], booked: tuple[date, ...] = ()) -> PlanDates:
    return PlanDates("c1", "Ada Nowak", "f1", "Nowak family", tuple(held), booked)


def _rating(on: date) -> RagRating:
    return RagRating("r1", "c1", on, Rag.AMBER, "Core group met twice; actions slipping")


def test_hand_worked_review_booked():
    # Held Mon 2 Nov 2026, review booked Tue 2 Feb 2027: 92 days, half is 46: midway Fri 18 Dec 2026.
    plan = _plan([(date(2026, 11, 2), True)], (date(2027, 2, 2),))
    assert rag_ratings_due([plan], [], date(2026, 12, 17)) == []
    (due,) = rag_ratings_due([plan], [], date(2026, 12, 18))
    assert (due.period_from, due.midway_on, due.next_due_on) == (
        date(2026, 11, 2),
        date(2026, 12, 18),
        date(2027, 2, 2),
    )
    assert due.text == (
        "RAG rating due since 18 December 2026 (midway between the conference on 2 November 2026 and "
        "2 February 2027)"
    )
    assert rag_ratings_due([plan], [_rating(date(2026, 12, 20))], date(2027, 1, 5)) == []
    # A rating from before the conference is the last period's: still due.
    assert rag_ratings_due([plan], [_rating(date(2026, 10, 30))], date(2027, 1, 5))


def test_no_review_booked_uses_the_review_due():
    # A review held 1 June 2026, nothing booked: next due 1 December 2026 (6 months), midway 31 August.
    (due,) = rag_ratings_due([_plan([(date(2026, 6, 1), False)])], [], date(2026, 9, 1))
    assert due.midway_on == date(2026, 8, 31)
    assert due.next_due_on == date(2026, 12, 1)


def test_no_conference_held_nothing_due():
    assert rag_ratings_due([_plan([], (date(2026, 12, 1),))], [], date(2027, 6, 1)) == []


@given(held=days, initial=st.booleans(), gap=st.integers(1, 400), today=days)
def test_due_exactly_from_the_midway_point(held: date, initial: bool, gap: int, today: date):
    booked = (held + timedelta(days=gap),)
    plan = _plan([(held, initial)], booked)
    half = plan_midway([(held, initial)], list(booked))
    assert half is not None
    assert held <= half < booked[0]
    due = rag_ratings_due([plan], [], today)
    assert bool(due) == (today >= half)
    if due:
        assert due[0].midway_on == half


@given(held=days, gap=st.integers(2, 400), rated_after=st.integers(-30, 400), today=days)
def test_a_rating_since_the_last_conference_clears_it(held: date, gap: int, rated_after: int, today: date):
    plan = _plan([(held - timedelta(days=200), True), (held, False)], (held + timedelta(days=gap),))
    rated_on = held + timedelta(days=rated_after)
    due = rag_ratings_due([plan], [_rating(rated_on)], today)
    if rated_on >= held:
        assert due == []
    else:
        assert bool(due) == (today >= held + timedelta(days=gap // 2))


@given(st.lists(st.tuples(days, st.integers(1, 300)), min_size=1, max_size=6), days)
def test_longest_waiting_first(spans: list[tuple[date, int]], today: date):
    plans = [
        PlanDates(f"c{n}", f"Child {n}", "f1", "Family", ((held, True),), (held + timedelta(days=gap),))
        for n, (held, gap) in enumerate(spans)
    ]
    due = rag_ratings_due(plans, [], today)
    assert [d.midway_on for d in due] == sorted(d.midway_on for d in due)
    assert all(d.midway_on <= today for d in due)
