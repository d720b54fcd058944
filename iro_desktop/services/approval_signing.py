"""Approvals signed by the approver's own key: each account has an Ed25519 key pair; the private key is
kept wrapped (AES-GCM under a key derived from the account's password with Argon2id) and unwrapped only
at sign-in, into the signed-in session. Every locked version is signed over its fingerprint
(domain.lock.SignedVersion); a store accepts a signature only from a public key it knows for that
account: its own accounts' keys, or keys an administrator trusts for another store's accounts."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import Problem, ValidationError
from iro_desktop.domain.lock import SignedVersion
from iro_desktop.domain.roles import Action, Role, User, can, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.models import SigningKeyRow, UserRow

# Argon2id for wrapping: RFC 9106's second recommended option scaled to a desktop (64 MiB, 3 passes).
_KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 1}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def wrap(key: Ed25519PrivateKey, password: str, user_id: str) -> str:
    """The private key encrypted under a key derived from the password (the account id bound in)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = hash_secret_raw(password.encode("utf-8"), salt, hash_len=32, type=Type.ID, **_KDF)
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    sealed = AESGCM(kek).encrypt(nonce, raw, user_id.encode("utf-8"))
    return json.dumps(
        {"kdf": "argon2id", **_KDF, "salt": _b64(salt), "nonce": _b64(nonce), "key": _b64(sealed)}
    )


def unwrap(wrapped: str, password: str, user_id: str) -> Ed25519PrivateKey | None:
    """The private key, or None if the password does not open it (or it was tampered with)."""
    try:
        data = json.loads(wrapped)
        params = {k: int(data[k]) for k in _KDF}
        kek = hash_secret_raw(
            password.encode("utf-8"), _unb64(data["salt"]), hash_len=32, type=Type.ID, **params
        )
        raw = AESGCM(kek).decrypt(_unb64(data["nonce"]), _unb64(data["key"]), user_id.encode("utf-8"))
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None


def sign(key: Ed25519PrivateKey, version: SignedVersion) -> str:
    return key.sign(version.message()).hex()


def signature_valid(public_key_hex: str, signature_hex: str, version: SignedVersion) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(
            bytes.fromhex(signature_hex), version.message()
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def unlock_or_create(session: Session, row: UserRow, password: str) -> Ed25519PrivateKey:
    """At sign-in: the account's own key, unwrapped; an account made before keys existed gets one now."""
    for key_row in session.scalars(
        select(SigningKeyRow)
        .where(SigningKeyRow.user_id == row.id, SigningKeyRow.wrapped_private_key.is_not(None))
        .order_by(SigningKeyRow.created_at.desc())
    ):
        assert key_row.wrapped_private_key is not None
        key = unwrap(key_row.wrapped_private_key, password, row.id)
        if key is not None:
            return key
    return create_key(session, row, password)


def create_key(session: Session, row: UserRow, password: str) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    session.add(
        SigningKeyRow(
            user_id=row.id,
            username=row.username,
            display_name=row.display_name,
            role=row.role,
            public_key=public_hex(key),
            wrapped_private_key=wrap(key, password, row.id),
        )
    )
    return key


@dataclass(frozen=True)
class KnownSigner:
    """Who a public key belongs to, as this store knows it."""

    user_id: str
    display_name: str
    role: Role
    local: bool


def known_signer(session: Session, public_key_hex: str, signer_id: str) -> KnownSigner | None:
    """The account this store knows that key for, if it is `signer_id`'s (own accounts, then trusted)."""
    row = session.scalars(select(SigningKeyRow).where(SigningKeyRow.public_key == public_key_hex)).first()
    if row is None or row.user_id != signer_id:
        return None
    local = row.wrapped_private_key is not None
    role = row.role
    if local:
        account = session.get(UserRow, row.user_id)
        if account is None or not account.active:
            return None
        role = account.role
    return KnownSigner(row.user_id, row.display_name, Role(role), local)


def may_sign(signer: KnownSigner, number: int) -> bool:
    """Whether that account's role may take this version: the approval (1) or an amendment."""
    action = Action.APPROVE_RECORD if number == 1 else Action.AMEND_FINAL_RECORD
    return can(User(signer.user_id, "", signer.display_name, signer.role), action)


@dataclass(frozen=True)
class TrustedKey:
    user_id: str
    display_name: str
    role: Role
    public_key: str
    local: bool


class SigningKeyService:
    """The public keys this store knows: its own accounts', and those an administrator trusts."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.MANAGE_USERS)
    def known(self) -> list[TrustedKey]:
        require(self.ctx.session.user, Action.MANAGE_USERS)
        with self.ctx.uow() as uow:
            rows = uow.session.scalars(select(SigningKeyRow).order_by(SigningKeyRow.display_name))
            return [
                TrustedKey(
                    r.user_id, r.display_name, Role(r.role), r.public_key, r.wrapped_private_key is not None
                )
                for r in rows
            ]

    @requires(Action.VIEW)
    def own_public_key(self) -> str:
        """The signed-in account's public key (to give to another store's administrator)."""
        user = self.ctx.session.user
        key = self.ctx.session.signing_key(user)
        if user is None or key is None:
            raise ValidationError([Problem("public_key", "Sign in again to unlock your signing key.")])
        return public_hex(key)

    @requires(Action.MANAGE_USERS)
    def trust(
        self, user_id: str, username: str, display_name: str, role: Role, public_key: str
    ) -> TrustedKey:
        """An administrator trusts another store's account's key (e.g. the chair's, for hand-offs)."""
        actor = self.ctx.session.user
        require(actor, Action.MANAGE_USERS)
        problems = []
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key.strip()))
        except ValueError:
            problems.append(Problem("public_key", "That is not a signing key (64 hexadecimal characters)."))
        if not user_id.strip():
            problems.append(Problem("user_id", "Enter the account's id in its own store."))
        if not display_name.strip():
            problems.append(Problem("display_name", "Enter the name shown on records."))
        if problems:
            raise ValidationError(problems)
        with self.ctx.uow() as uow:
            pk = public_key.strip().lower()
            if uow.session.scalars(select(SigningKeyRow).where(SigningKeyRow.public_key == pk)).first():
                raise ValidationError([Problem("public_key", "This key is already known here.")])
            row = SigningKeyRow(
                user_id=user_id.strip(),
                username=username.strip(),
                display_name=display_name.strip(),
                role=role.value,
                public_key=pk,
                wrapped_private_key=None,
                trusted_by=self.ctx.session.actor_name,
            )
            uow.session.add(row)
            uow.session.flush()
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CREATED,
                "signing_key",
                row.id,
                after={"user_id": row.user_id, "role": row.role, "public_key": pk},
            )
            uow.commit()
            return TrustedKey(row.user_id, row.display_name, role, pk, False)
