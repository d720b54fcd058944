"""Never lose a word: typed text is stored within half a second, retried until it is stored.

Throttled rather than debounced: the first keystroke starts the timer and later keystrokes do not
restart it, so continuous typing is still saved every `interval_ms`. `flush()` saves at once (focus
out, Enter, closing, switching conference, before any structural change or undo).

New items finished (Enter) while the records cannot be written are queued, in order, each kept separate,
and stored first, one by one in that order, on the next flush that can write (issue 13).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from PySide6.QtCore import QObject, QTimer

from iro_desktop.domain.mapping import Section

SAVE_INTERVAL_MS = 400
RETRY_INTERVAL_MS = 2000
QUEUED_PREFIX = "queued:"  # the key of a new item not yet stored (never a stored item's id)


@dataclass
class QueuedItem:
    """A new item finished while storing failed: stored later, in order, as its own item."""

    key: str
    section: Section
    text: str


class AutosaveController(QObject):
    def __init__(
        self,
        save: Callable[[str, str], bool],
        interval_ms: int = SAVE_INTERVAL_MS,
        retry_ms: int = RETRY_INTERVAL_MS,
        parent: QObject | None = None,
        add: Callable[[Section, str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._add = add
        self._pending: dict[str, str] = {}
        self._queued: list[QueuedItem] = []
        self._keys = count(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self._retry_ms = retry_ms
        self._interval_ms = interval_ms

    def schedule(self, item_id: str, text: str) -> None:
        self._pending[item_id] = text
        if not self._timer.isActive():
            self._timer.start(self._interval_ms)

    def pending(self) -> dict[str, str]:
        return dict(self._pending)

    def pending_text(self, item_id: str) -> str | None:
        return self._pending.get(item_id)

    def discard(self, item_id: str) -> None:
        self._pending.pop(item_id, None)

    def queue_add(self, section: Section, text: str) -> str:
        """Keep a new item to store later, after every item queued before it. Returns its key."""
        key = f"{QUEUED_PREFIX}{next(self._keys)}"
        self._queued.append(QueuedItem(key, section, text))
        if not self._timer.isActive():
            self._timer.start(self._retry_ms)
        return key

    def queued(self) -> list[QueuedItem]:
        return list(self._queued)

    def is_queued(self, key: str) -> bool:
        return any(q.key == key for q in self._queued)

    def update_queued(self, key: str, text: str) -> None:
        for queued in self._queued:
            if queued.key == key:
                queued.text = text

    def flush(self) -> bool:
        """Save everything pending now: queued new items first, in order. True when nothing is left."""
        self._timer.stop()
        while self._queued and self._add is not None:
            first = self._queued.pop(0)
            if not self._add(first.section, first.text):
                self._queued.insert(0, first)
                break
        for item_id, text in list(self._pending.items()):
            if self._save(item_id, text) and self._pending.get(item_id) == text:
                del self._pending[item_id]
        if self._pending or self._queued:
            self._timer.start(self._retry_ms)
            return False
        return True
