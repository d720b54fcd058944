"""Decisions, dissent, plan history and policy on a real migrated SQLite store."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.pre_decision import Check, PendingDecision
from iro_desktop.domain.significant_factors import Factor
from iro_desktop.services.decisions import DecisionService

ICPC_DAY = date(2026, 11, 23)
RCPC_DAY = date(2027, 2, 22)


@pytest.fixture
def family(services):
    return services.families.create_family(
        "T-5",
        "Brontë–Wójcik family",
        [
            ChildInput("Zoë", "Brontë", date(2017, 4, 1), gender=Gender.FEMALE),
            ChildInput("Łucja", "Wójcik", date(2020, 1, 2), gender=Gender.FEMALE),
            ChildInput("Mateusz", "Wójcik", date(2024, 6, 3), gender=Gender.MALE),
        ],
    )


@pytest.fixture
def icpc(services, family):
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, ICPC_DAY, clock_start=date(2026, 11, 13), chair_name="Priya Raman"
    )


@pytest.fixture
def rcpc(services, family):
    return services.conferences.book(
        family.id, ConferenceType.FIRST_REVIEW, RCPC_DAY, chair_name="Priya Raman"
    )


def test_record_a_plan_made_starts_plan_history(services, family, icpc):
    zoe = family.children[0]
    decision = services.decisions.record(
        icpc.id,
        zoe.id,
        DecisionInput(
            Outcome.PLAN_MADE,
            "Priya Raman",
            Category.NEGLECT,
            significant_factors=("domestic_abuse", "parental_mental_health"),
            rationale="Zoë’s needs are not met — “persistent” neglect.",
        ),
    )
    assert decision.outcome is Outcome.PLAN_MADE
    assert decision.category is Category.NEGLECT
    assert decision.decided_by == "Priya Raman"
    assert isinstance(decision.decided_at, datetime)
    history = services.decisions.plan_history(zoe.id)
    assert [(p.started_on, p.ended_on, p.category) for p in history] == [(ICPC_DAY, None, "N")]
    stored = services.decisions.for_conference(icpc.id)[zoe.id]
    assert stored.significant_factors == ("domestic_abuse", "parental_mental_health")
    assert stored.rationale.endswith("“persistent” neglect.")


def test_invalid_decision_stores_nothing(services, family, icpc):
    zoe = family.children[0]
    with pytest.raises(ValidationError) as err:
        services.decisions.record(icpc.id, zoe.id, DecisionInput(Outcome.PLAN_CONTINUES, ""))
    assert {p.field for p in err.value.problems} == {"outcome", "decided_by", "category"}
    assert services.decisions.for_conference(icpc.id) == {}
    assert services.decisions.plan_history(zoe.id) == []


def test_multiple_follows_the_stored_policy(services, family, icpc):
    zoe = family.children[0]
    data = DecisionInput(Outcome.PLAN_MADE, "Priya Raman", Category.MULTIPLE, "Two harms, two adults.")
    assert services.policy.allow_multiple() is False
    with pytest.raises(ValidationError) as err:
        services.decisions.record(icpc.id, zoe.id, data)
    assert err.value.for_field("category")
    services.policy.set_allow_multiple(True)
    assert services.policy.allow_multiple() is True
    decision = services.decisions.record(icpc.id, zoe.id, data)
    assert decision.category is Category.MULTIPLE
    assert decision.multiple_reason == "Two harms, two adults."
    assert services.decisions.plan_history(zoe.id)[0].category == "M"


def test_changing_a_decision_rewrites_history_exactly(services, family, icpc):
    zoe = family.children[0]
    services.decisions.record(icpc.id, zoe.id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT))
    services.decisions.record(icpc.id, zoe.id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.PHYSICAL))
    assert [p.category for p in services.decisions.plan_history(zoe.id)] == ["P"]
    services.decisions.record(
        icpc.id, zoe.id, DecisionInput(Outcome.NOT_MADE_CIN, "Priya", cin_meeting_date=date(2026, 12, 1))
    )
    assert services.decisions.plan_history(zoe.id) == []
    services.decisions.withdraw(icpc.id, zoe.id)
    assert services.decisions.for_conference(icpc.id) == {}


def test_review_ends_changes_and_continues(services, family, icpc, rcpc):
    zoe, lucja, mateusz = family.children
    for child in family.children:
        services.decisions.record(
            icpc.id, child.id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT)
        )
    services.decisions.record(
        rcpc.id,
        zoe.id,
        DecisionInput(
            Outcome.ENDS_CIN,
            "Priya",
            cin_meeting_date=date(2027, 3, 1),
            rationale="Safety goals met: Mum has kept the safety plan for three months.",
        ),
    )
    services.decisions.record(
        rcpc.id, lucja.id, DecisionInput(Outcome.CHANGE_OF_CATEGORY, "Priya", Category.EMOTIONAL)
    )
    services.decisions.record(
        rcpc.id, mateusz.id, DecisionInput(Outcome.PLAN_CONTINUES, "Priya", Category.NEGLECT)
    )
    [z] = services.decisions.plan_history(zoe.id)
    assert (z.started_on, z.ended_on, z.end_reason) == (ICPC_DAY, RCPC_DAY, "ends_cin")
    assert z.length_days(RCPC_DAY) == 91
    [lu] = services.decisions.plan_history(lucja.id)
    assert (lu.ended_on, lu.category) == (None, "E")
    [m] = services.decisions.plan_history(mateusz.id)
    assert (m.ended_on, m.category) == (None, "N")
    # The category before this review is still known, so "change" to the same category is refused.
    assert services.decisions.current_category(rcpc.id, lucja.id) is Category.NEGLECT
    with pytest.raises(ValidationError):
        services.decisions.record(
            rcpc.id, lucja.id, DecisionInput(Outcome.CHANGE_OF_CATEGORY, "Priya", Category.NEGLECT)
        )
    # Withdrawing the review decisions restores the history as it was after the initial conference.
    services.decisions.withdraw(rcpc.id, zoe.id)
    services.decisions.withdraw(rcpc.id, lucja.id)
    assert services.decisions.plan_history(zoe.id)[0].ended_on is None
    assert services.decisions.plan_history(lucja.id)[0].category == "N"


def test_step_down_cin_date_window(services, family, icpc):
    zoe = family.children[0]
    with pytest.raises(ValidationError) as err:
        services.decisions.record(
            icpc.id, zoe.id, DecisionInput(Outcome.NOT_MADE_CIN, "Priya", cin_meeting_date=date(2026, 12, 8))
        )
    assert "07 Dec 2026" in err.value.for_field("cin_meeting_date")[0]


def test_child_must_be_in_the_family(services, family, icpc):
    other = services.families.create_family(
        "T-6", "Dvořák family", [ChildInput("Ana", "Dvořák", date(2019, 1, 1))]
    )
    with pytest.raises(ValidationError):
        services.decisions.record(icpc.id, other.children[0].id, DecisionInput(Outcome.NOT_MADE_NFA, "Priya"))


def test_dissent_add_update_remove_restore(services, family, icpc):
    zoe = family.children[0]
    with pytest.raises(ValidationError) as err:
        services.decisions.add_dissent(icpc.id, zoe.id, DissentInput("", "", "", ""))
    assert {p.field for p in err.value.problems} == {"name", "agency", "view", "reason"}
    dissent = services.decisions.add_dissent(
        icpc.id,
        zoe.id,
        DissentInput("Siobhán Ó Súilleabháin", "School", "Child in need plan", "Attendance has improved"),
    )
    services.decisions.update_dissent(
        dissent.id,
        DissentInput(
            dissent.name, dissent.agency, dissent.view, dissent.reason, "Noted; reviewed at core group."
        ),
    )
    assert services.decisions.dissents(icpc.id, zoe.id)[0].chair_response == "Noted; reviewed at core group."
    removed = services.decisions.remove_dissent(dissent.id)
    assert services.decisions.dissents(icpc.id) == []
    services.decisions.restore_dissent(removed)
    [back] = services.decisions.dissents(icpc.id)
    assert back.id == dissent.id
    services.decisions.record(icpc.id, zoe.id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT))
    assert services.decisions.for_conference(icpc.id)[zoe.id].dissents == (back,)


def test_configurable_factor_list(services, family, icpc):
    zoe = family.children[0]
    services.policy.set_significant_factors(
        [Factor("domestic_abuse", "Domestic abuse"), Factor("local_x", "Local £ factor")]
    )
    assert [f.code for f in services.policy.significant_factors()] == ["domestic_abuse", "local_x"]
    services.decisions.record(
        icpc.id, zoe.id, DecisionInput(Outcome.NOT_MADE_NFA, "Priya", significant_factors=("local_x",))
    )
    with pytest.raises(ValidationError):
        services.decisions.record(
            icpc.id, zoe.id, DecisionInput(Outcome.NOT_MADE_NFA, "Priya", significant_factors=("cse",))
        )
    with pytest.raises(ValidationError):
        services.policy.set_significant_factors([])


def test_checks_combine_plan_steps_and_extra(services, family, icpc):
    from iro_desktop.domain.plan import PlanActionInput

    services.plans.add_action(icpc.id, PlanActionInput("Core group to meet"))
    pending = [PendingDecision(family.children[1].id, "Łucja Wójcik", Outcome.NOT_MADE_CIN)]
    checks = services.decisions.checks(
        icpc.id, pending, [Check("danger_statement", "A danger statement has no goal.")]
    )
    assert [c.kind for c in checks] == [
        "danger_statement",
        "step_down_cin_date",
        "action_owner",
        "action_date",
    ]


def test_decided_at_uses_the_injected_clock(services, family, icpc):
    fixed = datetime(2026, 11, 23, 11, 42)
    svc = DecisionService(services.ctx, now=lambda: fixed)
    decision = svc.record(icpc.id, family.children[0].id, DecisionInput(Outcome.NOT_MADE_NFA, "Priya"))
    assert decision.decided_at == fixed
    assert services.decisions.for_conference(icpc.id)[family.children[0].id].decided_at == fixed
