"""Fault tests on a real server (issue 16 item 4): the server stopped and restarted while a chair types
and while she approves. Nothing is lost, nothing applied twice, the audit chain intact; the listening
connection says the server went away and came back by itself. These use a cluster of their own (the
session's is never stopped)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.outage import MAP_EDIT_TEXT, RECORD_MOVE, OutageService, Replayed
from iro_desktop.services.registry import Services
from iro_desktop.store.change_listener import ChangeListener
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.errors import ServerUnreachable
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.models import AppliedEditRow
from iro_desktop.store.opening import open_store
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from tests import postgres
from tests.conftest import TODAY
from tests.signing import with_key

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]
CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)


@pytest.fixture(scope="module")
def own_cluster(tmp_path_factory):
    cluster = postgres.start_cluster(postgres.DURABLE_OPTIONS)  # commits survive the stop
    try:
        postgres.migrated_template(cluster, tmp_path_factory.mktemp("pg-faults"))
        yield cluster
    finally:
        postgres.remove_cluster(cluster)


@pytest.fixture
def desktop(own_cluster, tmp_path):
    """One desktop on the stoppable server: its services, its outage journal, its listener."""
    with postgres.fresh_database(own_cluster) as name:
        store = open_store(StoreLocation(data_dir=tmp_path / "data", url=own_cluster.url(name)))
        services = Services.build(
            ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
        reachable: list[bool] = []
        listener = ChangeListener(store.engine, lambda _c: None, reachable.append, backoff_s=(0.1, 0.2))
        listener.start()
        yield store, services, OutageService(services, journal), reachable, name
        listener.stop()
        journal.close()
        store.close()
        if not (own_cluster.data / "postmaster.pid").exists():
            own_cluster.start()  # a failed test left it stopped: the next one needs it


def _conference(services):
    family = services.families.create_family(
        "R-9", "Kowalczyk family", [ChildInput("Łucja", "Kowalczyk", TODAY - timedelta(days=3000))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )


def _stopped_while_waiting_on(cluster, dbname: str, table: str, edit) -> Replayed:  # type: ignore[no-untyped-def]
    """Run `edit` on a thread while another session holds `table` locked, so the edit is inside its
    transaction on the server; stop the server there; return what the edit's replay said."""
    import psycopg

    holder = psycopg.connect(
        host=str(cluster.socket_dir), port=postgres.PORT, user=postgres.SUPERUSER, dbname=dbname
    )
    holder.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    results: list[Replayed] = []
    worker = threading.Thread(target=lambda: results.append(edit()))
    worker.start()
    cluster_admin = cluster.admin()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        waiting = cluster_admin.execute(  # autocommit: a fresh look each time
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = %s", (dbname,)
        ).fetchone()
        if waiting and waiting[0]:
            break
        time.sleep(0.02)
    else:
        raise AssertionError("the edit never reached the server")
    cluster.stop()  # -m immediate: every connection cut mid-transaction
    worker.join(timeout=30)
    holder.close()
    assert results, "the edit did not come back"
    return results[0]


def _applied_keys(store) -> int:  # type: ignore[no-untyped-def]
    with store.uow() as uow:
        return len(uow.session.scalars(select(AppliedEditRow)).all())


def _wait_for(reachable: list[bool], value: bool, within_s: float = 10) -> float:
    start = time.monotonic()
    while (not reachable or reachable[-1] is not value) and time.monotonic() - start < within_s:
        time.sleep(0.02)
    assert reachable
    assert reachable[-1] is value
    return time.monotonic() - start


def test_the_server_stopped_and_restarted_while_a_chair_types(own_cluster, desktop):
    store, services, outage, reachable, name = desktop
    conference = _conference(services)
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad")
    _wait_for(reachable, True)
    words = ["Dad's", "Dad's drinking", "Dad's drinking at", "Dad's drinking at weekends"]

    first = _stopped_while_waiting_on(
        own_cluster, name, "map_items", lambda: outage.submit(MAP_EDIT_TEXT, item_id=item.id, text=words[0])
    )
    assert first.left == 1
    assert isinstance(first.problem, ServerUnreachable)
    took_down = _wait_for(reachable, False)
    for text in words[1:]:  # typing goes on during the outage: each edit kept on this computer
        started = time.monotonic()
        kept = outage.submit(MAP_EDIT_TEXT, item_id=item.id, text=text)
        assert kept.applied == 0
        assert isinstance(kept.problem, ServerUnreachable)
        assert time.monotonic() - started < 2  # no hang while the server is away
    assert outage.waiting() == 4

    own_cluster.start()
    took_back = _wait_for(reachable, True)  # the listener connected again by itself
    result = outage.replay()
    assert (result.applied, result.left, result.refused) == (4, 0, [])
    assert [i.text for i in services.mapping.board(conference.id).section(Section.DANGER)] == [words[-1]]
    assert outage.replay().applied == 0
    report = services.audit.verify()
    assert report.intact
    assert _applied_keys(store) == len(words)  # each kept edit applied exactly once, under its own key
    print(f"outage noticed in {took_down:.2f} s; server back noticed in {took_back:.2f} s")


def test_the_server_stopped_and_restarted_during_approval(own_cluster, desktop):
    store, services, outage, reachable, name = desktop
    conference = _conference(services)
    with_key(services, CLERK)
    services.records.save_section(conference.id, SectionKey.PURPOSE, "To decide whether Łucja needs a plan.")
    services.records.move(conference.id, RecordState.WITH_CLERK)
    services.records.move(conference.id, RecordState.AWAITING_APPROVAL)
    with_key(services, CHAIR)
    _wait_for(reachable, True)

    during = _stopped_while_waiting_on(
        own_cluster,
        name,
        "record_versions",
        lambda: outage.submit(RECORD_MOVE, conference_id=conference.id, target="final"),
    )
    assert during.left == 1
    assert isinstance(during.problem, ServerUnreachable)
    own_cluster.start()
    _wait_for(reachable, True)
    result = outage.replay()
    assert (result.applied, result.left, result.refused) == (1, 0, [])
    record = services.records.get(conference.id)
    assert record.state is RecordState.FINAL
    assert len(record.versions) == 1  # approved once: one locked version
    assert services.records.lock_intact(conference.id)
    assert outage.replay().applied == 0
    assert _applied_keys(store) == 1
    services.ctx.session.user = SYSTEM_USER  # an administrator checks the trail
    assert services.audit.verify().intact


def test_a_listener_with_nothing_to_say_still_notices_the_server_going(own_cluster, desktop):
    _store, _services, _outage, reachable, _name = desktop
    _wait_for(reachable, True)
    own_cluster.stop()
    assert _wait_for(reachable, False) < 2
    own_cluster.start()
    assert _wait_for(reachable, True) < 3
