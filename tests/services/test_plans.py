"""The plan: header with computed dates, actions in order, drafting from what needs to happen."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.plan import ActionStatus, PlanActionInput, PlanHeaderInput


@pytest.fixture
def icpc(services):
    family = services.families.create_family(
        "P-1", "Khan family", [ChildInput("عائشہ", "خان", date(2018, 5, 5))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 11, 23), clock_start=date(2026, 11, 13)
    )


def test_header_defaults_to_the_computed_review(services, icpc):
    header = services.plans.header(icpc.id)
    assert header.computed_review_date == date(2027, 2, 23)
    assert header.effective_review_date == date(2027, 2, 23)
    assert header.next_review_date is None


def test_save_header_and_override_review_with_reason(services, icpc):
    with pytest.raises(ValidationError) as err:
        services.plans.save_header(icpc.id, PlanHeaderInput(next_review_date=date(2027, 2, 16)))
    assert err.value.for_field("next_review_reason")
    header = services.plans.save_header(
        icpc.id,
        PlanHeaderInput(
            bottom_lines="No contact with Mr X — at all.",
            contingency="If Mum misses two visits, a legal planning meeting is called.",
            core_group_date=date(2026, 12, 3),
            next_review_date=date(2027, 2, 16),
            next_review_reason="Chair on leave the week it falls due.",
        ),
    )
    assert header.review_date_differs
    assert services.plans.header(icpc.id) == header
    # Setting the computed date back clears the override and its reason.
    again = services.plans.save_header(icpc.id, PlanHeaderInput(next_review_date=date(2027, 2, 23)))
    assert again.next_review_date is None
    assert again.next_review_reason == ""


def test_actions_add_update_remove_restore_in_order(services, icpc):
    a = services.plans.add_action(icpc.id, PlanActionInput("First"))
    b = services.plans.add_action(icpc.id, PlanActionInput("Second"))
    c = services.plans.add_action(icpc.id, PlanActionInput("Before second"), position=1)
    assert [x.what for x in services.plans.actions(icpc.id)] == ["First", "Before second", "Second"]
    services.plans.update_action(
        b.id,
        PlanActionInput(
            "Second",
            "Łucja Wójcik",
            "Health",
            date(2026, 12, 1),
            "Visits logged",
            "goal-1",
            ActionStatus.IN_PROGRESS,
        ),
    )
    removed = services.plans.remove_action(c.id)
    assert removed.sort_order == 1
    assert [x.what for x in services.plans.actions(icpc.id)] == ["First", "Second"]
    services.plans.restore_action(removed)
    actions = services.plans.actions(icpc.id)
    assert [x.id for x in actions] == [a.id, c.id, b.id]
    assert actions[2].owner == "Łucja Wójcik — Health"
    assert actions[2].safety_goal_id == "goal-1"
    with pytest.raises(ValidationError):
        services.plans.add_action(icpc.id, PlanActionInput(" "))


def test_draft_actions_skips_blanks_and_duplicates(services, icpc):
    services.plans.add_action(icpc.id, PlanActionInput("Mum to attend the Freedom programme"))
    created = services.plans.draft_actions(
        icpc.id,
        ["mum to attend the  Freedom programme", "", "Dad to have a drug test", "Dad to have a drug test"],
    )
    assert [a.what for a in created] == ["Dad to have a drug test"]
    assert len(services.plans.actions(icpc.id)) == 2


def test_carry_forward_the_last_plan(services, icpc):
    review = services.conferences.book(icpc.family_id, ConferenceType.FIRST_REVIEW, date(2027, 2, 22))
    assert services.plans.last_plan_source(review.id) is None
    assert services.plans.carry_forward(review.id).source_conference_id is None
    services.plans.add_action(icpc.id, PlanActionInput("Done already", status=ActionStatus.DONE))
    services.plans.add_action(icpc.id, PlanActionInput("Still to do", "Anna", "Health", date(2027, 1, 5)))
    services.plans.save_header(icpc.id, PlanHeaderInput("No contact with Mr X", "Legal planning meeting"))
    services.plans.save_header(review.id, PlanHeaderInput(contingency="New contingency"))
    assert services.plans.last_plan_source(review.id) == icpc.id
    result = services.plans.carry_forward(review.id)
    assert result.source_conference_id == icpc.id
    assert [a.what for a in result.actions] == ["Still to do"]
    assert result.actions[0].owner == "Anna — Health"
    header = services.plans.header(review.id)
    assert (header.bottom_lines, header.contingency) == ("No contact with Mr X", "New contingency")
    assert result.header_before.contingency == "New contingency"
    # Carrying forward twice adds nothing new.
    assert services.plans.carry_forward(review.id).actions == ()
    # The initial conference's own plan is untouched.
    assert len(services.plans.actions(icpc.id)) == 2
