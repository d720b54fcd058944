"""Change notification as data: after an action, the hub announces what changed; views refresh
themselves. Also carries the save state shown in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeHub(QObject):
    """One per window set. Topics are short strings such as "families" or "conferences"."""

    changed = Signal(frozenset)
    save_started = Signal()
    save_finished = Signal()
    save_failed = Signal(str)
    save_refused = Signal(str)  # a change was refused (too long, record final): why, in words
    lock_changed = Signal(bool)  # True when the app locks (presentation views blank themselves)

    def announce(self, *topics: str) -> None:
        self.changed.emit(frozenset(topics))
