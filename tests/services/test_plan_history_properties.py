"""Property: whatever decisions a review records, changes or withdraws, the plan history comes back
exactly as it was, and it only ever holds what the final decision implies."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iro_desktop.domain.categories import SINGLE_CATEGORIES, Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import REVIEW_OUTCOMES, DecisionInput, Outcome
from iro_desktop.domain.family import ChildInput

_counter = itertools.count()

decisions = st.tuples(st.sampled_from(REVIEW_OUTCOMES), st.sampled_from(SINGLE_CATEGORIES))


def _input(outcome: Outcome, category: Category) -> DecisionInput:
    return DecisionInput(
        outcome,
        "Priya Raman",
        category if outcome.child_on_plan_after else None,
        cin_meeting_date=date(2027, 2, 24) if outcome.steps_down_to_cin else None,
        rationale="Safety goals met.",
    )


def _snapshot(services, child_id):
    return [
        (p.id, p.started_on, p.ended_on, p.category, p.end_reason)
        for p in services.decisions.plan_history(child_id)
    ]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(initial=st.sampled_from(SINGLE_CATEGORIES), steps=st.lists(decisions, min_size=1, max_size=4))
def test_review_decisions_never_corrupt_history(services, initial, steps):
    family = services.families.create_family(
        f"H-{next(_counter)}", "Brontë family", [ChildInput("Zoë", "Brontë", date(2017, 1, 1))]
    )
    child = family.children[0].id
    icpc = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 11, 23), clock_start=date(2026, 11, 13)
    )
    # Zoë is 10 by the review: its booking answers the advocacy question (issue 17: ages on the day).
    review = services.conferences.book(
        family.id, ConferenceType.FIRST_REVIEW, date(2027, 2, 22), advocacy={child: ("declined", "")}
    )
    services.decisions.record(icpc.id, child, DecisionInput(Outcome.PLAN_MADE, "Priya Raman", initial))
    before = _snapshot(services, child)
    last = None
    for outcome, category in steps:
        if outcome is Outcome.CHANGE_OF_CATEGORY and category is initial:
            continue  # refused by validation (tested elsewhere)
        if outcome is Outcome.PLAN_CONTINUES and category is not initial:
            continue  # refused: a different category is a change of category
        services.decisions.record(review.id, child, _input(outcome, category))
        last = (outcome, category)
        [period] = services.decisions.plan_history(child)
        assert period.started_on == date(2026, 11, 23)
        if outcome.ends_plan:
            assert (period.ended_on, period.end_reason) == (date(2027, 2, 22), outcome.value)
            assert period.category == initial.value
        else:
            assert (period.ended_on, period.end_reason) == (None, "")
            assert period.category == category.value
    if last is not None:
        services.decisions.withdraw(review.id, child)
    assert _snapshot(services, child) == before
