"""Edits kept through a server outage (issue 16 item 4), on both databases: applied in the order they
were made, through the ordinary services, none twice (an edit the server took before going away is
found by its key), and one refused on replay is reported, not dropped silently."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.outage import (
    MAP_ADD_ITEM,
    MAP_EDIT_TEXT,
    RECORD_MOVE,
    RECORD_SECTION,
    OutageService,
    open_journal,
)
from iro_desktop.store.applied_edits import applying
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from tests.conftest import TODAY
from tests.signing import with_key

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "R-1", "Brontë family", [ChildInput("Zoë", "Brontë", TODAY - timedelta(days=3000))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )


@pytest.fixture
def outage(services, tmp_path):
    journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
    yield OutageService(services, journal)
    journal.close()


def _texts(services, conference_id):
    return [i.text for i in services.mapping.board(conference_id).section(Section.DANGER)]


def test_with_the_server_there_an_edit_is_applied_at_once(services, outage, conference, backend):
    item_id = "0a6b3f3e-5a55-4c0e-9c61-000000000001"
    result = outage.submit(
        MAP_ADD_ITEM, conference_id=conference.id, section="danger", text="Dad's drinking", item_id=item_id
    )
    assert (result.applied, result.left) == (1, 0)
    assert _texts(services, conference.id) == ["Dad's drinking"]


def test_kept_edits_are_applied_in_order_and_none_twice(services, outage, conference, backend):
    item_id = "0a6b3f3e-5a55-4c0e-9c61-000000000002"
    # Made while the server could not be reached: kept, in order.
    added = outage.keep(
        MAP_ADD_ITEM, conference_id=conference.id, section="danger", text="Dad", item_id=item_id
    )
    outage.keep(MAP_EDIT_TEXT, item_id=item_id, text="Dad's drinking")
    outage.keep(MAP_EDIT_TEXT, item_id=item_id, text="Dad's drinking at weekends")
    # The server took the first, then went away before answering: it is still in the journal.
    with applying(added.key):
        services.mapping.add_item(conference.id, Section.DANGER, "Dad", item_id=item_id)
    result = outage.replay()
    assert (result.applied, result.already, result.left, result.refused) == (2, 1, 0, [])
    assert _texts(services, conference.id) == ["Dad's drinking at weekends"]  # one item, the last words
    assert outage.replay().applied == 0  # nothing left to apply again


def test_an_edit_refused_on_replay_is_reported_and_the_rest_applied(services, outage, conference, backend):
    with_key(services, CLERK)
    records = services.records
    records.save_section(conference.id, SectionKey.PURPOSE, "To decide whether Zoë needs a plan.")
    records.move(conference.id, RecordState.WITH_CLERK)
    records.move(conference.id, RecordState.AWAITING_APPROVAL)
    with_key(services, CHAIR)
    outage.keep(RECORD_MOVE, conference_id=conference.id, target="final")  # approval, kept
    outage.keep(RECORD_SECTION, conference_id=conference.id, key="purpose", text="Changed after approval")
    result = outage.replay()
    assert result.applied == 1
    assert len(result.refused) == 1
    entry, reason = result.refused[0]
    assert entry.operation == RECORD_SECTION
    assert reason
    assert records.get(conference.id).state is RecordState.FINAL
    assert len(records.get(conference.id).versions) == 1
    assert outage.waiting() == 0


def test_the_journal_opens_with_the_accounts_password_only(tmp_path):
    journal = open_journal(tmp_path, "u1", "priya", "correct horse battery")
    journal.keep(MAP_EDIT_TEXT, {"item_id": "i1", "text": "kept"})
    journal.close()
    again = open_journal(tmp_path, "u1", "priya", "correct horse battery")
    assert [e.arguments["text"] for e in again.entries()] == ["kept"]
    again.close()
    changed = open_journal(tmp_path, "u1", "priya", "a new password")  # changed on the server since
    assert changed.entries() == []
    changed.close()
    assert len(list(tmp_path.glob("outage-journal-u1-set-aside-*.db"))) == 1  # set aside, not lost


def test_signing_in_to_a_team_server_opens_the_accounts_journal_and_sqlite_needs_none(location, backend):
    from iro_desktop.services import sign_in
    from iro_desktop.services.outage import attach_journal
    from iro_desktop.store.cipher import is_plain_sqlite
    from iro_desktop.store.opening import open_store

    password = "correct horse battery"
    if backend == "sqlite":
        opened = sign_in.set_up(location, "ada", "Ada Okafor", password, Role.MANAGER)
    else:
        store = open_store(location)
        from iro_desktop.services.context import ServiceContext
        from iro_desktop.services.registry import Services

        Services.build(ServiceContext(uow=store.uow)).accounts.create_first_admin(
            "ada", "Ada Okafor", password, Role.MANAGER
        )
        store.close()
        opened = sign_in.sign_in(location, "ada", password)
    try:
        attach_journal(opened, "ada", password)
        if backend == "sqlite":
            assert opened.services.outage is None
            return
        assert opened.services.outage is not None
        path = journal_path(location.data_dir, opened.user.id)
        assert path.exists()
        assert not is_plain_sqlite(path)
    finally:
        opened.close()
