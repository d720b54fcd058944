"""Local accounts: the first administrator, signing in, adding, resetting and removing users, changing
one's own password, the idle lock. Every step is audited.

On an encrypted store (issue 15, `ctx.keys`), signing in is unwrapping: the account's copy of the data
key in the key file opens with the right password only (one Argon2id derivation, which also gives the
key wrapping the account's signing key). A password change rewraps that account's copy only; an
administrator's reset writes a new copy with the data key they hold; removing an account removes its
copy (the account row stays, inactive, for the records that name it). On a plain store the password is
checked against its hash, as before.
"""

from __future__ import annotations

from typing import Any

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.roles import Action, Role, User, require
from iro_desktop.services.approval_signing import create_key, rewrap_own, unlock_or_create
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.passwords import hash_password, password_problems, verify_password
from iro_desktop.services.permissions import requires
from iro_desktop.store import account_repository as repo
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.models import UserRow
from iro_desktop.store.uow import UnitOfWork

WRONG_PAIR = "That username and password do not match."


def _to_user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, Role(row.role), row.is_admin, row.active)


class SignInFailed(ValidationError):
    """Wrong username or password (deliberately not saying which)."""


def _wrong_pair() -> SignInFailed:
    return SignInFailed([Problem("password", WRONG_PAIR)])


