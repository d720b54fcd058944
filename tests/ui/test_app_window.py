"""The main window opens maximised on a screen smaller than its preferred size (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from iro_desktop.app import PREFERRED_WINDOW_SIZE, opens_maximised, show_main_window


def test_small_screens_open_maximised_large_ones_do_not():
    assert PREFERRED_WINDOW_SIZE == (1280, 800)
    assert opens_maximised((1366, 728))  # a 1366×768 laptop less its task bar
    assert opens_maximised((1280, 720))
    assert opens_maximised((1024, 700))
    assert not opens_maximised((1920, 1040))
    assert not opens_maximised((1280, 800))


def test_the_window_is_shown_maximised_when_the_screen_is_small(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    show_main_window(window)
    maximised = bool(window.windowState() & Qt.WindowState.WindowMaximized)
    assert maximised == opens_maximised((screen.width(), screen.height()))
    assert window.isVisible()
