"""GUI smoke: the main window opens on a migrated store with the demo data, navigates, and says saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iro_desktop.services.demo import load_demo
from iro_desktop.ui.main_window import MainWindow, WhereInfo


def _window(qtbot, services, settings) -> MainWindow:
    window = MainWindow(services, settings, WhereInfo("test.sqlite3", "/tmp/data"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    return window


def test_main_window_shows_demo_data(qtbot, services, settings):
    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    today = window.areas["today"]
    assert today.model.rowCount() == 3  # the demo books two conferences ahead, and the full-size one today
    assert "Ó Súilleabháin-Wójcik / Al-Hashimi family" in today.model.index(0, 2).data()  # issue 12
    assert "Brontë–Wójcik family" in today.model.index(1, 2).data()
    assert window.save_status.is_saved


def test_navigation_by_keyboard(qtbot, services, settings):
    window = _window(qtbot, services, settings)
    for name, key in (("families", "2"), ("meeting", "3"), ("records", "4"), ("today", "1")):
        window.action_map[f"go_{name}"].trigger()
        assert window.stack.currentWidget() is window.areas[name]
        assert window.action_map[f"go_{name}"].shortcut().toString() == f"Ctrl+{key}"


def test_family_search_as_you_type(qtbot, services, settings):
    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    window.show_view("families")
    area = window.areas["families"]
    assert area.families.rowCount() == 4  # issue 12: the full-size family too
    qtbot.keyClicks(area.search, "LA-2005")
    assert area.families.rowCount() == 1
    assert area.families.item(0).reference == "DEMO-0002"
    names = [area.child_rows.index(r, 0).data() for r in range(area.child_rows.rowCount())]
    assert "Siobhán Ó Súilleabháin" in names
    area.search.clear()
    qtbot.keyClick(area.search, Qt.Key.Key_Escape)
    assert area.families.rowCount() == 4


def test_every_control_has_an_accessible_name(qtbot, services, settings):
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit

    window = _window(qtbot, services, settings)
    for cls in (QLineEdit, QAbstractItemView):
        for widget in window.findChildren(cls):
            # Headers belong to their table; a combo box's popup list belongs to its (named) combo box.
            if not isinstance(widget, QHeaderView) and widget.window() is window:
                assert widget.accessibleName(), widget


def test_about_names_version_and_data_folder():
    from iro_desktop import __version__
    from iro_desktop.ui.dialogs import about_text

    text = about_text("/data/iro-desktop.sqlite3", "/data")
    assert __version__ in text
    assert "/data/iro-desktop.sqlite3" in text
    assert "OFFICIAL-SENSITIVE" in text


def test_shell_paints_before_the_store_is_attached(qtbot, services, settings):
    window = MainWindow(None, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget().accessibleName() == "Opening your records"
    window.attach(services)
    window.load()
    assert window.stack.currentWidget() is window.areas["today"]


def test_enter_on_a_today_row_opens_its_conference_or_record(qtbot, services, settings):
    from iro_desktop.services.demo_records import load_demo_records

    load_demo(services.ctx)
    load_demo_records(services.ctx)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    today = window.areas["today"]
    upcoming = today.model.item(1)
    today.table.setFocus()
    today.table.setCurrentIndex(today.model.index(1, 0))
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    families = window.areas["families"]
    assert window.stack.currentWidget() is families
    assert families.selected_family().id == upcoming.conference.family_id
    assert families.selected_conference().id == upcoming.conference.id
    assert today.records_model.rowCount() >= 1
    due = today.records_model.item(0)
    today.open_record.emit(due.conference_id)
    assert window.stack.currentWidget() is window.areas["records"]
    assert window.areas["records"].record.conference_id == due.conference_id
