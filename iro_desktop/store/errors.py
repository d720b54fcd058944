"""Environmental store failures: each carries a message a user can act on. The file is never touched.

Errors are told apart by SQLite's result codes (`sqlite_errorcode` on the driver's exception, which
SQLAlchemy wraps in `.orig`) and by `errno` for the operating system, never by the text of a message.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from iro_desktop.domain.errors import EnvironmentProblem

# SQLite primary result codes (https://sqlite.org/rescode.html); the low byte of an extended code.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_AUTH = 23  # refused by the read-only store's authorizer
SQLITE_NOTADB = 26

BUSY_CODES = frozenset({SQLITE_BUSY, SQLITE_LOCKED})
DAMAGED_CODES = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})
READ_ONLY_CODES = frozenset({SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH})
# Every driver error: the plain sqlite3 module's and SQLCipher's (sqlcipher3 has its own classes).
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)


class StoreError(EnvironmentProblem):
    """A problem with where or how the records are kept (not a bug, not bad input)."""


class StoreInUse(StoreError):
    title = "IRO Desktop is already open"


class StoreLocked(StoreError):
    title = "The records are busy"


class StoreCorrupt(StoreError):
    title = "The records file is damaged"


class StoreTooNew(StoreError):
    title = "The records were saved by a newer IRO Desktop"


class StoreEmpty(StoreError):
    title = "The records file is empty"


class StoreVersionDamaged(StoreError):
    title = "The records file's version table is damaged"


class FolderNotWritable(StoreError):
    title = "The data folder cannot be written to"


class StoreReadOnly(StoreError):
    title = "The records can only be read"


class DiskFull(StoreError):
    title = "The disk is full"


class KeyFileMissing(StoreError):
    title = "The records' key file is missing"


class KeyFileDamaged(StoreError):
    title = "The records' key file is damaged"


class KeyMismatch(StoreError):
    title = "The key file does not open these records"


class StoreNeedsKey(StoreError):
    title = "The records are encrypted"


class KeyLockedAway(StoreError):
    """The idle lock dropped the data key: nothing reaches the records until someone signs in again."""

    title = "IRO Desktop is locked"


def store_empty(path: Path) -> StoreEmpty:
    return StoreEmpty(
        f"The records file {path} is empty (0 bytes): it holds no records. IRO Desktop will not "
        "start new records over it. If you copied it from elsewhere, copy it again; to start new "
        "records, move the empty file out of the data folder. Nothing was changed."
    )


def key_file_missing(folder: Path) -> KeyFileMissing:
    return KeyFileMissing(
        f"The records file is encrypted, and its key file (store-keys.json) is not in {folder}. Without it "
        "no password and no recovery key can open the records. Nothing was changed. Copy store-keys.json "
        "back from where it was moved, or from the copy beside the newest file in the backups folder, or "
        "ask your IT team."
    )


def key_file_damaged(folder: Path) -> KeyFileDamaged:
    return KeyFileDamaged(
        f"The key file store-keys.json in {folder} is damaged, so the encrypted records cannot be "
        "unlocked. Nothing was changed. Restore it from the copy beside the newest file in the backups "
        "folder, or ask your IT team."
    )


def key_mismatch() -> KeyMismatch:
    return KeyMismatch(
        "The key file does not open this records file: they do not belong together (one was copied from "
        "another computer or replaced), or the records file is damaged. Nothing was changed. Put back the "
        "key file that came with these records, or restore both from the backups folder."
    )


def store_needs_key() -> StoreNeedsKey:
    return StoreNeedsKey(
        "The records file is encrypted: it opens only after signing in with a password, or with the "
        "recovery key. Nothing was changed."
    )


def key_locked_away() -> KeyLockedAway:
    return KeyLockedAway(
        "IRO Desktop is locked and the key to the records has been put away. Enter your password to "
        "carry on; nothing you typed is lost."
    )


def disk_full(detail: str = "") -> DiskFull:
    return DiskFull(
        "There is no space left on the disk that holds your records. Nothing has been lost: what you "
        "typed is still on screen. Free some space and it will be saved." + (f" ({detail})" if detail else "")
    )


def store_locked() -> StoreLocked:
    return StoreLocked(
        "Another program is holding the records file (for example a database tool or a backup program). "
        "Your changes are kept on screen; close the other program and they will be saved."
    )


def store_corrupt() -> StoreCorrupt:
    return StoreCorrupt(
        "The records file is damaged or is not an IRO Desktop file. It has not been changed. Restore "
        "it from the latest copy in the backups folder, or ask your IT team."
    )


def store_read_only(detail: str = "") -> StoreReadOnly:
    return StoreReadOnly(
        "The records file cannot be written (it, or its folder, is read-only). Nothing was changed. "
        "Check that the data folder and the records file are writable, or ask your IT team."
        + (f" ({detail})" if detail else "")
    )


class ServerUnreachable(StoreError):
    title = "The team server can't be reached"


class ServerRefused(StoreError):
    title = "The team server refused this"


def server_unreachable(detail: str = "") -> ServerUnreachable:
    return ServerUnreachable(
        "The team server can't be reached (it may be down, or this computer is off the network). Nothing "
        "was changed; try again when it is back, or ask your IT team."
        + (f" (The connection said: {detail})" if detail else "")
    )


def _server_problem(original: BaseException) -> StoreError | None:
    """A PostgreSQL driver error told by its SQLSTATE class: the connection (08, 57P, 25P03) or a
    privilege."""
    if not type(original).__module__.startswith("psycopg"):
        return None
    state = getattr(original, "sqlstate", None) or ""
    connection_lost = not state and any(c.__name__ == "OperationalError" for c in type(original).__mro__)
    # 25P03: the server ended a transaction its desktop left waiting (store.server_admin), and the
    # connection with it: this desktop was away; what it was saving is kept and tried again.
    if connection_lost or state.startswith(("08", "57P")) or state == "25P03":
        lines = [line.strip() for line in str(original).splitlines() if line.strip()]
        return server_unreachable(lines[0].rpartition("failed: ")[2][:300] if lines else "")
    if state == "42501":
        return ServerRefused(
            "The team server does not allow this account to do that (its database role lacks the "
            "privilege). Nothing was changed. Ask the database's administrator."
        )
    return None


class ConcurrentSave(StoreError):
    title = "Saved by someone else at the same moment"


def concurrent_save() -> ConcurrentSave:
    return ConcurrentSave(
        "Someone else saved the same thing at the same moment. Nothing was lost: yours is tried again."
    )


# Told apart from a bug: an update matched no row at the version it read (another writer got there
# first), or PostgreSQL broke a deadlock or a serialization failure. The edit is tried again, re-read.
_RACE_SQLSTATES = frozenset({"40001", "40P01"})


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a driver error (or a SQLAlchemy error wrapping one)."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    return None


def translate(exc: BaseException) -> BaseException:
    """Map a low-level database or OS error to a StoreError when it is environmental; else return it."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, StaleDataError) or getattr(getattr(exc, "orig", None), "sqlstate", None) in (
        _RACE_SQLSTATES
    ):
        return concurrent_save()
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, OSError):
        if original.errno == errno.ENOSPC:
            return disk_full()
        if original.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return store_read_only()
    if not isinstance(original, DRIVER_ERRORS):
        server = _server_problem(original) if original is not None else None
        return exc if server is None else server
    code = sqlite_code(original)
    if code in BUSY_CODES:
        return store_locked()
    if code == SQLITE_FULL:
        return disk_full()
    if code in DAMAGED_CODES:
        return store_corrupt()
    if code in READ_ONLY_CODES:
        return store_read_only()
    return exc
