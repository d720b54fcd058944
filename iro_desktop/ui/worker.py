"""The one way to run work off the UI thread, and the one garbage-collection policy that goes with it.

`Worker.start(fn, on_done, on_failed, on_progress=None)` runs `fn` on a thread pool and hands its result,
its exception or its progress back on the UI thread (queued signals). Every background job in the app
uses it: the start-up's opening of the store, counting the annual report, its PDF and CSV, the
conference PDFs and the history import. Jobs get plain data and never touch a widget.

**The collector runs only on the UI thread.** CPython runs the cyclic garbage collector in whichever
thread happens to allocate when a generation fills up. Run in a worker, it can free Python wrappers of Qt
objects that belong to the UI thread (a dialog closed moments before), and a Qt object must die on its
own thread: a crash (SIGSEGV/SIGABRT). So (`Collector`):

- in the app, `Collector.install()` runs once start-up is done: `gc.freeze()` moves everything alive
  then (modules, the window, the open store: about 300,000 objects) into the permanent generation, so
  no later collection walks them again; automatic collection is switched off for good, and a timer on
  the UI thread collects each generation when its count passes the threshold the interpreter would
  have used (the pattern of calibre's and Anki's GUI collectors). Between ticks garbage waits at most a
  tick; reference counting still frees everything that is not a cycle at once.
- where nothing installed it (tests, the screenshot command), each job holds the collector off while it
  runs: the UI thread collects, switches it off, and when the last job ends (its thread has left
  Python) switches it back on and collects, again on the UI thread.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

Progress = Callable[..., None]


class Collector:
    """Cyclic garbage collection only on the UI thread (see the module's docstring)."""

    TICK_MS = 500
    _timer: ClassVar[QTimer | None] = None
    _holds: ClassVar[int] = 0
    _held_enabled: ClassVar[bool] = False
    collections: ClassVar[list[tuple[int, bool]]] = []  # (generation, on the UI thread), last few, for tests

    @classmethod
    def installed(cls) -> bool:
        return cls._timer is not None

    @classmethod
    def install(cls, parent: QObject | None = None, freeze: bool = True) -> None:
        """Once, after start-up: freeze what is alive, collect from now on by a UI-thread timer only."""
        if cls._timer is not None:
            return
        gc.collect()
        if freeze:
            gc.freeze()
        gc.disable()
        cls._timer = QTimer(parent)
        cls._timer.setInterval(cls.TICK_MS)
        cls._timer.timeout.connect(cls.tick)
        cls._timer.start()

    @classmethod
    def uninstall(cls) -> None:
        """Back to the interpreter's own collection (tests)."""
        if cls._timer is None:
            return
        cls._timer.stop()
        cls._timer.deleteLater()
        cls._timer = None
        gc.unfreeze()
        if cls._holds == 0:
            gc.enable()

    @classmethod
    def tick(cls) -> None:
        """Collect the oldest generation whose count passed its threshold (as the interpreter would)."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                cls.collect(generation)
                return

    @classmethod
    def collect(cls, generation: int = 2) -> None:
        gc.collect(generation)
        cls.collections[:] = [*cls.collections[-9:], (generation, _on_ui_thread())]

    @classmethod
    def hold(cls) -> None:
        """A job starts (UI thread). Without the app's timer: collect now and keep the collector off."""
        cls._holds += 1
        if cls._holds == 1 and cls._timer is None:
            cls._held_enabled = gc.isenabled()
            cls.collect()
            gc.disable()

    @classmethod
    def release(cls) -> None:
        """A job ended and its thread has left Python (UI thread): collect here, back on if it was."""
        cls._holds = max(0, cls._holds - 1)
        if cls._holds == 0 and cls._timer is None and cls._held_enabled:
            gc.enable()
            cls.collect()


def _on_ui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, object)  # the serial, the tuple of values the job reported


class _Task(QRunnable):
    def __init__(self, serial: int, fn: Callable[..., Any], signals: _Signals, reports: bool) -> None:
        super().__init__()
        self.serial = serial
        self.fn: Callable[..., Any] | None = fn
        self.signals = signals
        self.reports = reports

    def _progress(self, *values: object) -> None:
        self.signals.progress.emit(self.serial, values)

    def run(self) -> None:
        fn, self.fn = self.fn, None  # nothing of the job outlives it on this thread
        assert fn is not None
        try:
            result = fn(self._progress) if self.reports else fn()
        except Exception as error:  # handed to the UI thread, which shows it
            self.signals.failed.emit(self.serial, error)
        else:
            self.signals.done.emit(self.serial, result)


class Worker(QObject):
    """Background jobs: `start(fn, on_done, on_failed, on_progress=None)`; `busy` while any runs.

    With `on_progress`, `fn` is called with a `progress(*values)` function whose calls arrive at
    `on_progress(*values)` on the UI thread. Results arrive through queued signals, so every callback
    runs on the UI thread. When jobs overlap only the latest one's result is delivered (an older one is
    stale). Each worker has its own pool (`threads` at a time), so `wait` and the collector's release
    know when its threads have left Python."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._serial = 0
        self._running = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Any], None], Progress | None]] = {}
        self._signals = _Signals(self)  # lives on the UI thread; the worker's emits are queued here
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)

    @property
    def busy(self) -> bool:
        return self._running > 0

    def start(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_progress: Progress | None = None,
    ) -> None:
        self._serial += 1
        self._callbacks[self._serial] = (on_done, on_failed, on_progress)
        self._running += 1
        Collector.hold()
        self.pool.start(_Task(self._serial, fn, self._signals, reports=on_progress is not None))

    @Slot(int, object)
    def _on_progress(self, serial: int, values: Any) -> None:
        callbacks = self._callbacks.get(serial)
        if callbacks is not None and callbacks[2] is not None and serial == self._serial:
            callbacks[2](*values)

    @Slot(int, object)
    def _on_done(self, serial: int, result: Any) -> None:
        self._finish(serial, 0, result)

    @Slot(int, object)
    def _on_failed(self, serial: int, error: Any) -> None:
        self._finish(serial, 1, error)

    def _finish(self, serial: int, which: int, value: Any) -> None:
        self._running -= 1
        callback: Callable[[Any], None] = self._callbacks.pop(serial)[which]  # type: ignore[assignment]
        if not self._running:
            self.pool.waitForDone(2000)  # its threads have left Python before the collector may run
        Collector.release()
        try:
            if serial == self._serial:  # an older job's result is stale
                callback(value)
        finally:
            if not self._running:
                self.finished.emit()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block (processing events) until no job runs; for screenshots, tests and closing."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(timeout_ms)
        while self.busy and not deadline.hasExpired():
            self.pool.waitForDone(20)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return not self.busy
