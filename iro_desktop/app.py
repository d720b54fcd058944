"""Composition root: store, services, settings and the main window, wired together."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from iro_desktop.store.location import StoreLocation

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from iro_desktop.services.registry import Services
    from iro_desktop.services.sign_in import Opened
    from iro_desktop.store.opening import Store
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


def run_gui(location: StoreLocation) -> int:
    """Show the window at once, then open the store and fill it. Environmental problems are shown
    clearly and nothing is overwritten."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from iro_desktop import APP_NAME
    from iro_desktop.ui.crash import CrashHandler
    from iro_desktop.ui.main_window import MainWindow, WhereInfo
    from iro_desktop.ui.settings import Settings
    from iro_desktop.ui.text_size import apply_saved_text_size

    app = QApplication.instance() or QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    settings = Settings()
    apply_saved_text_size(settings)  # before any window, the crash dialog and sign-in included
    CrashHandler(location.logs_dir).install()
    window = MainWindow(None, settings, WhereInfo(location.describe(), str(location.data_dir)))
    opened_stores: list[Store] = []
    exit_code = [0]
    benchmark = bool(os.environ.get(EXIT_AFTER_PAINT_ENV))

    def open_and_fill() -> None:
        from iro_desktop.domain.errors import EnvironmentProblem
        from iro_desktop.services.sign_in import check_openable
        from iro_desktop.ui.sign_in import SignInGate, show_recovery_key

        gate = SignInGate(location)  # issue 15: signing in unwraps the key that opens the records
        try:
            check_openable(location)  # a file no password could open is told before asking for one
        except EnvironmentProblem as problem:
            log.warning("Store could not be opened: %s", type(problem).__name__)
            QMessageBox.critical(window, problem.title, problem.message)
            exit_code[0] = 2
            app.quit()
            return
        if benchmark:  # measured up to the sign-in prompt; no records are shown
            print(f"ready {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            return
        opened = sign_in(gate, window)
        if opened is None:
            app.quit()
            return
        store, services = opened.store, opened.services
        opened_stores.append(store)
        if store.problems:  # broken references: opened read-only; said once, at start, before any meeting
            QMessageBox.warning(window, "The records can only be read", _read_only_message(store.problems))
        if opened.recovery_key:
            show_recovery_key(opened.recovery_key, window)
        window.attach(services)
        user = opened.user
        window.sign_in_as(user, services.accounts, window.settings.get(Settings.idle_lock_minutes))
        window.load()

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and obj is window:
                window.removeEventFilter(self)
                if benchmark:
                    print(f"first-paint {time.time():.6f}", flush=True)
                QTimer.singleShot(0, open_and_fill)
            return False

    painter = FirstPaint(window)
    window.installEventFilter(painter)
    show_main_window(window)
    try:
        result = app.exec()
        return exit_code[0] or result
    finally:
        for store in opened_stores:
            store.close()


def _read_only_message(problems: tuple[str, ...]) -> str:
    listed = "\n".join(f"• {p}" for p in problems[:10])
    more = f"\n… and {len(problems) - 10} more" if len(problems) > 10 else ""
    return (
        "The records have broken references, so they were opened read-only: you can read and export them "
        "but not change them. Nothing was changed. Run `iro-desktop check` and ask your IT team.\n\n"
        + listed
        + more
    )


def sign_in(gate: SignInGate, parent: object) -> Opened | None:
    """First run: set up the records and their administrator. Otherwise: sign in (or use the recovery
    key). The records open only then. None when the user cancels."""
    from iro_desktop.ui.sign_in import FirstRunDialog, SignInDialog

    dialog = FirstRunDialog(gate, parent) if gate.needs_set_up() else SignInDialog(gate, parent)  # type: ignore[arg-type]
    dialog.exec()
    return gate.opened if dialog.user is not None else None


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
