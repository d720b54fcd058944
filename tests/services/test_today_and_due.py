"""'Today and due' reads only what it can show; its answer is the same as computing every clock of
every conference (tests/services/today_reference.py), on a store with years of imported history."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from iro_desktop.domain.clocks import ClockState
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.family import ChildInput
from iro_desktop.services.demo import load_demo
from iro_desktop.services.registry import Services
from iro_desktop.store.models import ChildDecisionRow, ChildRow, ConferenceRow
from iro_desktop.store.opening import Store
from tests.conftest import TODAY
from tests.services.today_reference import today_and_due_everything

REVIEW_NOT_BOOKED = "Review conference not booked"


def _on(services: Services, day: date) -> Services:
    return Services.build(dataclasses.replace(services.ctx, today=lambda: day))


def _family(services: Services, reference: str, held: date) -> tuple[str, str]:
    """A family with one held initial conference and no review booked: (family id, conference id)."""
    family = services.families.create_family(
        reference, f"Family {reference}", [ChildInput("Zoë", "Brontë", date(2020, 1, 1))]
    )
    first = services.conferences.book(
        family.id, ConferenceType.INITIAL, held, clock_start=held - timedelta(days=14), lateness_reason="x"
    )
    services.conferences.mark_held(first.id, held, "x")
    return family.id, first.id


def _set(store: Store, conference_id: str, **values: object) -> None:
    with store.uow() as uow:
        row = uow.session.get(ConferenceRow, conference_id)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        uow.commit()


@pytest.fixture
def history(services: Services, store: Store, tmp_path: Path) -> Services:
    """Two years of generated history, the demo, and the awkward cases the query must get right."""
    from benchmarks.history_import import generate

    generate(tmp_path / "extract", years=2, seed=11, families_per_year=25)
    assert services.history_import.import_history(tmp_path / "extract").imported
    load_demo(services.ctx)
    # A later conference that was stood down does not count as booked: the review is still owed.
    _, owed = _family(services, "EDGE-1", TODAY - timedelta(days=120))
    family_id = services.conferences.get(owed).family_id
    later = services.conferences.book(
        family_id, ConferenceType.FIRST_REVIEW, TODAY - timedelta(days=30), previous_conference_id=owed,
        lateness_reason="x",
    )  # fmt: skip
    services.conferences.stand_down(later.id, "weather", "")
    # ... unless a review was held after it all the same (stood down but with a date held).
    _, met = _family(services, "EDGE-2", TODAY - timedelta(days=120))
    family_id = services.conferences.get(met).family_id
    odd = services.conferences.book(
        family_id, ConferenceType.FIRST_REVIEW, TODAY - timedelta(days=40), previous_conference_id=met,
        lateness_reason="x",
    )  # fmt: skip
    services.conferences.stand_down(odd.id, "weather", "")
    _set(store, odd.id, held_on=TODAY - timedelta(days=40))
    # Two conferences held the same day: neither is later than the other.
    family_id, twin = _family(services, "EDGE-3", TODAY - timedelta(days=100))
    other = services.conferences.book(
        family_id, ConferenceType.RECONVENED, TODAY - timedelta(days=100),
        clock_start=TODAY - timedelta(days=110),
    )  # fmt: skip
    services.conferences.mark_held(other.id, TODAY - timedelta(days=100))
    # A conference booked in the past and never marked held, and one due soon.
    family_id, _ = _family(services, "EDGE-4", TODAY - timedelta(days=300))
    services.conferences.book(
        family_id, ConferenceType.INITIAL, TODAY - timedelta(days=3), clock_start=TODAY - timedelta(days=20),
        lateness_reason="x",
    )  # fmt: skip
    _family(services, "EDGE-5", TODAY - timedelta(days=85))
    return services


DAYS = [TODAY, date(2025, 6, 2), date(2026, 2, 16), TODAY + timedelta(days=200)]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_fast_path_gives_the_same_overview_as_every_clock(history: Services, day: date) -> None:
    services = _on(history, day)
    fast = services.clocks.today_and_due()
    assert fast == today_and_due_everything(services.ctx)
    assert fast.out_of_timescale  # a real comparison, not two empty lists


def test_the_awkward_cases(history: Services) -> None:
    due = history.clocks.today_and_due()
    by_reference: dict[str, list[str]] = {}
    for item in due.out_of_timescale:
        by_reference.setdefault(item.family_reference, []).append(item.what)
    assert by_reference["EDGE-1"] == [REVIEW_NOT_BOOKED]
    assert "EDGE-2" not in by_reference
    assert by_reference["EDGE-3"] == [REVIEW_NOT_BOOKED, REVIEW_NOT_BOOKED]
    assert "Initial conference" in by_reference["EDGE-4"]
    (soon,) = [i for i in due.out_of_timescale if i.family_reference == "EDGE-5"]
    assert soon.state is ClockState.DUE_SOON
    assert {u.family_reference for u in due.upcoming} >= {"DEMO-0001"}


def test_only_what_can_be_shown_is_read(history: Services, store: Store) -> None:
    """Held conferences followed by a later one, with their record out, are not even loaded."""
    from iro_desktop.services.clocks import ON_PLAN_OUTCOMES
    from iro_desktop.store.repositories import ConferenceRepository

    with store.uow() as uow:
        total = len(list(uow.session.scalars(select(ConferenceRow.id))))
        found = ConferenceRepository(uow.session).for_today(ON_PLAN_OUTCOMES)
    assert 0 < len(found) < total / 3
    assert any(owed for _, owed in found)
    assert not all(owed for _, owed in found)


def test_a_review_is_not_owed_once_every_plan_has_ended(services: Services, store: Store) -> None:
    _, held = _family(services, "END-1", TODAY - timedelta(days=200))
    assert [i.what for i in services.clocks.today_and_due().out_of_timescale] == [REVIEW_NOT_BOOKED]
    with store.uow() as uow:
        child = uow.session.scalars(select(ChildRow)).one()
        uow.session.add(
            ChildDecisionRow(
                conference_id=held, child_id=child.id, outcome=Outcome.ENDS_NFA.value, decided_by="Chair",
                decided_at=datetime(2026, 5, 7),
            )
        )  # fmt: skip
        uow.commit()
    assert services.clocks.today_and_due().out_of_timescale == ()
    assert today_and_due_everything(services.ctx).out_of_timescale == ()
