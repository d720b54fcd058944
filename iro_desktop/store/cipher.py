"""SQLCipher: the records file encrypted with one random 256-bit data key, given as a raw key (SQLCipher
then skips its own PBKDF2, so opening stays fast). The key lives in one `DataKey` bytearray, which the
idle lock overwrites; every new connection reads it from there, and refuses while it is wiped."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from iro_desktop.store.errors import key_locked_away

KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"


class DataKey:
    """The store's data key, held in a bytearray that `wipe` overwrites in place."""

    def __init__(self, raw: bytes | bytearray) -> None:
        if len(raw) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._raw = bytearray(raw)
        self._wiped = False

    @classmethod
    def generate(cls) -> DataKey:
        return cls(os.urandom(KEY_BYTES))

    @property
    def wiped(self) -> bool:
        return self._wiped

    def raw(self) -> bytes:
        if self._wiped:
            raise key_locked_away()
        return bytes(self._raw)

    def wipe(self) -> None:
        for i in range(len(self._raw)):
            self._raw[i] = 0
        self._wiped = True

    def restore(self, raw: bytes | bytearray) -> None:
        """Unlocking: the key unwrapped again (it must be the same key)."""
        if len(raw) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._raw[:] = raw
        self._wiped = False

    def apply(self, dbapi_connection: Any) -> None:
        """The first statement on a new connection: the raw key (never logged; no PBKDF2)."""
        if self._wiped:
            raise key_locked_away()
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher would print to stderr
            cursor.execute(f"PRAGMA key = \"x'{self._raw.hex()}'\"")
            cursor.execute("PRAGMA temp_store = MEMORY")  # no temporary file on disk
        finally:
            cursor.close()


def is_plain_sqlite(path: Path) -> bool:
    """Whether the file starts with SQLite's plain header (an unencrypted store)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def connect(
    path: Path,
    key: DataKey | None,
    *,
    read_only: bool = False,
    timeout: float = 5.0,
    check_same_thread: bool = True,
) -> Any:
    """A driver connection outside SQLAlchemy (inspection, backups, conversion, the outage journal),
    keyed when `key`."""
    uri = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    if key is None:
        return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    conn = sqlcipher.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    try:
        key.apply(conn)
    except BaseException:
        conn.close()
        raise
    return conn
