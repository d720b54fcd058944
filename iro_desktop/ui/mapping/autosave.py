"""Never lose a word: typed text is stored within half a second, retried until it is stored.

Throttled rather than debounced: the first keystroke starts the timer and later keystrokes do not
restart it, so continuous typing is still saved every `interval_ms`. `flush()` saves at once (focus
out, Enter, closing, switching conference, before any structural change or undo).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

SAVE_INTERVAL_MS = 400
RETRY_INTERVAL_MS = 2000


class AutosaveController(QObject):
    def __init__(
        self,
        save: Callable[[str, str], bool],
        interval_ms: int = SAVE_INTERVAL_MS,
        retry_ms: int = RETRY_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._pending: dict[str, str] = {}
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

    def flush(self) -> bool:
        """Save everything pending now. True when nothing is left unsaved."""
        self._timer.stop()
        for item_id, text in list(self._pending.items()):
            if self._save(item_id, text) and self._pending.get(item_id) == text:
                del self._pending[item_id]
        if self._pending:
            self._timer.start(self._retry_ms)
            return False
        return True
