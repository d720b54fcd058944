"""A desktop's outage journal (issue 16 item 4): the edits made while the team server could not be
reached, kept on this computer in an SQLCipher-encrypted SQLite file in the data folder, in order, each
with its idempotency key (store.applied_edits), until the server has them.

One file per account (`outage-journal-<account id>.db`, mode 0600): an edit is written here, committed
(fsynced by SQLite) before the screen calls it kept, and removed only once the server holds it.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iro_desktop.store.cipher import DataKey, connect
from iro_desktop.store.errors import DRIVER_ERRORS, StoreError

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS journal ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " key TEXT NOT NULL UNIQUE,"
    " operation TEXT NOT NULL,"
    " arguments TEXT NOT NULL,"
    " kept_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
)
# Words the server refused at replay because someone else had changed the same words meanwhile: kept
# here, beside what they conflict with, until the person chooses (never replayed, never dropped).
_HELD_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS held ("
    " key TEXT PRIMARY KEY,"
    " operation TEXT NOT NULL,"
    " arguments TEXT NOT NULL,"
    " conflict TEXT NOT NULL,"
    " held_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
)


def journal_path(data_dir: Path, account_id: str) -> Path:
    return data_dir / f"outage-journal-{account_id}.db"


@dataclass(frozen=True)
class HeldEntry:
    """Kept words in conflict: the edit as it was to be applied (the latest words) and what it met on
    the server (plain JSON: the field, base, mine, theirs, the row's version and a label)."""

    key: str
    operation: str
    arguments: dict[str, Any]
    conflict: dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """One kept edit: its place in the order, its idempotency key, the operation and its arguments."""

    seq: int
    key: str
    operation: str
    arguments: dict[str, Any]


class OutageJournal:
    """The encrypted local file; safe to use from several threads (one connection, one lock)."""

    def __init__(self, path: Path, key: DataKey) -> None:
        self.path = path
        new = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = connect(path, key, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=DELETE")
            self._conn.execute("PRAGMA synchronous=FULL")  # kept means on the disk
            self._conn.execute(_SCHEMA)
            self._conn.execute(_HELD_SCHEMA)
            self._conn.commit()
        except DRIVER_ERRORS as exc:
            raise StoreError(
                f"The outage journal {path.name} in the data folder cannot be opened with this account's "
                "key (it was made by another account, or is damaged). Nothing was changed."
            ) from exc
        if new:
            os.chmod(path, 0o600)
        self._lock = threading.Lock()
        self.closed = False

    def keep(self, operation: str, arguments: dict[str, Any]) -> Entry:
        """Write one edit at the end of the journal (on disk when this returns)."""
        key = str(uuid.uuid4())
        text = json.dumps(arguments, ensure_ascii=False, sort_keys=True)
        with self._lock:
            cursor = self._conn.execute(
                "INSERT INTO journal (key, operation, arguments) VALUES (?, ?, ?)", (key, operation, text)
            )
            self._conn.commit()
            seq = int(cursor.lastrowid or 0)
        return Entry(seq, key, operation, dict(arguments))

    def entries(self) -> list[Entry]:
        """Everything kept, oldest first (nothing once closed: signed out, the app closing)."""
        with self._lock:
            if self.closed:
                return []
            rows = self._conn.execute(
                "SELECT seq, key, operation, arguments FROM journal ORDER BY seq"
            ).fetchall()
        return [Entry(int(seq), str(key), str(op), dict(json.loads(args))) for seq, key, op, args in rows]

    def __len__(self) -> int:
        with self._lock:
            if self.closed:
                return 0
            return int(self._conn.execute("SELECT count(*) FROM journal").fetchone()[0])

    def forget(self, key: str) -> None:
        """The server holds this edit (or refused it for good): it leaves the journal."""
        with self._lock:
            self._conn.execute("DELETE FROM journal WHERE key = ?", (key,))
            self._conn.commit()

    def hold(
        self, entries: list[Entry], operation: str, arguments: dict[str, Any], conflict: dict[str, Any]
    ) -> HeldEntry:
        """Move `entries` (one target's words, oldest first) out of the replay order into the held words,
        as one edit (`arguments`: the latest words), in one transaction: on disk when this returns."""
        held = HeldEntry(entries[-1].key, operation, dict(arguments), dict(conflict))
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO held (key, operation, arguments, conflict) VALUES (?, ?, ?, ?)",
                (
                    held.key,
                    operation,
                    json.dumps(arguments, ensure_ascii=False, sort_keys=True),
                    json.dumps(conflict, ensure_ascii=False, sort_keys=True),
                ),
            )
            self._conn.executemany("DELETE FROM journal WHERE key = ?", [(e.key,) for e in entries])
        return held

    def held(self) -> list[HeldEntry]:
        """Kept words in conflict, oldest first (none once closed)."""
        with self._lock:
            if self.closed:
                return []
            rows = self._conn.execute(
                "SELECT key, operation, arguments, conflict FROM held ORDER BY held_at, key"
            ).fetchall()
        return [HeldEntry(str(k), str(op), dict(json.loads(a)), dict(json.loads(c))) for k, op, a, c in rows]

    def release(self, key: str) -> None:
        """The person chose for held words (theirs taken, or mine stored): they leave the journal."""
        with self._lock:
            self._conn.execute("DELETE FROM held WHERE key = ?", (key,))
            self._conn.commit()

    def close(self) -> None:
        with self._lock:
            self.closed = True
            self._conn.close()
