"""What every service needs: a unit-of-work factory, a clock (injectable for tests) and who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_desktop.domain.roles import Role, User
from iro_desktop.store.uow import UnitOfWork

# The command line acts as the local system: whoever can run it can read the file anyway.
SYSTEM_USER = User("system", "system", "IRO Desktop (command line)", Role.CHAIR, is_admin=True)


@dataclass
class SignedIn:
    """Who is using the app now. The GUI sets it at sign-in; the command line uses SYSTEM_USER."""

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
    session: SignedIn = field(default_factory=lambda: SignedIn(SYSTEM_USER))
