"""Decisions, their factors and dissent, and plan periods with their links, on a real migrated SQLite
store."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.errors import NotFound
from iro_desktop.store.decision_repository import (
    DecisionRepository,
    DissentRepository,
    decision_to_domain,
    dissent_to_domain,
)
from iro_desktop.store.models import ChildDecisionRow, ChildPlanHistoryRow, DissentRow
from iro_desktop.store.plan_period_repository import PlanPeriodRepository, period_to_domain
from tests.store.family_fixture import FIRST_DAY, SECOND_DAY, book_family

AT = datetime(2026, 11, 23, 11, 30)


def _decision(conference_id: str, child_id: str, outcome: Outcome = Outcome.PLAN_MADE) -> ChildDecisionRow:
    return ChildDecisionRow(
        conference_id=conference_id,
        child_id=child_id,
        outcome=outcome.value,
        category=Category.NEGLECT.value,
        decided_by="Priya Raman",
        decided_at=AT,
    )


def _dissent(conference_id: str, child_id: str, name: str, order: int) -> DissentRow:
    return DissentRow(
        conference_id=conference_id,
        child_id=child_id,
        name=name,
        agency="Health",
        view="No plan",
        reason="Progress since the referral.",
        sort_order=order,
    )


def test_decision_found_per_conference_and_child(store, services):
    booked = book_family(services)
    zofia, oisin = booked.child_ids
    with store.uow() as uow:
        decisions = DecisionRepository(uow.session)
        assert decisions.find(booked.first_id, zofia) is None
        decisions.add(_decision(booked.first_id, zofia))
        decisions.add(_decision(booked.first_id, oisin, Outcome.NOT_MADE_CIN))
        decisions.add(_decision(booked.second_id, zofia, Outcome.PLAN_CONTINUES))
        uow.commit()
    with store.uow() as uow:
        decisions = DecisionRepository(uow.session)
        found = decisions.find(booked.first_id, oisin)
        assert found is not None
        assert found.outcome == Outcome.NOT_MADE_CIN.value
        assert {r.child_id for r in decisions.for_conference(booked.first_id)} == {zofia, oisin}
        assert [r.outcome for r in decisions.for_conference(booked.second_id)] == [
            Outcome.PLAN_CONTINUES.value
        ]
        decisions.remove(found)
        uow.commit()
    with store.uow() as uow:
        assert DecisionRepository(uow.session).find(booked.first_id, oisin) is None


def test_factors_are_replaced_in_the_order_given(store, services):
    booked = book_family(services)
    zofia = booked.child_ids[0]
    with store.uow() as uow:
        decisions = DecisionRepository(uow.session)
        row = decisions.add(_decision(booked.first_id, zofia))
        decisions.replace_factors(row, ["domestic_abuse", "parental_mental_health"])
        uow.commit()
    with store.uow() as uow:
        decisions = DecisionRepository(uow.session)
        row = decisions.find(booked.first_id, zofia)
        assert row is not None
        # a factor kept and a new one before it: the old rows go first, so the kept one is not duplicated
        decisions.replace_factors(row, ["neglect", "parental_mental_health"])
        uow.commit()
    with store.uow() as uow:
        row = DecisionRepository(uow.session).find(booked.first_id, zofia)
        assert row is not None
        decision = decision_to_domain(row)
        assert decision.significant_factors == ("neglect", "parental_mental_health")
        assert (decision.outcome, decision.category, decision.decided_at) == (
            Outcome.PLAN_MADE,
            Category.NEGLECT,
            AT,
        )


def test_child_lookup(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        decisions = DecisionRepository(uow.session)
        child = decisions.child(booked.child_ids[1])
        assert child is not None
        assert child.given_name == "Oisín"
        assert child.family_id == booked.family_id
        assert decisions.child("no-such-child") is None


def test_dissent_in_the_order_added_and_removed(store, services):
    booked = book_family(services)
    zofia, oisin = booked.child_ids
    with store.uow() as uow:
        dissents = DissentRepository(uow.session)
        dissents.add(_dissent(booked.first_id, zofia, "Second", 1))
        dissents.add(_dissent(booked.first_id, oisin, "First", 0))
        dissents.add(_dissent(booked.second_id, zofia, "Elsewhere", 0))
        uow.commit()
    with store.uow() as uow:
        dissents = DissentRepository(uow.session)
        rows = dissents.for_conference(booked.first_id)
        assert [r.name for r in rows] == ["First", "Second"]
        first = dissent_to_domain(rows[0])
        assert (first.child_id, first.agency, first.sort_order) == (oisin, "Health", 0)
        assert dissents.get(rows[1].id).name == "Second"
        dissents.remove(rows[1])
        removed_id = rows[1].id
        uow.commit()
    with store.uow() as uow:
        dissents = DissentRepository(uow.session)
        assert [r.name for r in dissents.for_conference(booked.first_id)] == ["First"]
        with pytest.raises(NotFound, match="dissent is no longer"):
            dissents.get(removed_id)


def _period(child_id: str, started_on: date, category: str = "N") -> ChildPlanHistoryRow:
    return ChildPlanHistoryRow(child_id=child_id, started_on=started_on, ended_on=None, category=category)


def test_a_started_period_is_linked_to_its_conference_and_open(store, services):
    booked = book_family(services)
    zofia, oisin = booked.child_ids
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        assert periods.open_period(zofia) is None
        periods.start(_period(zofia, FIRST_DAY), booked.first_id)
        uow.commit()
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        [(link, period)] = periods.links_for(booked.first_id, zofia)
        assert (link.started_conference_id, link.ended_conference_id, period.started_on) == (
            booked.first_id,
            None,
            FIRST_DAY,
        )
        assert periods.links_for(booked.second_id, zofia) == []
        assert periods.links_for(booked.first_id, oisin) == []
        opened = periods.open_period(zofia)
        assert opened is not None
        assert opened.id == period.id
        # the category going into the conference that started it: not this period
        assert periods.open_period(zofia, exclude_started_by=booked.first_id) is None
        assert periods.open_period(zofia, exclude_started_by=booked.second_id) is not None


def test_ending_and_recategorising_are_found_through_the_link(store, services):
    booked = book_family(services)
    zofia = booked.child_ids[0]
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        period = periods.start(_period(zofia, FIRST_DAY), booked.first_id)
        link = periods.link(period)  # the one start added, not a second
        link.recategorised_conference_id, link.category_before = booked.second_id, "N"
        period.category = "E"
        uow.commit()
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        [(link, period)] = periods.links_for(booked.second_id, zofia)
        assert (link.started_conference_id, link.category_before, period.category) == (
            booked.first_id,
            "N",
            "E",
        )
        period.ended_on, period.end_reason = SECOND_DAY, "ends_nfa"
        uow.commit()
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        assert periods.open_period(zofia) is None
        [entry] = [period_to_domain(r) for r in periods.for_child(zofia)]
        assert (entry.started_on, entry.ended_on, entry.category, entry.end_reason) == (
            FIRST_DAY,
            SECOND_DAY,
            "E",
            "ends_nfa",
        )


def test_link_is_added_for_a_period_without_one(store, services):
    booked = book_family(services)
    zofia = booked.child_ids[0]
    with store.uow() as uow:
        session = uow.session
        period = _period(zofia, date(2025, 1, 6))  # from an imported history: no conference started it
        session.add(period)
        uow.flush()
        periods = PlanPeriodRepository(session)
        assert periods.links_for(booked.first_id, zofia) == []
        periods.link(period).ended_conference_id = booked.first_id
        uow.commit()
    with store.uow() as uow:
        [(link, _period_row)] = PlanPeriodRepository(uow.session).links_for(booked.first_id, zofia)
        assert (link.started_conference_id, link.ended_conference_id, link.category_before) == (
            None,
            booked.first_id,
            "",
        )


def test_periods_oldest_first_and_removed_with_their_links(store, services):
    booked = book_family(services)
    zofia = booked.child_ids[0]
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        later = periods.start(_period(zofia, SECOND_DAY), booked.second_id)
        earlier = periods.start(_period(zofia, FIRST_DAY), booked.first_id)
        earlier.ended_on = date(2027, 1, 4)
        uow.commit()
        later_id = later.id
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        assert [p.started_on for p in periods.for_child(zofia)] == [FIRST_DAY, SECOND_DAY]
        opened = periods.open_period(zofia)
        assert opened is not None
        assert opened.id == later_id
        [(_link, period)] = periods.links_for(booked.second_id, zofia)
        periods.remove(period)
        periods.flush_and_expire()
        assert periods.links_for(booked.second_id, zofia) == []
        uow.commit()
    with store.uow() as uow:
        periods = PlanPeriodRepository(uow.session)
        assert [p.started_on for p in periods.for_child(zofia)] == [FIRST_DAY]
        assert periods.links_for(booked.second_id, zofia) == []
        assert len(periods.links_for(booked.first_id, zofia)) == 1
