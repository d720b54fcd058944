"""docs/deployment.md followed word for word on a throwaway PostgreSQL server (issue 16): its SQL block run
as the superuser, its service file and settings file written as printed, its `iro-desktop` commands run
as printed. Only what a test server cannot be is changed: the host is the test server's private socket
and TLS is off (there is no certificate on it); passwords come from the environment, as a terminal would
type them. Then two desktops sign in to the same records."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import psycopg
import pytest

from iro_desktop.cli import main
from iro_desktop.cli.accounts import NEW_PASSWORD_ENV
from iro_desktop.cli.session import PASSWORD_ENV
from tests import postgres

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"
PASSWORD = "correct horse battery"
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def _run(line: str, data_dir: Path) -> int:
    words = shlex.split(line)
    assert words[0] == "iro-desktop"
    return main(["--data-dir", str(data_dir), *words[1:]])


def test_the_deployment_guide_word_for_word(pg_cluster, tmp_path, monkeypatch, capsys):
    [sql] = _blocks("sql")
    with psycopg.connect(
        host=str(pg_cluster.socket_dir),
        port=postgres.PORT,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        for statement in filter(None, (s.strip() for s in sql.split(";"))):
            conn.execute(statement)

    [services] = _blocks("ini")
    local = services.replace("host=db.council.example", f"host={pg_cluster.socket_dir}\nport={postgres.PORT}")
    local = local.replace("sslmode=verify-full", "sslmode=disable")
    assert local.count(str(pg_cluster.socket_dir)) == 2
    assert "verify-full" not in local
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(local)
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))

    [setup, connect] = _blocks("bash")
    admin_dir = tmp_path / "administrator"
    monkeypatch.setenv(NEW_PASSWORD_ENV, PASSWORD)
    for line in setup.strip().splitlines():
        assert _run(line, admin_dir) == 0, line
    out = capsys.readouterr().out
    assert "upgraded from schema none" in out
    assert "Role iro_app may use it" in out
    assert "priya is the team database's first administrator" in out

    [settings] = _blocks("toml")
    desktops = [tmp_path / "desktop-a", tmp_path / "desktop-b"]
    for desktop in desktops:
        desktop.mkdir()
        (desktop / "team-store.toml").write_text(settings)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    reports = []
    for desktop in desktops:
        assert _run(connect.strip(), desktop) == 0
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1]
    assert reports[0].startswith("Annual report: 2026-27 (1 April 2026 to 31 March 2027)")

    # Desktop A adds a clerk; desktop B sees the account at once (one store, not two).
    assert (
        _run(
            'iro-desktop --user priya accounts add --username sam --name "Sam Dvořák" --role clerk',
            desktops[0],
        )
        == 0
    )
    capsys.readouterr()
    assert _run("iro-desktop --user priya accounts list", desktops[1]) == 0
    assert "sam\tSam Dvořák\tclerk" in capsys.readouterr().out
    # The desktops are iro_app: the audit trail cannot be emptied from them.
    with psycopg.connect(service="iro") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("TRUNCATE audit_events")
