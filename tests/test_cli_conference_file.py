"""`iro-desktop export file` and `iro-desktop import file` on the command line."""

from __future__ import annotations

import json

import pytest

from iro_desktop.cli import main
from iro_desktop.cli.session import PASSWORD_ENV
from iro_desktop.domain.roles import Role
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.demo import load_demo
from iro_desktop.store.location import resolve_location
from tests.cli_accounts import PASSWORD, add_account
from tests.store_files import open_keyed, open_services_any


@pytest.fixture(autouse=True)
def _password(monkeypatch):
    """Each command names its account with --user; the password comes from the environment."""
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)


def _demo_conference(data_dir) -> str:
    store = open_keyed(resolve_location(data_dir, environ={}))
    try:
        ctx = ServiceContext(uow=store.uow, session=SignedIn(SYSTEM_USER))
        load_demo(ctx)
        return ConferenceFileService(ctx).choices()[0][0]
    finally:
        store.close()
        add_account(data_dir, "chair", Role.CHAIR)
        add_account(data_dir.parent / "clerk", "clerk", Role.CLERK)


def test_export_then_import_into_another_data_dir(tmp_path, capsys):
    conference_id = _demo_conference(tmp_path / "chair")
    out = tmp_path / "c.json"
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path / "chair"),
                "--user",
                "chair",
                "export",
                "file",
                "--conference",
                conference_id,
                "--plain",  # an explicit choice (issue 15); encrypted files: test_cli_handoff_passphrase.py
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["conference"]["details"]["id"] == conference_id
    assert main(["--data-dir", str(tmp_path / "clerk"), "import", "file", str(out), "--user", "clerk"]) == 0
    assert "Imported the conference" in capsys.readouterr().out


def test_bad_file_prints_every_problem_with_its_place_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "iro-desktop-conference", "version": 1, "revision": "x", "based_on": null, '
        '"conference": {}}',
        encoding="utf-8",
    )
    add_account(tmp_path / "d", "clerk", Role.CLERK)
    assert main(["--data-dir", str(tmp_path / "d"), "--user", "clerk", "import", "file", str(bad)]) == 1
    out = capsys.readouterr()
    assert "/revision: Expected a SHA-256 hash" in out.out
    assert "/conference/details: Missing field “details”." in out.out
    assert "nothing was changed" in out.err


def test_unknown_conference_exits_1(tmp_path, capsys):
    add_account(tmp_path / "d", "clerk", Role.CLERK)
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path / "d"),
                "--user",
                "clerk",
                "export",
                "file",
                "--conference",
                "nope",
                "--plain",
                "--out",
                str(tmp_path / "x.json"),
            ]
        )
        == 1
    )
    assert "no longer in the records" in capsys.readouterr().err


def test_hand_off_with_a_conflict_lists_both_values_and_changes_nothing(tmp_path, capsys):

    conference_id = _demo_conference(tmp_path / "chair")
    first, back = tmp_path / "first.json", tmp_path / "back.json"
    main(
        [
            "--data-dir",
            str(tmp_path / "chair"),
            "--user",
            "chair",
            "export",
            "file",
            "--conference",
            conference_id,
            "--plain",
            "--out",
            str(first),
        ]
    )
    main(["--data-dir", str(tmp_path / "clerk"), "--user", "clerk", "import", "file", str(first)])
    for who, text in (("clerk", "Clerk’s venue — Sala 2"), ("chair", "Chair’s venue — Seomra 3")):
        store, services = open_services_any(tmp_path / who)
        try:
            from iro_desktop.store.models import ConferenceRow

            with services.ctx.uow() as uow:
                uow.session.get(ConferenceRow, conference_id).venue = text
                uow.commit()
        finally:
            store.close()
    main(
        [
            "--data-dir",
            str(tmp_path / "clerk"),
            "--user",
            "clerk",
            "export",
            "file",
            "--conference",
            conference_id,
            "--plain",
            "--out",
            str(back),
        ]
    )
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "chair"), "--user", "chair", "import", "file", str(back)]) == 1
    out = capsys.readouterr()
    assert "details.venue" in out.out
    assert "mine:   Chair’s venue — Seomra 3" in out.out
    assert "theirs: Clerk’s venue — Sala 2" in out.out
    assert "nothing was changed" in out.err


