"""Keyboard and screen-reader users: every action reachable from the keyboard with a shortcut of its own,
and every visible control on every page (each area, each step of the meeting) named for a screen reader."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_records import load_demo_records
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.meeting.steps import Step

INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)
PAGES = ["today", "families", "records", "report"] + [f"step:{step.value + 1}" for step in Step]


@pytest.fixture
def window(qtbot, services, settings):
    load_demo(services.ctx)
    load_demo_records(services.ctx)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load()
    window.meeting.open_first_conference()
    return window


def menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found.extend(menu_actions(action.menu()))
    return found


def test_every_action_is_reachable_from_the_keyboard(window):
    in_menus = set()
    for top in window.menuBar().actions():
        assert top.menu() is not None
        in_menus.update(menu_actions(top.menu()))
    assert len(window.action_map) > 40
    unreachable = [
        name
        for name, action in window.action_map.items()
        if action not in in_menus and action.shortcut().isEmpty()
    ]
    assert unreachable == []
    for name in ("text_larger", "text_smaller", "text_normal"):
        assert window.action_map[name] in in_menus
        assert not window.action_map[name].shortcut().isEmpty()


def test_no_two_actions_share_a_shortcut(window):
    owners: dict[str, list[str]] = {}
    for name, action in window.action_map.items():
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(QKeySequence.SequenceFormat.PortableText), []).append(name)
    assert owners  # the walk saw the shortcuts
    assert {keys: names for keys, names in owners.items() if len(names) > 1} == {}
    assert owners["Ctrl+="] == ["present_larger"]  # the projector's own size, untouched
    assert owners["Ctrl+Alt+="] == ["text_larger"]


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible input controls under `root` with no accessible name (a button's text counts)."""
    missing = []
    for cls in INPUTS:
        for widget in root.findChildren(cls):
            if not widget.isVisible() or isinstance(widget, (QHeaderView, QScrollBar)):
                continue  # a header belongs to its table, a scroll bar to its scroll area
            if widget.objectName().startswith("qt_") or widget.window() is not root.window():
                continue  # Qt's own parts (scroll arrows, spin box editors) and popups of named controls
            name = widget.accessibleName()
            if not name and isinstance(widget, QAbstractButton):
                name = widget.text().replace("&", "")
            if not name:
                missing.append(
                    f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
                )
    return missing


@pytest.mark.parametrize("page", PAGES)
def test_every_visible_control_has_an_accessible_name(window, page):
    if page.startswith("step:"):
        number = int(page.split(":")[1])
        window.show_meeting_step(number)
        assert window.meeting.current_step() is Step(number - 1)
    else:
        window.show_view(page)
        assert window.stack.currentWidget() is window.areas[page]
        if page == "records":
            window.areas["records"].queue_table.selectRow(0)  # the record's editors show
    QApplication.processEvents()
    shown = [w for cls in INPUTS for w in window.findChildren(cls) if w.isVisible()]
    assert len(shown) > 5
    assert unnamed_controls(window) == []
    for tabs in [t for t in window.findChildren(QTabWidget) if t.isVisible()]:  # each tab of the page too
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            assert unnamed_controls(window) == [], tabs.tabText(index)
