"""A conference file's reads and writes on a real migrated store, and the hand-off snapshots."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from iro_desktop.store.conference_file_repository import ConferenceFileRepository, HandoffRepository
from iro_desktop.store.models import (
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    DissentRow,
    FamilyRow,
    HandoffSnapshotRow,
    InvitationRow,
    PlanHeaderRow,
    RecipientRow,
)
from tests.store.seed import seed


@pytest.fixture
def seeded(store):
    return seed(store)


def _count(store, model, *where) -> int:  # type: ignore[no-untyped-def]
    with store.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_choices_latest_first_with_the_family_name(store, seeded):
    with store.uow() as uow:
        choices = ConferenceFileRepository(uow.session).choices()
    assert choices == [
        (seeded.review, "first_review", date(2026, 6, 1), "Wójcik"),
        (seeded.other, "initial", date(2026, 4, 20), "Ní Bhriain"),
        (seeded.held, "initial", date(2026, 3, 2), "Wójcik"),
    ]


def test_reads_of_a_conference_and_what_it_shares(store, seeded):
    f1, f2 = seeded.families
    zoe, lucja, aoife = seeded.children
    officer = seeded.people["PC Dana Reed"]
    with store.uow() as uow:
        repo = ConferenceFileRepository(uow.session)
        assert len(repo.invitations(seeded.held)) == 4
        assert {p.name for p in repo.people(f1, {officer})} == {
            "Anna Wójcik",
            "Piotr Nowak",
            "Ewa Wójcik",
            "PC Dana Reed",
        }
        assert {p.name for p in repo.people(f2, [])} == {"Siobhán Ní Bhriain"}
        assert {c.id for c in repo.children(f2, [zoe])} == {aoife, zoe}
        police = repo.agency_named("Police")
        assert police is not None
        assert repo.agencies([police.id, "no-such-agency"]) == [police]
        assert repo.agency_named("Nobody") is None
        assert repo.family_with_reference("REF-2").id == f2  # type: ignore[union-attr]
        assert repo.family_with_reference("REF-9") is None
        history = repo.plan_history([zoe, lucja])
        assert len(history) == 2
        assert [link.history_id for link in repo.plan_links([h.id for h in history])] == [seeded.periods[0]]
        assert repo.conference_exists(seeded.held)
        assert not repo.conference_exists("no-such-conference")
        assert repo.get(FamilyRow, f1).reference == "REF-1"
        assert repo.get(FamilyRow, "no-such-family") is None
        assert len(repo.of_conference(DissentRow, seeded.held)) == 2
        assert repo.record(seeded.held) is not None
        assert repo.record(seeded.other) is None
        assert repo.map_items(seeded.held) == []


def test_removing_the_rows_a_file_no_longer_has(store, seeded):
    zoe, lucja, _ = seeded.children
    open_plan, ended = seeded.periods
    with store.uow() as uow:
        repo = ConferenceFileRepository(uow.session)
        keep = {repo.invitations(seeded.held)[0].id}
        repo.remove_conference_rows_except(InvitationRow, seeded.held, keep)
        record = repo.record(seeded.held)
        assert record is not None
        repo.remove_record_rows_except(RecipientRow, record.id, {record.recipients[0].id})
        repo.remove_plan_links_except([open_plan, ended], [])
        repo.remove_plan_periods_except([zoe, lucja], {open_plan})
        repo.add(PlanHeaderRow(conference_id=seeded.other))
        repo.flush()
        repo.remove_plan_header(seeded.other)
        uow.commit()
    assert _count(store, InvitationRow, InvitationRow.conference_id == seeded.held) == 1
    assert _count(store, InvitationRow, InvitationRow.conference_id == seeded.other) == 1  # not that one
    assert _count(store, RecipientRow) == 1
    assert _count(store, ChildPlanHistoryLinkRow) == 0
    assert _count(store, ChildPlanHistoryRow) == 1
    assert _count(store, PlanHeaderRow) == 0


def test_nothing_removed_stays_removed_without_commit(store, seeded):
    with store.uow() as uow:
        ConferenceFileRepository(uow.session).remove_conference_rows_except(DissentRow, seeded.held, set())
    assert _count(store, DissentRow) == 2


def test_handoff_snapshots_are_numbered_per_conference(store, seeded):
    with store.uow() as uow:
        handoffs = HandoffRepository(uow.session)
        assert handoffs.latest(seeded.held) is None
        assert handoffs.next_number(seeded.held) == 1
        for revision in ("r1", "r2"):
            handoffs.add(
                HandoffSnapshotRow(
                    conference_id=seeded.held,
                    number=handoffs.next_number(seeded.held),
                    revision=revision,
                    based_on=None,
                    content_json="{}",
                    direction="exported",
                    actor="tester",
                )
            )
            uow.flush()
        uow.commit()
    with store.uow() as uow:
        handoffs = HandoffRepository(uow.session)
        latest = handoffs.latest(seeded.held)
        assert latest is not None
        assert (latest.number, latest.revision) == (2, "r2")
        assert handoffs.at_revision(seeded.held, "r1").number == 1  # type: ignore[union-attr]
        assert handoffs.at_revision(seeded.held, "r9") is None
        assert handoffs.next_number(seeded.other) == 1
