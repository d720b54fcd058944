"""The guard keeps each record's final/approved state between edits (services/record_gates.py) and forgets
it from the typed changes of any commit in the process, never by time: a record made final elsewhere,
through another context or on another thread, refuses the very next edit."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordLocked, RecordState, SectionKey
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services import guards
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.signing import with_key

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "R-12", "Wójcik family", [ChildInput("Łucja", "Wójcik", date(2019, 5, 1))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=1), clock_start=TODAY - timedelta(days=10)
    )


@pytest.fixture
def reads(monkeypatch):
    """How many times the guard read a record's state from the store."""
    count = [0]
    read = guards.record_gate

    def counting(session, conference_id):
        count[0] += 1
        return read(session, conference_id)

    monkeypatch.setattr(guards, "record_gate", counting)
    return count


def _other_context(store, user: User) -> Services:
    """A second set of services on the same store in this process (as the command line builds)."""
    other = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn()))
    with_key(other, user)
    return other


def _to_final(services: Services, conference_id: str) -> None:
    with_key(services, CLERK)
    services.records.save_section(conference_id, SectionKey.PURPOSE, "To decide whether Łucja needs a plan.")
    services.records.move(conference_id, RecordState.WITH_CLERK)
    services.records.move(conference_id, RecordState.AWAITING_APPROVAL)
    with_key(services, CHAIR)
    services.records.move(conference_id, RecordState.FINAL)


def test_edits_read_the_record_state_once_until_a_record_is_written(services, conference, reads):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Łucja could be hurt")
    for n in range(20):
        services.mapping.edit_text(item.id, f"Łucja could be hurt {n}")
        services.mapping.move_item(item.id, Section.DANGER, 0)
    assert reads[0] == 1
    assert services.mapping.board(conference.id).items[0].text == "Łucja could be hurt 19"
    # Writing the record (its summary) forgets it: the next edit reads the state again.
    services.records.save_section(conference.id, SectionKey.PURPOSE, "To decide.")
    services.mapping.edit_text(item.id, "Łucja could be hurt again")
    assert reads[0] == 2


def test_a_record_made_final_through_another_context_refuses_the_next_edit(services, store, conference):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Łucja could be hurt")
    services.mapping.edit_text(item.id, "Łucja could be hurt when adults fight")  # state kept: open
    assert len(services.ctx.journal.gates) == 1
    _to_final(_other_context(store, CHAIR), conference.id)
    assert len(services.ctx.journal.gates) == 0
    with pytest.raises(RecordLocked, match="final"):
        services.mapping.edit_text(item.id, "Changed after the lock")
    with pytest.raises(RecordLocked):
        services.mapping.add_item(conference.id, Section.STRENGTHS, "New strength")
    assert [i.text for i in services.mapping.board(conference.id).items] == [
        "Łucja could be hurt when adults fight"
    ]


def test_a_record_made_final_on_another_thread_refuses_the_next_edit(services, conference):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Łucja could be hurt")
    services.mapping.edit_text(item.id, "Łucja could be hurt when adults fight")
    failed: list[BaseException] = []

    def finalise() -> None:
        try:
            _to_final(services, conference.id)
        except BaseException as exc:  # noqa: BLE001 - told to the test below
            failed.append(exc)

    worker = threading.Thread(target=finalise)
    worker.start()
    worker.join()
    assert failed == []
    with pytest.raises(RecordLocked):
        services.mapping.edit_text(item.id, "Changed after the lock")


def test_approval_refuses_the_clerk_at_once_and_a_new_sign_in_is_checked(services, conference):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Łucja could be hurt")
    with_key(services, CLERK)
    services.mapping.edit_text(item.id, "Łucja could be hurt when adults fight")  # before approval: yes
    _to_final(services, conference.id)
    with_key(services, CLERK)
    with pytest.raises(RecordLocked):
        services.mapping.edit_text(item.id, "The clerk again")
    services.ctx.session.user = None  # signed out: refused before the record is asked about
    with pytest.raises(PermissionDenied):
        services.mapping.edit_text(item.id, "Nobody")
