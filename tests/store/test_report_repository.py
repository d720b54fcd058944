"""The annual report's reads on a real migrated store: plain rows in a stable order, SQL aggregates."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.store.report_repository import ReportRepository
from tests.store.seed import HELD, seed

FAMILY = ("parent", "carer", "family_network")


@pytest.fixture
def seeded(store):
    return seed(store)


def test_children_come_by_family_then_the_familys_own_order(store, seeded):
    zoe, lucja, aoife = seeded.children
    with store.uow() as uow:
        rows = list(ReportRepository(uow.session).children())
    by_family = {}
    for row in rows:
        by_family.setdefault(row[1], []).append(row[0])
    assert by_family == {seeded.families[0]: [lucja, zoe], seeded.families[1]: [aoife]}
    assert [len(r) for r in rows] == [11, 11, 11]
    assert [r.disability_known for r in rows] == [True, True, True]  # entered in the app: known
    assert (aoife, seeded.families[1], None, date(2026, 9, 1), True) == tuple(
        next(r for r in rows if r[0] == aoife)[:5]
    )
    families = [r[1] for r in rows]
    assert families == sorted(families)  # one family's children together


def test_decisions_carry_their_category(store, seeded):
    zoe, lucja, _ = seeded.children
    with store.uow() as uow:
        rows = {tuple(r) for r in ReportRepository(uow.session).decisions()}
    assert rows == {(seeded.held, zoe, "N"), (seeded.held, lucja, None)}


def test_attendance_of_only_the_roles_asked_for_and_not_the_ones_left_out(store, seeded):
    with store.uow() as uow:
        rows = sorted(tuple(r) for r in ReportRepository(uow.session).attendance_of(FAMILY, "not_invited"))
    # The aunt was not invited and the police officer is no family member; people entered in the app
    # are in their family's one household ("").
    assert rows == sorted(
        [(seeded.held, "attended", ""), (seeded.held, "apologies", ""), (seeded.other, "attended", "")]
    )


def test_dissents_are_counted_in_sql_per_conference(store, seeded):
    with store.uow() as uow:
        assert ReportRepository(uow.session).dissent_counts() == {seeded.held: 2}


def test_last_sent_is_the_latest_sending_day_of_records_in_the_state(store, seeded):
    with store.uow() as uow:
        repo = ReportRepository(uow.session)
        assert repo.last_sent("distributed") == {seeded.held: date(2026, 3, 9)}
        assert repo.last_sent("final") == {}


def test_plans_carry_their_links_or_none(store, seeded):
    open_plan, ended = seeded.periods
    with store.uow() as uow:
        rows = {r[0]: tuple(r) for r in ReportRepository(uow.session).plans()}
    assert rows[open_plan][2:4] == (HELD, None)
    assert rows[open_plan][6:] == (seeded.held, None, None, "")
    assert rows[ended][4:] == ("E", "step_down_cin", None, None, None, None)


def test_conferences_name_their_columns_and_references_cover_every_family(store, seeded):
    with store.uow() as uow:
        repo = ReportRepository(uow.session)
        rows = {r.id: r for r in repo.conferences()}
        references = repo.family_references()
    assert set(rows) == {seeded.held, seeded.review, seeded.other}
    held = rows[seeded.held]
    assert (held.status, held.held_on, held.chair_name, held.rearranged_to_id) == (
        "held",
        HELD,
        "Chair One",
        None,
    )
    assert references == {seeded.families[0]: "REF-1", seeded.families[1]: "REF-2"}
