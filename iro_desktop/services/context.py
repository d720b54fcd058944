"""What every service needs: a unit-of-work factory, a clock (injectable for tests) and who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_desktop.domain.roles import Role, User
from iro_desktop.store.uow import UnitOfWork

# An administrator chair for tests, benchmarks and in-process fixtures that have no account. The app and
# the command line never use it: they act as the account signed in, and as nobody before that.
SYSTEM_USER = User("system", "system", "IRO Desktop (command line)", Role.CHAIR, is_admin=True)


@dataclass
class SignedIn:
    """Who is using the app now: the GUI and the command line set it at sign-in; None is nobody."""

    user: User | None = None
    # Each account's signing key, unwrapped at its sign-in (services.approval_signing); never stored.
    keys: dict[str, Any] = field(default_factory=dict)

    def signing_key(self, user: User | None) -> Any:
        return self.keys.get(user.id) if user is not None else None

    @property
    def actor_name(self) -> str:
        return self.user.username if self.user else "nobody"


@dataclass(frozen=True)
class ServiceContext:
    uow: Callable[[], UnitOfWork]
    today: Callable[[], date] = field(default=date.today)
    session: SignedIn = field(default_factory=SignedIn)  # nobody signed in: every service refuses
    # An encrypted store's key file and data key (services.store_keys.StoreKeys); None on a plain store
    # (tests, the team store on PostgreSQL), where passwords are checked against their hashes.
    keys: Any = None
