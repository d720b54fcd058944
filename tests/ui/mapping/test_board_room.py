"""The board at real sizes (issue 12): the section being typed in and the danger statements get the room,
items wrap to as many lines as they need, nothing is drawn over a list, new items scroll into view.

Geometry checks, not pixels: at 1024x700, 1366x768 and 1920x1080, at 100% and 150% text, with the 40- and
80-item maps of the large family."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QWidget

from iro_desktop.domain.mapping import Question, Section
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.mapping.bidi import isolate_names
from iro_desktop.ui.mapping.board import BoardWidget, Room
from iro_desktop.ui.text_size import NORMAL, apply_text_size

SIZES = [(1024, 700), (1366, 768), (1920, 1080)]


@pytest.fixture(autouse=True)
def normal_text(qapp):
    apply_text_size(NORMAL)
    yield
    apply_text_size(NORMAL)


def _open(qtbot, services, settings, conference_id: str, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(services, settings, WhereInfo("test.sqlite3", "/tmp/data"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.load()
    window.show_view("meeting")
    window.meeting.open_conference(conference_id)
    _settle()
    return window


def _settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def _check_board(board: BoardWidget) -> None:
    """No part of a section lies over another, each open list shows a few lines at least, and every item
    row is as tall as its text wrapped at the row's width (never cut to one line)."""
    for section, panel in board.panels.items():
        assert panel.isVisible(), section
        parts = [w for w in (panel.title, panel.list, panel.quick_add) if w.isVisible()]
        rects = [_rect_in(w, panel) for w in parts]
        for n, rect in enumerate(rects):
            assert panel.rect().contains(rect), (section, parts[n].accessibleName(), rect, panel.rect())
            for other in rects[n + 1 :]:
                assert not rect.intersects(other), (
                    board.current_section,
                    section,
                    rect,
                    other,
                    panel.height(),
                    panel.minimumSizeHint().height(),
                    board.height(),
                    board.minimumSizeHint().height(),
                )
        if panel.room == Room.FOLDED:
            assert not panel.list.isVisible()
            assert not panel.quick_add.isVisible()
            continue
        lines = panel.list.viewport().height() / panel.list.fontMetrics().lineSpacing()
        assert lines >= 2, (section, lines)
        model = panel.list.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            rect = panel.list.visualRect(index)
            text = isolate_names(str(index.data()))
            option = QStyleOptionViewItem()
            option.initFrom(panel.list)
            panel.delegate.initStyleOption(option, index)
            wrap_at = panel.delegate.wrap_width(option, rect.width())
            needed = QFontMetrics(panel.list.font()).boundingRect(
                QRect(0, 0, wrap_at, 1_000_000), int(Qt.TextFlag.TextWordWrap), text
            )
            assert rect.height() >= needed.height(), (section, row, rect, needed)
    # The panels of a column never overlap each other, and stay inside the board.
    board_rect = board.rect()
    for question in Question:
        rects = [_rect_in(board.panels[s], board) for s in question.sections]
        for n, rect in enumerate(rects):
            assert board_rect.contains(rect), (question, rect, board_rect)
            for other in rects[n + 1 :]:
                assert not rect.intersects(other), (question, rect, other)


@pytest.mark.parametrize("percent", [100, 150])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_nothing_overlaps_and_items_wrap(qtbot, services, settings, large_map, size, percent):
    _family, conference_id = large_map(40)
    apply_text_size(percent)
    window = _open(qtbot, services, settings, conference_id, size)
    board = window.meeting.board
    for section in (Section.DANGER, Section.COMPLICATING, Section.STRENGTHS, Section.FAMILY_NETWORK):
        board.focus_section(section)
        _settle()
        _check_board(board)


def test_eighty_items_at_the_laptop_size(qtbot, services, settings, large_map):
    _family, conference_id = large_map(80)
    window = _open(qtbot, services, settings, conference_id, (1366, 768))
    board = window.meeting.board
    for section in (Section.DANGER, Section.HARM, Section.NEXT_STEPS):
        board.focus_section(section)
        _settle()
        _check_board(board)


def test_the_section_in_use_and_the_dangers_get_the_room(qtbot, services, settings, large_map):
    _family, conference_id = large_map(40)
    window = _open(qtbot, services, settings, conference_id, (1366, 768))
    board = window.meeting.board
    panels = board.panels

    def height(section: Section) -> int:
        return panels[section].list.height() if panels[section].list.isVisible() else 0

    board.focus_section(Section.HARM)
    _settle()
    assert panels[Section.HARM].room == Room.GROWN
    assert panels[Section.DANGER].room == Room.OPEN  # the dangers keep a good share
    assert panels[Section.COMPLICATING].room == Room.FOLDED
    assert "5 items" in panels[Section.COMPLICATING].title.text()  # folded to its heading and a count
    assert height(Section.HARM) > height(Section.DANGER) > 0
    line = panels[Section.DANGER].list.fontMetrics().lineSpacing()
    assert height(Section.DANGER) >= 4 * line

    board.focus_section(Section.DANGER)
    _settle()
    assert panels[Section.HARM].room == panels[Section.COMPLICATING].room == Room.FOLDED
    assert height(Section.DANGER) >= 12 * line  # a laptop screen: a dozen lines of danger statements
    assert QApplication.focusWidget() is panels[Section.DANGER].quick_add

    board.focus_section(Section.STRENGTHS)  # another column: the dangers open, the first of the column
    _settle()
    assert panels[Section.DANGER].room == Room.OPEN
    assert height(Section.DANGER) > height(Section.HARM) > 0
    assert height(Section.STRENGTHS) > height(Section.EXISTING_SAFETY) == 0


def test_rows_wrap_again_when_the_window_narrows(qtbot, services, settings, large_map):
    _family, conference_id = large_map(40)
    window = _open(qtbot, services, settings, conference_id, (1920, 1080))
    view = window.meeting.board.panels[Section.DANGER].list
    wide = view.visualRect(view.model().index(0, 0)).height()
    window.resize(1024, 700)
    _settle()
    narrow = view.visualRect(view.model().index(0, 0)).height()
    assert narrow > wide  # the same text on more lines
    _check_board(window.meeting.board)


def test_a_new_item_scrolls_into_view(qtbot, services, settings, large_map):
    _family, conference_id = large_map(80)
    window = _open(qtbot, services, settings, conference_id, (1366, 768))
    board = window.meeting.board
    board.focus_section(Section.STRENGTHS)
    line = QApplication.focusWidget()
    qtbot.keyClicks(line, "Gran takes the children to school on Mondays and Thursdays")
    _settle()
    view = board.panels[Section.STRENGTHS].list
    model = view.model()
    last = view.visualRect(model.index(model.rowCount() - 1, 0))
    assert model.index(model.rowCount() - 1, 0).data().startswith("Gran takes")
    assert view.viewport().rect().intersects(last)
    assert last.bottom() <= view.viewport().rect().bottom() + 1  # all of it, not just its top