class AccountService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def _keys(self) -> Any:
        return self.ctx.keys

    @requires(Action.SIGN_IN)
    def needs_first_admin(self) -> bool:
        with self.ctx.uow() as uow:
            return not repo.account_count(uow.session)

    @requires(Action.SIGN_IN)
    def create_first_admin(self, username: str, display_name: str, password: str, role: Role) -> User:
        """Only when there are no accounts yet: the first user is an administrator."""
        with self.ctx.uow() as uow:
            if repo.account_count(uow.session):
                raise ValidationError([Problem("username", "An administrator already exists.")])
            user = self._add(uow, username, display_name, password, role, is_admin=True, actor="first run")
            self._commit_new(uow, user)
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
            self._commit_new(uow, user)
            return user

    @requires(Action.SIGN_IN)
    def sign_in(self, username: str, password: str) -> User:
        """Sign in (again) on the open store: at start, or after Sign out. Through the key file when the
        store is encrypted."""
        unlocked = None
        if self._keys is not None:
            unlocked = self._keys.unwrap(username, password)
            if unlocked is None:
                self._audit_failure(username)
                raise _wrong_pair()
            if self._keys.locked:
                self._keys.unlock(unlocked)
        return self.sign_in_unlocked(username, password, unlocked)

    @requires(Action.SIGN_IN)
    def sign_in_unlocked(self, username: str, password: str, unlocked: Any) -> User:
        """The account checked inside the store: active, and (encrypted) the one whose copy opened."""
        with self.ctx.uow() as uow:
            row = repo.account_named(uow.session, username)
            if unlocked is not None:
                ok = row is not None and row.active and row.id == unlocked.account_id
            else:
                ok = row is not None and row.active and verify_password(row.password_hash, password)
            if not ok or row is None:
                append_event(uow.session, username.strip()[:120], AuditAction.SIGN_IN_FAILED, "user", "")
                uow.commit()
                raise _wrong_pair()
            wrap_key = unlocked.signing_wrap_key if unlocked is not None else None
            key = unlock_or_create(uow.session, row, password, wrap_key)
            if unlocked is not None and unlocked.needs_rewrap:  # a converted copy: fresh salt now
                rewrap_own(uow.session, row, key, self._keys.add(row.id, row.username, password))
            append_event(uow.session, row.username, AuditAction.SIGNED_IN, "user", row.id)
            uow.commit()
            self.ctx.session.keys = {row.id: key}  # only the account signing in can sign
            return _to_user(row)

    @requires(Action.SIGN_IN)
    def verify(self, user: User, password: str) -> bool:
        """Unlock after idle: the same user's password, no new session. On an encrypted store the data
        key is unwrapped again, and the signing key with it."""
        if self._keys is None:
            with self.ctx.uow() as uow:
                row = repo.account(uow.session, user.id)
                return bool(row and row.active and verify_password(row.password_hash, password))
        unlocked = self._keys.unwrap(user.username, password)
        if unlocked is None or unlocked.account_id != user.id:
            return False
        self._keys.unlock(unlocked)
        with self.ctx.uow() as uow:
            row = repo.account(uow.session, user.id)
            if row is None or not row.active:
                return False
            key = unlock_or_create(uow.session, row, password, unlocked.signing_wrap_key)
            uow.commit()
        self.ctx.session.keys = {user.id: key}
        return True

    @requires(Action.SIGN_IN)
    def lock(self) -> bool:
        """The idle lock: the signing keys are dropped, and on an encrypted store the data key too
        (every connection closed, the key overwritten). True when the data key was put away."""
        self.ctx.session.keys = {}
        if self._keys is None:
            return False
        self._keys.lock()
        return True

    @requires(Action.SIGN_IN)
    def change_password(self, user: User, current: str, new: str) -> None:
        """One's own password: only that account's copy of the data key is rewrapped."""
        raise_if(password_problems(new, "new_password"))
        with self.ctx.uow() as uow:
            row = repo.account(uow.session, user.id)
            if row is None or not row.active:
                raise _wrong_pair()
            if self._keys is not None:
                unlocked = self._keys.unwrap(row.username, current)
                if unlocked is None or unlocked.account_id != row.id:
                    raise ValidationError([Problem("current_password", "That is not your current password.")])
                key = unlock_or_create(uow.session, row, current, unlocked.signing_wrap_key)
            else:
                if not verify_password(row.password_hash, current):
                    raise ValidationError([Problem("current_password", "That is not your current password.")])
                key = unlock_or_create(uow.session, row, current)
            row.password_hash = hash_password(new)
            if self._keys is not None:
                rewrap_own(uow.session, row, key, self._keys.add(row.id, row.username, new))
            else:
                rewrap_own(uow.session, row, key, password=new)
            append_event(
                uow.session, row.username, AuditAction.CHANGED, "user", row.id, after={"password": "changed"}
            )
            uow.commit()
        self.ctx.session.keys[user.id] = key

    @requires(Action.MANAGE_USERS)
    def reset_password(self, actor: User | None, username: str, new: str) -> User:
        """An administrator sets someone's password: a new copy of the data key, from the key they hold.
        That account's signing key is renewed at its next sign-in (the old one still verifies)."""
        require(actor, Action.MANAGE_USERS)
        assert actor is not None
        raise_if(password_problems(new))
        with self.ctx.uow() as uow:
            row = self._existing(uow, username)
            row.password_hash = hash_password(new)
            row.active = True
            if self._keys is not None:
                self._keys.add(row.id, row.username, new)
            append_event(
                uow.session, actor.username, AuditAction.CHANGED, "user", row.id, after={"password": "reset"}
            )
            uow.commit()
            return _to_user(row)

    @requires(Action.MANAGE_USERS)
    def remove_user(self, actor: User | None, username: str) -> User:
        """The account can no longer sign in: its copy of the data key is removed; the row stays
        (inactive) because records and the audit trail name it."""
        require(actor, Action.MANAGE_USERS)
        assert actor is not None
        with self.ctx.uow() as uow:
            row = self._existing(uow, username)
            if row.id == actor.id:
                raise ValidationError([Problem("username", "You cannot remove your own account.")])
            if row.is_admin and len(repo.active_admins(uow.session)) <= 1:
                raise ValidationError([Problem("username", "The last administrator cannot be removed.")])
            row.active = False
            if self._keys is not None:
                self._keys.remove(row.id)
            append_event(
                uow.session, actor.username, AuditAction.DELETED, "user", row.id, after={"active": False}
            )
            uow.commit()
            return _to_user(row)

    @requires(Action.SIGN_IN)
    def recover_admin(self, username: str, new: str) -> None:
        """With the recovery key (the store is already open with the data key it unwrapped): an
        administrator's password is set anew. Audited as a recovery."""
        raise_if(password_problems(new))
        with self.ctx.uow() as uow:
            row = self._existing(uow, username)
            if not row.is_admin:
                raise ValidationError([Problem("username", "Name an administrator's account.")])
            row.password_hash = hash_password(new)
            row.active = True
            if self._keys is not None:
                self._keys.add(row.id, row.username, new)
            append_event(
                uow.session,
                "recovery key",
                AuditAction.CHANGED,
                "user",
                row.id,
                after={"password": "recovered"},
            )
            uow.commit()

    @requires(Action.MANAGE_USERS)
    def users(self) -> list[User]:
        with self.ctx.uow() as uow:
            return [_to_user(r) for r in repo.all_accounts(uow.session)]

    def _existing(self, uow: UnitOfWork, username: str) -> UserRow:
        row = repo.account_named(uow.session, username)
        if row is None:
            raise ValidationError([Problem("username", "There is no account with that username.")])
        return row

    def _audit_failure(self, username: str) -> None:
        if self._keys is not None and self._keys.locked:
            return  # nothing reaches the records while the key is put away
        with self.ctx.uow() as uow:
            append_event(uow.session, username.strip()[:120], AuditAction.SIGN_IN_FAILED, "user", "")
            uow.commit()

    def _commit_new(self, uow: UnitOfWork, user: User) -> None:
        """Commit; a copy of the data key written for an account whose row was not stored is removed."""
        try:
            uow.commit()
        except BaseException:
            if self._keys is not None:
                self._keys.remove(user.id)
            raise

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
        if repo.account_named(uow.session, username) is not None:
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
        wrap_key = self._keys.add(row.id, row.username, password) if self._keys is not None else None
        create_key(uow.session, row, password, wrap_key)
        append_event(
            uow.session,
            actor,
            AuditAction.CREATED,
            "user",
            row.id,
            after={"username": row.username, "role": row.role, "is_admin": is_admin},
        )
        return _to_user(row)
