"""Finding the team store on a PostgreSQL server (issue 16 item 1): from the command line, the environment
or the settings file in the data folder, through libpq's own service and password files; never with a
password given to IRO Desktop; TLS required for a server that is not this computer."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.cli.session import PASSWORD_ENV, USER_ENV
from iro_desktop.domain.roles import Role
from iro_desktop.services.accounts import AccountService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store
from iro_desktop.store.server_connection import SETTINGS_FILENAME, ServerSettingsRefused
from tests.cli_accounts import PASSWORD

pytestmark = pytest.mark.sqlite_only("parses settings; the server itself is reached through pg_cluster below")


def _settings(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS_FILENAME).write_text(body, encoding="utf-8")
    return folder


def test_a_remote_host_gets_tls_required_and_the_psycopg_driver(tmp_path):
    location = resolve_location(tmp_path, "postgresql://iro_app@db.council.example/iro", environ={})
    assert location.url == "postgresql+psycopg://iro_app@db.council.example/iro?sslmode=require"
    assert location.is_server
    assert location.describe() == "postgresql+psycopg://db.council.example/iro?sslmode=require"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://db.council.example/iro?sslmode=verify-full", "sslmode=verify-full"),
        ("postgresql://localhost/iro", None),
        ("postgresql:///iro?host=/run/postgresql", None),
    ],
)
def test_a_chosen_tls_mode_and_a_local_server_are_left_as_they_are(tmp_path, given, expected):
    url = resolve_location(tmp_path, given, environ={}).url
    assert url.count("sslmode") == (1 if expected else 0)
    if expected:
        assert expected in url


def test_a_password_in_the_url_is_refused_and_not_repeated(tmp_path, capsys):
    with pytest.raises(ServerSettingsRefused, match=r"\.pgpass") as refused:
        resolve_location(tmp_path, "postgresql://iro_app:s3cret-fictional@db.council.example/iro", environ={})
    assert "s3cret-fictional" not in str(refused.value)
    code = main(
        ["--data-dir", str(tmp_path), "--database-url", "postgresql://u:s3cret-fictional@h/db", "check"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("The team server's settings cannot be used: ")
    assert "s3cret-fictional" not in err
    assert len(err.strip().splitlines()) == 1


def test_the_settings_file_names_the_server_and_a_password_there_is_refused(tmp_path):
    folder = _settings(
        tmp_path / "data",
        '[postgresql]\nhost = "db.council.example"\nport = 5433\ndbname = "iro"\nuser = "iro_app"\n',
    )
    assert resolve_location(folder, environ={}).url == (
        "postgresql+psycopg://iro_app@db.council.example:5433/iro?sslmode=require"
    )
    _settings(folder, '[postgresql]\nservice = "iro"\npassword = "fictional"\n')
    with pytest.raises(ServerSettingsRefused, match="holds a password"):
        resolve_location(folder, environ={})
    _settings(folder, '[postgresql]\nservice = "iro"\nhostname = "typo"\n')
    with pytest.raises(ServerSettingsRefused, match="does not know: hostname"):
        resolve_location(folder, environ={})


def test_a_service_whose_file_chooses_tls_is_not_overridden(tmp_path):
    services = tmp_path / "pg_service.conf"
    services.write_text("[iro]\nhost=db.council.example\ndbname=iro\nsslmode=verify-full\n")
    env = {"PGSERVICEFILE": str(services)}
    assert "sslmode" not in resolve_location(tmp_path, "postgresql:///?service=iro", environ=env).url
    services.write_text("[iro]\nhost=db.council.example\ndbname=iro\n")
    assert resolve_location(tmp_path, "postgresql:///?service=iro", environ=env).url.endswith(
        "sslmode=require"
    )


def test_the_store_opens_through_the_settings_file_and_a_pg_service_file(
    tmp_path, pg_cluster, monkeypatch, capsys
):
    """End to end on the test server: team-store.toml names a service, pg_service.conf says where it is;
    the command line then works on the server's records."""
    from tests import postgres

    with postgres.fresh_database(pg_cluster) as name:
        services = tmp_path / "pg_service.conf"
        services.write_text(
            f"[iro]\nhost={pg_cluster.socket_dir}\nport={postgres.PORT}\ndbname={name}\nuser={postgres.SUPERUSER}\n"
        )
        monkeypatch.setenv("PGSERVICEFILE", str(services))
        folder = _settings(tmp_path / "data", '[postgresql]\nservice = "iro"\n')
        location = resolve_location(folder)
        assert location.url == "postgresql+psycopg://?service=iro"
        store = open_store(location)
        try:
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("SELECT current_database()").scalar() == name
            services = Services.build(ServiceContext(uow=store.uow))
            AccountService(services.ctx).create_first_admin("admin", "Admin", PASSWORD, Role.MANAGER)
        finally:
            store.close()
        monkeypatch.setenv(USER_ENV, "admin")
        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
        assert main(["--data-dir", str(folder), "check"]) == 0
        assert "Store is sound." in capsys.readouterr().out


