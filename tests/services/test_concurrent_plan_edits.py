"""Two desktops recording the same child's decision, or changing the same plan action (issue 16 item 3),
on both databases: a different change of the same field is refused with both versions and nothing
stored; a change of another field is merged in; keeping mine, based on theirs, applies."""

from __future__ import annotations

from dataclasses import replace

import pytest

from iro_desktop.domain.categories import Category
from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.decisions import DecisionInput, Outcome, decision_values
from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput, action_values, header_values
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.store.family_fixture import book_family

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CHAIR_TWO = User("u4", "ola", "Ola Nowak", Role.CHAIR)
FIRST = DecisionInput(Outcome.PLAN_MADE, "Priya Raman", Category.NEGLECT, rationale="Zofia is not fed.")


def _desktop(store, user: User) -> Services:  # type: ignore[no-untyped-def]
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(user)))


def _first_decision(store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "CD-1")
    child_id = booked.child_ids[0]
    one, two = _desktop(store, CHAIR), _desktop(store, CHAIR_TWO)
    first = one.decisions.record(booked.first_id, child_id, FIRST)
    read = ReadAs(first.version, decision_values(first.as_input()))  # both forms show this
    return booked.first_id, child_id, one, two, first, read


def test_the_same_field_changed_by_both_is_refused_with_both(store, services):
    conference_id, child_id, one, two, first, read = _first_decision(store, services)
    theirs = two.decisions.record(
        conference_id, child_id, DecisionInput(**{**read.values, "category": Category.EMOTIONAL}), read=read
    )
    assert theirs.version > first.version
    mine = DecisionInput(**{**read.values, "category": Category.PHYSICAL})
    with pytest.raises(EditConflict) as caught:
        one.decisions.record(conference_id, child_id, mine, read=read)
    (conflict,) = caught.value.conflicts
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == (
        "category",
        Category.NEGLECT,
        Category.PHYSICAL,
        Category.EMOTIONAL,
    )
    assert caught.value.version == theirs.version
    assert "Zofia" in caught.value.label
    assert services.decisions.for_conference(conference_id)[child_id].category is Category.EMOTIONAL
    # Keep mine: based on what they stored, it applies.
    kept = one.decisions.record(
        conference_id,
        child_id,
        mine,
        read=ReadAs(caught.value.version, {**read.values, **caught.value.theirs()}),
    )
    assert kept.category is Category.PHYSICAL
    assert services.decisions.for_conference(conference_id)[child_id].category is Category.PHYSICAL


def test_a_change_of_another_field_is_merged_in(store, services):
    conference_id, child_id, one, two, _first, read = _first_decision(store, services)
    two.decisions.record(  # the other chair writes the reasons
        conference_id,
        child_id,
        DecisionInput(**{**read.values, "rationale": "Zofia is often not fed or kept warm."}),
        read=read,
    )
    mine = one.decisions.record(  # meanwhile this chair changes the category, from the old form
        conference_id, child_id, DecisionInput(**{**read.values, "category": Category.EMOTIONAL}), read=read
    )
    assert (mine.category, mine.rationale) == (Category.EMOTIONAL, "Zofia is often not fed or kept warm.")
    stored = services.decisions.for_conference(conference_id)[child_id]
    assert (stored.category, stored.rationale) == (Category.EMOTIONAL, "Zofia is often not fed or kept warm.")
    assert [p.category for p in services.decisions.plan_history(child_id)] == ["E"]


def test_a_first_decision_recorded_on_both_desktops_is_a_conflict(store, services):
    booked = book_family(services, "CD-2")
    child_id = booked.child_ids[0]
    one, two = _desktop(store, CHAIR), _desktop(store, CHAIR_TWO)
    two.decisions.record(booked.first_id, child_id, FIRST, read=ReadAs(0))
    with pytest.raises(EditConflict) as caught:
        one.decisions.record(
            booked.first_id,
            child_id,
            DecisionInput(Outcome.NOT_MADE_EARLY_HELP, "Ola Nowak", rationale="Support from early help."),
            read=ReadAs(0),
        )
    assert {c.field for c in caught.value.conflicts} >= {"outcome", "rationale"}
    assert services.decisions.for_conference(booked.first_id)[child_id].outcome is Outcome.PLAN_MADE


# The plan's actions ------------------------------------------------------------------------------


def _action_on_two_desktops(store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "CD-3")
    one, two = _desktop(store, CHAIR), _desktop(store, CHAIR_TWO)
    action = one.plans.add_action(booked.first_id, PlanActionInput("Health visitor to visit weekly"))
    return one, two, action, ReadAs(action.version, action_values(action.as_input()))


def test_an_action_field_changed_by_both_is_refused_with_both(store, services):
    one, two, action, read = _action_on_two_desktops(store, services)
    theirs = two.plans.update_action(
        action.id, replace(action.as_input(), who_person="Ama Mensah"), read=read
    )
    with pytest.raises(EditConflict) as caught:
        one.plans.update_action(action.id, replace(action.as_input(), who_person="Jan Kowal"), read=read)
    (conflict,) = caught.value.conflicts
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == (
        "who_person",
        "",
        "Jan Kowal",
        "Ama Mensah",
    )
    assert caught.value.version == theirs.version
    (stored,) = services.plans.actions(theirs.conference_id)
    assert stored.who_person == "Ama Mensah"


def test_an_action_change_of_another_field_is_merged_in(store, services):
    one, two, action, read = _action_on_two_desktops(store, services)
    two.plans.update_action(action.id, replace(action.as_input(), who_agency="Health"), read=read)
    mine = one.plans.update_action(action.id, replace(action.as_input(), by_when=TODAY), read=read)
    assert (mine.who_agency, mine.by_when) == ("Health", TODAY)
    (stored,) = services.plans.actions(action.conference_id)
    assert (stored.who_agency, stored.by_when, stored.version) == ("Health", TODAY, action.version + 2)


# The plan header ---------------------------------------------------------------------------------


def test_the_plan_header_merges_other_fields_and_refuses_the_same_one(store, services):
    booked = book_family(services, "CD-4")
    one, two = _desktop(store, CHAIR), _desktop(store, CHAIR_TWO)
    first = one.plans.save_header(booked.first_id, PlanHeaderInput(bottom_lines="No contact with Dad."))
    read = ReadAs(first.version, header_values(first.as_input()))
    two.plans.save_header(
        booked.first_id, replace(first.as_input(), contingency="Police called if Dad visits."), read=read
    )
    mine = one.plans.save_header(
        booked.first_id,
        replace(first.as_input(), bottom_lines="No unsupervised contact with Dad."),
        read=read,
    )
    assert (mine.bottom_lines, mine.contingency) == (
        "No unsupervised contact with Dad.",
        "Police called if Dad visits.",
    )
    with pytest.raises(EditConflict) as caught:
        two.plans.save_header(
            booked.first_id, replace(first.as_input(), bottom_lines="Dad moves out."), read=read
        )
    assert caught.value.theirs() == {"bottom_lines": "No unsupervised contact with Dad."}
    assert caught.value.version == mine.version
    assert services.plans.header(booked.first_id).bottom_lines == "No unsupervised contact with Dad."
