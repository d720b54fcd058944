"""Run a function off the UI thread (QThreadPool) and hand its result back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Task(QRunnable):
    def __init__(self, serial: int, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.serial = serial
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as error:  # handed to the UI thread, which shows it
            self.signals.failed.emit(self.serial, error)
        else:
            self.signals.done.emit(self.serial, result)


class Worker(QObject):
    """Background jobs: `start(fn, on_done, on_failed)`; `busy` while any runs.

    The result arrives through a queued signal, so `on_done` runs on the UI thread. When jobs
    overlap only the latest one's result is delivered (an older one is stale)."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._serial = 0
        self._running = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Any], None]]] = {}
        self._signals = _Signals(self)  # lives on the UI thread; the worker's emits are queued here
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        return self._running > 0

    def start(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        self._serial += 1
        self._callbacks[self._serial] = (on_done, on_failed)
        self._running += 1
        self.pool.start(_Task(self._serial, fn, self._signals))

    @Slot(int, object)
    def _on_done(self, serial: int, result: Any) -> None:
        self._finish(serial, 0, result)

    @Slot(int, object)
    def _on_failed(self, serial: int, error: Any) -> None:
        self._finish(serial, 1, error)

    def _finish(self, serial: int, which: int, value: Any) -> None:
        self._running -= 1
        callback = self._callbacks.pop(serial)[which]
        try:
            if serial == self._serial:  # an older job's result is stale
                callback(value)
        finally:
            if not self._running:
                self.finished.emit()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block (processing events) until no job runs; for screenshots and tests."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(timeout_ms)
        while self.busy and not deadline.hasExpired():
            self.pool.waitForDone(20)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return not self.busy
