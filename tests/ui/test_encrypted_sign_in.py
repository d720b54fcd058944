"""Issue 15 in the window: the start-up dialogs sign in through the key file (the records are closed until
then), "Use recovery key…" regains the records when every password is lost, and the idle lock puts the
records' key away until the password unwraps it again, keeping every open edit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iro_desktop.domain.roles import Role
from iro_desktop.services import sign_in
from iro_desktop.services.demo import load_demo
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.sign_in import RecoveryDialog, SignInDialog, SignInGate

PASSWORD = "correct horse battery"


def _set_up(location):  # type: ignore[no-untyped-def]
    opened = sign_in.set_up(location, "priya", "Priya Raman", PASSWORD, Role.CHAIR)
    recovery = opened.recovery_key
    load_demo(opened.services.ctx)
    opened.close()
    return recovery


def test_the_sign_in_dialog_opens_the_encrypted_records(qtbot, location):
    _set_up(location)
    gate = SignInGate(location)
    assert not gate.needs_set_up()
    dialog = SignInDialog(gate)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "priya")
    qtbot.keyClicks(dialog.password, "not the password")
    dialog.try_sign_in()
    assert dialog.user is None
    assert "do not match" in dialog.errors["password"].text()
    assert gate.opened is None
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.try_sign_in()
    assert dialog.user is not None
    assert dialog.user.username == "priya"
    assert gate.opened is not None
    assert gate.opened.store.encrypted
    gate.opened.close()


def test_use_recovery_key_gives_the_administrator_a_new_password(qtbot, location):
    recovery = _set_up(location)
    gate = SignInGate(location)
    dialog = SignInDialog(gate)
    qtbot.addWidget(dialog)
    recover = RecoveryDialog(gate, dialog)
    qtbot.addWidget(recover)
    qtbot.keyClicks(recover.recovery_key, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    qtbot.keyClicks(recover.username, "priya")
    qtbot.keyClicks(recover.password, "a new password now")
    qtbot.keyClicks(recover.confirm, "a new password now")
    recover.try_recover()
    assert recover.user is None
    assert "does not open these records" in recover.errors["recovery_key"].text()
    recover.recovery_key.clear()
    qtbot.keyClicks(recover.recovery_key, recovery)
    recover.try_recover()
    assert recover.user is not None
    assert recover.user.username == "priya"
    gate.opened.close()
    sign_in.sign_in(location, "priya", "a new password now").close()


def test_the_sign_in_dialog_offers_the_recovery_key(qtbot, location):
    _set_up(location)
    dialog = SignInDialog(SignInGate(location))
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QPushButton

    assert "Use recovery key" in [b.accessibleName() for b in dialog.findChildren(QPushButton)]


def test_the_idle_lock_puts_the_key_away_and_keeps_work(qtbot, location, settings):
    _set_up(location)
    opened = sign_in.sign_in(location, "priya", PASSWORD)
    services, store = opened.services, opened.store
    try:
        window = MainWindow(services, settings, WhereInfo("x", "y"))
        qtbot.addWidget(window)
        window.show()
        window.load()
        window.show_view("families")
        search = window.areas["families"].search
        qtbot.keyClicks(search, "Khan, half-typ")
        window.sign_in_as(opened.user, services.accounts, idle_minutes=0.002)  # about 120 ms
        qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
        assert store.key is not None
        assert store.key.wiped
        assert services.ctx.session.signing_key(opened.user) is None
        panel = window.lock_panel
        qtbot.keyClicks(panel.password, "wrong password")
        qtbot.keyClick(panel.password, Qt.Key.Key_Return)
        assert window.is_locked
        assert store.key.wiped
        panel.password.clear()
        qtbot.keyClicks(panel.password, PASSWORD)
        qtbot.keyClick(panel.password, Qt.Key.Key_Return)
        assert not window.is_locked
        assert not store.key.wiped
        assert search.text() == "Khan, half-typ"
        assert services.families.search("DEMO-0001")  # the records open again
        window.close()
    finally:
        opened.close()
