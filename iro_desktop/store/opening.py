"""Opening the store safely: every check that could refuse happens before the file is touched.

Each bad store is told for what it is (see `store.errors`): busy, full, read-only, damaged, newer,
empty, a damaged schema-version table, or broken references. Only a damaged file points to the backups.
A store with broken references opens read-only with the problems listed, so its records can be read.

With a data key the file is opened with SQLCipher (issue 15): inspection, the before-upgrade backup and
the engine all use the key, and a key that does not open the file is told as such (never "file is not a
database"). The key file is copied beside every backup, so a backup opens as the store did.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from filelock import FileLock, Timeout
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from iro_desktop.store import audit_anchor, key_file, length_guard, migrations
from iro_desktop.store.cipher import DataKey, connect, is_plain_sqlite
from iro_desktop.store.engine import make_engine
from iro_desktop.store.errors import (
    BUSY_CODES,
    DAMAGED_CODES,
    DRIVER_ERRORS,
    SQLITE_FULL,
    SQLITE_NOTADB,
    FolderNotWritable,
    StoreError,
    StoreInUse,
    StoreTooNew,
    StoreVersionDamaged,
    disk_full,
    key_mismatch,
    sqlite_code,
    store_corrupt,
    store_empty,
    store_locked,
    store_needs_key,
    store_read_only,
    translate,
)
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.uow import READ_ONLY_REASON, UnitOfWork

LOCK_FILENAME = "iro-desktop.lock"
# Another program holding the file: look again after these pauses before saying so (about 2 s in all).
BUSY_RETRY_DELAYS = (0.1, 0.3, 0.9)
INSPECT_TIMEOUT_S = 0.25

# Written even when the records are opened read-only: reading and exporting them is still audited, and
# an exported conference file is remembered as a hand-off snapshot. Nothing else can change.
AUDIT_TABLES = frozenset({"audit_events", "handoff_snapshots"})

T = TypeVar("T")


@dataclass
class Store:
    """An open store: the engine, a unit-of-work factory, and the instance lock held while open.

    `read_only` with `problems` when the records could be opened only for reading (broken references)."""

    location: StoreLocation
    engine: Engine
    session_factory: sessionmaker[Session]
    backup_path: Path | None = None
    _lock: FileLock | None = field(default=None, repr=False)
    read_only: bool = False
    problems: tuple[str, ...] = ()
    key: DataKey | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def forget_key(self) -> None:
        """The idle lock: close every connection (SQLCipher wipes its copy of the key) and overwrite ours.
        Until `restore_key`, every unit of work is refused with a clear message."""
        if self.key is None:
            return
        self.engine.dispose()
        self.key.wipe()

    def restore_key(self, raw: bytes | bytearray) -> None:
        """Unlocking: the data key unwrapped again from the key file."""
        if self.key is not None:
            self.key.restore(raw)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    @property
    def uow_factory(self) -> Callable[[], UnitOfWork]:
        return self.uow

    def close(self) -> None:
        self.engine.dispose()
        if self.key is not None:
            self.key.wipe()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


@dataclass(frozen=True)
class _Existing:
    """What a read-only look at an existing file found."""

    revision: str | None
    broken_references: tuple[str, ...] = ()


def open_store(location: StoreLocation, *, migrate: bool = True, key: DataKey | None = None) -> Store:
    """Check, back up, migrate and open (encrypted with SQLCipher when given the data `key`). Raises a
    StoreError with a user-facing message on any environmental problem, leaving the file as it was.
    A server database is never migrated here (store.server_admin.migrate, run by its owner)."""
    length_guard.install()
    path = location.sqlite_path
    if path is None:
        return _open_server(location)
    _ensure_writable_folder(location.data_dir)
    _ensure_writable_folder(path.parent)
    lock = _acquire_instance_lock(location.data_dir)
    created = not path.exists()
    try:
        return _open_sqlite(location, path, lock, migrate, key)
    except BaseException:
        lock.release()
        if created:
            _remove_unused_new_file(path, key)
        raise


def _open_server(location: StoreLocation) -> Store:
    """A team database (issue 16): never migrated on open (`iro-desktop admin migrate` does that, as the
    owner); a schema older or newer than this version, or none yet, is told as such."""
    engine = make_engine(location.url)
    try:
        with engine.connect() as conn:
            revision = migrations.current_revision(conn)
        if revision is None:
            raise StoreError(
                "The team database has no records yet: its administrator sets it up with `iro-desktop "
                "admin migrate` (see docs/deployment.md). Nothing was changed."
            )
        if revision not in migrations.known_revisions():
            raise StoreTooNew(
                "The team database was upgraded by a newer version of IRO Desktop. Install the newer "
                "version to use it. Nothing was changed."
            )
        if revision != migrations.head_revision():
            raise StoreError(
                "The team database is older than this version of IRO Desktop: its administrator "
                "upgrades it with `iro-desktop admin migrate`. Nothing was changed."
            )
    except BaseException as exc:
        engine.dispose()
        translated = translate(exc)
        if translated is not exc:
            raise translated from exc
        raise
    return Store(location, engine, sessionmaker(engine, expire_on_commit=False))


def _open_sqlite(
    location: StoreLocation, path: Path, lock: FileLock, migrate: bool, key: DataKey | None
) -> Store:
    existing = _with_busy_retries(lambda: _inspect_existing(path, key))
    head = migrations.head_revision()
    if existing is not None:
        _ensure_writable_file(path)
    if existing is not None and existing.broken_references:
        if existing.revision != head:
            raise StoreError(
                "The records have broken references and were saved by an older version, so they cannot "
                "be upgraded safely. Nothing was changed. Run `iro-desktop check` to list the problems "
                "and ask your IT team. " + _listed(existing.broken_references)
            )
        return _open_read_only(location, path, lock, existing.broken_references, key)
    revision = existing.revision if existing is not None else None
    backup = None
    digest = None
    if migrate and revision is not None and revision != head:
        digest = _digest(path)
        backup = _backup(path, location.backups_dir, revision, key)
    engine = make_engine(location.url, key=key)
    try:
        if migrate:
            migrations.upgrade(engine)
        if revision == head or migrate:
            _ensure_schema_matches(engine)
    except BaseException as exc:
        engine.dispose()
        if backup is not None and digest == _digest(path):
            backup.unlink(missing_ok=True)  # the file is as it was: no copy piles up per attempt
            key_file.beside(backup).unlink(missing_ok=True)
        translated = translate(exc)
        if translated is not exc:
            raise translated from exc
        if isinstance(exc, DBAPIError):
            raise _version_damaged("upgrading it failed") from exc
        raise
    factory = sessionmaker(engine, expire_on_commit=False)
    audit_anchor.install(factory, audit_anchor.anchor_path_for(location.data_dir))  # issue 13
    return Store(location, engine, factory, backup, lock, key=key)


def _open_read_only(
    location: StoreLocation, path: Path, lock: FileLock, problems: tuple[str, ...], key: DataKey | None
) -> Store:
    engine = make_engine(location.url, writable_tables=AUDIT_TABLES, key=key)
    reason = (
        "The records have broken references, so they were opened read-only: you can read and export "
        "them, but not change them. Nothing was changed. Run `iro-desktop check` to list the problems "
        "and ask your IT team."
    )
    factory = sessionmaker(engine, expire_on_commit=False, info={READ_ONLY_REASON: reason})
    return Store(location, engine, factory, None, lock, read_only=True, problems=problems, key=key)


def _with_busy_retries(action: Callable[[], T]) -> T:
    """Run a read-only look, retrying with growing pauses while another program holds the file."""
    for delay in (*BUSY_RETRY_DELAYS, None):
        try:
            return action()
        except DRIVER_ERRORS as exc:
            if sqlite_code(exc) not in BUSY_CODES:
                raise _classified(exc) from exc
            if delay is None:
                raise store_locked() from exc
            time.sleep(delay)
    raise AssertionError("unreachable")


def _classified(exc: Exception) -> StoreError:
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        return disk_full()
    if code in DAMAGED_CODES:
        return store_corrupt()
    translated = translate(exc)
    if isinstance(translated, StoreError):
        return translated
    return store_corrupt()


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


def _ensure_writable_file(path: Path) -> None:
    """Open the file for writing without writing: refused when it (or its file system) is read-only."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        raise store_read_only(str(path)) from exc
    os.close(fd)