def test_a_server_that_cannot_be_reached_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    """No server behind the socket: the command line says so in one line, no traceback."""
    monkeypatch.setenv(USER_ENV, "admin")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    gone = tmp_path / "no-server-here"
    gone.mkdir()
    code = main(
        ["--data-dir", str(tmp_path / "data"), "--database-url", f"postgresql:///iro?host={gone}", "check"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("The team server can't be reached: ")
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def _query(url: str) -> dict[str, str]:
    from sqlalchemy import make_url

    return {key: str(value) for key, value in make_url(url).query.items()}


def test_a_remote_server_gets_keepalives_and_timeouts_so_a_vanished_network_is_noticed(tmp_path):
    """A network gone without a word: libpq's keepalives and tcp_user_timeout notice within ~25 s,
    and a connection attempt gives up after connect_timeout, instead of the system's many minutes."""
    from iro_desktop.store.server_connection import CONNECT_TIMEOUT_S, REMOTE_DEFAULTS, network_defaults

    remote = resolve_location(tmp_path, "postgresql://iro_app@db.council.example/iro", environ={}).url
    query = _query(network_defaults(remote, environ={}))
    assert query == {"sslmode": "require", "connect_timeout": str(CONNECT_TIMEOUT_S), **REMOTE_DEFAULTS}
    assert (
        int(query["keepalives_idle"]) + int(query["keepalives_interval"]) * int(query["keepalives_count"])
        <= 30
    )
    assert int(query["tcp_user_timeout"]) <= 30_000
    # This computer (a socket, or loopback): no keepalives needed, only the connection timeout.
    for local in ("postgresql:///iro?host=/run/postgresql", "postgresql://localhost/iro"):
        url = resolve_location(tmp_path, local, environ={}).url
        assert _query(network_defaults(url, environ={})).keys() - _query(url).keys() == {"connect_timeout"}


def test_keepalives_and_timeouts_chosen_in_the_url_settings_service_or_environment_are_kept(tmp_path):
    from iro_desktop.store.server_connection import network_defaults

    chosen = "postgresql://db.council.example/iro?keepalives_idle=60&tcp_user_timeout=5000&connect_timeout=3"
    query = _query(network_defaults(resolve_location(tmp_path, chosen, environ={}).url, environ={}))
    assert (query["keepalives_idle"], query["tcp_user_timeout"], query["connect_timeout"]) == (
        "60",
        "5000",
        "3",
    )
    assert query["keepalives_count"] == "3"  # the ones not chosen still get the defaults
    folder = _settings(
        tmp_path / "data",
        '[postgresql]\nhost = "db.council.example"\ndbname = "iro"\nkeepalives = 0\nconnect_timeout = 30\n',
    )
    query = _query(network_defaults(resolve_location(folder, environ={}).url, environ={}))
    assert (query["keepalives"], query["connect_timeout"]) == ("0", "30")
    services = tmp_path / "pg_service.conf"
    services.write_text(
        "[iro]\nhost=db.council.example\ndbname=iro\nsslmode=verify-full\ntcp_user_timeout=9000\n"
    )
    env = {"PGSERVICEFILE": str(services), "PGCONNECT_TIMEOUT": "7"}
    query = _query(
        network_defaults(resolve_location(tmp_path, "postgresql:///?service=iro", environ=env).url, env)
    )
    assert "tcp_user_timeout" not in query  # the service's 9000 applies: a URL value would override it
    assert "connect_timeout" not in query  # PGCONNECT_TIMEOUT applies
    assert query["keepalives"] == "1"  # the service is remote


def test_the_store_connects_with_the_timeouts_and_libpq_takes_each_setting(tmp_path, pg_cluster):
    """On the test server (a socket): the store's connections carry connect_timeout, and keepalives and
    tcp_user_timeout given in the settings file reach libpq as they are."""
    from tests import postgres

    with postgres.fresh_database(pg_cluster) as name:
        folder = _settings(
            tmp_path / "data",
            f'[postgresql]\nhost = "{pg_cluster.socket_dir}"\nport = {postgres.PORT}\ndbname = "{name}"\n'
            f'user = "{postgres.SUPERUSER}"\nkeepalives_idle = 11\ntcp_user_timeout = 12000\n',
        )
        store = open_store(resolve_location(folder, environ={}))
        try:
            with store.engine.connect() as conn:
                raw = conn.connection.driver_connection
                parameters = raw.info.get_parameters()
                assert conn.exec_driver_sql("SELECT current_database()").scalar() == name
        finally:
            store.close()
    assert parameters["connect_timeout"] == "10"
    assert (parameters["keepalives_idle"], parameters["tcp_user_timeout"]) == ("11", "12000")
