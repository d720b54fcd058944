"""The audit viewer (managers) and user accounts (administrators)."""

from __future__ import annotations

import sqlite3

from iro_desktop.domain.roles import Role, User
from iro_desktop.ui.admin_dialogs import AuditDialog, UsersDialog
from iro_desktop.ui.models.audit import audit_model, user_model

PASSWORD = "correct horse battery"


def test_models(qtmodeltester):
    qtmodeltester.check(audit_model())
    qtmodeltester.check(user_model())


def test_manager_sees_the_trail_and_tampering(qtbot, services, store):
    admin = services.accounts.create_first_admin("lee", "Lee", PASSWORD, Role.MANAGER)
    services.accounts.sign_in("lee", PASSWORD)
    services.ctx.session.user = admin
    dialog = AuditDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    assert dialog.status.text().startswith("✔ The audit trail is intact: 2 entries")
    with sqlite3.connect(store.location.sqlite_path) as conn:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("UPDATE audit_events SET actor='mallory' WHERE seq=2")
    dialog.verify()
    assert "tampered with" in dialog.status.text()
    assert "entry 2" in dialog.status.text()


def test_a_clerk_may_not_read_the_trail(qtbot, services):
    services.ctx.session.user = User("c", "sam", "Sam", Role.CLERK)
    dialog = AuditDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert "may not view audit" in dialog.status.text()


def test_admin_adds_a_user_and_problems_show_inline(qtbot, services):
    admin = services.accounts.create_first_admin("admin", "Admin", PASSWORD, Role.CHAIR)
    services.ctx.session.user = admin
    dialog = UsersDialog(services)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "sam")
    qtbot.keyClicks(dialog.display_name, "Sam Dvorak")
    qtbot.keyClicks(dialog.password, "short")
    dialog.add()
    assert "at least 10 characters" in dialog.message.text()
    qtbot.keyClicks(dialog.password, " but now long enough")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CLERK.value))
    dialog.add()
    assert dialog.message.text() == "✔ Added Sam Dvorak as clerk."
    assert [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())] == ["admin", "sam"]
