"""The meeting header names the children: at 150% text and on a 1024-pixel screen it never scrolls inside
its small box or cuts a line, the full names stay in the tooltip and the accessible description, and each
name (Arabic script among them) is bidi-isolated so the sentence keeps its order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from iro_desktop.services.demo import load_demo
from iro_desktop.ui.areas.meeting import children_wordings
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.screenshot import full_size_conference
from iro_desktop.ui.text_size import NORMAL, apply_text_size
from iro_desktop.ui.widgets import FSI, PDI


@pytest.fixture
def large_text(qapp):
    apply_text_size(150)
    yield
    apply_text_size(NORMAL)


def _meeting(qtbot, services, settings, size: tuple[int, int]) -> MainWindow:
    load_demo(services.ctx)
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.load()
    conference_id = full_size_conference(window)
    assert conference_id is not None
    window.action_map["go_meeting"].trigger()
    window.meeting.open_conference(conference_id)
    window.action_map["meeting_step_1"].trigger()
    for _ in range(3):
        QApplication.processEvents()
    return window


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_children_line_is_never_scrolled_or_cut_at_150_percent(
    qtbot, services, settings, large_text, size
):
    window = _meeting(qtbot, services, settings, size)
    box = window.meeting.info_box
    label = window.meeting.info
    family = window.meeting.controller.family
    assert family is not None
    names = [c.full_name for c in family.children]
    assert any("\u0600" <= ch <= "\u06ff" for name in names for ch in name)  # an Arabic-script name
    assert len(names) == 3

    assert box.verticalScrollBar().maximum() == 0  # the whole text in view: nothing scrolled away
    assert label.heightForWidth(box.viewport().width()) <= box.viewport().height()
    shown = label.text()
    assert any(shown.endswith(w) or w in shown for w in children_wordings(family.children))
    for name in names:  # every full name where the pointer and a screen reader find it
        assert f"{FSI}{name}{PDI}" in label.toolTip()
        assert f"{FSI}{name}{PDI}" in label.accessibleDescription()
    assert label.toolTip().count(FSI) == label.toolTip().count(PDI)


def test_at_normal_size_on_a_wide_screen_the_full_names_are_shown(qtbot, services, settings):
    window = _meeting(qtbot, services, settings, (1600, 900))
    family = window.meeting.controller.family
    assert family is not None
    shown = window.meeting.info.text()
    for child in family.children:
        assert f"{FSI}{child.full_name}{PDI}" in shown
    assert window.meeting.info_box.verticalScrollBar().maximum() == 0


def test_a_message_replaces_the_wordings_and_their_tooltip(qtbot, services, settings, large_text):
    window = _meeting(qtbot, services, settings, (1366, 768))
    window.meeting.info.setText("⚠ Something to say")
    window.meeting.info_box.fit()
    assert window.meeting.info.text() == "⚠ Something to say"
    assert window.meeting.info.toolTip() == ""


def test_the_wordings_run_from_full_names_down_to_a_count(services):
    family = load_demo(services.ctx)
    assert family is not None
    wordings = children_wordings(family.children)
    assert wordings[0] == "Children: " + ", ".join(f"{FSI}{c.full_name}{PDI}" for c in family.children) + "."
    assert wordings[-1] in (wordings[0], f"{len(family.children)} children (names in the tooltip).")
    assert [len(w) for w in wordings] == sorted((len(w) for w in wordings), reverse=True)
    assert children_wordings([]) == ["No children recorded yet."]
