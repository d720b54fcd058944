"""The plan's header and actions on a real migrated SQLite store."""

from __future__ import annotations

import pytest

from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.plan import ActionStatus
from iro_desktop.store.models import PlanActionRow, PlanHeaderRow
from iro_desktop.store.plan_repository import PlanActionRepository, PlanHeaderRepository, action_to_domain
from tests.store.family_fixture import book_family


def _action(conference_id: str, what: str, order: int, **extra) -> PlanActionRow:  # type: ignore[no-untyped-def]
    return PlanActionRow(conference_id=conference_id, what=what, sort_order=order, **extra)


def test_actions_come_back_in_plan_order_per_conference(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        actions = PlanActionRepository(uow.session)
        actions.add(_action(booked.first_id, "Third", 2))
        actions.add(_action(booked.first_id, "First", 0))
        actions.add(_action(booked.second_id, "Elsewhere", 0))
        # add writes at once: the same unit of work reads it back in its place
        assert [r.what for r in actions.for_conference(booked.first_id)] == ["First", "Third"]
        actions.add(_action(booked.first_id, "Second", 1, who_person="Ana Łukasik", status="in_progress"))
        uow.commit()
    with store.uow() as uow:
        rows = PlanActionRepository(uow.session).for_conference(booked.first_id)
        assert [r.what for r in rows] == ["First", "Second", "Third"]
        second = action_to_domain(rows[1])
        assert (second.who_person, second.status, second.sort_order) == (
            "Ana Łukasik",
            ActionStatus.IN_PROGRESS,
            1,
        )
        assert [r.what for r in PlanActionRepository(uow.session).for_conference(booked.second_id)] == [
            "Elsewhere"
        ]


def test_ties_in_order_are_settled_by_id(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        actions = PlanActionRepository(uow.session)
        for what in ("b", "a", "c"):
            actions.add(_action(booked.first_id, what, 0))
        uow.commit()
    with store.uow() as uow:
        rows = PlanActionRepository(uow.session).for_conference(booked.first_id)
        assert [r.id for r in rows] == sorted(r.id for r in rows)


def test_get_and_remove_an_action(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        action_id = PlanActionRepository(uow.session).add(_action(booked.first_id, "Visit weekly", 0)).id
        uow.commit()
    with store.uow() as uow:
        actions = PlanActionRepository(uow.session)
        assert actions.get(action_id).what == "Visit weekly"
        actions.remove(actions.get(action_id))
        uow.commit()
    with store.uow() as uow, pytest.raises(NotFound, match="no longer in the plan"):
        PlanActionRepository(uow.session).get(action_id)


def test_header_is_none_until_added(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        headers = PlanHeaderRepository(uow.session)
        assert headers.get(booked.first_id) is None
        headers.add(PlanHeaderRow(conference_id=booked.first_id, bottom_lines="No contact — at all."))
        uow.commit()
    with store.uow() as uow:
        header = PlanHeaderRepository(uow.session).get(booked.first_id)
        assert header is not None
        assert header.bottom_lines == "No contact — at all."
        assert PlanHeaderRepository(uow.session).get(booked.second_id) is None
