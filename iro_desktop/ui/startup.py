"""Start-up (issue 14 item 5): the sign-in prompt first, everything heavy while the password is typed.

1. The prompt is shown at once: nothing heavier than Qt and the sign-in widgets is imported before it.
2. Once it has painted, a background job (`ui.worker.Worker`) imports SQLAlchemy and Alembic, opens and
   migrates the store, builds the services and reads the bank holidays; back on the UI thread the main
   window and its areas are built, hidden and empty (Qt widgets only on the UI thread).
3. Enter checks the password: one call, `Opened.sign_in(username, password)`, so the way the password is
   checked (a hash today; unwrapping the store's key with Argon2id with the encrypted store) is swapped in
   one place. Enter pressed before the store is open waits for it, saying so.
4. The window is filled for the account signed in and shown; after its first paint the collector's
   policy is installed (`Collector.install`: `gc.freeze()` of everything alive then).

Marks for `benchmarks.startup` (env `IRO_DESKTOP_STARTUP_MARKS=1`, or `quit` to quit once filled):
`prompt-visible`, `opened`, `enter`, `verified`, `filled`, each with the wall-clock time and the UI
thread's CPU time. `IRO_DESKTOP_TEST_SIGN_IN=user:password` types the account's
name and password into the prompt once the store is open and presses Enter (a real key event): the
benchmark's and the tests' hook, never set by the app itself.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from iro_desktop.ui.sign_in import FirstRunDialog, SignInDialog, SignInGate
from iro_desktop.ui.worker import Collector, Worker

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from iro_desktop.domain.roles import User

MARKS_ENV = "IRO_DESKTOP_STARTUP_MARKS"
TEST_SIGN_IN_ENV = "IRO_DESKTOP_TEST_SIGN_IN"


class Opened(Protocol):
    """What the background job hands back: whether this is the first run, and the one sign-in call
    (in the app, the gate's: it unwraps the records' key and opens them)."""

    def needs_set_up(self) -> bool: ...

    def sign_in(self, username: str, password: str) -> User: ...


def mark(name: str) -> None:
    """Print a start-up mark for the benchmark (only when asked for): the wall-clock time and the UI
    thread's CPU time so far."""
    if os.environ.get(MARKS_ENV):
        print(f"{name} {time.time():.6f} {time.thread_time():.6f}", flush=True)


class _Verifier:
    """What the sign-in dialog calls on Enter: the one swappable step."""

    def __init__(self, sign_in: Callable[[str, str], User]) -> None:
        self.sign_in = sign_in


class SignInPrompt(SignInDialog):
    """The sign-in dialog, shown before the store is open. Enter pressed before the store is open is
    kept: it signs in as soon as the store is (the status line says so)."""

    def __init__(self, gate: SignInGate | None, parent: QWidget | None = None) -> None:
        super().__init__(gate, parent)  # type: ignore[arg-type]  # without a gate, the verifier comes once opened
        self.ready = False
        self.waiting = False
        self.status = QLabel("")
        self.status.setAccessibleName("Opening status")
        self.status.setWordWrap(True)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.status)
        self.status.hide()
        if self.recovery_button is not None:
            self.recovery_button.setEnabled(False)  # once the records' files are checked

    def open_with(self, sign_in: Callable[[str, str], User]) -> None:
        if not isinstance(self.accounts, SignInGate):  # the gate signs in itself (and offers recovery)
            self.accounts = _Verifier(sign_in)  # type: ignore[assignment]
        self.ready = True
        if self.recovery_button is not None:
            self.recovery_button.setEnabled(True)
        self.status.hide()
        if self.waiting:
            self.try_sign_in()

    def try_sign_in(self) -> None:
        if not self.ready:
            self.waiting = True
            self.status.setText("Opening your records… you are signed in as soon as they are open.")
            self.status.show()
            return
        self.waiting = False
        super().try_sign_in()


class _Watch(QObject):
    """Reports a widget's first paint, and every Return key the app receives (for the marks)."""

    def __init__(self, target: QWidget, on_paint: Callable[[], None]) -> None:
        super().__init__(target)
        self.target = target
        self.on_paint = on_paint

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and obj is self.target:
            self.target.removeEventFilter(self)
            self.on_paint()
        return False


