"""What a conference's documents read from a real migrated store: the record, people by id, plan starts."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.store.document_repository import DocumentRepository, record_for
from tests.store.seed import HELD, seed


@pytest.fixture
def seeded(store):
    return seed(store)


def test_the_record_with_its_sections_and_recipients_in_order(store, seeded):
    with store.uow() as uow:
        repo = DocumentRepository(uow.session)
        record = repo.record(seeded.held)
        assert record is not None
        assert record.state == "distributed"
        assert [s.text for s in record.sections] == ["Why we met"]
        assert [r.name for r in record.recipients] == ["Anna Wójcik", "PC Dana Reed", "Not yet sent"]
        assert repo.record(seeded.other) is None
        assert record_for(uow.session, seeded.held) is record


def test_people_by_id_leave_out_those_not_in_the_register(store, seeded):
    officer, mother = seeded.people["PC Dana Reed"], seeded.people["Anna Wójcik"]
    with store.uow() as uow:
        found = DocumentRepository(uow.session).people([officer, "no-such-person", mother, officer])
        assert {pid: row.name for pid, row in found.items()} == {
            officer: "PC Dana Reed",
            mother: "Anna Wójcik",
        }
        assert found[officer].contact == "01234 567"
        assert found[officer].agency is not None
        assert found[officer].agency.name == "Police"
        assert DocumentRepository(uow.session).people([]) == {}


def test_people_by_id_reads_any_number_of_ids(store, seeded):
    ids = [f"missing-{n}" for n in range(1200)] + [seeded.people["Anna Wójcik"]]
    with store.uow() as uow:
        assert list(DocumentRepository(uow.session).people(ids)) == [seeded.people["Anna Wójcik"]]


def test_earliest_open_plan_start(store, seeded):
    zoe, lucja, aoife = seeded.children
    with store.uow() as uow:
        repo = DocumentRepository(uow.session)
        assert repo.earliest_open_plan_start([zoe, lucja], HELD) == HELD
        assert repo.earliest_open_plan_start([lucja], HELD) is None  # her plan ended
        assert repo.earliest_open_plan_start([zoe], date(2026, 3, 1)) is None  # not started yet then
        assert repo.earliest_open_plan_start([], HELD) is None
        assert repo.earliest_open_plan_start([aoife], HELD) is None