# --- issue 15: the file encrypted to a passphrase --------------------------------------------------------

HANDOFF = "fictional demo hand-off passphrase"


def _store_bytes(data_dir) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("iro-desktop.sqlite3*")):
        if not path.name.endswith("-shm"):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_encrypted_by_default_with_the_passphrase_from_the_environment(tmp_path, capsys, monkeypatch):
    import stat

    from iro_desktop.cli.conference_file import PASSPHRASE_ENV
    from iro_desktop.services.conference_file.sealing import AGE_HEADER

    conference_id = _demo_conference(tmp_path / "chair")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(PASSPHRASE_ENV, HANDOFF)
    chair = ["--data-dir", str(tmp_path / "chair"), "--user", "chair"]
    assert main([*chair, "export", "file", "--conference", conference_id]) == 0
    written = tmp_path / f"conference-{conference_id}.iroconf.age"  # the default name
    assert "encrypted to the passphrase (age format)" in capsys.readouterr().out
    assert written.read_bytes().startswith(AGE_HEADER)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    clerk = ["--data-dir", str(tmp_path / "clerk"), "--user", "clerk"]
    monkeypatch.setenv(PASSPHRASE_ENV, "not the passphrase, sorry")
    before = _store_bytes(tmp_path / "clerk")
    assert main([*clerk, "import", "file", str(written)]) == 1
    err = capsys.readouterr().err
    assert "The passphrase does not open this conference file" in err
    assert "Nothing was changed" in err
    assert _store_bytes(tmp_path / "clerk") == before
    monkeypatch.delenv(PASSPHRASE_ENV)  # no terminal here (pytest's stdin), no variable: told what to do
    assert main([*clerk, "import", "file", str(written)]) == 2
    told = capsys.readouterr().err
    assert "is encrypted: run this on a terminal to be asked for its passphrase" in told
    assert f"or set {PASSPHRASE_ENV} (less safe)" in told
    assert _store_bytes(tmp_path / "clerk") == before
    monkeypatch.setenv(PASSPHRASE_ENV, HANDOFF)
    assert main([*clerk, "import", "file", str(written)]) == 0
    assert "Imported the conference" in capsys.readouterr().out


def test_a_weak_or_missing_passphrase_writes_nothing_and_plain_is_warned(tmp_path, capsys, monkeypatch):
    from iro_desktop.cli.conference_file import PASSPHRASE_ENV

    conference_id = _demo_conference(tmp_path / "chair")
    chair = ["--data-dir", str(tmp_path / "chair"), "--user", "chair", "export", "file"]
    out = tmp_path / "c.iroconf.age"
    argv = [*chair, "--conference", conference_id, "--out", str(out)]
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    assert main(argv) == 2
    assert "A passphrase is needed" in capsys.readouterr().err
    monkeypatch.setenv(PASSPHRASE_ENV, "cat dog pig")
    assert main(argv) == 1
    assert "Too weak to protect the file: use at least 16 characters" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SystemExit):  # never an argument
        main([*argv, "--passphrase", HANDOFF])
    plain = tmp_path / "c.json"
    assert main([*chair, "--conference", conference_id, "--plain", "--out", str(plain)]) == 0
    captured = capsys.readouterr()
    assert "Warning: A plain conference file is not encrypted" in captured.err
    assert "NOT encrypted" in captured.out
    assert json.loads(plain.read_text(encoding="utf-8"))["conference"]["details"]["id"] == conference_id


def test_the_passphrase_is_asked_twice_on_the_terminal_when_writing():
    from iro_desktop.cli.conference_file import handoff_passphrase

    answers = iter(["one passphrase here", "another one here"])
    assert handoff_passphrase(confirm=True, environ={}, ask=lambda _prompt: next(answers)) is None
    same = iter([HANDOFF, HANDOFF])
    assert handoff_passphrase(confirm=True, environ={}, ask=lambda _prompt: next(same)) == HANDOFF
    assert handoff_passphrase(confirm=False, environ={}, ask=lambda _prompt: HANDOFF) == HANDOFF
