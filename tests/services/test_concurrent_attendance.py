"""Two desktops marking the same person's attendance (issue 16 item 3), on both databases: a different
choice since is refused with both and nothing stored; the same choice is stored once."""

from __future__ import annotations

import pytest

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.people import PersonInput, Role
from iro_desktop.domain.roles import Role as UserRole
from iro_desktop.domain.roles import User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.store.family_fixture import book_family

CHAIR = User("u1", "priya", "Priya Raman", UserRole.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", UserRole.CLERK)


def _desktop(store, user: User) -> Services:  # type: ignore[no-untyped-def]
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(user)))


def _invited(store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "AT-1")
    mum = services.people.add_person(PersonInput("Ewa Nowak", Role.PARENT, family_id=booked.family_id))
    invitation = services.attendance.invite(booked.first_id, mum.id)
    read = ReadAs(invitation.version, {"attendance": invitation.attendance, "exclusion_reason": ""})
    return invitation, read, _desktop(store, CHAIR), _desktop(store, CLERK)


def test_a_different_mark_since_is_refused_with_both(store, services):
    invitation, read, chair, clerk = _invited(store, services)
    theirs = clerk.attendance.set_attendance(invitation.id, Attendance.APOLOGIES, read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_attendance(invitation.id, Attendance.ATTENDED, read=read)
    (conflict,) = caught.value.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs) == (
        "attendance",
        Attendance.ATTENDED,
        Attendance.APOLOGIES,
    )
    assert caught.value.version == theirs.version
    assert "Ewa Nowak" in caught.value.label
    assert services.attendance.get(invitation.id).attendance is Attendance.APOLOGIES
    kept = chair.attendance.set_attendance(
        invitation.id,
        Attendance.ATTENDED,
        read=ReadAs(caught.value.version, {**read.values, **caught.value.theirs()}),
    )
    assert kept.attendance is Attendance.ATTENDED


def test_the_same_mark_from_both_is_stored_once(store, services):
    invitation, read, chair, clerk = _invited(store, services)
    clerk.attendance.set_attendance(invitation.id, Attendance.ATTENDED, read=read)
    same = chair.attendance.set_attendance(invitation.id, Attendance.ATTENDED, read=read)
    assert same.attendance is Attendance.ATTENDED
    assert services.attendance.get(invitation.id).attendance is Attendance.ATTENDED
