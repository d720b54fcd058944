"""The team database's roles and migrations (issue 16 item 2), on the test server: the owner migrates,
one at a time, after a pg_dump backup, never onto a newer schema; the desktops never migrate and connect
as an application role that cannot change the schema, nor update, delete or truncate the audit trail."""

from __future__ import annotations

import subprocess
import threading
import time

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from iro_desktop.cli import main
from iro_desktop.domain.roles import Role
from iro_desktop.services.accounts import AccountService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.registry import Services
from iro_desktop.store import migrations, server_admin
from iro_desktop.store.errors import StoreError, StoreTooNew
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.opening import open_store
from tests import postgres

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]
APP_ROLE = "iro_app_test"
PASSWORD = "correct horse battery"


@pytest.fixture
def empty(pg_cluster, tmp_path):
    with postgres.fresh_database(pg_cluster, "template0") as name:
        yield StoreLocation(data_dir=tmp_path / "data", url=pg_cluster.url(name))


def _sql(location: StoreLocation, statement: str) -> list[tuple[object, ...]]:
    engine = create_engine(location.url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def test_a_desktop_never_migrates_an_empty_team_database_and_says_who_does(empty):
    with pytest.raises(StoreError, match="admin migrate"):
        open_store(empty)
    assert _sql(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def test_admin_migrate_sets_up_then_upgrades_after_a_pg_dump_backup(empty, capsys):
    url = ["--data-dir", str(empty.data_dir), "--database-url", empty.url]
    assert main([*url, "admin", "migrate"]) == 0
    assert "upgraded from schema none" in capsys.readouterr().out
    assert list(empty.backups_dir.glob("*.dump")) == []  # nothing to back up yet
    engine = create_engine(empty.url)
    with engine.connect() as conn:
        from alembic import command

        command.downgrade(migrations.alembic_config(conn), "0009")
        conn.commit()
    engine.dispose()
    _sql(empty, "INSERT INTO families (id, reference, name, created_at) VALUES ('f1', 'R-1', 'F', now())")
    assert main([*url, "admin", "migrate"]) == 0
    out = capsys.readouterr().out
    assert f"from schema 0009 to {migrations.head_revision()}" in out
    [dump] = empty.backups_dir.glob("*before-0009.dump")
    listing = subprocess.run(
        [str(postgres.server_bin_dir() / "pg_restore"), "--list", str(dump)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA public families" in listing
    assert main([*url, "admin", "migrate"]) == 0
    assert "up to date" in capsys.readouterr().out
    open_store(empty).close()


def test_a_newer_schema_is_refused_by_admin_and_desktop_alike(empty):
    server_admin.migrate(empty)
    _sql(empty, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreTooNew, match="newer version"):
        server_admin.migrate(empty)
    with pytest.raises(StoreTooNew, match="newer version"):
        open_store(empty)
    assert _sql(empty, "SELECT version_num FROM alembic_version") == [("9999",)]


def test_an_older_schema_is_told_to_the_desktop_not_migrated(empty):
    engine = create_engine(empty.url)
    migrations.upgrade(engine, "0009")
    engine.dispose()
    with pytest.raises(StoreError, match="older than this version"):
        open_store(empty)
    assert _sql(empty, "SELECT version_num FROM alembic_version") == [("0009",)]


def test_two_administrators_migrating_at_once_take_turns(empty):
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def run() -> None:
        try:
            start.wait()
            server_admin.migrate(empty)
        except BaseException as exc:  # asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert _sql(empty, "SELECT version_num FROM alembic_version") == [(migrations.head_revision(),)]


def test_the_application_role_cannot_change_the_schema_or_the_audit_trail(pg_cluster, empty):
    _sql(
        empty, f"DO $$ BEGIN CREATE ROLE {APP_ROLE} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    server_admin.migrate(empty, APP_ROLE)
    name = make_url(empty.url).database
    desktop = StoreLocation(data_dir=empty.data_dir, url=pg_cluster.url(name, user=APP_ROLE))
    store = open_store(desktop)
    try:
        accounts = AccountService(Services.build(ServiceContext(uow=store.uow)).ctx)
        accounts.create_first_admin("admin", "Admin", PASSWORD, Role.MANAGER)  # audited: an insert
        assert accounts.sign_in("admin", PASSWORD).username == "admin"
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM audit_events").scalar() == 2
    finally:
        store.close()
    for statement in (
        "UPDATE audit_events SET actor = 'mallory'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "DROP TABLE families CASCADE",
        "ALTER TABLE families ADD COLUMN note text",
        "CREATE TABLE scratch (id int)",
        "UPDATE alembic_version SET version_num = '0001'",
    ):
        with pytest.raises(DBAPIError, match="permission denied|must be owner"):
            _sql(desktop, statement)
    with pytest.raises(DBAPIError, match="append-only"):  # the owner too: the TRUNCATE trigger
        _sql(empty, "TRUNCATE audit_events")
    assert _sql(empty, "SELECT count(*) FROM audit_events") == [(2,)]


def test_two_desktops_opening_an_empty_team_database_at_once_are_both_told_clearly(empty):
    """Issue 16 fault test: neither crashes, neither sets the database up; both say who does."""
    barrier = threading.Barrier(2)
    outcomes: list[BaseException | None] = []

    def open_one() -> None:
        barrier.wait()
        try:
            open_store(empty).close()
            outcomes.append(None)
        except BaseException as exc:  # noqa: BLE001  (the test looks at whatever came out)
            outcomes.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2
    for outcome in outcomes:
        assert type(outcome) is StoreError
        assert "admin migrate" in str(outcome)
    assert _sql(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def _desktop(pg_cluster, empty) -> StoreLocation:  # type: ignore[no-untyped-def]
    _sql(
        empty, f"DO $$ BEGIN CREATE ROLE {APP_ROLE} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    name = make_url(empty.url).database
    return StoreLocation(data_dir=empty.data_dir, url=pg_cluster.url(name, user=APP_ROLE))


def test_migrate_has_the_server_end_an_abandoned_transaction_unless_the_administrator_chose(
    pg_cluster, empty
):
    desktop = _desktop(pg_cluster, empty)
    server_admin.migrate(empty, APP_ROLE, backup=False)
    assert _sql(desktop, "SHOW idle_in_transaction_session_timeout") == [("1min",)]
    name = make_url(empty.url).database
    _sql(empty, f"ALTER DATABASE \"{name}\" SET idle_in_transaction_session_timeout = '5min'")
    server_admin.migrate(empty, APP_ROLE, backup=False)  # run again: the administrator's choice stays
    assert _sql(desktop, "SHOW idle_in_transaction_session_timeout") == [("5min",)]
    owner = create_engine(empty.url)
    try:
        with pytest.raises(StoreError, match="not a time"), owner.begin() as conn:
            server_admin.end_abandoned_transactions(conn, "1s'; DROP TABLE families; --")
    finally:
        owner.dispose()


def test_a_desktop_gone_mid_transaction_does_not_hold_its_locks_for_ever(pg_cluster, empty):
    """Issue 16: a desktop that vanished (no word to the server) holding a record's row lock and the
    audit trail's lock: the server ends its transaction after the database's limit, the locks go with
    it, and another desktop's save goes through. The gone desktop, if it comes back, is told it lost
    the server (its save is kept and tried again), not shown a crash."""
    from iro_desktop.store.audit_log import AUDIT_LOCK_KEY
    from iro_desktop.store.errors import ServerUnreachable, translate

    desktop = _desktop(pg_cluster, empty)
    server_admin.migrate(empty, APP_ROLE, backup=False)
    name = make_url(empty.url).database
    _sql(empty, f"ALTER DATABASE \"{name}\" SET idle_in_transaction_session_timeout = '1s'")  # for the test
    _sql(empty, "INSERT INTO local_policy (key, value) VALUES ('load', 'x')")
    gone = create_engine(desktop.url)
    other = create_engine(desktop.url)
    try:
        abandoned = gone.connect()
        abandoned.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
        abandoned.execute(text("SELECT * FROM local_policy WHERE key = 'load' FOR UPDATE"))
        # ... and then nothing more from this desktop.
        started = time.monotonic()
        with other.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '20s'"))
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
            conn.execute(text("UPDATE local_policy SET value = 'y' WHERE key = 'load'"))
        waited = time.monotonic() - started
        assert waited < 15, f"waited {waited:.1f} s for the locks of a desktop that had gone"
        with pytest.raises(DBAPIError) as lost:
            abandoned.execute(text("SELECT 1"))
        assert isinstance(translate(lost.value), ServerUnreachable)
        abandoned.invalidate()  # as the pool does with a connection the server ended
        abandoned.close()
    finally:
        gone.dispose()
        other.dispose()
    assert _sql(empty, "SELECT value FROM local_policy WHERE key = 'load'") == [("y",)]
