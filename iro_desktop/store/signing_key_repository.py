"""Signing keys (issue 13): each account's own wrapped Ed25519 key and the keys trusted from other
stores. Queries only; wrapping and the rules of trust live in services/approval_signing.py."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.store.models import SigningKeyRow, UserRow


class SigningKeyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def own_keys(self, user_id: str) -> list[SigningKeyRow]:
        """The account's own (wrapped) keys, newest first."""
        return list(
            self.session.scalars(
                select(SigningKeyRow)
                .where(SigningKeyRow.user_id == user_id, SigningKeyRow.wrapped_private_key.is_not(None))
                .order_by(SigningKeyRow.created_at.desc())
            )
        )

    def by_public_key(self, public_key_hex: str) -> SigningKeyRow | None:
        return self.session.scalars(
            select(SigningKeyRow).where(SigningKeyRow.public_key == public_key_hex)
        ).first()

    def all_by_name(self) -> list[SigningKeyRow]:
        return list(self.session.scalars(select(SigningKeyRow).order_by(SigningKeyRow.display_name)))

    def account(self, user_id: str) -> UserRow | None:
        return self.session.get(UserRow, user_id)

    def add(self, row: SigningKeyRow) -> SigningKeyRow:
        self.session.add(row)
        return row
