"""Issue 13 item 5: a store that is locked or read-only at sign-in is told next to the password, with
the store's own message, instead of reaching the crash dialog."""

from __future__ import annotations

import sqlite3

from sqlalchemy.orm import sessionmaker

from iro_desktop.domain.roles import Role
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.registry import Services
from iro_desktop.store import engine as engine_module
from iro_desktop.store.engine import make_engine
from iro_desktop.store.uow import UnitOfWork
from iro_desktop.ui.sign_in import SignInDialog
from tests.conftest import TODAY

PASSWORD = "correct horse battery"


def _dialog(qtbot, accounts) -> SignInDialog:
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "priya")
    qtbot.keyClicks(dialog.password, PASSWORD)
    return dialog


def test_store_locked_by_another_program_at_sign_in(qtbot, services, store, monkeypatch):
    services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    store.engine.dispose()
    holder = sqlite3.connect(store.location.sqlite_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        dialog = _dialog(qtbot, services.accounts)
        dialog.try_sign_in()
        label = dialog.errors["password"]
        assert label.isVisible()
        assert "The records are busy" in label.text()
        assert "close the other program" in label.text()
        assert dialog.user is None
        assert dialog.result() != SignInDialog.DialogCode.Accepted
    finally:
        holder.rollback()
        holder.close()
    dialog.try_sign_in()  # the other program let go: signing in now works
    assert dialog.user is not None


def test_store_read_only_at_sign_in(qtbot, services, store):
    services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    read_only = make_engine(f"sqlite:///file:{store.location.sqlite_path}?mode=ro&uri=true")
    try:
        factory = sessionmaker(read_only, expire_on_commit=False)
        ro_services = Services.build(ServiceContext(uow=lambda: UnitOfWork(factory), today=lambda: TODAY))
        dialog = _dialog(qtbot, ro_services.accounts)
        dialog.try_sign_in()
        label = dialog.errors["password"]
        assert label.isVisible()
        assert "The records can only be read" in label.text()
        assert dialog.user is None
    finally:
        read_only.dispose()
