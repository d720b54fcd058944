"""Live updates and the server's reachability for a desktop on a team server (issue 16 items 3 and 4):
the composition root starts one listener per open store; SQLite stores have none (nothing changes).

`on_changes` and `on_reachable` are called on the listener's own thread; the UI hands them over to its
thread (ui/live_updates.py). When the server comes back, what the outage journal kept is replayed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from iro_desktop.domain.changes import Changes
from iro_desktop.domain.errors import EnvironmentProblem
from iro_desktop.store.change_listener import ChangeListener
from iro_desktop.store.errors import ServerUnreachable

if TYPE_CHECKING:
    from iro_desktop.store.opening import Store

OUTAGE_MESSAGE = (
    "The team server can't be reached: your changes are kept on this computer and will be saved when it "
    "is back"
)


def is_server_away(problem: BaseException) -> bool:
    """Whether a problem is the team server being out of reach (not a refusal, not a local disk)."""
    return isinstance(problem, ServerUnreachable)


def status_words(problem: EnvironmentProblem) -> str:
    """What the status bar says for a problem: the outage in the words people are told to expect."""
    return OUTAGE_MESSAGE if is_server_away(problem) else f"{problem.title}. {problem.message}"


def listen(
    store: Store, on_changes: Callable[[Changes], None], on_reachable: Callable[[bool], None]
) -> ChangeListener | None:
    """Start listening to the other desktops (a team server only; None for an SQLite store)."""
    if store.location.sqlite_path is not None:
        return None
    listener = ChangeListener(store.engine, on_changes, on_reachable)
    listener.start()
    return listener
