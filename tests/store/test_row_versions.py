"""Optimistic concurrency at the store (issue 16 item 3): every row people edit has a version, an update
is written against the version it read, and one based on a stale read is never applied."""

from __future__ import annotations

import pytest
from sqlalchemy.orm.exc import StaleDataError

from iro_desktop.domain.mapping import Section
from iro_desktop.store import migrations
from iro_desktop.store.engine import make_engine
from iro_desktop.store.errors import ConcurrentSave
from iro_desktop.store.models import ConferenceRow, MapItemRow, RecordRow, RecordSectionRow
from tests.store.family_fixture import book_family
from tests.store.test_migrations import _child, _family_and_conference, _foreign_keys_hold, _run


def _item(store, services) -> str:  # type: ignore[no-untyped-def]
    booked = book_family(services, "V-1")
    return services.mapping.add_item(booked.first_id, Section.DANGER, "Dad drinks").id


def test_each_update_bumps_the_version(store, services):
    item_id = _item(store, services)
    with store.uow() as uow:
        assert uow.session.get(MapItemRow, item_id).version == 1
    services.mapping.edit_text(item_id, "Dad drinks most nights")
    services.mapping.edit_text(item_id, "Dad drinks most nights.")
    with store.uow() as uow:
        assert uow.session.get(MapItemRow, item_id).version == 3


def test_a_write_based_on_a_stale_read_is_never_applied(store, services):
    """Two desktops read the same item; the first saves; the second's update matches no row at the
    version it read: refused, told as a save to try again, and the first one's words stay."""
    item_id = _item(store, services)
    with store.uow() as slow:
        row = slow.session.get(MapItemRow, item_id)
        assert row.version == 1
        with store.uow() as fast:
            fast.session.get(MapItemRow, item_id).text = "Dad drinks at weekends"
            fast.commit()
        row.text = "Dad drinks most nights"
        with pytest.raises(StaleDataError):
            slow.flush()
    with store.uow() as uow:
        stored = uow.session.get(MapItemRow, item_id)
        assert (stored.text, stored.version) == ("Dad drinks at weekends", 2)


def test_the_unit_of_work_tells_a_stale_write_as_a_concurrent_save(store, services):
    booked = book_family(services, "V-2")
    with pytest.raises(ConcurrentSave, match="tried again"), store.uow() as slow:
        row = slow.session.get(ConferenceRow, booked.first_id)
        with store.uow() as fast:
            fast.session.get(ConferenceRow, booked.first_id).venue = "Room 2"
            fast.commit()
        row.venue = "Room 5"
        slow.commit()
    with store.uow() as uow:
        assert uow.session.get(ConferenceRow, booked.first_id).venue == "Room 2"


def test_every_edited_table_is_versioned(store):
    from iro_desktop.store.models import Base

    versioned = {m.class_.__tablename__ for m in Base.registry.mappers if m.version_id_col is not None}
    assert versioned == {
        "record_sections",
        "map_items",
        "scale_scores",
        "child_decisions",
        "plan_headers",
        "plan_actions",
        "invitations",
        "conferences",
        "decision_dissents",
        "advocacy_answers",
    }
    assert RecordRow.__mapper__.version_id_col is None  # its state moves under the approval's row lock
    assert RecordSectionRow.__mapper__.version_id_col is not None


def test_0013_existing_rows_start_at_version_1(location, backend):
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _run(
            conn,
            "INSERT INTO map_items (id, conference_id, section, text, sort_order, source, carried_forward,"
            " updated_at) VALUES ('i1', 'm1', 'danger', 'x', 0, '', :no, '2026-01-05')",
            no=False,
        )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version FROM map_items").scalar() == 1
        assert conn.exec_driver_sql("SELECT version FROM conferences").scalar() == 1
        _foreign_keys_hold(conn, backend)
    engine.dispose()


def test_0014_existing_dissent_and_advocacy_rows_start_at_version_1(location, backend):
    """Issue 16 item 3: dissent and advocacy answers recorded before 0014_versions2 are at version 1 and
    survive; the next update is written against it and bumps it."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0013_conc")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _child(conn)
        _run(
            conn,
            "INSERT INTO decision_dissents (id, conference_id, child_id, name, agency, view, reason,"
            " chair_response, sort_order, audience_kind, audience_excluded, audience_reason,"
            " audience_reason_words) VALUES ('d1', 'm1', 'c1', 'Dr Eze', 'Health', 'CIN', 'Better', '', 0,"
            " 'everyone', '[]', '', '')",
        )
        _run(
            conn,
            "INSERT INTO advocacy_answers (id, conference_id, child_id, answer, note)"
            " VALUES ('a1', 'm1', 'c1', 'accepted', '')",
        )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name, version FROM decision_dissents").one() == ("Dr Eze", 1)
        assert conn.exec_driver_sql("SELECT answer, version FROM advocacy_answers").one() == ("accepted", 1)
        _foreign_keys_hold(conn, backend)
    engine.dispose()
