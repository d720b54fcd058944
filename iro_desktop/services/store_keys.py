"""The store's data key and who can unwrap it (issue 15). One random 256-bit data key encrypts the store;
the key file beside it (store.key_file) holds, per account, that key sealed (AES-GCM) under a key derived
from the account's password (Argon2id, parameters and salt stored), and one copy sealed under the
recovery key. The associated data binds each copy to the store id and the account id (or "recovery"), so
a copy moved to another account or another key file does not open.

One Argon2id derivation per sign-in: its result (the account key) gives, through HKDF, the key that seals
the data key and the key that wraps the account's approval-signing key (services.approval_signing).
A wrong password opens nothing; that is the password check.

A store converted from the previous version (store.conversion) gives each account a copy sealed under
the raw output of its existing Argon2id password hash (the parameters and salt read from the hash), so
every password keeps working; that copy is rewrapped with fresh parameters at the account's next
sign-in, since the old plain file held that hash in the clear.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_desktop.services.key_wrapping import (
    ARGON2ID,
    argon2id,
    b64,
    new_argon2id_params,
    open_sealed,
    seal,
    subkey,
    unb64,
)
from iro_desktop.store.key_file import AccountEntry, KeyFile, Wrapped, read_key_file, write_key_file

if TYPE_CHECKING:
    from iro_desktop.store.opening import Store

DATA_KEY_PURPOSE = "iro-desktop data key wrap"
SIGNING_KEY_PURPOSE = "iro-desktop signing key wrap"
RECOVERY_PURPOSE = "iro-desktop recovery key"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_BYTES = 25  # 200 bits: 40 Crockford base32 characters, written as 8 groups of 5
RECOVERY_GROUPS = 8


@dataclass(frozen=True)
class Unlocked:
    """What a right password opens: the data key and the key that wraps the account's signing key."""

    account_id: str
    data_key: bytes
    signing_wrap_key: bytes
    needs_rewrap: bool  # a copy made by the conversion, or with weaker parameters than today's


def new_key_file() -> KeyFile:
    return KeyFile(store_id=str(uuid.uuid4()), tag_salt=b64(os.urandom(16)))


