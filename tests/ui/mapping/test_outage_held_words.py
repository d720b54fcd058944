"""Words typed into a map item while the team server was away, when someone else changed the same
item's words meanwhile (issue 16 items 3-4): at replay nothing of theirs is replaced; the board shows the
chair's words in the item and both versions above the map, exactly as a conflict met while typing, kept
on this computer until the chair chooses; Mine stores them on top of theirs, Theirs shows theirs."""

from __future__ import annotations

import pytest

from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.outage import MAP_EDIT_TEXT, OutageService
from iro_desktop.services.registry import Services
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.controller import BoardController
from tests.conftest import TODAY

CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)


@pytest.fixture
def outage(services, tmp_path):
    journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
    yield OutageService(services, journal)
    journal.close()


def _typed_in_the_outage_over_the_clerks_words(qtbot, store, services, outage, conference):  # type: ignore[no-untyped-def]
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad drinks")
    controller = BoardController(services.with_outage(outage), ChangeHub())
    controller.open(conference.id)
    shown: list[str] = []
    controller.conflict.connect(shown.append)
    outage.server_away = True
    controller.live_text(item.id, "Dad drinks at weekends")
    assert controller.flush()
    assert [e.operation for e in outage.entries()] == [MAP_EDIT_TEXT]
    clerk = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CLERK)))
    clerk.mapping.edit_text(
        item.id, "Dad drinks most evenings", read=ReadAs(item.version, {"text": item.text})
    )
    outage.server_away = False  # back: the bridge replays, then says so
    result = outage.replay()
    assert len(result.held) == 1
    controller.hub.server_reachable.emit(True)
    qtbot.waitUntil(lambda: item.id in controller.conflicts, timeout=3000)
    return controller, item, shown


def test_held_words_show_with_both_and_mine_is_stored_on_top_of_theirs(
    qtbot, store, services, outage, conference
):
    controller, item, shown = _typed_in_the_outage_over_the_clerks_words(
        qtbot, store, services, outage, conference
    )
    assert shown == [item.id]  # the panel above the map shows both
    assert controller.items[item.id].text == "Dad drinks at weekends"  # the chair's words stay in the item
    assert controller.holds_words(item.id)  # the panel says: changed while the server could not be reached
    [words] = controller.conflicts[item.id].conflicts
    assert (words.mine, words.theirs) == ("Dad drinks at weekends", "Dad drinks most evenings")
    assert [i.text for i in services.mapping.board(conference.id).items] == ["Dad drinks most evenings"]
    assert controller.resolve(item.id, keep_mine=True)
    assert [i.text for i in services.mapping.board(conference.id).items] == ["Dad drinks at weekends"]
    assert outage.held() == []  # chosen: off this computer
    controller.undo()  # undo gives back the clerk's words
    assert [i.text for i in services.mapping.board(conference.id).items] == ["Dad drinks most evenings"]


def test_held_words_theirs_chosen_shows_theirs_and_drops_mine(qtbot, store, services, outage, conference):
    controller, item, _shown = _typed_in_the_outage_over_the_clerks_words(
        qtbot, store, services, outage, conference
    )
    assert controller.resolve(item.id, keep_mine=False)
    assert controller.items[item.id].text == "Dad drinks most evenings"
    assert outage.held() == []
    assert controller.flush()
    assert [i.text for i in services.mapping.board(conference.id).items] == ["Dad drinks most evenings"]


def test_held_words_are_shown_again_after_a_restart(qtbot, store, services, outage, conference):
    controller, item, _shown = _typed_in_the_outage_over_the_clerks_words(
        qtbot, store, services, outage, conference
    )
    controller.close()
    again = BoardController(services.with_outage(outage), ChangeHub())  # the app opened again
    again.open(conference.id)
    assert item.id in again.conflicts
    assert again.items[item.id].text == "Dad drinks at weekends"


def test_the_board_shows_held_words_inline_saying_when_they_met(qtbot, store, services, outage, conference):
    from PySide6.QtWidgets import QDialog

    from iro_desktop.ui.mapping.board import BoardWidget

    controller, item, _shown = _typed_in_the_outage_over_the_clerks_words(
        qtbot, store, services, outage, conference
    )
    controller.close()
    again = BoardController(services.with_outage(outage), ChangeHub())  # the app opened again
    board = BoardWidget(again)
    qtbot.addWidget(board)
    board.show()
    again.open(conference.id)
    qtbot.waitUntil(board.conflict_panel.isVisible, timeout=3000)
    assert not board.findChildren(QDialog)  # inline, never a modal
    assert "while the team server could not be reached" in board.conflict_panel.intro.text()
