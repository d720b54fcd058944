"""Composition root: store, services, settings and the main window, wired together."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_desktop.domain.errors import EnvironmentProblem
from iro_desktop.store.location import StoreLocation

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from iro_desktop.domain.roles import User
    from iro_desktop.services.registry import Services
    from iro_desktop.services.sign_in import Opened
    from iro_desktop.store.opening import Store
    from iro_desktop.ui.late_services import LateServices
    from iro_desktop.ui.sign_in import SignInGate

log = logging.getLogger("iro_desktop")

EXIT_AFTER_PAINT_ENV = "IRO_DESKTOP_EXIT_AFTER_FIRST_PAINT"
PREFERRED_WINDOW_SIZE = (1280, 800)  # the main window's size on a screen with room for it
LOG_FILE = "iro-desktop.log"
LOG_MAX_BYTES = 1_000_000  # the log rotates at 1 MB: iro-desktop.log.1 … .5 keep the older lines
LOG_BACKUPS = 5


def opens_maximised(available: tuple[int, int], preferred: tuple[int, int] = PREFERRED_WINDOW_SIZE) -> bool:
    """Whether the main window opens maximised: when the screen's free area (without task bars) is smaller
    than the window's preferred size in either direction, as on a 1366×768 or 1280×720 laptop."""
    return available[0] < preferred[0] or available[1] < preferred[1]


def show_main_window(window: QMainWindow) -> None:
    """Show the window at its preferred size, or maximised on a small screen (it then uses all of it)."""
    screen = window.screen().availableGeometry()
    if opens_maximised((screen.width(), screen.height())):
        window.showMaximized()
    else:
        window.show()
    window.raise_()
    window.activateWindow()  # the keyboard goes to it, as it went to the sign-in prompt before it


def configure_logging(location: StoreLocation) -> None:
    """Log to the data folder, rotating at LOG_MAX_BYTES with LOG_BACKUPS older files kept. Log records
    carry ids and counts, never names or case text."""
    import logging.handlers

    try:
        location.logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            location.logs_dir / LOG_FILE, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("iro_desktop")
    if not root.handlers:
        root.addHandler(handler)
        root.setLevel(logging.INFO)


def open_services(location: StoreLocation, today: Callable[[], date] = date.today) -> tuple[Store, Services]:
    """Open (and migrate) the store and build the services. SQLAlchemy and Alembic load here."""
    from iro_desktop.services.context import ServiceContext
    from iro_desktop.services.registry import Services
    from iro_desktop.store.opening import open_store

    store = open_store(location)
    for problem in store.problems:  # opened read-only: say why on every command (no personal data)
        print(f"Read-only: {problem}", file=sys.stderr)
    return store, Services.build(ServiceContext(uow=store.uow, today=today))


NATIVE_CRASH_PREFIX = "native-crash-"
_native_crash_file: list[object] = []  # kept open (and referenced) for as long as the process runs


