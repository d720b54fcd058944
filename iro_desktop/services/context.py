"""What every service needs: a unit-of-work factory and a clock (injectable for tests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from iro_desktop.store.uow import UnitOfWork


@dataclass(frozen=True)
class ServiceContext:
    uow: Callable[[], UnitOfWork]
    today: Callable[[], date] = field(default=date.today)
