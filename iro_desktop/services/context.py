"""What every service needs: a unit-of-work factory, a clock (injectable for tests) and who is signed in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_desktop.domain.changes import Changes
from iro_desktop.domain.roles import Role, User
from iro_desktop.services import record_gates
from iro_desktop.services.record_gates import RecordGates
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


class ChangeJournal:
    """What the services' committed units of work wrote since the caller last took it, per thread (a
    worker's writes never reach the window's next relay)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self.gates = RecordGates()  # the records' final/approved state the guard keeps (record_gates.py)

    def record(self, changes: Changes) -> None:
        self._local.changes = getattr(self._local, "changes", Changes()) | changes
        record_gates.committed(changes)  # a record written anywhere in the process: every guard reads again

    def take(self) -> Changes:
        changes: Changes = getattr(self._local, "changes", Changes())
        self._local.changes = Changes()
        return changes


@dataclass(frozen=True)
class ServiceContext:
    uow: Callable[[], UnitOfWork]
    today: Callable[[], date] = field(default=date.today)
    session: SignedIn = field(default_factory=SignedIn)  # nobody signed in: every service refuses
    # An encrypted store's key file and data key (services.store_keys.StoreKeys); None on a plain store
    # (tests, the team store on PostgreSQL), where passwords are checked against their hashes.
    keys: Any = None
    journal: ChangeJournal = field(default_factory=ChangeJournal, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Every unit of work a service opens tells the journal what its commit wrote.
        make_uow = self.uow
        if getattr(make_uow, "journal", None) is self.journal:
            return  # already reporting here (a context copied with dataclasses.replace)
        journal = self.journal

        def reporting_uow() -> UnitOfWork:
            unit = make_uow()
            unit.on_commit = journal.record
            return unit

        reporting_uow.journal = journal  # type: ignore[attr-defined]
        object.__setattr__(self, "uow", reporting_uow)

    def take_changes(self) -> Changes:
        """What the service calls made on this thread since the last take wrote (then forgets it)."""
        return self.journal.take()
