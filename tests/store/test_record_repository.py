"""Conference records and what they belong to, on a real migrated SQLite store."""

from __future__ import annotations

from iro_desktop.domain.record import RecordState
from iro_desktop.store.models import RecordRow
from iro_desktop.store.record_repository import RecordRepository
from tests.store.family_fixture import book_family


def test_no_record_until_added_and_add_gives_it_an_id(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        records = RecordRepository(uow.session)
        assert records.for_conference(booked.first_id) is None
        row = records.add(RecordRow(conference_id=booked.first_id, state=RecordState.IN_MEETING.value))
        assert row.id  # written at once
        assert records.for_conference(booked.first_id) is row
        uow.commit()
    with store.uow() as uow:
        found = RecordRepository(uow.session).for_conference(booked.first_id)
        assert found is not None
        assert found.state == RecordState.IN_MEETING.value
        assert RecordRepository(uow.session).for_conference(booked.second_id) is None


def test_all_by_conference_id_and_the_queue_leaves_out_distributed(store, services):
    one = book_family(services, "S-1")
    two = book_family(services, "S-2")
    states = {
        one.first_id: RecordState.DISTRIBUTED,
        one.second_id: RecordState.WITH_CLERK,
        two.first_id: RecordState.FINAL,
    }
    with store.uow() as uow:
        records = RecordRepository(uow.session)
        for conference_id, state in states.items():
            records.add(RecordRow(conference_id=conference_id, state=state.value))
        uow.commit()
    with store.uow() as uow:
        records = RecordRepository(uow.session)
        assert [r.conference_id for r in records.all()] == sorted(states)
        assert {r.conference_id for r in records.not_distributed()} == {one.second_id, two.first_id}


def test_records_for_a_family_only_its_own(store, services):
    one = book_family(services, "S-1")
    two = book_family(services, "S-2")
    with store.uow() as uow:
        records = RecordRepository(uow.session)
        for conference_id in (one.first_id, one.second_id, two.first_id):
            records.add(RecordRow(conference_id=conference_id, state=RecordState.IN_MEETING.value))
        uow.commit()
    with store.uow() as uow:
        records = RecordRepository(uow.session)
        assert {r.conference_id for r in records.for_family(one.family_id)} == {one.first_id, one.second_id}
        # a conference without a record is left out
        assert [r.conference_id for r in records.for_family(two.family_id)] == [two.first_id]
        assert records.for_family("no-such-family") == []


def test_conference_and_family_lookups(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        records = RecordRepository(uow.session)
        conference = records.conference(booked.second_id)
        assert conference is not None
        assert conference.family_id == booked.family_id
        family = records.family(booked.family_id)
        assert family is not None
        assert family.reference == "S-1"
        assert records.conference("gone") is None
        assert records.family("gone") is None


def test_flush_writes_pending_changes_in_the_unit_of_work(store, services):
    booked = book_family(services)
    with store.uow() as uow:
        records = RecordRepository(uow.session)
        row = records.add(RecordRow(conference_id=booked.first_id, state=RecordState.IN_MEETING.value))
        row.state = RecordState.WITH_CLERK.value
        records.flush()
        assert [r.conference_id for r in records.not_distributed()] == [booked.first_id]
        row.state = RecordState.DISTRIBUTED.value
        records.flush()
        assert records.not_distributed() == []
    with store.uow() as uow:  # never committed: nothing kept
        assert RecordRepository(uow.session).for_conference(booked.first_id) is None
