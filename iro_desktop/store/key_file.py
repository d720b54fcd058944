"""The key file beside an encrypted store (store-keys.json): per account, the data key wrapped by a key
derived from that account's password, and a recovery entry. It holds no names and no key in the clear:
each entry is AES-GCM ciphertext with the parameters needed to derive its wrapping key (the crypto is in
services.store_keys; this module only reads and writes the file, atomically and mode 0600).

An account's entry is found by `user_tag` (a keyed hash of the username), so a sign-in derives one key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from iro_desktop.private_files import write_private
from iro_desktop.store.errors import key_file_damaged, key_file_missing

KEY_FILENAME = "store-keys.json"
FORMAT = "iro-desktop store keys"
VERSION = 1


@dataclass(frozen=True)
class Wrapped:
    """A data key sealed with AES-GCM: how to derive the wrapping key (`kdf`), the nonce, the sealed key."""

    kdf: dict[str, Any]
    nonce: str
    sealed: str

    def as_dict(self) -> dict[str, Any]:
        return {"kdf": dict(self.kdf), "nonce": self.nonce, "sealed": self.sealed}


@dataclass(frozen=True)
class AccountEntry:
    account_id: str
    user_tag: str
    wrapped: Wrapped


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    tag_salt: str
    accounts: tuple[AccountEntry, ...] = ()
    recovery: Wrapped | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def entry_for_tag(self, tag: str) -> AccountEntry | None:
        return next((e for e in self.accounts if e.user_tag == tag), None)

    def entry_for_account(self, account_id: str) -> AccountEntry | None:
        return next((e for e in self.accounts if e.account_id == account_id), None)

    def with_account(self, entry: AccountEntry) -> KeyFile:
        """This file with `entry` replacing the account's copy (or added)."""
        others = tuple(e for e in self.accounts if e.account_id != entry.account_id)
        return replace(self, accounts=(*others, entry))

    def without_account(self, account_id: str) -> KeyFile:
        return replace(self, accounts=tuple(e for e in self.accounts if e.account_id != account_id))

    def with_recovery(self, wrapped: Wrapped) -> KeyFile:
        return replace(self, recovery=wrapped)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "tag_salt": self.tag_salt,
            "cipher": "sqlcipher4, raw 256-bit key",
            "accounts": [
                {"account_id": e.account_id, "user_tag": e.user_tag, **e.wrapped.as_dict()}
                for e in self.accounts
            ],
            "recovery": self.recovery.as_dict() if self.recovery else None,
        }


def key_file_path(db_path: Path) -> Path:
    return db_path.with_name(KEY_FILENAME)


def beside(copy: Path) -> Path:
    """Where a copy of the key file is kept next to a backup of the store."""
    return copy.with_name(copy.name + "." + KEY_FILENAME)


def _wrapped(data: Any) -> Wrapped:
    if not isinstance(data, dict) or not isinstance(data.get("kdf"), dict):
        raise ValueError("not a wrapped key")
    nonce, sealed = data["nonce"], data["sealed"]
    if (
        not isinstance(nonce, str)
        or not isinstance(sealed, str)
        or not isinstance(data["kdf"].get("name"), str)
    ):
        raise ValueError("not a wrapped key")
    return Wrapped(dict(data["kdf"]), nonce, sealed)


def parse(text: str) -> KeyFile:
    """A key file from its text; ValueError when it is not one (damaged, truncated, edited)."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError("not a key file")
        accounts = tuple(
            AccountEntry(str(e["account_id"]), str(e["user_tag"]), _wrapped(e)) for e in data["accounts"]
        )
        recovery = _wrapped(data["recovery"]) if data.get("recovery") is not None else None
        store_id, tag_salt = data["store_id"], data["tag_salt"]
        if not isinstance(store_id, str) or not isinstance(tag_salt, str) or not store_id:
            raise ValueError("not a key file")
        return KeyFile(store_id, tag_salt, accounts, recovery)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError("not a key file") from exc


def read_key_file(path: Path) -> KeyFile:
    """The key file at `path`; a clear StoreError when it is missing or damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise key_file_missing(path.parent) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise key_file_damaged(path.parent) from exc
    try:
        return parse(text)
    except ValueError as exc:
        raise key_file_damaged(path.parent) from exc


def write_key_file(path: Path, keys: KeyFile) -> None:
    """Atomically and privately (mode 0600 from its first byte; fsynced, renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, json.dumps(keys.as_dict(), indent=1, sort_keys=True))


def copy_key_file(source: Path, target: Path) -> None:
    """A copy of the key file (beside a backup), mode 0600, written atomically."""
    write_key_file(target, read_key_file(source))
