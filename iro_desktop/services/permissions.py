"""`@requires(Action.X)`: the one-line permission check at the top of every public service method.

The decorator records the action on the method (`required_action`), so the role-matrix test finds every
method of every service and fails when one declares none. Finer checks (a clerk may not change what the
chair approved, a final record is locked) stay inside the unit of work (services/guards.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from iro_desktop.domain.roles import Action, require
from iro_desktop.services.context import ServiceContext

F = TypeVar("F", bound=Callable[..., Any])

ATTRIBUTE = "required_action"


class _HasContext(Protocol):
    ctx: ServiceContext


def requires(action: Action) -> Callable[[F], F]:
    """Refuse (PermissionDenied) unless the signed-in user may take `action`; checked before anything."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def checked(self: _HasContext, *args: Any, **kwargs: Any) -> Any:
            require(self.ctx.session.user, action)
            return method(self, *args, **kwargs)

        setattr(checked, ATTRIBUTE, action)
        return cast(F, checked)

    return decorate


def required_action(method: object) -> Action | None:
    """The action a service method declared with `@requires`, or None."""
    value = getattr(method, ATTRIBUTE, None)
    return value if isinstance(value, Action) else None
