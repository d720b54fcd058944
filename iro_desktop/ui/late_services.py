"""The services the main window is built on while the password is typed (issue 14: the window, filled,
within 250 ms of Enter).

The records are encrypted, so the real services exist only once a password has unwrapped their key. The
areas (about 75 ms of widgets) are built before that on a `LateServices`, whose attributes forward every
call and attribute to the real services once `bind` has been called. Area constructors only keep the
services and their methods for later (and may read `ctx.today` and `ctx.session`: the clock, and
nobody signed in); calling a service before
`bind` raises `RecordsNotOpen`, which no area's constructor does (tested).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services


class RecordsNotOpen(RuntimeError):
    """A service was used before anyone signed in."""


class _Forward:
    """One service (or `ctx`) of the services bound later: every attribute read or set goes to it."""

    __slots__ = ("_late", "_name")

    def __init__(self, late: LateServices, name: str) -> None:
        object.__setattr__(self, "_late", late)
        object.__setattr__(self, "_name", name)

    def _target(self) -> Any:
        late: LateServices = object.__getattribute__(self, "_late")
        return getattr(late.bound(), object.__getattribute__(self, "_name"))

    def __getattr__(self, attr: str) -> Any:
        late: LateServices = object.__getattribute__(self, "_late")
        if late._bound is None and object.__getattribute__(self, "_name") == "ctx" and attr in late.before:
            return late.before[attr]  # the clock, and nobody signed in: known before the records open
        if late._bound is None:  # a method kept for later (`next_steps=services.meeting.next_steps`)
            return _LateMethod(self, attr)
        return getattr(self._target(), attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        setattr(self._target(), attr, value)

    def __repr__(self) -> str:
        return f"<late {object.__getattribute__(self, '_name')}>"


class _LateMethod:
    """A service's method taken before the records were open: looked up when it is called."""

    __slots__ = ("_attr", "_service")

    def __init__(self, service: _Forward, attr: str) -> None:
        self._service = service
        self._attr = attr

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._service._target(), self._attr)(*args, **kwargs)


class LateServices:
    """Stands in for `Services` until `bind(services)`; then forwards to them."""

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        from iro_desktop.services.context import SignedIn

        self.before: dict[str, Any] = {"today": today, "session": SignedIn()}
        self._bound: Services | None = None
        self._handles: dict[str, _Forward] = {}

    def bind(self, services: Services) -> None:
        self._bound = services

    def bound(self) -> Services:
        if self._bound is None:
            raise RecordsNotOpen("The records are not open yet: nobody has signed in.")
        return self._bound

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name == "outage":  # a value, not a service: the outage journal, or None (issue 16 item 4)
            return None if self._bound is None else self._bound.outage
        handle = self._handles.get(name)
        if handle is None:
            handle = self._handles[name] = _Forward(self, name)
        return handle

    def as_services(self) -> Services:
        """This object, typed as the services it stands in for."""
        return cast("Services", self)
