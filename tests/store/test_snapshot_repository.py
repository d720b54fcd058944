"""The rows a locked version is made of, read from a real migrated store in a stable order."""

from __future__ import annotations

import pytest

from iro_desktop.domain.errors import NotFound
from iro_desktop.store.models import DissentRow, InvitationRow, MapItemRow, PlanActionRow, ScaleScoreRow
from iro_desktop.store.snapshot_repository import SnapshotRepository
from tests.store.seed import seed


@pytest.fixture
def seeded(store):
    return seed(store)


def test_the_conference_with_its_family(store, seeded):
    with store.uow() as uow:
        repo = SnapshotRepository(uow.session)
        conference, family = repo.conference(seeded.held)
        assert (conference.id, family.id, family.reference) == (seeded.held, seeded.families[0], "REF-1")
        with pytest.raises(NotFound):
            repo.conference("no-such-conference")


def test_rows_come_in_the_order_named_not_insertion_order(store, seeded):
    with store.uow() as uow:
        repo = SnapshotRepository(uow.session)
        dissents = repo.rows(DissentRow, seeded.held, ["sort_order", "id"])
        assert [d.name for d in dissents] == ["Dissenter 0", "Dissenter 1"]
        invitations = repo.rows(InvitationRow, seeded.held, ["person_id", "id"])
        assert [i.person_id for i in invitations] == sorted(i.person_id for i in invitations)
        assert len(invitations) == 4
        assert repo.rows(PlanActionRow, seeded.held, ["sort_order", "id"]) == []
        assert repo.rows(DissentRow, seeded.other, ["sort_order", "id"]) == []


def test_decisions_by_child_with_their_factors(store, seeded):
    with store.uow() as uow:
        decisions = SnapshotRepository(uow.session).decisions(seeded.held)
        assert [d.child_id for d in decisions] == sorted(seeded.children[:2])
        assert all([f.factor_code for f in d.factors] == ["a", "b"] for d in decisions)


def test_record_header_and_plan_links(store, seeded):
    open_plan, _ended = seeded.periods
    with store.uow() as uow:
        repo = SnapshotRepository(uow.session)
        assert repo.record(seeded.held) is not None
        assert repo.record(seeded.review) is None
        assert repo.plan_header(seeded.held) is None
        links = repo.plan_links(seeded.held)
        assert [(link.history_id, period.id) for link, period in links] == [(open_plan, open_plan)]
        assert repo.plan_links(seeded.review) == []


def test_rows_come_in_code_point_order_with_none_first_on_every_database(store, seeded):
    """A server's collation sorts "dad" before "Mum" and NULL last: a fingerprint's rows must not follow it
    (the same locked version checked on SQLite and on PostgreSQL, or carried between them, issue 16)."""
    participants = ["Ó Briain", "dad", "Mum", "Zofia", "mum", "de-Souza", "deSouza", "Ángel"]
    with store.uow() as uow:
        danger = MapItemRow(conference_id=seeded.held, section="danger", text="Fictional danger")
        uow.session.add(danger)
        uow.session.flush()
        for danger_id in (danger.id, None):
            for name in participants:
                uow.session.add(
                    ScaleScoreRow(conference_id=seeded.held, danger_id=danger_id, participant=name, score=5)
                )
        uow.commit()
    with store.uow() as uow:
        rows = SnapshotRepository(uow.session).rows(ScaleScoreRow, seeded.held, ["danger_id", "participant"])
        got = [(row.danger_id is None, row.participant) for row in rows]
    in_code_points = sorted(participants)
    assert got == [(True, name) for name in in_code_points] + [(False, name) for name in in_code_points]