def acquire_instance_lock(folder: Path) -> FileLock:
    """The lock that keeps a second IRO Desktop off these records (held while a store is open, and
    while one is converted); release it when done."""
    _ensure_writable_folder(folder)
    return _acquire_instance_lock(folder)


def _acquire_instance_lock(folder: Path) -> FileLock:
    # Not thread-local: the GUI opens the store on a worker thread and closes it on the UI thread.
    lock = FileLock(str(folder / LOCK_FILENAME), timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise StoreInUse(
            "IRO Desktop is already running with these records (perhaps in another window or by "
            "another user on this computer). Switch to that window, or close it and try again."
        ) from exc
    return lock


def _inspect_existing(path: Path, key: DataKey | None = None) -> _Existing | None:
    """Read-only look at an existing file: its schema revision and broken references. Refuses empty,
    damaged or newer files and damaged version tables, and (with `key`) a key that does not open it,
    or (without) an encrypted file. None when there is no file yet."""
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        raise store_empty(path)
    plain = is_plain_sqlite(path)
    if key is None and not plain:
        if key_file.key_file_path(path).exists():
            raise store_needs_key()
        raise store_corrupt()
    if key is not None and plain:
        raise StoreError(
            "The records file is not encrypted yet: IRO Desktop encrypts it when you next sign in. "
            "Nothing was changed."
        )
    conn = connect(path, key, read_only=True, timeout=INSPECT_TIMEOUT_S)
    try:
        try:  # the first page only: a key that does not open it is the wrong key (or page 1 is gone)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DRIVER_ERRORS as exc:
            if key is not None and sqlite_code(exc) == SQLITE_NOTADB:
                raise key_mismatch() from exc
            raise
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
        except DRIVER_ERRORS as exc:
            if sqlite_code(exc) == SQLITE_NOTADB:  # a later page fails its check: damage, not the key
                raise store_corrupt() from exc
            raise
        if not ok or ok[0] != "ok":
            raise store_corrupt()
        tables = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not row[0].startswith("sqlite_")
        }
        if not tables:
            return (
                None  # a file with no tables holds nothing: a new store (for example a first run cut short)
            )
        if "alembic_version" not in tables:
            raise _version_damaged("its version table is missing")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if len(rows) != 1 or not rows[0][0]:
            raise _version_damaged(
                "its version table is empty" if not rows else "its version table is unclear"
            )
        revision = str(rows[0][0])
        if revision not in migrations.known_revisions():
            raise StoreTooNew(
                "These records were saved by a newer version of IRO Desktop. Install the newer version "
                "to open them. Nothing was changed."
            )
        broken = tuple(_broken_reference(row) for row in conn.execute("PRAGMA foreign_key_check"))
    finally:
        conn.close()
    return _Existing(revision, broken)


