"""Text size for the whole app: View → Larger / Smaller / Normal text, live, kept across a restart, and
followed by headings, tables, the sign-in dialog, the lock panel and the crash dialog."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from iro_desktop.domain.roles import Role
from iro_desktop.services.demo import load_demo
from iro_desktop.ui import text_size
from iro_desktop.ui.crash import crash_dialog
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.settings import Settings
from iro_desktop.ui.sign_in import SignInDialog
from iro_desktop.ui.text_size import NORMAL, STEPS, apply_saved_text_size, apply_text_size, base_point_size
from iro_desktop.ui.widgets import HEADING_FACTOR

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def normal_text(qapp):
    """Every test starts and ends at the normal size (the QApplication is shared by the whole run)."""
    apply_text_size(NORMAL)
    yield
    apply_text_size(NORMAL)
    assert QApplication.font().pointSizeF() == pytest.approx(base_point_size(), abs=0.05)


def make_window(qtbot, services, settings) -> MainWindow:
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load()
    return window


def today_heading(window: MainWindow) -> QLabel:
    return next(
        label for label in window.areas["today"].findChildren(QLabel) if label.text() == "Today and due"
    )


def pt(percent: int, factor: float = 1.0) -> float:
    return round(base_point_size() * percent / 100, 1) * factor


def test_steps_of_about_a_tenth_from_80_to_200_percent():
    assert STEPS[0] == 80
    assert STEPS[-1] == 200
    assert all(b - a == 10 for a, b in zip(STEPS, STEPS[1:], strict=False))
    assert text_size.larger(100) == 110
    assert text_size.smaller(100) == 90
    assert text_size.larger(200) == 200
    assert text_size.smaller(80) == 80
    assert text_size.nearest_step(147) == 150
    assert text_size.nearest_step(500) == 200
    assert text_size.nearest_step(10) == 80


def test_larger_text_changes_headings_and_tables_live(qtbot, services, settings):
    load_demo(services.ctx)
    window = make_window(qtbot, services, settings)
    heading = today_heading(window)
    table = window.areas["today"].table
    row_before = table.verticalHeader().defaultSectionSize()
    assert heading.font().pointSizeF() == pytest.approx(pt(100, HEADING_FACTOR), abs=0.1)
    assert heading.font().bold()

    for _ in range(5):
        window.action_map["text_larger"].trigger()
    QApplication.processEvents()  # Qt hands the new application font down to every widget
    assert text_size.current_percent() == 150
    assert heading.font().pointSizeF() == pytest.approx(pt(150, HEADING_FACTOR), abs=0.1)
    assert heading.font().bold()  # still a heading
    assert table.font().pointSizeF() == pytest.approx(pt(150), abs=0.1)
    rows = table.verticalHeader().defaultSectionSize()
    assert rows > row_before
    assert rows >= QFontMetrics(table.font()).lineSpacing() + 10  # a whole line of text in every row
    questions = [label for label in window.meeting.board.findChildren(QLabel) if label.text().endswith("?")]
    assert len(questions) == 3  # the map's question headings follow too (1.2 times the text)
    assert questions[0].font().pointSizeF() == pytest.approx(pt(150, 1.2), abs=0.1)
    assert settings.get(Settings.text_size_percent) == 150

    window.action_map["text_smaller"].trigger()
    QApplication.processEvents()
    assert table.font().pointSizeF() == pytest.approx(pt(140), abs=0.1)
    window.action_map["text_normal"].trigger()
    QApplication.processEvents()
    assert heading.font().pointSizeF() == pytest.approx(pt(100, HEADING_FACTOR), abs=0.1)
    assert table.verticalHeader().defaultSectionSize() == row_before
    assert settings.get(Settings.text_size_percent) == NORMAL


def test_text_size_stops_at_80_and_200_percent(qtbot, services, settings):
    window = make_window(qtbot, services, settings)
    for _ in range(20):
        window.action_map["text_larger"].trigger()
    assert settings.get(Settings.text_size_percent) == 200
    assert QApplication.font().pointSizeF() == pytest.approx(pt(200), abs=0.1)
    for _ in range(20):
        window.action_map["text_smaller"].trigger()
    assert settings.get(Settings.text_size_percent) == 80


def test_the_size_survives_a_restart(qtbot, services, settings, tmp_path):
    window = make_window(qtbot, services, settings)
    for _ in range(3):
        window.action_map["text_larger"].trigger()
    window.close()
    apply_text_size(NORMAL)  # a new process starts at the platform's size...
    assert QApplication.font().pointSizeF() == pytest.approx(pt(100), abs=0.1)

    again = Settings.at(tmp_path / "settings.ini")  # ...reads the same settings file at start
    assert apply_saved_text_size(again) == 130
    second = make_window(qtbot, services, again)
    assert today_heading(second).font().pointSizeF() == pytest.approx(pt(130, HEADING_FACTOR), abs=0.1)
    assert second.areas["today"].table.font().pointSizeF() == pytest.approx(pt(130), abs=0.1)


def test_a_hand_edited_setting_lands_on_the_scale(tmp_path):
    settings = Settings.at(tmp_path / "odd.ini")
    settings.set(Settings.text_size_percent, 1000)
    assert apply_saved_text_size(settings) == 200


def test_sign_in_lock_panel_and_crash_dialog_follow_the_text_size(qtbot, services, settings):
    user = services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    apply_text_size(150)
    dialog = SignInDialog(services.accounts)
    qtbot.addWidget(dialog)
    assert dialog.password.font().pointSizeF() == pytest.approx(pt(150), abs=0.1)
    box = crash_dialog(None)
    qtbot.addWidget(box)
    assert box.font().pointSizeF() == pytest.approx(pt(150), abs=0.1)

    window = make_window(qtbot, services, settings)
    window.sign_in_as(user, services.accounts, idle_minutes=10)
    window.lock()
    assert window.is_locked
    window.action_map["text_larger"].setEnabled(True)  # locked: the menus are off; the size still follows
    window.action_map["text_larger"].trigger()
    QApplication.processEvents()
    assert window.lock_panel is not None
    assert window.lock_panel.password.font().pointSizeF() == pytest.approx(pt(160), abs=0.1)
