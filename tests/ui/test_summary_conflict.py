"""Issue 16 item 3 on screen: a clerk's summary save that a chair's save of the same section got to first
shows both versions side by side, inline (never a modal); no typed word is lost, on screen or in the
queue, whichever the clerk keeps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.record import SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY

CLERK = User("u2", "sam", "Sam Dvorak", Role.CLERK)
CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
THEIRS = "To decide whether Aisha needs a plan (the chair's words)."


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "R-16", "Khan family", [ChildInput("Aisha", "Khan", date(2019, 2, 2))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=2), clock_start=TODAY - timedelta(days=12)
    )
    services.records.save_section(conference.id, SectionKey.PURPOSE, "To decide")
    services.ctx.session.user = CLERK
    return conference


@pytest.fixture
def area(qtbot, services, conference):
    widget = RecordsArea(services, ChangeHub())
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.queue_table.selectRow(0)
    return widget


def _chair_saves_meanwhile(store, services, conference_id) -> None:  # type: ignore[no-untyped-def]
    """The chair, on another desktop, saves the same section from the same version the clerk read."""
    chair = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CHAIR)))
    section = next(s for s in chair.records.get(conference_id).sections if s.key is SectionKey.PURPOSE)
    chair.records.save_section(
        conference_id, SectionKey.PURPOSE, THEIRS, read=ReadAs(section.version, {"text": section.text})
    )


def _stored(services, conference_id) -> str:
    record = services.records.get(conference_id)
    return next(s.text for s in record.sections if s.key is SectionKey.PURPOSE)


def _type_into_a_stale_section(qtbot, area, store, services, conference) -> str:
    editor = area.editors[SectionKey.PURPOSE]
    assert editor.toPlainText() == "To decide"
    _chair_saves_meanwhile(store, services, conference.id)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " on a plan")
    area.flush()
    qtbot.keyClicks(editor, " today")  # typing goes on while the choice waits
    area.flush()
    return editor.toPlainText()


def _grid_text(area, side: str) -> str:
    from PySide6.QtWidgets import QLabel

    grid = area.conflict_panel.grid
    (label,) = [w for w in grid.findChildren(QLabel) if w.accessibleName().startswith(f"{side}: ")]
    return label.text()


def test_a_stale_save_shows_mine_and_theirs_and_keeping_mine_loses_no_word(
    qtbot, area, store, services, conference
):
    typed = _type_into_a_stale_section(qtbot, area, store, services, conference)
    assert typed == "To decide on a plan today"
    panel = area.conflict_panel
    assert panel.isVisible()
    assert not area.findChildren(QDialog)  # inline, never a modal
    assert _grid_text(area, "Mine") == typed
    assert _grid_text(area, "Theirs") == THEIRS
    assert "while you were typing" in panel.intro.text()
    # Nothing overwritten, nothing lost: the chair's words stored, the clerk's on screen and queued.
    assert _stored(services, conference.id) == THEIRS
    assert area.editors[SectionKey.PURPOSE].toPlainText() == typed
    assert area.runner.held()
    assert len(area.runner.waiting()) >= 2
    assert not panel.keep_button.isEnabled()  # a choice first
    panel.grid.choose(0, "mine")
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    assert area.runner.waiting() == []
    assert _stored(services, conference.id) == typed
    assert area.editors[SectionKey.PURPOSE].toPlainText() == typed
    area.undo()  # the last step typed comes back out, on top of the chair's words
    assert _stored(services, conference.id) == "To decide on a plan "  # (the space ends a word)


def test_taking_theirs_shows_their_words_and_drops_the_queued_typing(
    qtbot, area, store, services, conference
):
    _type_into_a_stale_section(qtbot, area, store, services, conference)
    area.conflict_panel.grid.choose(0, "theirs")
    qtbot.mouseClick(area.conflict_panel.keep_button, Qt.MouseButton.LeftButton)
    assert area.runner.waiting() == []
    assert area.editors[SectionKey.PURPOSE].toPlainText() == THEIRS
    assert _stored(services, conference.id) == THEIRS
    qtbot.keyClicks(area.editors[SectionKey.PURPOSE], " Agreed.")  # typing goes on from theirs
    area.flush()
    assert _stored(services, conference.id) == THEIRS + " Agreed."
