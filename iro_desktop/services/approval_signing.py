"""Approvals signed by the approver's own key: each account has an Ed25519 key pair; the private key is
kept wrapped (AES-GCM under a key derived from the account's password with Argon2id) and unwrapped only
at sign-in, into the signed-in session. On an encrypted store (issue 15) the wrapping key is derived from
the same Argon2id result that unwraps the store's data key (services.store_keys), so a sign-in derives
once; a key wrapped the older way (its own Argon2id salt) still opens and is rewrapped.

Every locked version is signed over its fingerprint (domain.lock.SignedVersion); a store accepts a
signature only from a public key it knows for that account: its own accounts' keys, or keys an
administrator trusts for another store's accounts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import Problem, ValidationError
from iro_desktop.domain.lock import SignedVersion
from iro_desktop.domain.roles import Action, Role, User, can, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.key_wrapping import argon2id, new_argon2id_params, open_sealed, seal
from iro_desktop.services.permissions import requires
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.models import SigningKeyRow, UserRow
from iro_desktop.store.session import Session
from iro_desktop.store.signing_key_repository import SigningKeyRepository

# A key wrapped under the account key of the store's key file (no Argon2id of its own).
ACCOUNT_KEY_KDF = "account-key"


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def _raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def wrap(key: Ed25519PrivateKey, password: str, user_id: str) -> str:
    """The private key encrypted under a key derived from the password (the account id bound in)."""
    params = new_argon2id_params()
    nonce, sealed = seal(argon2id(password, params), _raw(key), user_id)
    return json.dumps(
        {"kdf": "argon2id", **{k: v for k, v in params.items() if k != "name"}, "nonce": nonce, "key": sealed}
    )


def wrap_with(key: Ed25519PrivateKey, wrapping_key: bytes, user_id: str) -> str:
    """The private key encrypted under the account key from the store's key file (issue 15)."""
    nonce, sealed = seal(wrapping_key, _raw(key), user_id)
    return json.dumps({"kdf": ACCOUNT_KEY_KDF, "nonce": nonce, "key": sealed})


def unwrap(
    wrapped: str, password: str | None, user_id: str, wrapping_key: bytes | None = None
) -> Ed25519PrivateKey | None:
    """The private key, or None if neither the password nor the account key opens it (or it was
    tampered with). A key of the older kind costs an Argon2id derivation; the account-key kind none."""
    try:
        data = json.loads(wrapped)
        if data["kdf"] == ACCOUNT_KEY_KDF:
            kek = wrapping_key
        elif password is not None:
            kek = argon2id(password, {"name": "argon2id", **{k: data[k] for k in data if k not in ("kdf",)}})
        else:
            kek = None
        if kek is None:
            return None
        raw = open_sealed(kek, data["nonce"], data["key"], user_id)
        return None if raw is None else Ed25519PrivateKey.from_private_bytes(raw)
    except (ValueError, KeyError, TypeError):
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


def _own_key_rows(session: Session, row: UserRow) -> list[SigningKeyRow]:
    return SigningKeyRepository(session).own_keys(row.id)


def unlock_or_create(
    session: Session, row: UserRow, password: str | None, wrapping_key: bytes | None = None
) -> Ed25519PrivateKey:
    """At sign-in: the account's own key, unwrapped; an account made before keys existed gets one now.
    With the account key of an encrypted store's key file (`wrapping_key`), a key wrapped the older way
    is rewrapped under it, so the next sign-in derives no second key. An account whose password an
    administrator reset (its old key no longer opens) gets a new key; its old one still verifies."""
    rows = _own_key_rows(session, row)
    if wrapping_key is not None:  # the cheap way first: no derivation
        for key_row in rows:
            assert key_row.wrapped_private_key is not None
            key = unwrap(key_row.wrapped_private_key, None, row.id, wrapping_key)
            if key is not None:
                return key
    for key_row in rows:
        assert key_row.wrapped_private_key is not None
        if wrapping_key is not None and json.loads(key_row.wrapped_private_key).get("kdf") == ACCOUNT_KEY_KDF:
            continue  # wrapped under an account key this password no longer derives (a reset)
        key = unwrap(key_row.wrapped_private_key, password, row.id)
        if key is not None:
            if wrapping_key is not None:
                key_row.wrapped_private_key = wrap_with(key, wrapping_key, row.id)
            return key
    return create_key(session, row, password, wrapping_key)


def rewrap_own(
    session: Session,
    row: UserRow,
    key: Ed25519PrivateKey,
    wrapping_key: bytes | None = None,
    *,
    password: str | None = None,
) -> None:
    """After a password change: the account's unwrapped key wrapped under its new account key (or, on a
    plain store, under the new password)."""
    public = public_hex(key)
    for key_row in _own_key_rows(session, row):
        if key_row.public_key == public:
            if wrapping_key is not None:
                key_row.wrapped_private_key = wrap_with(key, wrapping_key, row.id)
            else:
                assert password is not None
                key_row.wrapped_private_key = wrap(key, password, row.id)


def create_key(
    session: Session, row: UserRow, password: str | None, wrapping_key: bytes | None = None
) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    if wrapping_key is not None:
        wrapped = wrap_with(key, wrapping_key, row.id)
    else:
        assert password is not None, "a signing key is wrapped by a password or an account key"
        wrapped = wrap(key, password, row.id)
    SigningKeyRepository(session).add(
        SigningKeyRow(
            user_id=row.id,
            username=row.username,
            display_name=row.display_name,
            role=row.role,
            public_key=public_hex(key),
            wrapped_private_key=wrapped,
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
    keys = SigningKeyRepository(session)
    row = keys.by_public_key(public_key_hex)
    if row is None or row.user_id != signer_id:
        return None
    local = row.wrapped_private_key is not None
    role = row.role
    if local:
        account = keys.account(row.user_id)
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
            rows = SigningKeyRepository(uow.session).all_by_name()
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
            keys = SigningKeyRepository(uow.session)
            if keys.by_public_key(pk) is not None:
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
            keys.add(row)
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
