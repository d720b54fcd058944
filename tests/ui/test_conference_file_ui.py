"""File → Export / Import conference file: the menu actions, the problems list, and a reload on success."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMainWindow

from iro_desktop.ui.conference_file_dialogs import (
    FileProblemsDialog,
    import_conference_file,
    write_conference_file,
)
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from tests.services.conference_files import rich_conference, second_store


def test_file_menu_has_both_actions_with_shortcuts(qtbot, services, settings):
    window = MainWindow(services, settings, WhereInfo("test.sqlite3", "/tmp/data"))
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Export conference file…" in texts
    assert "&Import conference file…" in texts
    assert window.action_map["export_conference_file"].shortcut().toString() == "Ctrl+Shift+E"
    assert window.action_map["import_conference_file"].shortcut().toString() == "Ctrl+Shift+I"


def test_export_then_import_elsewhere_reloads_views(qtbot, services, tmp_path):
    conference_id = rich_conference(services)
    parent = QMainWindow()  # somewhere for the status messages
    qtbot.addWidget(parent)
    path = write_conference_file(parent, services, conference_id, tmp_path / "c.json", passphrase=None)
    assert path is not None
    assert json.loads(path.read_text(encoding="utf-8"))["conference"]["details"]["id"]
    other_store, other = second_store(tmp_path)
    try:
        hub = ChangeHub()
        with qtbot.waitSignal(hub.changed) as signal:
            assert import_conference_file(parent, other, hub, str(path)) is None
        assert signal.args == [frozenset({"*"})]
        assert "Imported" in parent.statusBar().currentMessage()
    finally:
        other_store.close()


def test_a_bad_file_lists_every_problem_in_a_non_modal_dialog(qtbot, services, tmp_path):
    conference_id = rich_conference(services)
    parent = QMainWindow()  # somewhere for the status messages
    qtbot.addWidget(parent)
    path = write_conference_file(parent, services, conference_id, tmp_path / "c.json", passphrase=None)
    assert path is not None
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["conference"]["children"][0]["date_of_birth"] = "2026-02-30"
    del doc["conference"]["family"]["name"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    dialog = import_conference_file(parent, services, ChangeHub(), str(path))
    assert isinstance(dialog, FileProblemsDialog)
    qtbot.addWidget(dialog)
    assert not dialog.isModal()
    places = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "/conference/children/0/date_of_birth" in places
    assert "/conference/family/name" in places
    assert dialog.table.accessibleName() == "Problems in the conference file"
