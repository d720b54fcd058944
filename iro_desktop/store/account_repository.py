"""The queries behind local accounts (services.accounts)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from iro_desktop.store.models import UserRow


def account_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UserRow)) or 0)


def account_named(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username.strip())).first()


def account(session: Session, account_id: str) -> UserRow | None:
    return session.get(UserRow, account_id)


def all_accounts(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def active_admins(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).where(UserRow.is_admin.is_(True), UserRow.active.is_(True))))
