"""The command line acts as the signed-in account (issues 13 and 15): every command that opens the records
signs in first, and then has exactly that account's role."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.cli.session import PASSWORD_ENV, USER_ENV
from tests.cli_accounts import DEMO_PASSWORDS, act_as
from tests.store_files import raw_connect


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("signin") / "d"
    assert main(["--data-dir", str(data), "demo"]) == 0  # an empty store: the demo makes its accounts
    return data


@pytest.fixture
def data(demo_dir, tmp_path) -> Path:
    """A fresh copy of the demo store for each test."""
    import shutil

    copy = tmp_path / "d"
    shutil.copytree(demo_dir, copy, ignore=shutil.ignore_patterns("*.lock"))
    return copy


@pytest.fixture(autouse=True)
def _nobody(monkeypatch):
    monkeypatch.delenv(USER_ENV, raising=False)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)


def _store_bytes(data: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data.glob("iro-desktop.sqlite3*")):
        if not path.name.endswith("-shm"):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _families(data: Path) -> int:
    with raw_connect(data / "iro-desktop.sqlite3") as conn:
        return conn.execute("SELECT count(*) FROM families").fetchone()[0]


def _conference_file(data: Path, tmp_path: Path, capsys, monkeypatch) -> Path:
    out = tmp_path / "c.json"
    monkeypatch.setenv(PASSWORD_ENV, DEMO_PASSWORDS["chair"])
    with raw_connect(data / "iro-desktop.sqlite3") as conn:
        conference_id = conn.execute("SELECT id FROM conferences LIMIT 1").fetchone()[0]
    argv = ["--data-dir", str(data), "--user", "chair", "export", "file", "--conference", conference_id]
    assert main([*argv, "--plain", "--out", str(out)]) == 0  # plain: an explicit choice (issue 15)
    capsys.readouterr()
    return out


def test_nobody_signed_in_is_refused_and_nothing_changes(data, capsys):
    before = _store_bytes(data)
    assert (
        main(["--data-dir", str(data), "export", "pdf", "--family-ref", "DEMO-0001", "--kind", "plan"]) == 2
    )
    assert "Not signed in: Say who you are: --user NAME" in capsys.readouterr().err
    assert _store_bytes(data) == before
    assert not (data / "exports").exists()


def test_a_wrong_password_is_refused(data, capsys, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    assert main(["--data-dir", str(data), "--user", "chair", "audit", "verify"]) == 2
    assert "That username and password do not match." in capsys.readouterr().err


def test_the_password_is_asked_on_the_terminal_never_an_argument(data, capsys, monkeypatch):
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return DEMO_PASSWORDS["manager"]

    monkeypatch.setattr("getpass.getpass", ask)
    assert main(["--data-dir", str(data), "audit", "verify", "--user", "manager"]) == 0
    assert asked == ["Password for manager: "]
    assert "Audit trail intact" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--data-dir", str(data), "--user", "manager", "--password", "x", "audit", "verify"])


def test_a_manager_cannot_edit(data, tmp_path, capsys, monkeypatch):
    """A conference file import changes the records: a manager (read-only) is refused, nothing changes."""
    conference_file = _conference_file(data, tmp_path, capsys, monkeypatch)
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "demo"]) == 0  # another desktop, with the same accounts
    capsys.readouterr()
    act_as(monkeypatch, "manager")
    before = _store_bytes(other)
    families = _families(other)
    assert main(["--data-dir", str(other), "import", "file", str(conference_file)]) == 1
    assert "Not allowed: A manager may not edit register." in capsys.readouterr().err
    assert _families(other) == families
    assert _store_bytes(other) != before  # signing in is audited: only the audit trail grew
    with raw_connect(other / "iro-desktop.sqlite3") as conn:
        newest = conn.execute("SELECT actor, action FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
        imported = conn.execute("SELECT count(*) FROM audit_events WHERE action = 'imported'").fetchone()[0]
    assert newest == ("manager", "signed_in")
    assert imported == 0


def test_a_clerk_cannot_run_the_report_or_read_the_audit_trail(data, capsys, monkeypatch):
    act_as(monkeypatch, "clerk")
    assert main(["--data-dir", str(data), "report", "--quiet"]) == 1
    assert "A clerk may not run reports." in capsys.readouterr().err
    assert main(["--data-dir", str(data), "audit", "verify"]) == 1
    assert "A clerk may not view audit." in capsys.readouterr().err
    assert main(["--data-dir", str(data), "audit", "re-anchor"]) == 1
    assert "A clerk may not manage users." in capsys.readouterr().err


def test_a_clerk_exports_and_the_export_is_audited_as_the_clerk(data, capsys, monkeypatch):
    act_as(monkeypatch, "clerk")
    assert (
        main(["--data-dir", str(data), "export", "pdf", "--family-ref", "DEMO-0001", "--kind", "plan"]) == 0
    )
    with raw_connect(data / "iro-desktop.sqlite3") as conn:
        actor, action = conn.execute("SELECT actor, action FROM audit_events ORDER BY seq DESC").fetchone()
    assert (actor, action) == ("clerk", "exported")


def test_a_clerk_cannot_approve(data, capsys, monkeypatch):
    """The clerk may move the demo's record on to the chair, never approve it (the services refuse)."""
    import argparse

    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.record import RecordState
    from iro_desktop.domain.roles import PermissionDenied
    from iro_desktop.store.location import resolve_location

    act_as(monkeypatch, "clerk")
    store, services = open_signed_in(resolve_location(data, environ={}), argparse.Namespace(user=None))
    try:
        conference_id = services.records.queue()[0].conference_id
        services.records.move(conference_id, RecordState.AWAITING_APPROVAL)
        with pytest.raises(PermissionDenied, match="A clerk may not approve record"):
            services.records.move(conference_id, RecordState.FINAL)
        assert services.records.get(conference_id).state is RecordState.AWAITING_APPROVAL
    finally:
        store.close()
