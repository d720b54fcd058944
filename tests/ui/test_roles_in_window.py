"""The window for each role (issue 13): every view draws on the demo for a chair, a clerk and a manager,
and the menu actions a role may not take are disabled, from the matrix (can), and stay so after unlocking."""

from __future__ import annotations

import pytest

from iro_desktop.domain.roles import Role, can
from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_records import load_demo_records
from iro_desktop.ui.actions import ACTION_PERMISSIONS
from iro_desktop.ui.main_window import MainWindow, WhereInfo

PASSWORD = "correct horse battery"


@pytest.mark.parametrize("role", list(Role))
def test_every_view_draws_for_each_role_and_only_its_actions_are_offered(qtbot, services, settings, role):
    load_demo(services.ctx)
    load_demo_records(services.ctx)
    accounts = services.accounts
    admin = accounts.create_first_admin("admin", "Admin", PASSWORD, Role.CHAIR)
    accounts.add_user(admin, "someone", "Someone", PASSWORD, role)
    user = accounts.sign_in("someone", PASSWORD)
    services.ctx.session.user = user
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.sign_in_as(user, accounts, idle_minutes=10)
    for view in ("today", "families", "meeting", "records", "report"):
        window.show_view(view)
        qtbot.wait(20)
    window.meeting.open_first_conference()
    for step in range(1, 6):
        window.show_meeting_step(step)
        qtbot.wait(20)
    offered = {name for name in ACTION_PERMISSIONS if window.action_map[name].isEnabled()}
    assert offered == {name for name, action in ACTION_PERMISSIONS.items() if can(user, action)}
    if role is Role.MANAGER:
        assert not window.action_map["new_family"].isEnabled()
        assert window.action_map["audit"].isEnabled()
    else:
        assert window.action_map["new_family"].isEnabled()
    window.lock()
    window.unlock()
    assert {name for name in ACTION_PERMISSIONS if window.action_map[name].isEnabled()} == offered
