"""Engine creation with the SQLite pragmas every connection needs; SQLCipher when given the data key."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, create_engine, event

from iro_desktop.store.cipher import DataKey
from iro_desktop.store.server_connection import network_defaults

BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


_WRITES = frozenset({sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE})
_READS_AND_TRANSACTIONS = frozenset(
    {
        sqlite3.SQLITE_SELECT,
        sqlite3.SQLITE_READ,
        sqlite3.SQLITE_TRANSACTION,
        sqlite3.SQLITE_FUNCTION,
        sqlite3.SQLITE_PRAGMA,
        sqlite3.SQLITE_SAVEPOINT,
        sqlite3.SQLITE_RECURSIVE,
    }
)


def _only_writing(tables: frozenset[str]) -> Callable[..., int]:
    """An SQLite authorizer: reads everywhere; inserts, updates and deletes only in `tables`; no DDL."""

    def authorize(action: int, arg1: str | None, _arg2: str | None, _db: str | None, _src: str | None) -> int:
        if action in _READS_AND_TRANSACTIONS:
            return sqlite3.SQLITE_OK
        if action in _WRITES and arg1 in tables:
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    return authorize


def make_engine(
    url: str,
    *,
    writable_tables: frozenset[str] | None = None,
    key: DataKey | None = None,
    **kwargs: Any,
) -> Engine:
    """An engine; for SQLite, pragmas are applied on every new connection. With `key`, the file is
    encrypted by SQLCipher: the raw key is the first statement of every connection (and a wiped key
    refuses to connect). With `writable_tables`, an SQLite connection may change only those tables (a
    store opened read-only still keeps its audit). A server's URL gets the timeouts that notice a
    vanished network (server_connection.network_defaults)."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": BUSY_TIMEOUT_MS / 1000})
        if key is not None:
            import sqlcipher3.dbapi2 as sqlcipher

            kwargs["module"] = sqlcipher
        engine = create_engine(url, **kwargs)
        if key is not None:
            event.listen(engine, "connect", lambda conn, _record: key.apply(conn))
        event.listen(engine, "connect", _sqlite_pragmas)
        if writable_tables is not None:
            authorizer = _only_writing(writable_tables)
            event.listen(engine, "connect", lambda conn, _record: conn.set_authorizer(authorizer))
        return engine
    return create_engine(network_defaults(url), pool_pre_ping=True, **kwargs)
