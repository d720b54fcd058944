"""Two desktops scoring the same participant on the same danger statement (issue 16 item 3), on both
databases: a different score is refused with both and nothing stored; a reason added meanwhile is kept."""

from __future__ import annotations

import pytest

from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.store.family_fixture import book_family

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)


def _desktop(store, user: User) -> Services:  # type: ignore[no-untyped-def]
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(user)))


def _scored(store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "SC-1")
    chair, clerk = _desktop(store, CHAIR), _desktop(store, CLERK)
    danger = chair.mapping.add_item(booked.first_id, Section.DANGER, "Dad may hit Zofia when drunk")
    first, _ = chair.mapping.set_scale(booked.first_id, danger.id, "Mum", 4)
    read = ReadAs(first.version, {"score": first.score, "reason": first.reason})
    return booked.first_id, danger.id, chair, clerk, first, read


def _stored(services, conference_id):  # type: ignore[no-untyped-def]
    (scale,) = services.mapping.board(conference_id).scales
    return scale


def test_a_different_score_for_the_same_participant_is_refused_with_both(store, services):
    conference_id, danger_id, chair, clerk, first, read = _scored(store, services)
    theirs, _ = clerk.mapping.set_scale(conference_id, danger_id, "Mum", 6, read=read)
    with pytest.raises(EditConflict) as caught:
        chair.mapping.set_scale(conference_id, danger_id, "Mum", 3, read=read)
    (conflict,) = caught.value.conflicts
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == ("score", 4, 3, 6)
    assert caught.value.version == theirs.version
    assert "Mum" in caught.value.label
    assert _stored(services, conference_id).score == 6


def test_a_reason_added_meanwhile_is_kept_under_a_new_score(store, services):
    conference_id, danger_id, chair, clerk, first, read = _scored(store, services)
    clerk.mapping.set_scale(conference_id, danger_id, "Mum", 4, "Dad has moved out", read=read)
    mine, _ = chair.mapping.set_scale(conference_id, danger_id, "Mum", 5, read=read)
    assert (mine.score, mine.reason) == (5, "Dad has moved out")
    stored = _stored(services, conference_id)
    assert (stored.score, stored.reason, stored.version) == (5, "Dad has moved out", first.version + 2)


def test_a_first_score_from_both_desktops_is_a_conflict(store, services):
    booked = book_family(services, "SC-2")
    chair, clerk = _desktop(store, CHAIR), _desktop(store, CLERK)
    danger = chair.mapping.add_item(booked.first_id, Section.DANGER, "Dad may hit Zofia when drunk")
    clerk.mapping.set_scale(booked.first_id, danger.id, "Gran", 7, read=ReadAs(0))
    with pytest.raises(EditConflict):
        chair.mapping.set_scale(booked.first_id, danger.id, "gran", 2, read=ReadAs(0))
    assert _stored(services, booked.first_id).score == 7
