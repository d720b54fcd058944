"""Converting a plain store (made before issue 15) into an encrypted one, on the first start of the new
version. The plain file is never written to: its records are exported into a new file with
`sqlcipher_export`, every table's row count and a content hash are compared, the verified copy is
kept in the backups folder, the key file is written, and only then is the new file renamed over the old
one (an atomic swap). Interrupted at any step before the swap, the plain file is as it was and the next
start converts again (a stale half-written target is removed first). Plain backups in the backups
folder are encrypted the same way, so nothing readable is left behind. Temporary tables stay in memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from iro_desktop.private_files import fsync_folder
from iro_desktop.store import audit_anchor, key_file
from iro_desktop.store.cipher import DataKey, connect, is_plain_sqlite
from iro_desktop.store.errors import DRIVER_ERRORS, StoreError, translate

log = logging.getLogger(__name__)

TARGET_SUFFIX = ".encrypting"
SIDE_FILES = ("-wal", "-shm", "-journal")


class ConversionFailed(StoreError):
    title = "The records could not be encrypted"


@dataclass(frozen=True)
class PlainAccount:
    """What the conversion needs of an account in a plain store to give it a copy of the data key."""

    account_id: str
    username: str
    password_hash: str
    is_admin: bool
    active: bool


@dataclass(frozen=True)
class Converted:
    tables: int
    rows: int
    backup: Path
    backups_encrypted: int


def needs_conversion(path: Path | None) -> bool:
    """A plain SQLite store with records in it (an empty or new file is simply created encrypted)."""
    if path is None or not path.exists() or not is_plain_sqlite(path):
        return False
    try:
        conn = _plain_reader(path)
        try:
            return bool(_tables(conn))
        finally:
            conn.close()
    except DRIVER_ERRORS:
        return False  # damaged: opening it says so, with the usual message


def plain_accounts(path: Path) -> list[PlainAccount]:
    conn = _plain_reader(path)
    try:
        rows = conn.execute("SELECT id, username, password_hash, is_admin, active FROM users").fetchall()
    except DRIVER_ERRORS as exc:
        raise ConversionFailed(
            "The records could not be encrypted: their accounts could not be read. Nothing was changed."
        ) from exc
    finally:
        conn.close()
    return [PlainAccount(str(r[0]), str(r[1]), str(r[2]), bool(r[3]), bool(r[4])) for r in rows]


def convert(
    path: Path,
    key: DataKey,
    backups_dir: Path,
    write_keys: Callable[[], None],
    *,
    step: Callable[[str], None] = lambda _name: None,
) -> Converted:
    """Encrypt the plain store at `path` with `key`. `write_keys` writes the key file for that key; it is
    called after the encrypted copy is verified and backed up, before the swap. `step(name)` is told each
    stage ("exported", "verified", "keys written", "swapping") — tests interrupt the conversion there."""
    target = path.with_name(path.name + TARGET_SUFFIX)
    _remove_with_side_files(target)  # a stale half-written target of an interrupted attempt
    _settle_plain_wal(path)
    try:
        tables, rows = _export(path, target, key)
        step("exported")
        _verify(path, target, key)
        step("verified")
        backup = _keep_backup(target, path, backups_dir)
        write_keys()
        key_file.copy_key_file(key_file.key_file_path(path), key_file.beside(backup))
        step("keys written")
        encrypted_backups = _encrypt_plain_backups(backups_dir, key, key_file.key_file_path(path))
        step("swapping")
        os.replace(target, path)
    except BaseException as exc:
        _remove_with_side_files(target)
        translated = translate(exc)
        if translated is not exc:
            raise translated from exc
        if isinstance(exc, (*DRIVER_ERRORS, OSError)):
            raise ConversionFailed(
                "The records could not be encrypted, so they were left exactly as they were; IRO Desktop "
                f"tries again next time. ({type(exc).__name__})"
            ) from exc
        raise
    for suffix in SIDE_FILES:  # the plain file's own side files (none are left after a clean close)
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    fsync_folder(path.parent)
    log.info("Store encrypted: %d tables, %d rows, %d backups", tables, rows, encrypted_backups)
    return Converted(tables, rows, backup, encrypted_backups)


def _plain_reader(path: Path) -> Any:
    return connect(path, None, read_only=True)


def _tables(conn: Any) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    return [str(r[0]) for r in conn.execute(query)]


def _settle_plain_wal(path: Path) -> None:
    """Committed changes still in the plain file's WAL go into the file (the same records), so the
    export reads them and no plain WAL is left beside the encrypted file."""
    wal = Path(f"{path}-wal")
    if not wal.exists():
        return
    conn = connect(path, None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    wal.unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)


def _export(path: Path, target: Path, key: DataKey) -> tuple[int, int]:
    conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA temp_store = MEMORY")
        secret = f"x'{key.raw().hex()}'"
        conn.execute(f"ATTACH DATABASE 'file:{_sql_text(target)}?mode=rwc' AS encrypted KEY \"{secret}\"")
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
        tables = _tables(conn)
        rows = sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)
    finally:
        conn.close()
    os.chmod(target, 0o600)
    return len(tables), rows


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def content_digest(conn: Any) -> dict[str, tuple[int, str]]:
    """Per table: its row count and a SHA-256 over every row in a stable order."""
    found: dict[str, tuple[int, str]] = {}
    for table in _tables(conn):
        digest = hashlib.sha256(table.encode())
        count = 0
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        order = ", ".join(f'"{c}"' for c in columns) or "rowid"
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
            digest.update(repr(tuple(row)).encode())
            count += 1
        found[table] = (count, digest.hexdigest())
    return found


def _verify(path: Path, target: Path, key: DataKey) -> None:
    plain, encrypted = _plain_reader(path), connect(target, key, read_only=True)
    try:
        before, after = content_digest(plain), content_digest(encrypted)
        if encrypted.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise ConversionFailed("The encrypted copy failed its integrity check. Nothing was changed.")
    finally:
        plain.close()
        encrypted.close()
    if before != after:
        differing = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
        raise ConversionFailed(
            "The encrypted copy did not match the records (tables: "
            + ", ".join(differing[:5])
            + "), so it was thrown away. Nothing was changed; IRO Desktop tries again next time."
        )


def _keep_backup(target: Path, path: Path, backups_dir: Path) -> Path:
    """A copy of the verified encrypted records in the backups folder, before anything is swapped."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = backups_dir / f"{path.stem}-{stamp}-before-encryption{path.suffix}"
    shutil.copyfile(target, backup)
    os.chmod(backup, 0o600)
    audit_anchor.copy_beside(audit_anchor.anchor_path_for(path.parent), backup)
    return backup


def _encrypt_plain_backups(backups_dir: Path, key: DataKey, keys_path: Path) -> int:
    """Every plain copy in the backups folder encrypted in place (verified, then swapped)."""
    count = 0
    for copy in sorted(backups_dir.glob("*.sqlite3")):
        if not is_plain_sqlite(copy):
            continue
        target = copy.with_name(copy.name + TARGET_SUFFIX)
        _remove_with_side_files(target)
        _export(copy, target, key)
        _verify(copy, target, key)
        key_file.copy_key_file(keys_path, key_file.beside(copy))
        os.replace(target, copy)
        for suffix in SIDE_FILES:
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        count += 1
    return count


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
