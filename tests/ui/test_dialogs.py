"""Help → Keyboard shortcuts (F1): every shortcut, in a list that scrolls within the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from iro_desktop.ui.actions import shortcut_rows
from iro_desktop.ui.dialogs import ShortcutsDialog
from iro_desktop.ui.main_window import MainWindow, WhereInfo


def test_f1_lists_every_shortcut_within_the_screen(qtbot, settings, monkeypatch):
    window = MainWindow(None, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    shown: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self) or 0)
    window.action_map["shortcuts"].trigger()
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    rows = shortcut_rows(window.action_map)
    assert len(rows) > 40
    text = dialog.text.toPlainText()
    for action, keys in rows:
        assert action in text
        assert keys in text
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.height() <= screen.height()
    assert dialog.width() <= screen.width()
