"""Issue 12 on the board, through the real main window: undo while typing takes back the last words,
Ctrl+Y redoes everywhere, F2 edits in a multi-line editor, and English sentences that begin with an
Arabic-script name keep the English reading order on screen (the stored text untouched)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from iro_desktop.domain.mapping import Section
from iro_desktop.ui.mapping.bidi import FSI, PDI, isolate_names
from iro_desktop.ui.mapping.item_delegate import ItemEditor
from tests.ui.mapping.test_board import _window, add_by_keyboard, key, shown, stored, type_text

ARABIC_FIRST = "محمد علي picks the children up from school on Fridays, 3 times a month"


@pytest.fixture
def window(qtbot, services, settings, conference):
    window = _window(qtbot, services, settings)
    window.show_view("meeting")
    window.meeting.open_conference(conference.id)
    return window


def test_undo_while_typing_takes_back_the_last_words(qtbot, window, services, conference):
    key(qtbot, "Alt+4")
    line = QApplication.focusWidget()
    qtbot.keyClicks(line, "Gran visits every Sunday")
    key(qtbot, "Ctrl+Z")
    assert stored(services, conference, Section.STRENGTHS) == ["Gran visits every "]
    assert line.text() == "Gran visits every "  # the line shows what undo left, and typing goes on
    key(qtbot, "Ctrl+Z")
    assert stored(services, conference, Section.STRENGTHS) == ["Gran visits "]
    assert line.text() == "Gran visits "
    key(qtbot, "Ctrl+Y")
    assert stored(services, conference, Section.STRENGTHS) == ["Gran visits every "]
    qtbot.keyClicks(line, "Saturday")
    key(qtbot, "Return")
    assert stored(services, conference, Section.STRENGTHS) == ["Gran visits every Saturday"]
    for _ in range(4):
        key(qtbot, "Ctrl+Z")
    assert stored(services, conference, Section.STRENGTHS) == []  # and finally the item itself
    key(qtbot, "Ctrl+Shift+Z")
    assert stored(services, conference, Section.STRENGTHS) == ["Gran "]
    assert window.save_status.is_saved


def test_redo_has_ctrl_y_and_ctrl_shift_z_on_every_platform(window):
    keys = window.action_map["redo"].shortcuts()
    assert QKeySequence("Ctrl+Y") in keys
    assert QKeySequence("Ctrl+Shift+Z") in keys


def test_f2_edits_in_a_multi_line_editor_that_grows(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+2", "Bruise")
    key(qtbot, "Up")
    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, ItemEditor)
    row = window.meeting.board.panels[Section.HARM].list.visualRect(
        window.meeting.controller.models[Section.HARM].index(0, 0)
    )
    before = editor.height()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " on the upper arm, seen by the GP in September and again by the school nurse")
    QApplication.processEvents()
    assert editor.height() > before  # it grew with its text (wrapped, not one cut line)
    assert editor.height() >= row.height()
    shown_now = shown(window, Section.HARM)[0]
    assert shown_now.endswith("school nurse")  # live on the board (and the projector) as typed
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # no line breaks in an item
    QApplication.processEvents()
    assert stored(services, conference, Section.HARM) == [shown_now]
    assert "\n" not in stored(services, conference, Section.HARM)[0]
    assert not isinstance(QApplication.focusWidget(), ItemEditor)

    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, ItemEditor)
    editor.selectAll()
    qtbot.keyClicks(editor, "something else")
    key(qtbot, "Escape")  # puts the text back as it was
    assert stored(services, conference, Section.HARM) == [shown_now]


def test_undo_in_the_editor_takes_back_the_last_words(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+5", "Babcia")
    key(qtbot, "Up")
    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, ItemEditor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " visits daily")
    key(qtbot, "Ctrl+Z")
    assert editor.toPlainText() == "Babcia visits "
    assert stored(services, conference, Section.EXISTING_SAFETY) == ["Babcia visits "]


def test_arabic_first_sentence_reads_left_to_right_and_is_stored_as_typed(
    qtbot, window, services, conference
):
    key(qtbot, "Alt+9")
    line = QApplication.focusWidget()
    type_text(line, ARABIC_FIRST)
    # The one-line field lays the sentence out left to right: its end is to the right of its start
    # (Qt would otherwise make the whole line right-to-left from its first letter).
    line.setCursorPosition(len(ARABIC_FIRST))
    end_x = line.cursorRect().x()
    line.setCursorPosition(len("محمد علي "))
    english_start = line.cursorRect().x()
    assert end_x > english_start
    key(qtbot, "Return")
    assert stored(services, conference, Section.FAMILY_NETWORK) == [ARABIC_FIRST]  # never altered

    board = window.meeting.board
    panel = board.panels[Section.FAMILY_NETWORK]
    index = window.meeting.controller.models[Section.FAMILY_NETWORK].index(0, 0)
    option = QStyleOptionViewItem()
    option.initFrom(panel.list)
    panel.delegate.initStyleOption(option, index)
    assert option.direction == Qt.LayoutDirection.LeftToRight
    assert option.text.startswith(f"{FSI}محمد علي{PDI} picks")  # the name isolated, for display only
    assert index.data(Qt.ItemDataRole.EditRole) == ARABIC_FIRST

    key(qtbot, "Up")
    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, ItemEditor)
    assert editor.document().firstBlock().textDirection() == Qt.LayoutDirection.LeftToRight
    assert editor.toPlainText() == ARABIC_FIRST
    key(qtbot, "Escape")


def test_isolate_names_only_wraps_right_to_left_runs():
    assert isolate_names("Zoë Brontë, 7") == "Zoë Brontë, 7"
    assert isolate_names("Babcia and فاطمة الزهراء, 9") == f"Babcia and {FSI}فاطمة الزهراء{PDI}, 9"
    assert isolate_names("عائشہ خان said") == f"{FSI}عائشہ خان{PDI} said"
