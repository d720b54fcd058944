"""Live updates between desktops (issue 16 item 3), on the test server: a commit on one desktop reaches
the other's listener within a second or two, ids only; its own writes and rolled-back ones do not."""

from __future__ import annotations

import threading
import time

import pytest

from iro_desktop.domain.changes import Change, Changes, Topic
from iro_desktop.store.change_listener import ChangeListener
from iro_desktop.store.change_notify import parse, payload
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.models import FamilyRow
from iro_desktop.store.opening import open_store
from tests import postgres

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]


class Heard:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.arrived = threading.Event()

    def __call__(self, changes: Changes) -> None:
        self.changes += list(changes)
        self.arrived.set()

    def wait_for(self, change: Change, within_s: float) -> float:
        start = time.monotonic()
        while change not in self.changes and time.monotonic() - start < within_s:
            self.arrived.wait(0.05)
            self.arrived.clear()
        return time.monotonic() - start


@pytest.fixture
def two_desktops(pg_cluster, tmp_path):
    with postgres.fresh_database(pg_cluster) as name:
        here = open_store(StoreLocation(data_dir=tmp_path / "a", url=pg_cluster.url(name)))
        there = open_store(StoreLocation(data_dir=tmp_path / "b", url=pg_cluster.url(name)))
        yield here, there
        here.close()
        there.close()


def _add_family(store, reference: str) -> str:  # type: ignore[no-untyped-def]
    with store.uow() as uow:
        row = FamilyRow(reference=reference, name="Ó Briain")
        uow.session.add(row)
        uow.commit()
    return row.id


def test_another_desktops_commit_arrives_within_two_seconds_with_ids_only(two_desktops):
    here, there = two_desktops
    heard = Heard()
    listener = ChangeListener(here.engine, heard)
    listener.start()
    try:
        _add_family(here, "R-0")  # this desktop's own write: not told back to it
        time.sleep(0.6)  # the listening connection is up (it connects on its own thread)
        started = time.monotonic()
        family_id = _add_family(there, "R-1")
        took = heard.wait_for(Change(Topic.FAMILIES, family_id), within_s=2.0)
        assert Change(Topic.FAMILIES, family_id) in heard.changes, "not heard within 2 s"
        assert took < 2.0
        print(f"heard after {1000 * (time.monotonic() - started):.0f} ms")
        assert all(c.topic is Topic.FAMILIES for c in heard.changes)
        assert len(heard.changes) == 1  # R-0 (its own) was left out
        assert listener.reachable is True
    finally:
        listener.stop()


def test_a_rolled_back_write_is_never_announced(two_desktops):
    here, there = two_desktops
    heard = Heard()
    listener = ChangeListener(here.engine, heard)
    listener.start()
    try:
        time.sleep(0.6)
        with there.uow() as uow:
            uow.session.add(FamilyRow(reference="R-2", name="Nowak"))
            uow.flush()  # NOTIFY sent inside the transaction, which is then rolled back
        family_id = _add_family(there, "R-3")
        heard.wait_for(Change(Topic.FAMILIES, family_id), within_s=2.0)
        assert heard.changes == [Change(Topic.FAMILIES, family_id)]
    finally:
        listener.stop()


def test_payloads_are_topic_and_id_and_unknown_ones_are_ignored():
    change = Change(Topic.MAP, "5f0c2a52-0000-4000-8000-000000000001")
    assert payload(change) == "map:5f0c2a52-0000-4000-8000-000000000001"
    assert parse(payload(change)) == change
    assert parse("something-newer:1") is None
