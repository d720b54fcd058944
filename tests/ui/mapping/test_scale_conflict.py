"""Issue 16 item 3 on the map's scaling: a score entered for a participant whom someone else scored
differently since shows both inline (never a modal); the entry keeps the chair's score until they
choose, and the choice is what is stored."""

from __future__ import annotations

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


def _stale_score(qtbot, store, services, conference):  # type: ignore[no-untyped-def]
    danger = services.mapping.add_item(conference.id, Section.DANGER, "Dad may hit Zofia when drunk")
    first, _ = services.mapping.set_scale(conference.id, danger.id, "Mum", 4)
    controller = BoardController(services, ChangeHub())
    board = BoardWidget(controller)
    qtbot.addWidget(board)
    board.show()
    controller.open(conference.id)
    elsewhere = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CLERK)))
    elsewhere.mapping.set_scale(
        conference.id, danger.id, "Mum", 6, read=ReadAs(first.version, {"score": 4, "reason": ""})
    )
    board.scale_for.setCurrentIndex(board.scale_for.findData(danger.id))
    board.participant.setText("Mum")
    board.score.setValue(3)
    board._apply_scale()
    return board


def _stored_score(services, conference) -> int:  # type: ignore[no-untyped-def]
    (scale,) = services.mapping.board(conference.id).scales
    return scale.score


def test_a_stale_score_shows_both_and_keeping_mine_stores_it(qtbot, store, services, conference):
    board = _stale_score(qtbot, store, services, conference)
    assert board.conflict_panel.isVisible()
    assert not board.findChildren(QDialog)
    words = [label.text() for label in board.conflict_panel.grid.findChildren(QLabel)]
    assert "3" in words
    assert "6" in words
    assert board.participant.text() == "Mum"  # the entry keeps what the chair entered
    assert board.score.value() == 3
    assert _stored_score(services, conference) == 6
    board.conflict_panel.grid.choose_all("mine")
    board.conflict_panel.keep_button.click()
    assert not board.conflict_panel.isVisible()
    assert _stored_score(services, conference) == 3
    assert board.participant.text() == ""


def test_taking_their_score_stores_nothing_of_mine(qtbot, store, services, conference):
    board = _stale_score(qtbot, store, services, conference)
    board.conflict_panel.grid.choose_all("theirs")
    board.conflict_panel.keep_button.click()
    assert _stored_score(services, conference) == 6
    assert not board.conflict_panel.isVisible()
