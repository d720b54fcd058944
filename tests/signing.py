"""Test helper: make a test's `User` a real account of the store, with a signing key unlocked in the
session, so it can approve and amend (approvals are signed: services.approval_signing)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from iro_desktop.domain.roles import User
from iro_desktop.services.approval_signing import public_hex
from iro_desktop.services.registry import Services
from iro_desktop.store.models import SigningKeyRow, UserRow


def with_key(services: Services, user: User) -> User:
    """Create the account (same id) once, sign it in, keep keys already unlocked; `user` is signed in."""
    session = services.ctx.session
    if user.id not in session.keys:
        with services.ctx.uow() as uow:
            row = uow.session.get(UserRow, user.id)
            if row is None:
                row = UserRow(
                    id=user.id,
                    username=user.username,
                    display_name=user.display_name,
                    role=user.role.value,
                    is_admin=user.is_admin,
                    password_hash="not used",
                )
                uow.session.add(row)
                uow.session.flush()
            key = Ed25519PrivateKey.generate()  # (not wrapped: the tests never sign in with a password)
            uow.session.add(
                SigningKeyRow(
                    user_id=user.id,
                    username=user.username,
                    display_name=user.display_name,
                    role=user.role.value,
                    public_key=public_hex(key),
                    wrapped_private_key="test key, not wrapped",
                )
            )
            uow.commit()
            session.keys[user.id] = key
    session.user = user
    return user