def _broken_reference(row: tuple[object, ...]) -> str:
    table, rowid, parent = row[0], row[1], row[2]
    return f"broken reference in table {table} (row {rowid}) to a missing row of {parent}"


def _listed(problems: tuple[str, ...], limit: int = 5) -> str:
    shown = "; ".join(problems[:limit])
    more = f"; and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"Problems: {shown}{more}."


def _version_damaged(what: str) -> StoreVersionDamaged:
    return StoreVersionDamaged(
        f"The records file's schema-version table is damaged ({what}), so IRO Desktop cannot tell which "
        "version saved it and will not change it. Nothing was changed, and the records in it are still "
        "there: ask your IT team to repair the version table (an older backup would lose newer work)."
    )


def _ensure_schema_matches(engine: Engine) -> None:
    """Every table and column the models expect is in the file (a version table that lies is caught)."""
    from iro_desktop.store.models import Base

    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table'"
        )
        found = {(str(table), str(column)) for table, column in rows}
    for table in Base.metadata.sorted_tables:
        if any((table.name, c.name) not in found for c in table.columns):
            raise _version_damaged(f"it does not match the tables in the file: {table.name}")


def _remove_unused_new_file(path: Path, key: DataKey | None = None) -> None:
    """A file this attempt created and left without any table is removed, so a retry starts clean."""
    try:
        if path.exists() and path.stat().st_size:
            conn = connect(path, key, read_only=True)
            try:
                tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            finally:
                conn.close()
            if tables:
                return
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except (OSError, *DRIVER_ERRORS):  # type: ignore[misc]  # a tuple of exception classes
        pass


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backup(path: Path, folder: Path, revision: str, key: DataKey | None = None) -> Path:
    """A consistent copy (SQLite backup API) before migrating, encrypted with the same key as the store
    (its key file copied beside it). A failed copy is removed."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-before-{revision}{path.suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source = connect(path, key, read_only=True)
        try:
            dest = connect(target, key)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        if target.stat().st_size == 0:
            raise OSError(errno.EIO, "the backup copy is empty")
        os.chmod(target, 0o600)
        audit_anchor.copy_beside(audit_anchor.anchor_path_for(path.parent), target)  # issue 13
        if key is not None:  # issue 15: the backup opens with the key file it was made with
            key_file.copy_key_file(key_file.key_file_path(path), key_file.beside(target))
    except (OSError, *DRIVER_ERRORS, StoreError) as exc:  # type: ignore[misc]  # exception classes
        target.unlink(missing_ok=True)
        key_file.beside(target).unlink(missing_ok=True)
        full = (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or sqlite_code(exc) == SQLITE_FULL
        if full:
            raise disk_full("the backup before upgrading could not be written") from exc
        raise StoreError(f"A backup could not be made before upgrading the records: {exc}") from exc
    return target
