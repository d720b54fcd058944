"""First-run administrator, sign-in with inline errors, and the idle lock that keeps all work."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iro_desktop.domain.roles import Role
from iro_desktop.services.demo import load_demo
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.sign_in import FirstRunDialog, SignInDialog

PASSWORD = "correct horse battery"


def test_first_run_creates_the_administrator(qtbot, services):
    dialog = FirstRunDialog(services.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "priya")
    qtbot.keyClicks(dialog.display_name, "Priya Raman")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.confirm, "something else entirely")
    dialog.try_create()
    assert dialog.errors["confirm"].isVisible()
    assert "do not match" in dialog.errors["confirm"].text()
    assert services.accounts.needs_first_admin()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, PASSWORD)
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CHAIR.value))
    dialog.try_create()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.user is not None
    assert dialog.user.is_admin
    assert not services.accounts.needs_first_admin()


def test_short_password_shown_next_to_the_field(qtbot, services):
    dialog = FirstRunDialog(services.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    for widget, text in (
        (dialog.username, "p"),
        (dialog.display_name, "P"),
        (dialog.password, "short"),
        (dialog.confirm, "short"),
    ):
        qtbot.keyClicks(widget, text)
    dialog.try_create()
    assert dialog.errors["password"].isVisible()
    assert "at least 10 characters" in dialog.errors["password"].text()
    assert not dialog.errors["username"].isVisible()


def test_sign_in_wrong_then_right(qtbot, services):
    services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    dialog = SignInDialog(services.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "priya")
    qtbot.keyClicks(dialog.password, "not it at all")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.errors["password"].isVisible()
    assert dialog.user is None
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.user is not None
    assert dialog.user.username == "priya"


def test_idle_lock_covers_the_window_and_keeps_work(qtbot, services, settings):
    load_demo(services.ctx)
    user = services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.show_view("families")
    search = window.areas["families"].search
    qtbot.keyClicks(search, "Khan, half-typ")
    window.sign_in_as(user, services.accounts, idle_minutes=0.002)  # about 120 ms
    assert "Priya Raman (Chair)" in window.user_label.text()
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
    assert not window.menuBar().isEnabled()
    assert not window.actions["go_today"].isEnabled()
    panel = window.lock_panel
    qtbot.keyClicks(panel.password, "wrong password")
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert window.is_locked
    assert panel.error.isVisible()
    panel.password.clear()
    qtbot.keyClicks(panel.password, PASSWORD)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert not window.is_locked
    assert search.text() == "Khan, half-typ"
    assert window.stack.currentWidget() is window.areas["families"]


def test_lock_now_by_keyboard(qtbot, services, settings):
    user = services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.sign_in_as(user, services.accounts, idle_minutes=10)
    assert window.actions["lock"].shortcut().toString() == "Ctrl+L"
    window.actions["lock"].trigger()
    assert window.is_locked


def test_locking_blanks_the_projector_and_unlocking_brings_the_map_back(qtbot, services, settings):
    load_demo(services.ctx)
    user = services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.sign_in_as(user, services.accounts, idle_minutes=10)
    window.meeting.open_first_conference()
    window.meeting.toggle_presentation()
    presentation = window.meeting.presentation
    assert presentation is not None
    qtbot.addWidget(presentation)
    assert not presentation.blanked
    presentation.resize(800, 450)
    showing = _ink(presentation)
    window.lock()
    assert presentation.blanked
    blank = _ink(presentation)
    assert blank < showing / 20  # only the word "Locked" is drawn; none of the map
    window.unlock()
    assert not presentation.blanked
    assert _ink(presentation) == showing
    presentation.close()


def _ink(widget) -> int:
    """How many sampled pixels differ from the top-left (background) pixel."""
    image = widget.grab().toImage()
    background = image.pixel(0, 0)
    return sum(
        image.pixel(x, y) != background
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    )
