"""Issue 15, Must show: the file modes of everything written. An older version's data folder (0755, a
store made at the first revision, a 0644 log) goes through a day's work on the command line: the demo (a
migration with its backup first), every PDF, the annual report PDF and CSVs, an encrypted conference file,
a screenshot, the log, a crash log, the store's WAL. Afterwards every file in the data folder is 0600 and
every folder 0700, the data folder itself included."""

from __future__ import annotations

import gzip
import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.cli.conference_file import PASSPHRASE_ENV
from iro_desktop.store.location import resolve_location
from tests.cli_accounts import act_as
from tests.store_files import open_keyed

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; a Windows profile is private")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def desktop_umask():
    """The usual desktop umask (022: files 0644), as the process starts; restored after the test."""
    old = os.umask(0o022)
    yield
    os.umask(old)


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "plain-store-0010"


def _older_versions_folder(data: Path) -> None:
    """The previous version's folder: 0755, its plain records file (tests/fixtures/plain-store-0010,
    made by that version's demo, so its accounts and passwords are the demo's) and a log, 0644."""
    data.mkdir()
    records = gzip.decompress((FIXTURE / "iro-desktop.sqlite3.gz").read_bytes())
    (data / "iro-desktop.sqlite3").write_bytes(records)
    (data / "audit-anchor.json").write_bytes((FIXTURE / "audit-anchor.json").read_bytes())
    for name in ("iro-desktop.sqlite3", "audit-anchor.json"):
        (data / name).chmod(0o644)
    (data / "logs").mkdir()
    (data / "logs" / "iro-desktop.log").write_text("2026-11-01 INFO iro_desktop: started\n", encoding="utf-8")
    assert {mode(data), mode(data / "iro-desktop.sqlite3"), mode(data / "logs" / "iro-desktop.log")} == {
        0o755,
        0o644,
    }


def test_everything_written_in_the_data_folder_is_private(tmp_path, monkeypatch, desktop_umask, capsys):
    data = tmp_path / "data"
    _older_versions_folder(data)
    exports = data / "exports"
    at = ["--data-dir", str(data)]

    assert main([*at, "demo"]) == 0  # converts the plain store to an encrypted one: a backup first
    act_as(monkeypatch, "chair")
    assert main([*at, "export", "pdf", "--family-ref", "DEMO-0001", "--latest", "--kind", "all"]) == 0
    act_as(monkeypatch, "manager")
    report = ["report", "--period", "2026-27", "--quiet"]
    assert main([*at, *report, "--pdf", str(exports / "annual.pdf"), "--csv", str(exports / "annual")]) == 0
    act_as(monkeypatch, "chair")
    monkeypatch.setenv(PASSPHRASE_ENV, "fictional demo hand-off passphrase")
    store = open_keyed(resolve_location(data, environ={}))
    with store.engine.connect() as conn:
        conference_id = conn.exec_driver_sql("SELECT id FROM conferences ORDER BY rowid LIMIT 1").scalar()
    store.close()
    assert conference_id is not None
    handoff = exports / "handoff.iroconf.age"
    assert main([*at, "export", "file", "--conference", conference_id, "--out", str(handoff)]) == 0
    shot = exports / "today.png"
    assert main([*at, "screenshot", "--out", str(shot), "--view", "today", "--size", "800x600"]) == 0

    from iro_desktop.app import configure_logging

    root = logging.getLogger("iro_desktop")
    before = list(root.handlers)
    configure_logging(resolve_location(data, environ={}))  # the GUI's log
    for handler in root.handlers:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)
    from iro_desktop.ui.crash import CrashHandler

    crash = CrashHandler(data / "logs", show_dialog=False)
    try:
        raise RuntimeError("Łucja Wiśniewska")  # never written: the log keeps the type and place only
    except RuntimeError:
        crash(*sys.exc_info())
    assert crash.last_log is not None

    store = open_keyed(resolve_location(data, environ={}))  # open: SQLite's -wal and -shm exist now
    try:
        with store.uow() as uow:
            uow.session.connection().exec_driver_sql("UPDATE families SET name = name")
            uow.commit()
        assert (data / "iro-desktop.sqlite3-wal").exists()
        assert (data / "iro-desktop.sqlite3-shm").exists()
        files, folders = _walk(data)
        modes = {f.relative_to(data).as_posix(): mode(f) for f in files}  # while -wal and -shm exist
    finally:
        store.close()
    capsys.readouterr()

    names = {p.relative_to(data).as_posix() for p in files}
    assert {
        "iro-desktop.sqlite3",
        "iro-desktop.sqlite3-wal",
        "iro-desktop.sqlite3-shm",
        "audit-anchor.json",
        "logs/iro-desktop.log",
        "exports/annual.pdf",
        "exports/annual/figures.csv",
        "exports/handoff.iroconf.age",
        "exports/today.png",
    } <= names
    assert len([n for n in names if n.startswith("exports/DEMO-0001_")]) == 4  # every PDF of the conference
    assert any(n.startswith("backups/") and n.endswith(".sqlite3") for n in names)  # before the upgrade
    assert crash.last_log in files
    assert modes == dict.fromkeys(names, 0o600)
    assert {f.relative_to(data).as_posix(): mode(f) for f in folders} == dict.fromkeys(
        (f.relative_to(data).as_posix() for f in folders), 0o700
    )
    made = {f.relative_to(data).as_posix() for f in folders}
    assert {"backups", "logs", "exports", "exports/annual"} <= made
    assert mode(data) == 0o700


def _walk(data: Path) -> tuple[list[Path], list[Path]]:
    files: list[Path] = []
    folders: list[Path] = []
    for root, dirs, names in os.walk(data):
        folders += [Path(root, d) for d in dirs]
        files += [Path(root, n) for n in names]
    return files, folders


def test_a_new_data_folder_is_made_0700(tmp_path, desktop_umask, capsys):
    home = tmp_path / "home"
    home.mkdir()  # 0755, the user's
    data = home / "new" / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0  # the README's first command, on a fresh machine
    assert mode(data) == 0o700
    assert mode(data.parent) == 0o700  # made by the app for its data folder
    assert mode(home) == 0o755  # not the app's to change
    files, folders = _walk(data)
    assert "iro-desktop.sqlite3" in {f.name for f in files}
    assert {mode(p) for p in files} == {0o600}
    assert {mode(p) for p in folders} <= {0o700}
