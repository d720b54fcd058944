"""The board while the team server is known to be away (issue 16 item 4; `server_away` as the listening
connection sets it, so nothing reaches for the server): new items, their words, holding one back, moves
and deletions go into the outage journal and show at once (a held-back item leaves the projector); what
the journal does not keep (pairing, scores) is refused inline and changes nothing; once the journal is
replayed the board reads exactly what it showed. A new item finished while storing failed for another
reason (queued in memory) goes into the journal as soon as the server is known to be away."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.audience import ROOM, AudienceKind, Reason, audience, may_read
from iro_desktop.domain.mapping import Section
from iro_desktop.services.outage import (
    MAP_ADD_ITEM,
    MAP_DELETE_ITEM,
    MAP_MOVE_ITEM,
    MAP_SET_AUDIENCE,
    OutageService,
)
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.controller import OUTAGE_NOT_DONE, BoardController
from iro_desktop.ui.save_status import OUTAGE, SaveStatusLabel
from tests.conftest import TODAY


@pytest.fixture
def outage(services, tmp_path):
    journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
    yield OutageService(services, journal)
    journal.close()


@pytest.fixture
def board(qtbot, services, outage, conference):
    hub = ChangeHub()
    controller = BoardController(services.with_outage(outage), hub)
    controller.open(conference.id)
    label = SaveStatusLabel(hub)
    qtbot.addWidget(label)
    return controller, label


def _projected(controller: BoardController, section: Section) -> list[str]:
    """What the projector may show of a section (ui/mapping/presentation.py reads it so)."""
    return [i.text for i in controller.section_items(section) if may_read(i.audience, ROOM)]


def test_the_board_keeps_its_edits_in_the_journal_and_reads_them_back_as_stored(
    qtbot, services, outage, conference, board
):
    controller, label = board
    goal = services.mapping.add_item(conference.id, Section.SAFETY_GOALS, "Zoë gets to school on time")
    old = services.mapping.add_item(conference.id, Section.DANGER, "Said before the outage")
    controller.reload()
    problems: list[str] = []
    controller.notice.connect(problems.append)  # said on the board only: the status bar says the outage

    outage.server_away = True
    new_id = controller.add_item(Section.DANGER, "Police")
    assert new_id is not None
    controller.live_text(new_id, "Police called out twice")
    assert controller.flush()
    assert label.text() == OUTAGE
    assert "Police called out twice" in _projected(controller, Section.DANGER)
    assert controller.set_audience(new_id, audience(AudienceKind.PROFESSIONALS))  # Ctrl+Shift+H
    assert "Police called out twice" not in _projected(controller, Section.DANGER)  # off the projector now
    assert controller.move(old.id, Section.STRENGTHS, 0)
    other = controller.add_item(Section.HARM, "Typed by mistake")
    assert other is not None
    assert controller.delete(other)
    assert other not in controller.items

    assert not controller.pair(new_id, goal.id)  # not kept: refused inline, nothing changed
    assert problems == [OUTAGE_NOT_DONE]
    assert label.text() == OUTAGE
    assert controller.items[new_id].goal_id is None

    operations = [e.operation for e in outage.entries()]
    assert operations.count(MAP_ADD_ITEM) == 2
    assert {MAP_SET_AUDIENCE, MAP_MOVE_ITEM, MAP_DELETE_ITEM} <= set(operations)
    assert len(services.mapping.board(conference.id).items) == 2  # nothing on the server yet
    shown = {i.id: (i.section, i.order, i.text, i.audience) for i in controller.items.values()}

    outage.server_away = False  # back: the bridge replays, then says so
    result = outage.replay()
    assert (result.left, result.refused) == (0, [])
    controller.hub.server_reachable.emit(True)
    qtbot.waitUntil(lambda: not controller.kept, timeout=3000)
    assert problems[-1] == ""  # the board's line no longer says it
    stored = {
        i.id: (i.section, i.order, i.text, i.audience) for i in services.mapping.board(conference.id).items
    }
    assert stored == shown
    assert {i.id: (i.section, i.order, i.text, i.audience) for i in controller.items.values()} == stored
    assert controller.pair(new_id, goal.id)  # the server is there again: done at once


def test_an_item_queued_in_memory_goes_into_the_journal_once_the_server_is_known_away(
    qtbot, services, outage, conference, board
):
    controller, _label = board
    controller._failing = True  # storing failed just now (before anyone knew the server was away)
    assert controller.queue_new_item(Section.DANGER, "Dad's drinking")
    assert [q.text for q in controller.autosave.queued()] == ["Dad's drinking"]
    outage.server_away = True
    assert controller.flush()
    QApplication.processEvents()
    assert controller.autosave.queued() == []  # not only in memory any more
    assert [e.arguments["text"] for e in outage.entries() if e.operation == MAP_ADD_ITEM] == [
        "Dad's drinking"
    ]
    assert [i.text for i in controller.section_items(Section.DANGER)] == ["Dad's drinking"]  # shown once
    outage.server_away = False
    outage.replay()
    assert [i.text for i in services.mapping.board(conference.id).section(Section.DANGER)] == [
        "Dad's drinking"
    ]


def test_an_item_typed_in_an_outage_while_a_parent_is_out_of_the_room_is_kept_from_them(
    qtbot, services, outage, conference, family
):
    from iro_desktop.domain.people import PersonInput, Role

    dad = services.people.add_person(PersonInput("Tomasz Wójcik", Role.PARENT, family_id=family.id))
    services.attendance.invite(conference.id, dad.id, TODAY - timedelta(days=8))
    services.audiences.step_out(conference.id, dad.id)
    controller = BoardController(services.with_outage(outage), ChangeHub())
    controller.open(conference.id)
    outage.server_away = True
    item_id = controller.add_item(Section.STRENGTHS, "Said while he was out")
    assert item_id is not None
    kept = controller.items[item_id].audience
    assert (kept.kind, kept.excluded, kept.reason) == (AudienceKind.EXCEPT, (dad.id,), Reason.OUT_OF_ROOM)
    assert _projected(controller, Section.STRENGTHS) == []  # the room may include him
    assert "Not to be shared with Tomasz Wójcik" in controller.mark(controller.items[item_id])
    services.audiences.back_in(conference.id, dad.id)  # back before the server is
    outage.server_away = False
    assert outage.replay().refused == []
    stored = services.mapping.board(conference.id).section(Section.STRENGTHS)[0]
    assert (stored.id, stored.audience) == (item_id, kept)


def test_a_kept_edit_the_server_refuses_at_once_is_said_inline_with_any_other_refusal(
    qtbot, services, outage, conference, board
):
    from iro_desktop.domain.mapping import MAX_ITEM_TEXT
    from iro_desktop.services.outage import MAP_EDIT_TEXT

    controller, _label = board
    problems: list[str] = []
    controller.problem.connect(problems.append)
    outage.keep(MAP_EDIT_TEXT, item_id="gone-meanwhile", text="words for an item deleted elsewhere")
    # The server is back, the older edit still waits: the new item goes behind it, and both are refused.
    assert controller.add_item(Section.DANGER, "x" * (MAX_ITEM_TEXT + 1)) is None
    assert len(problems) == 2
    assert f"at most {MAX_ITEM_TEXT} characters" in problems[1]
    assert outage.waiting() == 0  # refused for good: nothing left to try again
    assert controller.section_items(Section.DANGER) == []
    assert services.mapping.board(conference.id).items == ()
