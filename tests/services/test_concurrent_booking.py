"""Two desktops changing the same conference's booking details (issue 16 item 3), on both databases: a
different change of the same detail is refused with both; a change of another detail is merged in."""

from __future__ import annotations

import pytest

from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.store.family_fixture import book_family

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)


def _desktop(store, user: User) -> Services:  # type: ignore[no-untyped-def]
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(user)))


def _details(conference, **changes):  # type: ignore[no-untyped-def]
    values = {**conference.details(), **changes}
    return (
        values["scheduled_date"],
        values["start_time"],
        values["venue"],
        values["chair_name"],
        values["clerk_name"],
        values["interpreter_language"],
        values["lateness_reason"],
    )


def test_booking_details_merge_other_fields_and_refuse_the_same_one(store, services):
    booked = book_family(services, "BK-1")
    one, two = _desktop(store, CHAIR), _desktop(store, CHAIR)
    shown = one.conferences.get(booked.first_id)
    read = ReadAs(shown.version, shown.details())
    two.conferences.update_details(booked.first_id, *_details(shown, venue="Room 2, Civic Centre"), read=read)
    mine = one.conferences.update_details(
        booked.first_id, *_details(shown, clerk_name="Sam Dvořák"), read=read
    )
    assert (mine.venue, mine.clerk_name) == ("Room 2, Civic Centre", "Sam Dvořák")
    with pytest.raises(EditConflict) as caught:
        two.conferences.update_details(booked.first_id, *_details(shown, venue="Online"), read=read)
    (conflict,) = caught.value.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs) == ("venue", "Online", "Room 2, Civic Centre")
    assert caught.value.version == mine.version
    assert services.conferences.get(booked.first_id).venue == "Room 2, Civic Centre"
