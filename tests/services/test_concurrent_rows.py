"""Issue 16 item 3, the rows that were still last-write-wins, on both databases: how a person took part,
when they joined and left, the interpreter, the supporter, the invited-on and report-received dates, a
dissent and an advocacy answer. A stale write of the same field is refused with both versions and
nothing stored; a change of another field since is merged in; keeping mine, based on theirs, applies."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

import pytest

from iro_desktop.domain.attendance import AdvocacyAnswer, Attendance, Invitation, TookPart
from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.people import PersonInput, Role
from iro_desktop.domain.roles import Role as UserRole
from iro_desktop.domain.roles import User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.store.family_fixture import FIRST_DAY, book_family

CHAIR = User("u1", "priya", "Priya Raman", UserRole.CHAIR)
CHAIR_TWO = User("u4", "ola", "Ola Nowak", UserRole.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", UserRole.CLERK)
FIELDS = (
    "attendance",
    "took_part",
    "joined_at",
    "left_at",
    "interpreter_language",
    "interpreter_not_family",
    "supports_person_id",
    "invited_on",
    "report_received_on",
)


def _desktop(store, user: User) -> Services:  # type: ignore[no-untyped-def]
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(user)))


def _read(invitation: Invitation) -> ReadAs:
    """What the list on a desktop shows for the person."""
    return ReadAs(invitation.version, {name: getattr(invitation, name) for name in FIELDS})


def _listed(store, services, role: Role = Role.PARENT, name: str = "Ewa Nowak"):  # type: ignore[no-untyped-def]
    booked = book_family(services, "CR-1")
    person = services.people.add_person(PersonInput(name, role, family_id=booked.family_id))
    invitation = services.attendance.invite(booked.first_id, person.id)
    return booked, invitation, _desktop(store, CHAIR), _desktop(store, CLERK)


def _at(hour: int, minute: int) -> datetime:
    return datetime(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day, hour, minute)


def test_a_different_way_of_taking_part_since_is_refused_with_both(store, services):
    _, invitation, chair, clerk = _listed(store, services)
    read = _read(invitation)
    theirs = clerk.attendance.set_took_part(invitation.id, TookPart.PHONE, read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_took_part(invitation.id, TookPart.VIDEO, read=read)
    (conflict,) = caught.value.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs) == ("took_part", TookPart.VIDEO, TookPart.PHONE)
    assert caught.value.version == theirs.version
    assert services.attendance.get(invitation.id).took_part is TookPart.PHONE
    kept = chair.attendance.set_took_part(
        invitation.id,
        TookPart.VIDEO,
        read=ReadAs(caught.value.version, {**read.values, **caught.value.theirs()}),
    )
    assert (kept.took_part, kept.attendance) == (TookPart.VIDEO, Attendance.ATTENDED)


def test_taking_part_over_apologies_marked_since_is_refused(store, services):
    """Taking part marks the person attended: over someone else's apologies, that is their mark too."""
    _, invitation, chair, clerk = _listed(store, services)
    read = _read(invitation)
    clerk.attendance.set_attendance(invitation.id, Attendance.APOLOGIES, read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_took_part(invitation.id, TookPart.IN_ROOM, read=read)
    assert [(c.field, c.theirs) for c in caught.value.conflicts] == [("attendance", Attendance.APOLOGIES)]
    stored = services.attendance.get(invitation.id)
    assert (stored.took_part, stored.attendance) == (TookPart.NOT_RECORDED, Attendance.APOLOGIES)


def test_a_different_join_time_since_is_refused_and_the_other_time_merged(store, services):
    _, invitation, chair, clerk = _listed(store, services)
    read = _read(invitation)
    theirs = clerk.attendance.set_times(invitation.id, _at(10, 5), None, read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_times(invitation.id, _at(10, 0), _at(11, 0), read=read)
    assert [(c.field, c.mine, c.theirs) for c in caught.value.conflicts] == [
        ("joined_at", _at(10, 0), _at(10, 5))
    ]
    assert services.attendance.get(invitation.id).left_at is None  # nothing stored
    # Based on what the clerk stored: the chair only adds when they left; the clerk's join time stays.
    again = ReadAs(theirs.version, _read(theirs).values)
    merged = chair.attendance.set_times(invitation.id, _at(10, 5), _at(11, 0), read=again)
    assert (merged.joined_at, merged.left_at) == (_at(10, 5), _at(11, 0))
    # The clerk corrects the leave time while the chair corrects the join time, both from the same read.
    read = _read(merged)
    clerk.attendance.set_times(invitation.id, _at(10, 5), _at(11, 10), read=read)
    both = chair.attendance.set_times(invitation.id, _at(10, 2), _at(11, 0), read=read)
    assert (both.joined_at, both.left_at) == (_at(10, 2), _at(11, 10))


def test_the_interpreter_language_stale_is_refused_and_another_field_merged(store, services):
    _, invitation, chair, clerk = _listed(store, services, Role.INTERPRETER, "Ana Pereira")
    read = _read(invitation)
    clerk.attendance.set_interpreter(invitation.id, "Portuguese", True, read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_interpreter(invitation.id, "Polish", True, read=read)
    assert [(c.field, c.mine, c.theirs) for c in caught.value.conflicts] == [
        ("interpreter_language", "Polish", "Portuguese")
    ]
    assert "Ana Pereira" in caught.value.label
    assert services.attendance.get(invitation.id).interpreter_language == "Portuguese"
    # The clerk notes they joined by video while the chair corrects the language: both kept.
    fresh = _read(services.attendance.get(invitation.id))
    clerk.attendance.set_took_part(invitation.id, TookPart.VIDEO, read=fresh)
    stored = chair.attendance.set_interpreter(invitation.id, "Portuguese (Brazil)", True, read=fresh)
    assert (stored.interpreter_language, stored.took_part) == ("Portuguese (Brazil)", TookPart.VIDEO)


def test_a_different_parent_supported_since_is_refused(store, services):
    booked, advocate, chair, clerk = _listed(store, services, Role.FAMILY_NETWORK, "Kim Lee")
    parents = [
        services.people.add_person(PersonInput(name, Role.PARENT, family_id=booked.family_id))
        for name in ("Ewa Nowak", "Piotr Nowak")
    ]
    for parent in parents:
        services.attendance.invite(booked.first_id, parent.id)
    read = _read(services.attendance.get(advocate.id))
    clerk.attendance.set_supports(advocate.id, parents[0].id, read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_supports(advocate.id, parents[1].id, read=read)
    assert [(c.mine, c.theirs) for c in caught.value.conflicts] == [(parents[1].id, parents[0].id)]
    assert services.attendance.get(advocate.id).supports_person_id == parents[0].id
    same = chair.attendance.set_supports(advocate.id, parents[0].id, read=read)  # the same choice
    assert same.supports_person_id == parents[0].id


def test_the_report_and_invitation_dates_stale_are_refused_with_both(store, services):
    _, invitation, chair, clerk = _listed(store, services)
    read = _read(invitation)
    clerk.attendance.set_report_received(invitation.id, date(2026, 11, 20), read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_report_received(invitation.id, date(2026, 11, 19), read=read)
    assert [(c.field, c.theirs) for c in caught.value.conflicts] == [
        ("report_received_on", date(2026, 11, 20))
    ]
    assert services.attendance.get(invitation.id).report_received_on == date(2026, 11, 20)
    # The invited-on date, from the same (stale) read: the report date changed since is another field.
    moved = clerk.attendance.set_invited_on(invitation.id, date(2026, 11, 16), read=read)
    with pytest.raises(EditConflict) as caught:
        chair.attendance.set_invited_on(invitation.id, date(2026, 11, 17), read=read)
    assert caught.value.version == moved.version
    assert services.attendance.get(invitation.id).invited_on == date(2026, 11, 16)
    kept = chair.attendance.set_invited_on(
        invitation.id, date(2026, 11, 17), read=ReadAs(moved.version, _read(moved).values)
    )
    assert (kept.invited_on, kept.report_received_on) == (date(2026, 11, 17), date(2026, 11, 20))


def test_a_dissent_changed_the_same_way_is_refused_and_other_fields_merged(store, services):
    booked = book_family(services, "CR-2")
    one, two = _desktop(store, CHAIR), _desktop(store, CHAIR_TWO)
    dissent = one.decisions.add_dissent(
        booked.first_id,
        booked.child_ids[0],
        DissentInput("Dr Ngozi Eze", "Health", "Child in need", "Improving"),
    )
    read = ReadAs(dissent.version, asdict(dissent.as_input()))
    theirs = two.decisions.update_dissent(
        dissent.id, DissentInput("Dr Ngozi Eze", "Health", "Child in need", "Improving", "Noted."), read=read
    )
    mine = one.decisions.update_dissent(
        dissent.id, DissentInput("Dr Ngozi Eze", "Health", "No plan", "Improving"), read=read
    )
    assert (mine.view, mine.chair_response) == ("No plan", "Noted.")  # both kept
    with pytest.raises(EditConflict) as caught:
        two.decisions.update_dissent(
            dissent.id,
            DissentInput("Dr Ngozi Eze", "Health", "Child in need", "Improving", "Heard."),
            read=read,
        )
    assert [(c.field, c.mine, c.theirs) for c in caught.value.conflicts] == [
        ("chair_response", "Heard.", "Noted.")
    ]
    assert caught.value.version == mine.version > theirs.version
    assert "Dr Ngozi Eze" in caught.value.label
    (stored,) = services.decisions.dissents(booked.first_id)
    assert (stored.view, stored.chair_response) == ("No plan", "Noted.")


def test_an_advocacy_answer_stale_is_refused_and_a_note_merged(store, services):
    booked = book_family(services, "CR-3")
    child = booked.child_ids[0]
    chair, clerk = _desktop(store, CHAIR), _desktop(store, CLERK)
    clerk.conferences.set_advocacy(booked.first_id, child, AdvocacyAnswer.ACCEPTED, read=ReadAs(0))
    with pytest.raises(EditConflict) as caught:  # both answering first, differently
        chair.conferences.set_advocacy(booked.first_id, child, AdvocacyAnswer.DECLINED, read=ReadAs(0))
    assert [(c.field, c.theirs) for c in caught.value.conflicts] == [("answer", AdvocacyAnswer.ACCEPTED)]
    assert "Zofia Kowalczyk" in caught.value.label
    (shown,) = services.conferences.advocacy(booked.first_id)
    assert shown.answer is AdvocacyAnswer.ACCEPTED
    read = ReadAs(shown.version, {"answer": shown.answer, "note": shown.note})
    clerk.conferences.set_advocacy(booked.first_id, child, shown.answer, "Advocate: Mo Ahmed", read=read)
    stored = chair.conferences.set_advocacy(booked.first_id, child, AdvocacyAnswer.DECLINED, "", read=read)
    assert (stored.answer, stored.note) == (AdvocacyAnswer.DECLINED, "Advocate: Mo Ahmed")
    assert stored.version == shown.version + 2
