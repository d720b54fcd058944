"""iro_desktop.private_files: what the app writes is 0600, the folders it makes 0700, whatever the umask of
the process that calls it; an older version's looser data folder is tightened once (issue 15)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from iro_desktop import private_files
from iro_desktop.private_files import (
    make_process_private,
    private_folder,
    private_opener,
    secure_data_folder,
    write_private,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows skips every chmod")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def open_umask():
    """The usual desktop umask (022: new files 0644), restored after the test."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_write_private_is_0600_atomic_and_tightens_an_old_file(tmp_path, open_umask):
    target = tmp_path / "record.pdf"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    write_private(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert mode(target) == 0o600
    write_private(tmp_path / "note.txt", "Łucja’s text\n")
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == "Łucja’s text\n"
    assert mode(tmp_path / "note.txt") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt", "record.pdf"]  # no temporary left


def test_a_failed_write_leaves_the_target_and_no_temporary(tmp_path, open_umask, monkeypatch):
    target = tmp_path / "c.iroconf.age"
    write_private(target, b"first")

    def no_rename(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(private_files.os, "replace", no_rename)
    with pytest.raises(OSError, match="No space left"):
        write_private(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["c.iroconf.age"]


def test_private_folder_makes_missing_folders_0700_and_leaves_existing_ones(tmp_path, open_umask):
    chosen = tmp_path / "Documents"
    chosen.mkdir()
    assert mode(chosen) == 0o755
    made = private_folder(chosen / "exports" / "2026")
    assert made.is_dir()
    assert mode(chosen / "exports") == 0o700
    assert mode(made) == 0o700
    assert mode(chosen) == 0o755  # the user's own folder keeps its mode
    (tmp_path / "file").write_text("x")
    with pytest.raises((NotADirectoryError, FileExistsError)):
        private_folder(tmp_path / "file")


def test_private_opener_creates_0600_and_tightens_an_existing_file(tmp_path, open_umask):
    fresh, old = tmp_path / "figures.csv", tmp_path / "persons.csv"
    old.write_text("old")
    os.chmod(old, 0o664)
    for path in (fresh, old):
        with open(path, "w", encoding="utf-8", opener=private_opener) as stream:
            stream.write("a,b\n")
        assert mode(path) == 0o600
    assert old.read_text(encoding="utf-8") == "a,b\n"


def test_an_older_versions_loose_data_folder_is_tightened_with_all_in_it(tmp_path, open_umask):
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    (data / "logs").mkdir()
    for name in ("iro-desktop.sqlite3", "backups/before-0009.sqlite3", "logs/iro-desktop.log"):
        (data / name).write_text("x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (data / "link").symlink_to(outside)  # not followed: the folder it points to keeps its mode
    assert mode(data) == 0o755
    assert secure_data_folder(data) == 1 + 2 + 3
    assert mode(data) == mode(data / "backups") == mode(data / "logs") == 0o700
    for name in ("iro-desktop.sqlite3", "backups/before-0009.sqlite3", "logs/iro-desktop.log"):
        assert mode(data / name) == 0o600
    assert mode(outside) == 0o755
    assert secure_data_folder(data) == 0  # a private folder is left alone: nothing else can reach in
    assert secure_data_folder(tmp_path / "missing") == 0


def test_the_process_umask_makes_what_others_create_private(tmp_path, open_umask):
    """SQLite's own files, log handlers and Qt's writers create files themselves: the umask covers them."""
    import logging
    import sqlite3

    old = make_process_private()
    try:
        assert old == 0o022
        folder = tmp_path / "made"
        folder.mkdir()
        conn = sqlite3.connect(folder / "store.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
        handler = logging.FileHandler(folder / "app.log", encoding="utf-8")
        handler.emit(logging.makeLogRecord({"msg": "started"}))
        handler.close()
        files = sorted(p.name for p in folder.iterdir())
        assert {"store.sqlite3", "store.sqlite3-wal", "store.sqlite3-shm", "app.log"} <= set(files)
        assert {p.name: mode(p) for p in folder.iterdir()} == dict.fromkeys(files, 0o600)
        assert mode(folder) == 0o700
        conn.close()
    finally:
        os.umask(old or 0o022)
