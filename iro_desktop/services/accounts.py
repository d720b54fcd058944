"""Local accounts: the first administrator, signing in, adding users. Every step is audited."""

from __future__ import annotations

from sqlalchemy import func, select

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.roles import Action, Role, User, require
from iro_desktop.services.approval_signing import create_key, unlock_or_create
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.passwords import hash_password, password_problems, verify_password
from iro_desktop.services.permissions import requires
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.models import UserRow
from iro_desktop.store.uow import UnitOfWork


def _to_user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, Role(row.role), row.is_admin, row.active)


class SignInFailed(ValidationError):
    """Wrong username or password (deliberately not saying which)."""


class AccountService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.SIGN_IN)
    def needs_first_admin(self) -> bool:
        with self.ctx.uow() as uow:
            return not uow.session.scalar(select(func.count()).select_from(UserRow))

    @requires(Action.SIGN_IN)
    def create_first_admin(self, username: str, display_name: str, password: str, role: Role) -> User:
        """Only when there are no accounts yet: the first user is an administrator."""
        with self.ctx.uow() as uow:
            if uow.session.scalar(select(func.count()).select_from(UserRow)):
                raise ValidationError([Problem("username", "An administrator already exists.")])
            user = self._add(uow, username, display_name, password, role, is_admin=True, actor="first run")
            uow.commit()
            return user

    @requires(Action.MANAGE_USERS)
    def add_user(
        self, actor: User | None, username: str, display_name: str, password: str, role: Role
    ) -> User:
        require(actor, Action.MANAGE_USERS)
        assert actor is not None
        with self.ctx.uow() as uow:
            user = self._add(
                uow, username, display_name, password, role, is_admin=False, actor=actor.username
            )
            uow.commit()
            return user

    @requires(Action.SIGN_IN)
    def sign_in(self, username: str, password: str) -> User:
        with self.ctx.uow() as uow:
            row = uow.session.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
            if row is None or not row.active or not verify_password(row.password_hash, password):
                append_event(uow.session, username.strip()[:120], AuditAction.SIGN_IN_FAILED, "user", "")
                uow.commit()
                raise SignInFailed([Problem("password", "That username and password do not match.")])
            key = unlock_or_create(uow.session, row, password)  # accounts made before keys get one now
            append_event(uow.session, row.username, AuditAction.SIGNED_IN, "user", row.id)
            uow.commit()
            self.ctx.session.keys = {row.id: key}  # only the account signing in can sign
            return _to_user(row)

    @requires(Action.SIGN_IN)
    def verify(self, user: User, password: str) -> bool:
        """Unlock after idle: the same user's password, no new session."""
        with self.ctx.uow() as uow:
            row = uow.session.get(UserRow, user.id)
            return bool(row and row.active and verify_password(row.password_hash, password))

    @requires(Action.MANAGE_USERS)
    def users(self) -> list[User]:
        with self.ctx.uow() as uow:
            return [_to_user(r) for r in uow.session.scalars(select(UserRow).order_by(UserRow.username))]

    def _add(
        self,
        uow: UnitOfWork,
        username: str,
        display_name: str,
        password: str,
        role: Role,
        *,
        is_admin: bool,
        actor: str,
    ) -> User:
        problems = password_problems(password)
        if not username.strip():
            problems.append(Problem("username", "Enter a username."))
        if not display_name.strip():
            problems.append(Problem("display_name", "Enter the name shown on records."))
        raise_if(problems)
        taken = uow.session.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
        if taken is not None:
            raise ValidationError([Problem("username", "That username is taken.")])
        row = UserRow(
            username=username.strip(),
            display_name=display_name.strip(),
            role=role.value,
            is_admin=is_admin,
            password_hash=hash_password(password),
        )
        uow.session.add(row)
        uow.session.flush()
        create_key(uow.session, row, password)
        append_event(
            uow.session,
            actor,
            AuditAction.CREATED,
            "user",
            row.id,
            after={"username": row.username, "role": row.role, "is_admin": is_admin},
        )
        return _to_user(row)
