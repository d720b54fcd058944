"""Decision and plan commands on a bare QUndoStack: each calls a service and undoes exactly."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput
from iro_desktop.ui.decisions.commands import (
    AddActionCommand,
    AddDissentCommand,
    DraftActionsCommand,
    EditActionCommand,
    RecordDecisionCommand,
    RemoveActionCommand,
    RemoveDissentCommand,
    SavePlanHeaderCommand,
    SetAllowMultipleCommand,
)
from iro_desktop.ui.events import ChangeHub


@pytest.fixture
def setup(qapp, services):
    family = services.families.create_family(
        "C-1",
        "Dvořák family",
        [ChildInput("Zoë", "Dvořák", date(2017, 2, 2)), ChildInput("Ana", "Dvořák", date(2019, 3, 3))],
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 11, 23), clock_start=date(2026, 11, 13)
    )
    hub = ChangeHub()
    topics: list[frozenset[str]] = []
    hub.changed.connect(topics.append)
    return services, hub, QUndoStack(), family, conference, topics


def test_record_decision_undo_redo(setup):
    services, hub, stack, family, conf, topics = setup
    zoe = family.children[0]
    stack.push(
        RecordDecisionCommand(
            services, hub, conf.id, zoe.id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT), None
        )
    )
    first = services.decisions.for_conference(conf.id)[zoe.id]
    assert topics[-1] == frozenset({"decisions"})
    stack.push(
        RecordDecisionCommand(
            services,
            hub,
            conf.id,
            zoe.id,
            DecisionInput(Outcome.PLAN_MADE, "Priya", Category.PHYSICAL),
            first,
        )
    )
    assert services.decisions.plan_history(zoe.id)[0].category == "P"
    stack.undo()
    restored = services.decisions.for_conference(conf.id)[zoe.id]
    assert restored.category is Category.NEGLECT
    assert restored.decided_at == first.decided_at
    assert services.decisions.plan_history(zoe.id)[0].category == "N"
    stack.undo()
    assert services.decisions.for_conference(conf.id) == {}
    assert services.decisions.plan_history(zoe.id) == []
    stack.redo()
    stack.redo()
    assert services.decisions.for_conference(conf.id)[zoe.id].category is Category.PHYSICAL


def test_dissent_commands(setup):
    services, hub, stack, family, conf, _ = setup
    ana = family.children[1]
    stack.push(
        AddDissentCommand(
            services, hub, conf.id, ana.id, DissentInput("محمد علي", "Police", "No plan", "No new incidents")
        )
    )
    [added] = services.decisions.dissents(conf.id)
    stack.undo()
    assert services.decisions.dissents(conf.id) == []
    stack.redo()
    assert services.decisions.dissents(conf.id) == [added]
    from iro_desktop.ui.decisions.commands import EditDissentCommand

    stack.push(
        EditDissentCommand(
            services, hub, added, DissentInput("محمد علي", "Police", "No plan", "No new incidents", "Noted")
        )
    )
    assert services.decisions.dissents(conf.id)[0].chair_response == "Noted"
    stack.undo()
    assert services.decisions.dissents(conf.id) == [added]
    stack.push(RemoveDissentCommand(services, hub, added))
    assert services.decisions.dissents(conf.id) == []
    stack.undo()
    assert services.decisions.dissents(conf.id) == [added]


def test_action_commands(setup):
    services, hub, stack, _, conf, topics = setup
    stack.push(AddActionCommand(services, hub, conf.id, PlanActionInput("Dad to have a drug test")))
    [action] = services.plans.actions(conf.id)
    assert topics[-1] == frozenset({"plan"})
    stack.push(
        EditActionCommand(services, hub, action, PlanActionInput(action.what, "Łucja Wójcik", "Probation"))
    )
    assert services.plans.actions(conf.id)[0].owner == "Łucja Wójcik — Probation"
    stack.push(RemoveActionCommand(services, hub, services.plans.actions(conf.id)[0]))
    assert services.plans.actions(conf.id) == []
    stack.undo()
    assert services.plans.actions(conf.id)[0].owner == "Łucja Wójcik — Probation"
    stack.undo()
    assert services.plans.actions(conf.id)[0].owner == ""
    stack.undo()
    assert services.plans.actions(conf.id) == []
    stack.redo()
    assert [a.id for a in services.plans.actions(conf.id)] == [action.id]


def test_draft_actions_command(setup):
    services, hub, stack, _, conf, _ = setup
    stack.push(DraftActionsCommand(services, hub, conf.id, ["One", "Two", "One"]))
    ids = [a.id for a in services.plans.actions(conf.id)]
    assert len(ids) == 2
    stack.undo()
    assert services.plans.actions(conf.id) == []
    stack.redo()
    assert [a.id for a in services.plans.actions(conf.id)] == ids


def test_header_typing_merges_into_one_step(setup):
    services, hub, stack, _, conf, _ = setup
    old = services.plans.header(conf.id).as_input()
    text = ""
    for ch in "No contact":
        text += ch
        new = PlanHeaderInput(bottom_lines=text)
        stack.push(
            SavePlanHeaderCommand(
                services, hub, conf.id, services.plans.header(conf.id).as_input(), new, "bottom_lines"
            )
        )
    assert stack.count() == 1
    assert services.plans.header(conf.id).bottom_lines == "No contact"
    stack.push(
        SavePlanHeaderCommand(
            services,
            hub,
            conf.id,
            services.plans.header(conf.id).as_input(),
            PlanHeaderInput("No contact", "Call a meeting"),
            "contingency",
        )
    )
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert services.plans.header(conf.id).as_input() == old


def test_policy_command(setup):
    services, hub, stack, *_ = setup
    stack.push(SetAllowMultipleCommand(services, hub, True))
    assert services.policy.allow_multiple()
    stack.undo()
    assert not services.policy.allow_multiple()


def test_carry_forward_command(setup):
    from iro_desktop.ui.decisions.commands import CarryForwardCommand

    services, hub, stack, family, conf, _ = setup
    # Zoë is 10 by the review (issue 17: advocacy is asked by age on the conference date).
    advocacy = {family.children[0].id: ("declined", "")}
    review = services.conferences.book(
        family.id, ConferenceType.FIRST_REVIEW, date(2027, 2, 22), advocacy=advocacy
    )
    services.plans.add_action(conf.id, PlanActionInput("Still to do"))
    services.plans.save_header(conf.id, PlanHeaderInput("Bottom line"))
    stack.push(CarryForwardCommand(services, hub, review.id))
    [carried] = services.plans.actions(review.id)
    assert services.plans.header(review.id).bottom_lines == "Bottom line"
    stack.push(EditActionCommand(services, hub, carried, PlanActionInput("Still to do", "Zoë")))
    stack.undo()
    stack.undo()
    assert services.plans.actions(review.id) == []
    assert services.plans.header(review.id).bottom_lines == ""
    stack.redo()
    stack.redo()  # the edit still applies: the carried action came back with the same id
    [again] = services.plans.actions(review.id)
    assert again.id == carried.id
    assert again.who_person == "Zoë"
    assert services.plans.header(review.id).bottom_lines == "Bottom line"


def test_a_recorded_decision_relays_what_the_service_wrote(setup):
    """No topic guessed by the command: the hub relays the typed changes the store captured."""
    services, hub, stack, family, conf, topics = setup
    services.ctx.take_changes()
    topics.clear()
    command = RecordDecisionCommand(
        services,
        hub,
        conf.id,
        family.children[0].id,
        DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT),
        None,
    )
    assert not hasattr(command, "topic")
    command.execute_now()
    stack.push(command)
    assert topics == [frozenset({"decisions"})]
    assert stack.count() == 1
    stack.undo()
    assert topics[-1] == frozenset({"decisions"})
    assert services.decisions.for_conference(conf.id) == {}
