"""Opening the store safely: every check that could refuse happens before the file is touched."""

from __future__ import annotations

import errno
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from iro_desktop.store import audit_anchor, migrations
from iro_desktop.store.engine import make_engine
from iro_desktop.store.errors import (
    FolderNotWritable,
    StoreCorrupt,
    StoreError,
    StoreInUse,
    StoreTooNew,
    disk_full,
    translate,
)
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.uow import UnitOfWork

SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_FILENAME = "iro-desktop.lock"


@dataclass
class Store:
    """An open store: the engine, a unit-of-work factory, and the instance lock held while open."""

    location: StoreLocation
    engine: Engine
    session_factory: sessionmaker[Session]
    backup_path: Path | None = None
    _lock: FileLock | None = field(default=None, repr=False)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    @property
    def uow_factory(self) -> Callable[[], UnitOfWork]:
        return self.uow

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_store(location: StoreLocation, *, migrate: bool = True) -> Store:
    """Check, back up, migrate and open. Raises a StoreError with a user-facing message on any
    environmental problem, leaving the database file exactly as it was."""
    path = location.sqlite_path
    lock = None
    backup = None
    if path is not None:
        _ensure_writable_folder(location.data_dir)
        _ensure_writable_folder(path.parent)
        lock = _acquire_instance_lock(location.data_dir)
        try:
            revision = _inspect_existing(path)
            head = migrations.head_revision()
            if migrate and revision is not None and revision != head:
                backup = _backup(path, location.backups_dir, revision)
        except BaseException:
            lock.release()
            raise
    engine = make_engine(location.url)
    try:
        if migrate:
            migrations.upgrade(engine)
    except BaseException as exc:
        engine.dispose()
        if lock is not None:
            lock.release()
        translated = translate(exc)
        if translated is not exc:
            raise translated from exc
        raise
    factory = sessionmaker(engine, expire_on_commit=False)
    audit_anchor.install(factory, audit_anchor.anchor_path_for(location.data_dir))  # issue 13
    return Store(location, engine, factory, backup, lock)


def _ensure_writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise disk_full() from exc
        raise FolderNotWritable(
            f"IRO Desktop cannot save in the data folder {folder}. Choose another folder with "
            "--data-dir, or ask your IT team to give you write access. Nothing was changed."
        ) from exc


def _acquire_instance_lock(folder: Path) -> FileLock:
    lock = FileLock(str(folder / LOCK_FILENAME), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise StoreInUse(
            "IRO Desktop is already running with these records (perhaps in another window or by "
            "another user on this computer). Switch to that window, or close it and try again."
        ) from exc
    return lock


def _inspect_existing(path: Path) -> str | None:
    """Read-only look at an existing file: its schema revision. Refuses damaged or newer files."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise _corrupt()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise _corrupt()
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = None
            if has_version:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _corrupt() from exc
    if revision is not None and revision not in migrations.known_revisions():
        raise StoreTooNew(
            "These records were saved by a newer version of IRO Desktop. Install the newer version "
            "to open them. Nothing was changed."
        )
    return revision


def _corrupt() -> StoreCorrupt:
    return StoreCorrupt(
        "The records file is damaged or is not an IRO Desktop file. It has not been changed. Restore "
        "it from the latest copy in the backups folder, or ask your IT team."
    )


def _backup(path: Path, folder: Path, revision: str) -> Path:
    """A consistent copy (SQLite backup API) before migrating. A failed copy is removed."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-before-{revision}{path.suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        if target.stat().st_size == 0:
            raise OSError(errno.EIO, "the backup copy is empty")
        audit_anchor.copy_beside(audit_anchor.anchor_path_for(path.parent), target)  # issue 13
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        full = isinstance(exc, OSError) and exc.errno == errno.ENOSPC
        if full or "full" in str(exc).lower():
            raise disk_full("the backup before upgrading could not be written") from exc
        raise StoreError(f"A backup could not be made before upgrading the records: {exc}") from exc
    return target
