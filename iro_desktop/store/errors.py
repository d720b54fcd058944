"""Environmental store failures: each carries a message a user can act on. The file is never touched."""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import DBAPIError

from iro_desktop.domain.errors import EnvironmentProblem


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


class FolderNotWritable(StoreError):
    title = "The data folder cannot be written to"


class DiskFull(StoreError):
    title = "The disk is full"


def disk_full(detail: str = "") -> DiskFull:
    return DiskFull(
        "There is no space left on the disk that holds your records. Nothing was lost: what you typed "
        "is still on screen. Free some space and it will be saved." + (f" ({detail})" if detail else "")
    )


def translate(exc: BaseException) -> BaseException:
    """Map a low-level database or OS error to a StoreError when it is environmental; else return it."""
    if isinstance(exc, StoreError):
        return exc
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, OSError) and original.errno == errno.ENOSPC:
        return disk_full()
    if isinstance(original, sqlite3.Error):
        text = str(original).lower()
        if "locked" in text or "busy" in text:
            return StoreLocked(
                "Another program is holding the records file. Your changes are kept on screen; "
                "close the other program and they will be saved."
            )
        if "full" in text:
            return disk_full()
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return StoreCorrupt(
                "The records file is damaged or is not an IRO Desktop file. It has not been changed. "
                "Restore it from the latest backup in the data folder, or ask your IT team."
            )
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return FolderNotWritable(
                "The records file cannot be written. Check that the data folder is writable."
            )
    return exc