def user_tag(keys: KeyFile, username: str) -> str:
    """How an account's copy is found without naming it: a keyed hash of the username."""
    return hmac.new(unb64(keys.tag_salt), username.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _associated(keys: KeyFile, who: str) -> str:
    return f"iro-desktop data key|store {keys.store_id}|{who}"


def seal_for_account(
    keys: KeyFile, account_id: str, username: str, password: str, data_key: bytes
) -> tuple[AccountEntry, bytes]:
    """A new copy of the data key for an account (fresh salt); also the key wrapping its signing key."""
    params = new_argon2id_params()
    account_key = argon2id(password, params)
    nonce, sealed = seal(subkey(account_key, DATA_KEY_PURPOSE), data_key, _associated(keys, account_id))
    entry = AccountEntry(account_id, user_tag(keys, username), Wrapped(params, nonce, sealed))
    return entry, subkey(account_key, SIGNING_KEY_PURPOSE)


def seal_with_hash(
    keys: KeyFile, account_id: str, username: str, password_hash: str, data_key: bytes
) -> AccountEntry | None:
    """The conversion's copy: sealed under the raw output of the account's existing Argon2id hash
    ($argon2id$v=19$m=...,t=...,p=...$salt$hash), so the same password opens it. None if not such a hash."""
    params = argon2_hash_params(password_hash)
    if params is None:
        return None
    raw = _unb64_loose(password_hash.split("$")[5])
    params["hash_len"] = len(raw)
    params["converted"] = True
    nonce, sealed = seal(subkey(raw, DATA_KEY_PURPOSE), data_key, _associated(keys, account_id))
    return AccountEntry(account_id, user_tag(keys, username), Wrapped(params, nonce, sealed))


def argon2_hash_params(password_hash: str) -> dict[str, Any] | None:
    """The Argon2id parameters and salt of an argon2-cffi hash, as a key file's `kdf`."""
    parts = password_hash.split("$")
    if len(parts) != 6 or parts[1] != "argon2id" or parts[2] != "v=19":
        return None
    try:
        costs = dict(item.split("=", 1) for item in parts[3].split(","))
        return {
            "name": "argon2id",
            "time_cost": int(costs["t"]),
            "memory_cost": int(costs["m"]),
            "parallelism": int(costs["p"]),
            "salt": b64(_unb64_loose(parts[4])),
        }
    except (KeyError, ValueError):
        return None


def _unb64_loose(text: str) -> bytes:
    """argon2-cffi's base64 has no padding."""
    return unb64(text + "=" * (-len(text) % 4))


def unwrap_account(keys: KeyFile, username: str, password: str) -> Unlocked | None:
    """The data key for this username and password, or None (wrong password, unknown username, or a
    copy that was changed): the caller says only "wrong username or password"."""
    entry = keys.entry_for_tag(user_tag(keys, username))
    if entry is None:
        return None
    try:
        account_key = argon2id(password, entry.wrapped.kdf)
    except (ValueError, KeyError, TypeError):
        return None
    data_key = open_sealed(
        subkey(account_key, DATA_KEY_PURPOSE),
        entry.wrapped.nonce,
        entry.wrapped.sealed,
        _associated(keys, entry.account_id),
    )
    if data_key is None:
        return None
    kdf = entry.wrapped.kdf
    weaker = any(int(kdf.get(k, 0)) < v for k, v in ARGON2ID.items() if k != "parallelism")
    return Unlocked(
        entry.account_id,
        data_key,
        subkey(account_key, SIGNING_KEY_PURPOSE),
        bool(kdf.get("converted")) or weaker,
    )


# --- the recovery key -------------------------------------------------------------------------------


def new_recovery_key() -> str:
    """40 Crockford base32 characters (200 random bits), in 8 groups of 5."""
    number = int.from_bytes(os.urandom(RECOVERY_BYTES), "big")
    chars = "".join(CROCKFORD[(number >> (5 * i)) & 31] for i in reversed(range(RECOVERY_BYTES * 8 // 5)))
    return "-".join(chars[i : i + 5] for i in range(0, len(chars), 5))


def recovery_secret(text: str) -> bytes | None:
    """The recovery key's bytes from what a person typed (any case, spaces or dashes, O for 0, I/L for 1)."""
    cleaned = (
        text.upper().replace("-", "").replace(" ", "").replace("O", "0").replace("I", "1").replace("L", "1")
    )
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(c not in CROCKFORD for c in cleaned):
        return None
    number = 0
    for c in cleaned:
        number = number * 32 + CROCKFORD.index(c)
    return number.to_bytes(RECOVERY_BYTES, "big")


def seal_for_recovery(keys: KeyFile, recovery_key: str, data_key: bytes) -> Wrapped:
    secret = recovery_secret(recovery_key)
    assert secret is not None
    salt = os.urandom(16)
    nonce, sealed = seal(subkey(secret, RECOVERY_PURPOSE, salt), data_key, _associated(keys, "recovery"))
    return Wrapped({"name": "hkdf-sha256", "salt": b64(salt)}, nonce, sealed)


def unwrap_recovery(keys: KeyFile, recovery_key: str) -> bytes | None:
    secret = recovery_secret(recovery_key)
    if secret is None or keys.recovery is None or keys.recovery.kdf.get("name") != "hkdf-sha256":
        return None
    try:
        salt = unb64(str(keys.recovery.kdf["salt"]))
    except (KeyError, ValueError):
        return None
    return open_sealed(
        subkey(secret, RECOVERY_PURPOSE, salt),
        keys.recovery.nonce,
        keys.recovery.sealed,
        _associated(keys, "recovery"),
    )


class StoreKeys:
    """The open store's key file and data key: what account changes, the idle lock and unlocking use.
    Every change of the key file is written at once, atomically."""

    def __init__(self, path: Path, keys: KeyFile, store: Store) -> None:
        self.path = path
        self.keys = keys
        self.store = store

    def reload(self) -> None:
        self.keys = read_key_file(self.path)

    def _data_key(self) -> bytes:
        assert self.store.key is not None
        return self.store.key.raw()

    def unwrap(self, username: str, password: str) -> Unlocked | None:
        return unwrap_account(self.keys, username, password)

    def add(self, account_id: str, username: str, password: str) -> bytes:
        """A new (or replacing) copy for the account; returns the key wrapping its signing key."""
        entry, signing_wrap_key = seal_for_account(
            self.keys, account_id, username, password, self._data_key()
        )
        self._write(self.keys.with_account(entry))
        return signing_wrap_key

    def remove(self, account_id: str) -> None:
        if self.keys.entry_for_account(account_id) is not None:
            self._write(self.keys.without_account(account_id))

    def has_account(self, account_id: str) -> bool:
        return self.keys.entry_for_account(account_id) is not None

    @property
    def has_recovery(self) -> bool:
        return self.keys.recovery is not None

    def new_recovery(self) -> str:
        """A new recovery key (the old one stops working); shown once, never stored in the clear."""
        recovery = new_recovery_key()
        self._write(self.keys.with_recovery(seal_for_recovery(self.keys, recovery, self._data_key())))
        return recovery

    def lock(self) -> None:
        self.store.forget_key()

    def unlock(self, unlocked: Unlocked) -> None:
        self.store.restore_key(unlocked.data_key)

    @property
    def locked(self) -> bool:
        return self.store.key is not None and self.store.key.wiped

    def _write(self, keys: KeyFile) -> None:
        write_key_file(self.path, keys)
        self.keys = keys
