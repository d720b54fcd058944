"""Issue 16 item 1, from the app: `team-store.toml` written (never with a password, like the reader
refuses one), read back as the same connection, and the connection tried against the real test server:
connected, can't be reached, a wrong or missing password from .pgpass, no records yet, an older or a newer
schema, each with the store's own message."""

from __future__ import annotations

import stat

import pytest

from iro_desktop.store.errors import ServerUnreachable, StoreError, StoreTooNew
from iro_desktop.store.location import resolve_location
from iro_desktop.store.server_connection import (
    SETTINGS_FILENAME,
    ServerPasswordRefused,
    ServerSettingsRefused,
    check_server,
    passfile,
    read_settings,
    remove_settings,
    url_of,
    write_settings,
)
from tests import postgres


def test_written_settings_read_back_as_the_same_connection(tmp_path):
    path = tmp_path / "data" / SETTINGS_FILENAME
    write_settings(
        path,
        {"host": "db.council.example", "port": "5432", "dbname": "iro", "user": "iro_app", "sslmode": ""},
    )
    assert read_settings(path) == {
        "host": "db.council.example",
        "port": "5432",
        "dbname": "iro",
        "user": "iro_app",
    }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "password" not in text.replace("No password here: .pgpass.", "")
    location = resolve_location(tmp_path / "data", environ={})
    assert location.url == "postgresql+psycopg://iro_app@db.council.example:5432/iro?sslmode=require"
    assert location.url == url_of(read_settings(path) or {}, environ={})
    write_settings(path, {"service": "iro"})  # replaced whole
    assert read_settings(path) == {"service": "iro"}
    assert remove_settings(path)
    assert not path.exists()
    assert not remove_settings(path)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"service": "iro", "password": "fictional-app-password"}, "holds a password"),
        ({"host": "db", "dbname": "iro password=fictional"}, "holds a password"),
        ({"service": "iro", "options": "-c x=y"}, "does not know: options"),
        ({"host": "db.council.example"}, "or the server's host and database"),
        ({"host": "db", "dbname": "iro", "port": "fifty"}, "The port is a number"),
        ({"service": "iro", "sslmode": "sometimes"}, "The TLS mode is one of"),
    ],
)
def test_the_writer_refuses_what_the_reader_would_and_writes_nothing(tmp_path, settings, message):
    path = tmp_path / SETTINGS_FILENAME
    write_settings(path, {"service": "before"})
    with pytest.raises(ServerSettingsRefused, match=message) as refused:
        write_settings(path, settings)
    assert "fictional" not in str(refused.value)  # the password is never repeated
    assert read_settings(path) == {"service": "before"}
    assert not (tmp_path / (SETTINGS_FILENAME + ".partial")).exists()


def test_where_the_password_goes(tmp_path, monkeypatch):
    monkeypatch.setattr("pathlib.Path.home", lambda: tmp_path)
    assert passfile({}, environ={}) == tmp_path / ".pgpass"
    assert passfile({}, environ={"PGPASSFILE": "/srv/iro/pgpass"}).as_posix() == "/srv/iro/pgpass"
    assert passfile({"passfile": "/etc/iro/pass"}, environ={}).as_posix() == "/etc/iro/pass"


def _on(cluster, dbname: str, **more: str) -> dict[str, str]:
    return {"host": str(cluster.socket_dir), "port": str(postgres.PORT), "dbname": dbname, **more}


def test_the_connection_tried_against_the_real_server(pg_cluster, tmp_path):
    with postgres.fresh_database(pg_cluster) as name:
        role, database = check_server(_on(pg_cluster, name, user=postgres.SUPERUSER), tmp_path, environ={})
        assert (role, database) == (postgres.SUPERUSER, name)
        import psycopg  # an older schema, then a newer one, than this version's

        with psycopg.connect(
            host=str(pg_cluster.socket_dir), port=postgres.PORT, user=postgres.SUPERUSER, dbname=name
        ) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0012'")
            conn.commit()
            with pytest.raises(StoreError, match="older than this version of IRO Desktop"):
                check_server(_on(pg_cluster, name, user=postgres.SUPERUSER), tmp_path, environ={})
            conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
            conn.commit()
            with pytest.raises(StoreTooNew, match="upgraded by a newer version"):
                check_server(_on(pg_cluster, name, user=postgres.SUPERUSER), tmp_path, environ={})
    with (
        postgres.fresh_database(pg_cluster, "template0") as empty,
        pytest.raises(StoreError, match="has no records yet"),
    ):
        check_server(_on(pg_cluster, empty, user=postgres.SUPERUSER), tmp_path, environ={})
    gone = tmp_path / "no-server-here"
    gone.mkdir()
    with pytest.raises(ServerUnreachable, match="can't be reached"):
        check_server({"host": str(gone), "dbname": "iro"}, tmp_path, environ={})


@pytest.fixture
def password_role(pg_cluster):
    """A role the test server asks a password of (scram-sha-256 for it alone; the rest stays trust)."""
    hba = pg_cluster.data / "pg_hba.conf"
    before = hba.read_text()
    admin = pg_cluster.admin()
    admin.execute("CREATE ROLE iro_pw_test LOGIN PASSWORD 'fictional-right-password'")
    hba.write_text("local all iro_pw_test scram-sha-256\n" + before)
    admin.execute("SELECT pg_reload_conf()")
    try:
        yield "iro_pw_test"
    finally:
        hba.write_text(before)
        admin.execute("SELECT pg_reload_conf()")
        admin.execute("DROP ROLE iro_pw_test")


def test_a_wrong_or_missing_password_in_pgpass_is_told_as_such(
    pg_cluster, password_role, tmp_path, monkeypatch
):
    pgpass = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(pgpass))  # libpq reads it from the process's environment
    with postgres.fresh_database(pg_cluster) as name:
        settings = _on(pg_cluster, name, user=password_role)
        pgpass.write_text(f"*:*:*:{password_role}:fictional-wrong-password\n")
        pgpass.chmod(0o600)
        with pytest.raises(ServerPasswordRefused, match=f"for the user {password_role}: the one in {pgpass}"):
            check_server(settings, tmp_path)
        pgpass.unlink()
        with pytest.raises(ServerPasswordRefused, match="is wrong or missing") as missing:
            check_server(settings, tmp_path)
        assert "fictional" not in str(missing.value)
        pgpass.write_text(f"*:*:*:{password_role}:fictional-right-password\n")
        pgpass.chmod(0o600)
        with pytest.raises(StoreError) as no_grant:  # the right password: then the role's privileges
            check_server(settings, tmp_path)
        assert not isinstance(no_grant.value, ServerPasswordRefused)
        import psycopg

        with psycopg.connect(
            host=str(pg_cluster.socket_dir), port=postgres.PORT, user=postgres.SUPERUSER, dbname=name
        ) as conn:
            conn.execute(f"GRANT SELECT ON alembic_version TO {password_role}")
            conn.commit()
        assert check_server(settings, tmp_path) == (password_role, name)
