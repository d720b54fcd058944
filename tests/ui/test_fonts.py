"""The shipped fonts are registered once the store is open, so Urdu and Arabic names render on screen."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from iro_desktop.ui.fonts import FONTS, font_folder
from iro_desktop.ui.main_window import MainWindow, WhereInfo


def test_the_main_window_registers_the_shipped_fonts(qtbot, services, settings):
    assert all((font_folder() / name).exists() for name in FONTS)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    families = QFontDatabase.families()
    assert "Noto Naskh Arabic" in families
    assert "DejaVu Sans" in families
