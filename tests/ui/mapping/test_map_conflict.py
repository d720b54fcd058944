"""Issue 16 item 3 on the live map: typing in an item that someone else on another desktop changed since
it was read shows both versions above the map, inline (never a modal); the typed words stay in the item
and waiting to be saved until the chair chooses; other fields they changed are merged in silently."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.board import BoardWidget
from iro_desktop.ui.mapping.controller import BoardController
from tests.conftest import TODAY

CLERK = User("u2", "sam", "Sam Dvorak", Role.CLERK)


def _elsewhere(store) -> Services:  # type: ignore[no-untyped-def]
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CLERK)))


def _board(qtbot, services, conference, text="Gran visits"):  # type: ignore[no-untyped-def]
    item = services.mapping.add_item(conference.id, Section.STRENGTHS, text)
    controller = BoardController(services, ChangeHub())
    board = BoardWidget(controller)
    qtbot.addWidget(board)
    board.show()
    controller.open(conference.id)
    return controller, board, item


def _stored(services, conference) -> str:
    (item,) = services.mapping.board(conference.id).items
    return item.text


def _grid(board, side: str) -> str:
    grid = board.conflict_panel.grid
    (label,) = [w for w in grid.findChildren(QLabel) if w.accessibleName().startswith(f"{side}: ")]
    return label.text()


def test_a_stale_map_save_shows_both_inline_and_keeping_mine_loses_no_word(
    qtbot, store, services, conference
):
    controller, board, item = _board(qtbot, services, conference)
    _elsewhere(store).mapping.edit_text(
        item.id, "Gran visits on Sundays", read=ReadAs(item.version, {"text": item.text})
    )
    controller.live_text(item.id, "Gran visits every day")
    assert not controller.flush()
    assert board.conflict_panel.isVisible()
    assert not board.findChildren(QDialog)
    assert (_grid(board, "Mine"), _grid(board, "Theirs")) == (
        "Gran visits every day",
        "Gran visits on Sundays",
    )
    assert _stored(services, conference) == "Gran visits on Sundays"  # nothing overwritten
    assert controller.items[item.id].text == "Gran visits every day"  # nothing lost on screen
    assert controller.autosave.pending() == {item.id: "Gran visits every day"}  # nor waiting
    assert not controller.flush()  # held, not retried over theirs, until the chair chooses
    board.conflict_panel.grid.choose(0, "mine")
    qtbot.mouseClick(board.conflict_panel.keep_button, Qt.MouseButton.LeftButton)
    assert not board.conflict_panel.isVisible()
    assert _stored(services, conference) == "Gran visits every day"
    assert controller.autosave.pending() == {}
    controller.undo()  # the step taken back gives their words back, not the words before them
    assert _stored(services, conference) == "Gran visits on Sundays"


def test_taking_theirs_shows_their_words(qtbot, store, services, conference):
    controller, board, item = _board(qtbot, services, conference)
    _elsewhere(store).mapping.edit_text(
        item.id, "Gran visits on Sundays", read=ReadAs(item.version, {"text": item.text})
    )
    controller.live_text(item.id, "Gran visits every day")
    controller.flush()
    board.conflict_panel.grid.choose(0, "theirs")
    qtbot.mouseClick(board.conflict_panel.keep_button, Qt.MouseButton.LeftButton)
    assert controller.items[item.id].text == "Gran visits on Sundays"
    assert controller.autosave.pending() == {}
    controller.live_text(item.id, "Gran visits on Sundays and Wednesdays")
    assert controller.flush()
    assert _stored(services, conference) == "Gran visits on Sundays and Wednesdays"


def test_their_change_to_who_said_it_is_merged_in_silently(qtbot, store, services, conference):
    controller, board, item = _board(qtbot, services, conference)
    _elsewhere(store).mapping.set_details(
        item.id, "Health visitor", None, read=ReadAs(item.version, {"source": ""})
    )
    controller.live_text(item.id, "Gran visits every day")
    assert controller.flush()
    assert not board.conflict_panel.isVisible()
    (stored,) = services.mapping.board(conference.id).items
    assert (stored.text, stored.source) == ("Gran visits every day", "Health visitor")
