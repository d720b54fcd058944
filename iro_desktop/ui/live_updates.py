"""What other desktops change, and whether the team server is there, brought to the UI thread (issue 16
items 3 and 4): the listener (services.live_updates) calls `changes` and `reachable` on its own thread;
this object's signals carry them to the change hub on the UI thread, where views refresh themselves.

When the server comes back, the outage journal is replayed (in order, each edit once), every view reads
again what others may have changed meanwhile, and edits the journal could not apply are said, in place
of silence, in the status bar.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from iro_desktop.domain.changes import Changes
from iro_desktop.services.outage import OutageService
from iro_desktop.ui.events import ChangeHub

log = logging.getLogger(__name__)
HELD_MESSAGE = (
    "Someone else changed {what} while the server was away: your words are kept on this computer, "
    "both are shown there for you to choose"
)
RETRY_MS = 2000  # kept edits the server could not take when it came back are tried again this often


class LiveBridge(QObject):
    _changes = Signal(object)
    _reachable = Signal(bool)

    def __init__(self, hub: ChangeHub, outage: OutageService | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.outage = outage
        self.away = False
        self._changes.connect(self._relay)
        self._reachable.connect(self._tell)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._replay_if_waiting)
        if outage is not None:
            self._retry.start()

    def stop(self) -> None:
        """No more replays from here (signing out, closing)."""
        self._retry.stop()

    # --- called on the listener's thread -----------------------------------------------------------

    def changes(self, changes: Changes) -> None:
        self._changes.emit(changes)

    def reachable(self, reachable: bool) -> None:
        self._reachable.emit(reachable)

    # --- on the UI thread -----------------------------------------------------------------------------

    def _relay(self, changes: Changes) -> None:
        self.hub.relay(changes)
        self.hub.remote_changed.emit(changes)

    def _tell(self, reachable: bool) -> None:
        was_away = self.away
        self.away = not reachable
        if self.outage is not None:
            self.outage.server_away = not reachable
        if not reachable:
            self.hub.server_reachable.emit(False)
            return
        if self._replay() is not False:
            self.hub.server_reachable.emit(True)
        if was_away:
            self.hub.announce("*")  # whatever the other desktops changed while this one was cut off

    def _replay_if_waiting(self) -> None:
        """Now and then: edits kept while the server was briefly away (gone and back before the
        listening connection noticed) are applied without waiting for the next outage."""
        if not self.away and self.outage is not None and self.outage.waiting() and self._replay():
            self.hub.server_reachable.emit(True)

    def _replay(self) -> bool | None:
        """Apply what the journal kept: True when it all went, False when the server could not take it
        yet (tried again by the timer), None when nothing was kept."""
        if self.outage is None or not self.outage.waiting():
            return None
        result = self.outage.replay()
        log.info("Kept edits replayed: %d applied, %d already there", result.applied, result.already)
        for _entry, reason in result.refused:
            self.hub.save_refused.emit(reason)
        for held in result.held:  # shown with both versions where the words are (the map, the summary)
            self.hub.save_refused.emit(HELD_MESSAGE.format(what=held.conflict.get("label", "an item")))
        if result.applied or result.already or result.held:
            self.hub.announce("map", "records")  # the views show what is stored now
        return result.problem is None
