"""Change notification as data: after an action, the hub relays what the services say they changed;
views refresh themselves. Also carries the save state shown in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from iro_desktop.domain.changes import Changes


class ChangeHub(QObject):
    """One per window set. Topics are short strings such as "families" or "conferences" (the values of
    domain.changes.Topic; "*" means everything)."""

    changed = Signal(frozenset)
    save_started = Signal()
    save_finished = Signal()
    save_failed = Signal(str)
    save_refused = Signal(str)  # a change was refused (too long, record final): why, in words
    lock_changed = Signal(bool)  # True when the app locks (presentation views blank themselves)
    server_reachable = Signal(bool)  # the team server went away (False) or is back (True): issue 16
    remote_changed = Signal(object)  # Changes another desktop committed (issue 16; after `changed`)

    def announce(self, *topics: str) -> None:
        self.changed.emit(frozenset(topics))

    def relay(self, changes: Changes) -> None:
        """Tell every view what a service call wrote (nothing when it wrote nothing)."""
        if changes:
            self.changed.emit(frozenset(str(topic) for topic in changes.topics))
