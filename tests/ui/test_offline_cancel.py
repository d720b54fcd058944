"""GUI (issue 16): "Cancel this checkout…" in Today and due → On a laptop, for the holder and for a
manager; an inline form (which, why, what it means), the result in the panel, and afterwards the holder's
"Bring back" for the laptop's copy, merged as a hand-off. A clerk who does not hold it is not offered it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.checkout import CANCEL_MEANS, CancelReason
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.offline import OfflineService, laptop_location, open_laptop
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from tests.conftest import TODAY
from tests.ui import test_offline_panel
from tests.ui.test_offline_panel import CARA, PASSWORD, PRIYA, _as, _choose_upcoming

window = test_offline_panel.window  # the fixture: Priya's desktop on a team store
MINA = User("u-mina", "mina", "Mina Manager", Role.MANAGER)


def _take(services, review, data_dir):
    laptop, close, _ = open_laptop(
        laptop_location(None, data_dir), "priya", PASSWORD, "Priya Raman", Role.CHAIR, lambda: TODAY
    )
    try:
        OfflineService(_as(services, PRIYA).ctx).take(review, laptop, place="LAPTOP-7")
    finally:
        close()


def _window_as(qtbot, services, settings, user, tmp_path):
    win = MainWindow(
        _as(services, user), settings, WhereInfo("postgresql://team.example/iro", str(tmp_path)), ChangeHub()
    )
    qtbot.addWidget(win)
    win.show()
    win.load()
    return win


def test_the_holder_cancels_inline_then_brings_back_as_a_hand_off(qtbot, window):
    win, services, review, _item, data_dir = window
    panel = win.offline_panel
    form = panel.cancel_form
    assert not form.open_button.isVisible()  # nothing out: nothing to cancel
    _take(services, review, data_dir)
    win.hub.announce("*")
    _choose_upcoming(win, review)
    assert form.open_button.isVisible()
    assert form.open_button.isEnabled()
    assert not form.form.isVisible()

    qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    assert form.form.isVisible()  # in place, not a dialog
    assert form.which.currentData() == review  # the conference chosen in "Coming up"
    assert "Priya Raman has it on a laptop since" in form.who.text()
    assert "(LAPTOP-7). That is you." in form.who.text()
    assert CANCEL_MEANS in form.means.text()
    assert "only as a hand-off merged field by field" in form.means.text()
    assert not form.confirm_button.isEnabled()  # a reason first
    form.reason.setCurrentIndex(form.reason.findData(CancelReason.BROKEN))
    assert form.confirm_button.isEnabled()
    qtbot.mouseClick(form.confirm_button, Qt.MouseButton.LeftButton)

    assert not form.problem.isVisible(), form.problem.text()
    assert not form.form.isVisible()
    assert panel.result.text().startswith("✔ Checkout cancelled: Wiśniewski")
    assert CANCEL_MEANS in panel.result.text()
    assert OfflineService(services.ctx).checkouts() == {}
    assert not form.open_button.isVisible()  # nothing left to cancel
    events = services.audit.events(services.ctx.session.user, review)
    cancelled = [e for e in events if e.action is AuditAction.CHECKOUT_CANCELLED]
    assert [(e.actor, e.after) for e in cancelled] == [("priya", {"reason": "broken", "by": "holder"})]
    # The laptop's copy is still hers to bring back, said in the panel; the button is there for it.
    assert "Your checkout of Wiśniewski" in panel.out_list.text()
    assert "was cancelled on" in panel.out_list.text()
    assert panel.back_button.isEnabled()
    assert panel.take_button.isEnabled()

    panel.password.setText(PASSWORD)
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.worker.wait()
    assert panel.result.text().startswith("✔ Brought back to the team store: Wiśniewski")
    assert "The checkout had been cancelled, so this came back as a hand-off" in panel.result.text()
    assert "was cancelled on" not in panel.out_list.text()
    assert not panel.back_button.isEnabled()


def test_keep_it_out_changes_nothing(qtbot, window):
    win, services, review, _item, data_dir = window
    _take(services, review, data_dir)
    win.hub.announce("*")
    form = win.offline_panel.cancel_form
    qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    form.reason.setCurrentIndex(1)
    qtbot.mouseClick(form.keep_button, Qt.MouseButton.LeftButton)
    assert not form.form.isVisible()
    assert form.open_button.hasFocus() or form.open_button.isEnabled()
    assert review in OfflineService(services.ctx).checkouts()


def test_a_manager_is_offered_it_a_clerk_who_does_not_hold_it_is_not(
    qtbot, services, settings, tmp_path, window
):
    _win, services, review, _item, data_dir = window
    _take(services, review, data_dir)
    clerk = _window_as(qtbot, services, settings, CARA, tmp_path / "clerk")
    assert "Priya Raman has it on a laptop since" in clerk.offline_panel.out_list.text()
    assert not clerk.offline_panel.cancel_form.open_button.isVisible()
    manager = _window_as(qtbot, services, settings, MINA, tmp_path / "manager")
    _choose_upcoming(manager, review)
    assert not manager.offline_panel.take_button.isEnabled()  # a manager runs no meeting
    assert not manager.offline_panel.back_button.isEnabled()
    form = manager.offline_panel.cancel_form
    assert form.open_button.isVisible()
    qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    assert form.which.currentData() == review  # the only one out
    assert not form.who.text().endswith("That is you.")
    form.reason.setCurrentIndex(form.reason.findData(CancelReason.HOLDER_AWAY))
    # Brought back meanwhile on Priya's desktop: told in the form, nothing cancelled twice.
    OfflineService(services.ctx).cancel(review, CancelReason.OTHER)
    qtbot.mouseClick(form.confirm_button, Qt.MouseButton.LeftButton)
    assert form.problem.isVisible()
    assert (
        form.problem.text()
        == "✘ Not cancelled: That conference is not out on a laptop (nothing was changed)."
    )
    manager.offline_panel.worker.wait()
    clerk.offline_panel.worker.wait()


def test_the_open_form_is_named_and_keyboard_reachable(qtbot, window):
    from tests.ui.test_accessibility import unnamed_controls
    from tests.ui.test_mnemonics import visible_mnemonics

    win, services, review, _item, data_dir = window
    _take(services, review, data_dir)
    win.hub.announce("*")
    win.show_view("today")
    form = win.offline_panel.cancel_form
    seen = visible_mnemonics(win)
    assert seen["l"] == ["Cance&l this checkout…"]
    form.open_form()
    assert form.which.hasFocus()
    assert unnamed_controls(win) == []
    seen = visible_mnemonics(win)
    assert all(len(texts) == 1 for texts in seen.values()), seen