class _EnterMark(QObject):
    """Marks the first Return pressed in the password field (only there: a filter on the whole app
    would run Python for every event while the prompt is made and painted, and slow what it measures)."""

    done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            from PySide6.QtCore import Qt  # see ui/sign_in.py's note on Qt

            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.done = True
                mark("enter")
        return False


class StartUp(QObject):
    """Runs the start-up above. `prepare` runs on a worker thread and returns an `Opened`;
    `build_window(opened)` builds the main window (hidden, unfilled) on the UI thread;
    `show_window(window, opened, user)` fills and shows it. `opened_failed(error)` handles a store that
    cannot be opened. `ready` is emitted once the store is open and the window built."""

    ready = Signal()
    signed_in = Signal(object)  # the User

    def __init__(
        self,
        prepare: Callable[[], Any],
        build_window: Callable[[Any], QMainWindow],
        show_window: Callable[[QMainWindow, Any, User], None],
        opened_failed: Callable[[BaseException], None],
        gate: SignInGate | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.prepare = prepare
        self.build_window = build_window
        self.show_window = show_window
        self.opened_failed = opened_failed
        self.worker = Worker(self, threads=1)
        self.gate = gate
        self.prompt: SignInPrompt | FirstRunDialog = SignInPrompt(gate)
        self.prompt.accepted.connect(self._accepted)
        self.opened: Any = None
        self.window: QMainWindow | None = None
        self.cancelled = False
        self.prompt.rejected.connect(self._cancel)
        self._enter = _EnterMark(self)

    def start(self) -> None:
        if os.environ.get(MARKS_ENV) and isinstance(self.prompt, SignInPrompt):
            self.prompt.password.installEventFilter(self._enter)
        self.prompt.installEventFilter(_Watch(self.prompt, self._prompt_painted))
        self.prompt.show()
        self.prompt.raise_()
        self.prompt.activateWindow()

    def _prompt_painted(self) -> None:
        mark("prompt-visible")
        QTimer.singleShot(0, self, lambda: self.worker.start(self.prepare, self._opened, self._failed))

    def _failed(self, error: BaseException) -> None:
        self.prompt.hide()
        self.opened_failed(error)

    def _opened(self, opened: Opened) -> None:
        self.opened = opened
        if self.cancelled:
            return
        self.window = self.build_window(opened)
        mark("opened")
        if opened.needs_set_up():  # the first run: set up the records and their administrator instead
            self.prompt.hide()
            self.prompt.deleteLater()
            self.prompt = FirstRunDialog(self.gate if self.gate is not None else opened.accounts)  # type: ignore[attr-defined]
            self.prompt.accepted.connect(self._accepted)
            self.prompt.rejected.connect(self._cancel)
            self.prompt.show()
        else:
            assert isinstance(self.prompt, SignInPrompt)
            self.prompt.open_with(opened.sign_in)
            _type_test_sign_in(self.prompt)
        self.ready.emit()

    def _accepted(self) -> None:
        mark("verified")
        user = self.prompt.user
        assert user is not None
        assert self.window is not None
        self.prompt.hide()
        window = self.window
        window.installEventFilter(_Watch(window, self._window_painted))
        self.show_window(window, self.opened, user)
        self.signed_in.emit(user)

    def _window_painted(self) -> None:
        mark("filled")
        QTimer.singleShot(0, self, lambda: Collector.install(QApplication.instance()))  # after the paint
        if os.environ.get(MARKS_ENV) == "quit":  # the benchmark: measured, done
            QTimer.singleShot(0, QApplication.quit)

    def _cancel(self) -> None:
        self.cancelled = True
        QApplication.quit()

    def finish(self) -> None:
        """On quitting: a store still being opened is waited for (then closed by the caller)."""
        self.worker.pool.waitForDone()


def _type_test_sign_in(prompt: SignInPrompt) -> None:
    """The benchmark's hook (env `IRO_DESKTOP_TEST_SIGN_IN=user:password`): type and press Enter."""
    value = os.environ.get(TEST_SIGN_IN_ENV)
    if not value:
        return
    from PySide6.QtCore import Qt

    username, _, password = value.partition(":")

    def type_and_enter() -> None:
        prompt.username.setText(username)
        prompt.password.setText(password)
        prompt.password.setFocus()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(
                prompt.password, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            )

    QTimer.singleShot(300, prompt, type_and_enter)  # the rest of the password, typed after the store opened
