"""Start-up (issue 14 item 5): the sign-in prompt first, the store opened in the background while the
password is typed, Enter signs in (waiting for the store if it is still opening); nothing heavy imported
before the prompt; a native crash leaves a log in the logs folder."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from iro_desktop.domain.roles import Role
from iro_desktop.ui.startup import SignInPrompt, StartUp
from iro_desktop.ui.worker import Collector

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


class _Opened:
    """What the background job hands back, over the test's services."""

    def __init__(self, services) -> None:
        self.services = services
        self.accounts = services.accounts
        self.problems: tuple[str, ...] = ()
        self.checked: list[str] = []

    def needs_set_up(self) -> bool:
        return self.accounts.needs_first_admin()

    def sign_in(self, username: str, password: str):
        self.checked.append(username)
        user = self.accounts.sign_in(username, password)
        self.services.ctx.session.user = user
        return user


@pytest.fixture
def flow(qtbot, services):
    services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    release = threading.Event()
    threads: list[bool] = []
    shown: list[object] = []
    opened = _Opened(services)

    def prepare():
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return opened

    def build(_opened):
        window = QMainWindow()
        qtbot.addWidget(window)
        return window

    def show(window, _opened, user):
        shown.append(user)
        window.show()

    startup = StartUp(prepare, build, show, pytest.fail)
    qtbot.addWidget(startup.prompt)
    startup.start()
    yield startup, release, threads, shown, opened
    release.set()
    startup.finish()
    if startup.window is not None:
        startup.window.hide()  # no later first paint installs the policy in another test
    QApplication.processEvents()
    Collector.uninstall()


def test_prompt_first_then_the_store_opens_in_the_background(qtbot, flow):
    startup, release, threads, shown, _opened = flow
    assert isinstance(startup.prompt, SignInPrompt)
    qtbot.waitUntil(lambda: threads == [False])  # opening, off the UI thread, once the prompt painted
    assert startup.prompt.isVisible()
    assert startup.window is None
    release.set()
    qtbot.waitUntil(lambda: startup.window is not None)
    assert startup.prompt.ready
    assert not startup.window.isVisible()  # built, hidden, until signed in


def test_enter_before_the_store_is_open_waits_and_then_signs_in(qtbot, flow):
    startup, release, threads, shown, opened = flow
    qtbot.waitUntil(lambda: bool(threads))
    prompt = startup.prompt
    qtbot.keyClicks(prompt.username, "priya")
    qtbot.keyClicks(prompt.password, PASSWORD)
    qtbot.keyClick(prompt.password, Qt.Key.Key_Return)
    assert prompt.status.isVisible()
    assert "Opening your records" in prompt.status.text()
    assert shown == []
    release.set()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].username == "priya"
    assert opened.checked == ["priya"]  # the one sign-in call
    assert not prompt.isVisible()
    assert startup.window.isVisible()
    qtbot.waitUntil(Collector.installed)  # after the window's first paint: the collector's policy


def test_a_wrong_password_says_so_in_place_and_the_right_one_signs_in(qtbot, flow):
    startup, release, _threads, shown, _opened = flow
    release.set()
    qtbot.waitUntil(lambda: startup.window is not None)
    prompt = startup.prompt
    qtbot.keyClicks(prompt.username, "priya")
    qtbot.keyClicks(prompt.password, "not the password")
    qtbot.keyClick(prompt.password, Qt.Key.Key_Return)
    assert prompt.errors["password"].isVisible()
    assert shown == []
    prompt.password.clear()
    qtbot.keyClicks(prompt.password, PASSWORD)
    qtbot.keyClick(prompt.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(shown))


def test_nothing_heavy_is_imported_before_the_prompt():
    code = (
        "import sys\n"
        "from iro_desktop.cli import build_parser\n"
        "build_parser()\n"
        "import iro_desktop.app, iro_desktop.ui.startup, iro_desktop.ui.crash, iro_desktop.ui.text_size\n"
        "heavy = ('sqlalchemy', 'alembic', 'holidays', 'reportlab', 'argon2', 'cryptography', 'filelock')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.strip() == "[]"


def _crash(tmp_path: Path, body: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from iro_desktop.app import enable_native_crash_log\n"
        "enable_native_crash_log(Path(sys.argv[1]))\n" + body
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "logs")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_a_native_crash_leaves_a_private_log_of_stack_frames(tmp_path):
    result = _crash(tmp_path, "import os\ndef where_it_happened():\n    os.abort()\nwhere_it_happened()\n")
    assert result.returncode == -signal.SIGABRT
    (log,) = (tmp_path / "logs").glob("native-crash-*.log")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text(encoding="utf-8")
    assert "Fatal Python error: Aborted" in text
    assert "where_it_happened" in text


def test_qt_fatal_message_is_logged_before_qt_aborts(tmp_path):
    result = _crash(
        tmp_path,
        "from PySide6.QtWidgets import QApplication\nQApplication([])\n",
        env={"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":9999"},  # no such display: Qt aborts
    )
    assert result.returncode == -signal.SIGABRT
    (log,) = (tmp_path / "logs").glob("native-crash-*.log")
    text = log.read_text(encoding="utf-8")
    assert "Qt fatal:" in text
    assert "platform plugin" in text
    assert "Fatal Python error: Aborted" in text


def test_a_normal_exit_leaves_no_log_and_clears_empty_ones(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "native-crash-20260101-000000-1.log").write_text("")  # left by a killed process
    result = _crash(tmp_path, "print('fine')\n")
    assert result.returncode == 0
    assert list(logs.glob("native-crash-*.log")) == []
