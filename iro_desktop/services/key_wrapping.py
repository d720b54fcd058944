"""Key wrapping, shared by the store's data key (services.store_keys) and the approval-signing keys
(services.approval_signing): a key derived from a password with Argon2id, with its parameters and salt
kept beside what it seals; AES-GCM with associated data binding what the sealed key belongs to; HKDF to
derive separate keys from one Argon2id result, so a sign-in derives only once.

Argon2id parameters (issue 15): 32 MiB, 2 passes, 1 lane. That costs about 100 ms on this project's
reference machine (2 cores, shared), and is above OWASP's minimum for Argon2id (19 MiB, 2 passes);
a sign-in runs it once. The parameters are stored with every wrap, so they can be raised later and
older wraps still open.
"""

from __future__ import annotations

import base64
import os
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ARGON2ID = {"time_cost": 2, "memory_cost": 32768, "parallelism": 1}
KEY_LEN = 32


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_argon2id_params(**override: int) -> dict[str, Any]:
    """Fresh parameters for a new wrap: today's costs and a new random salt."""
    params: dict[str, Any] = {"name": "argon2id", **ARGON2ID, **override, "hash_len": KEY_LEN}
    params["salt"] = b64(os.urandom(16))
    return params


def argon2id(password: str, params: dict[str, Any]) -> bytes:
    """The key derived from `password` with the stored parameters (ValueError when they are not sane)."""
    if params.get("name") != "argon2id":
        raise ValueError("not an Argon2id parameter set")
    time_cost, memory, lanes = (
        int(params["time_cost"]),
        int(params["memory_cost"]),
        int(params["parallelism"]),
    )
    hash_len = int(params.get("hash_len", KEY_LEN))
    if not (1 <= time_cost <= 20 and 8 * lanes <= memory <= 4 * 1024 * 1024 and 1 <= lanes <= 16):
        raise ValueError("Argon2id parameters out of range")
    if hash_len < 16 or hash_len > 64:
        raise ValueError("Argon2id output length out of range")
    return hash_secret_raw(
        password.encode("utf-8"),
        unb64(str(params["salt"])),
        time_cost=time_cost,
        memory_cost=memory,
        parallelism=lanes,
        hash_len=hash_len,
        type=Type.ID,
    )


def subkey(secret: bytes, purpose: str, salt: bytes | None = None) -> bytes:
    """A separate 256-bit key for one purpose, from one derived secret (HKDF-SHA256)."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=salt, info=purpose.encode("utf-8")).derive(
        secret
    )


def seal(key: bytes, plaintext: bytes, associated: str) -> tuple[str, str]:
    """(nonce, ciphertext) in base64: AES-256-GCM with `associated` bound in."""
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, plaintext, associated.encode("utf-8"))
    return b64(nonce), b64(sealed)


def open_sealed(key: bytes, nonce: str, sealed: str, associated: str) -> bytes | None:
    """The plaintext, or None when the key is wrong or anything was changed."""
    try:
        return AESGCM(key).decrypt(unb64(nonce), unb64(sealed), associated.encode("utf-8"))
    except (InvalidTag, ValueError, TypeError):
        return None
