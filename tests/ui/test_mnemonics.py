"""Keyboard users: on every page, each Alt+letter does one thing. No two visible controls share a
mnemonic, and none takes a menu's letter (Qt would then do neither)."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTabBar, QWidget

from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_records import load_demo_records
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.meeting.steps import Step


def mnemonic(text: str) -> str | None:
    i = text.find("&")
    while 0 <= i < len(text) - 1:
        if text[i + 1] != "&":
            return text[i + 1].lower()
        i = text.find("&", i + 2)
    return None


def visible_mnemonics(window: QWidget) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = defaultdict(list)
    for cls in (QAbstractButton, QLabel, QGroupBox):
        for widget in window.findChildren(cls):
            if widget.isVisible():
                text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
                if key := mnemonic(text):
                    seen[key].append(text)
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for i in range(bar.count()):
                if key := mnemonic(bar.tabText(i)):
                    seen[key].append(bar.tabText(i))
    return seen


@pytest.fixture
def window(qtbot, services, settings):
    load_demo(services.ctx)
    load_demo_records(services.ctx)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.load()
    window.meeting.open_first_conference()
    return window


PAGES = [f"step:{step.value + 1}" for step in Step] + ["today", "families", "records", "report"]


@pytest.mark.parametrize("page", PAGES)
def test_each_alt_letter_does_one_thing(window, page):
    if page.startswith("step:"):
        window.show_meeting_step(int(page.split(":")[1]))
        assert window.meeting.current_step() is Step(int(page.split(":")[1]) - 1)
    else:
        window.show_view(page)
        assert window.stack.currentWidget() is window.areas[page]
        if page == "records":
            window.areas["records"].queue_table.selectRow(0)
    QApplication.processEvents()
    menus = {mnemonic(a.text()) for a in window.menuBar().actions()}
    seen = visible_mnemonics(window)
    clashes = {k: v for k, v in seen.items() if len(v) > 1 or k in menus}
    assert clashes == {}