def enable_native_crash_log(logs_dir: Path) -> Path | None:
    """A native crash (SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE) leaves a log in the logs folder:
    `faulthandler` writes every thread's Python stack into a file opened now (mode 0600) and kept open;
    a Qt fatal message (e.g. no display) is written there before Qt aborts. Stack frames and Qt's own
    messages only: no personal data. The file is removed at a normal exit when nothing was written;
    empty ones left by a killed process are removed at the next start."""
    import atexit
    import faulthandler
    from datetime import datetime

    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        for stale in logs_dir.glob(f"{NATIVE_CRASH_PREFIX}*.log"):
            if stale.stat().st_size == 0:
                stale.unlink(missing_ok=True)
        path = logs_dir / f"{NATIVE_CRASH_PREFIX}{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        return None
    handle = os.fdopen(fd, "w", encoding="utf-8", buffering=1)
    _native_crash_file[:] = [handle]
    faulthandler.enable(file=handle, all_threads=True)

    def qt_message(kind: object, _context: object, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        if kind == QtMsgType.QtFatalMsg:  # Qt aborts right after this: say why, in Qt's words
            handle.write(f"Qt fatal: {message}\n")
            handle.flush()
        print(message, file=sys.stderr)

    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(qt_message)

    def remove_if_empty() -> None:
        faulthandler.disable()
        handle.close()
        if path.stat().st_size == 0:
            path.unlink(missing_ok=True)

    atexit.register(remove_if_empty)
    return path


@dataclass
class OpenedStore:
    """What start-up prepares in the background while the password is typed, and the one sign-in
    call. The records are encrypted (issue 15): they open only when the password unwraps their key, so
    the background does everything else (SQLAlchemy, Alembic and the store's modules imported, the key
    file and the records file checked, the bank holidays read, the areas' modules imported) and Enter
    unwraps and opens (`SignInGate`, services.sign_in)."""

    gate: SignInGate

    @property
    def opened(self) -> Opened | None:
        return self.gate.opened

    def needs_set_up(self) -> bool:
        return self.gate.needs_set_up()

    def sign_in(self, username: str, password: str) -> User:
        """The one step between Enter and the window: one Argon2id derivation unwraps the data key (the
        password's check), the records open, the account is verified inside them."""
        return self.gate.sign_in(username, password)


def prepare(location: StoreLocation, gate: SignInGate) -> OpenedStore:
    """Runs on a worker thread while the password is typed (no widget is made here: Qt widgets only on
    the UI thread). A file no password could open is told before a password is asked for. Logging is
    configured here too: `logging.handlers` (with socket, pickle and queue) costs about 5 ms, which would
    otherwise come before the prompt."""
    configure_logging(location)
    import iro_desktop.services.registry  # noqa: F401  (SQLAlchemy, the store's models, the services)
    import iro_desktop.store.opening  # noqa: F401  (Alembic: about 0.36 s of the Enter path otherwise)
    from iro_desktop.services.sign_in import check_openable
    from iro_desktop.store.models import configure_orm

    configure_orm()  # the mappers set up here, not at the first query after Enter (about 0.06 s)

    check_openable(location)
    warm_up(date.today())
    return OpenedStore(gate)


def warm_up(today: date) -> None:
    """What the first fill would otherwise load after Enter: the bank holidays (the `holidays` package
    takes about 0.3 s to import) and the modules of every area."""
    import importlib
    from datetime import timedelta

    from iro_desktop.domain.calendar import WorkingDayCalendar

    calendar = WorkingDayCalendar()
    for year in (today.year - 1, today.year, today.year + 1):
        calendar.is_working_day(date(year, 6, 1) + timedelta(days=0))
    for module in (
        "iro_desktop.ui.areas.today",
        "iro_desktop.ui.areas.families",
        "iro_desktop.ui.areas.meeting",
        "iro_desktop.ui.areas.records",
        "iro_desktop.ui.areas.report",
        "iro_desktop.ui.export_panel",
        "iro_desktop.ui.fonts",
    ):
        importlib.import_module(module)


def run_gui(location: StoreLocation) -> int:
    """The sign-in prompt at once; the store opened in the background while the password is typed; the
    main window, filled, once signed in (ui/startup.py). Environmental problems are shown clearly and
    nothing is overwritten."""
    from iro_desktop.ui.import_scan import quicken

    quicken()  # PySide6's check of each module imported after it, by the file's bytes (ui/import_scan.py)
    enable_native_crash_log(location.logs_dir)
    from PySide6.QtWidgets import QApplication, QMessageBox

    from iro_desktop import APP_NAME
    from iro_desktop.ui.crash import CrashHandler
    from iro_desktop.ui.settings import Settings
    from iro_desktop.ui.startup import StartUp
    from iro_desktop.ui.text_size import apply_saved_text_size

    app = QApplication.instance() or QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    settings = Settings()
    apply_saved_text_size(settings)  # before any window, the crash dialog and sign-in included
    crash = CrashHandler(location.logs_dir)
    crash.install()
    exit_code = [0]
    benchmark = bool(os.environ.get(EXIT_AFTER_PAINT_ENV))

    late: list[LateServices] = []  # made once the store's modules are loaded (not before the prompt)
    listeners: list[Any] = []  # the team server's listening connection (issue 16), stopped at the end

    def build_window(prepared: OpenedStore) -> QMainWindow:
        """While the password is typed: the window and every area, on services bound at sign-in."""
        from iro_desktop.ui.late_services import LateServices
        from iro_desktop.ui.main_window import MainWindow, WhereInfo

        window = MainWindow(None, settings, WhereInfo(location.describe(), str(location.data_dir)))
        late[:] = [LateServices()]
        window.attach(late[0].as_services())
        return window

    def show_window(window: QMainWindow, prepared: OpenedStore, user: User) -> None:
        from iro_desktop.services.live_updates import status_words
        from iro_desktop.ui.sign_in import show_recovery_key

        opened = prepared.opened
        assert opened is not None
        if opened.store.problems:  # broken references: opened read-only; said once, at start
            QMessageBox.warning(
                None, "The records can only be read", _read_only_message(opened.store.problems)
            )
        if opened.recovery_key:
            show_recovery_key(opened.recovery_key, None)
        late[0].bind(opened.services)  # the areas, built while the password was typed, now reach the records
        listeners[:] = [start_live_updates(window, opened)]  # issue 16: other desktops' changes, outages
        crash.tell_problem = lambda problem: window.hub.save_failed.emit(status_words(problem))  # type: ignore[attr-defined]
        window.sign_in_as(user, opened.services.accounts, settings.get(Settings.idle_lock_minutes))  # type: ignore[attr-defined]
        show_main_window(window)  # shown, then filled: pages behind the first fill when first shown
        window.load()  # type: ignore[attr-defined]

    def opened_failed(error: BaseException) -> None:
        if isinstance(error, EnvironmentProblem):
            log.warning("Store could not be opened: %s", type(error).__name__)
            if location.sqlite_path is None:  # issue 16: the team server's settings can be put right here
                from iro_desktop.ui.team_server_dialog import offer_settings

                offer_settings(error, location.data_dir, location.describe())
            else:
                QMessageBox.critical(None, error.title, error.message)
            exit_code[0] = 2
            app.quit()
            return
        crash(type(error), error, error.__traceback__)
        exit_code[0] = 1
        app.quit()

    from iro_desktop.ui.sign_in import SignInGate

    gate = SignInGate(location)  # issue 15: signing in unwraps the key that opens the records
    startup = StartUp(lambda: prepare(location, gate), build_window, show_window, opened_failed, gate)
    if benchmark:  # measured up to the store open and the window built; nobody signs in
        paint_marks(startup)
    startup.start()
    try:
        result = app.exec()
        return exit_code[0] or result
    finally:
        for listener in listeners:
            if listener is not None:
                listener.stop()
        startup.finish()
        prepared = startup.opened
        if prepared is not None and prepared.opened is not None:
            prepared.opened.store.close()


def start_live_updates(window: QMainWindow, opened: Opened) -> Any:
    """On a team server: one listening connection feeding the window's change hub, and the outage
    journal replayed when the server comes back (services.live_updates, ui/live_updates.py). None on
    SQLite."""
    from iro_desktop.services import live_updates
    from iro_desktop.ui.live_updates import LiveBridge

    hub = window.hub  # type: ignore[attr-defined]
    bridge = LiveBridge(hub, opened.services.outage, window)
    return live_updates.listen(opened.store, bridge.changes, bridge.reachable)


def paint_marks(startup: object) -> None:
    """`IRO_DESKTOP_EXIT_AFTER_FIRST_PAINT`: print when the prompt painted and when the store was open
    and the window built, then quit (the start-up path checked end to end by the tests)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    prompt = startup.prompt  # type: ignore[attr-defined]

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and obj is prompt:
                prompt.removeEventFilter(self)
                print(f"first-paint {time.time():.6f}", flush=True)
            return False

    def ready() -> None:
        print(f"ready {time.time():.6f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)

    prompt.installEventFilter(FirstPaint(startup))  # type: ignore[arg-type]
    startup.ready.connect(ready)  # type: ignore[attr-defined]


def _read_only_message(problems: tuple[str, ...]) -> str:
    listed = "\n".join(f"• {p}" for p in problems[:10])
    more = f"\n… and {len(problems) - 10} more" if len(problems) > 10 else ""
    return (
        "The records have broken references, so they were opened read-only: you can read and export them "
        "but not change them. Nothing was changed. Run `iro-desktop check` and ask your IT team.\n\n"
        + listed
        + more
    )


def take_screenshot(
    location: StoreLocation,
    out: Path,
    view: str,
    size: tuple[int, int],
    text_percent: int = 100,
    sign_in: Callable[[Services], object] | None = None,
    open_signed: Callable[[], tuple[Store, Services]] | None = None,
) -> Path:
    """Render one view of the main window to PNG, offscreen, at a text size (percent), as the account
    `open_signed` opens the records as (the command line), or on a plain store opened in-process as the
    account `sign_in` signs in (the window shows what that role may do)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from iro_desktop import APP_NAME
    from iro_desktop.ui.main_window import MainWindow, WhereInfo
    from iro_desktop.ui.screenshot import render_png, show_for_screenshot
    from iro_desktop.ui.settings import Settings
    from iro_desktop.ui.text_size import apply_text_size

    app = QApplication.instance() or QApplication([APP_NAME])
    apply_text_size(text_percent)
    store, services = open_signed() if open_signed is not None else open_services(location)
    try:
        if sign_in is not None:
            sign_in(services)
        settings = Settings.at(location.data_dir / "screenshot-settings.ini")
        window = MainWindow(services, settings, WhereInfo(location.describe(), str(location.data_dir)))
        window.load()
        target = show_for_screenshot(window, view)
        path = render_png(target, out, size)
        window.close()
        app.processEvents()
        return path
    finally:
        store.close()
