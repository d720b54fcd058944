"""Each environmental failure gives its clear message and leaves the records file byte-for-byte unchanged."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from iro_desktop.store import engine as engine_module
from iro_desktop.store.errors import (
    DiskFull,
    FolderNotWritable,
    StoreCorrupt,
    StoreInUse,
    StoreLocked,
    StoreTooNew,
)
from iro_desktop.store.location import resolve_location
from iro_desktop.store.models import FamilyRow
from iro_desktop.store.opening import open_store

pytestmark = pytest.mark.sqlite_only(
    "failures of an SQLite file and its folder (lock file, disk, permissions)"
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def existing(location):
    """A real, migrated store with one family, closed again."""
    store = open_store(location)
    with store.uow() as uow:
        uow.session.add(FamilyRow(reference="R-1", name="Ó Súilleabháin"))
        uow.commit()
    store.close()
    assert location.sqlite_path is not None
    with sqlite3.connect(location.sqlite_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return location


def test_second_running_copy_is_refused(existing):
    path = existing.sqlite_path
    before = _digest(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from iro_desktop.store.location import resolve_location
            from iro_desktop.store.opening import open_store
            s = open_store(resolve_location({str(existing.data_dir)!r}, environ={{}}))
            print("open", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUse, match="already running"):
            open_store(existing)
        assert _digest(path) == before
    finally:
        holder.communicate("", timeout=30)


def test_database_locked_by_another_program_during_a_write(existing, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    store = open_store(existing)
    blocker = sqlite3.connect(existing.sqlite_path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLocked, match="Another program"), store.uow() as uow:
            uow.session.add(FamilyRow(reference="R-2", name="Dvořák"))
            uow.commit()
    finally:
        blocker.rollback()
        blocker.close()
    with store.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(FamilyRow)) == 1
    store.close()


def test_file_that_is_not_a_database(location):
    location.data_dir.mkdir(parents=True)
    path = location.sqlite_path
    path.write_bytes(b"Minutes of the conference, typed in Word.\n" * 100)
    before = _digest(path)
    with pytest.raises(StoreCorrupt, match="damaged or is not an IRO Desktop file"):
        open_store(location)
    assert _digest(path) == before


def test_corrupt_database(existing):
    path = existing.sqlite_path
    data = bytearray(path.read_bytes())
    page = 4096
    for i in range(page + 16, min(len(data), 3 * page)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(StoreCorrupt):
        open_store(existing)
    assert _digest(path) == before


def test_database_from_newer_version(existing):
    path = existing.sqlite_path
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(path)
    with pytest.raises(StoreTooNew, match="newer version"):
        open_store(existing)
    assert _digest(path) == before


def test_data_folder_is_not_a_folder(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(FolderNotWritable, match="cannot save in the data folder"):
        open_store(resolve_location(blocker / "data", environ={}))


def test_data_folder_not_writable(existing, monkeypatch):
    path = existing.sqlite_path
    before = _digest(path)

    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(FolderNotWritable, match="--data-dir"):
        open_store(existing)
    assert _digest(path) == before


def test_disk_full_at_start(existing, monkeypatch):
    path = existing.sqlite_path
    before = _digest(path)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    with pytest.raises(DiskFull, match="no space left"):
        open_store(existing)
    assert _digest(path) == before


def test_disk_full_during_a_write_keeps_the_file(existing):
    store = open_store(existing)
    path = existing.sqlite_path

    @event.listens_for(store.engine, "connect")
    def cap(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    store.engine.dispose()
    before = _digest(path)
    with pytest.raises(DiskFull), store.uow() as uow:
        for n in range(2000):
            uow.session.add(FamilyRow(reference=f"BIG-{n}", name="Wójcik " * 10))
        uow.commit()
    store.close()
    assert _digest(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM families").fetchone()[0] == 1
