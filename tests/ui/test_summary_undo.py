"""Issue 14: the clerk's typed discussion summary has undo and redo, a word at a time, each step stored
first; a locked store keeps the words on screen and stores them once it lets go."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.record import SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.store import engine as engine_module
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.records.summary_commands import SaveSectionCommand
from tests.conftest import TODAY

CLERK = User("u2", "sam", "Sam Dvorak", Role.CLERK)


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "R-9", "Khan family", [ChildInput("Aisha", "Khan", date(2019, 2, 2))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=2), clock_start=TODAY - timedelta(days=12)
    )
    services.records.get(conference.id)
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


def _stored(services, conference_id, key=SectionKey.PURPOSE) -> str:
    record = services.records.get(conference_id)
    return next((s.text for s in record.sections if s.key is key and not s.agency), "")


def test_section_commands_on_a_bare_stack(qapp, services, conference):
    stack = QUndoStack()
    stack.push(SaveSectionCommand(services, None, conference.id, SectionKey.PURPOSE, "", "", "Review"))
    stack.push(SaveSectionCommand(services, None, conference.id, SectionKey.PURPOSE, "", "Review", "Review "))
    assert stack.count() == 1  # the space belongs to the word before
    stack.push(
        SaveSectionCommand(services, None, conference.id, SectionKey.PURPOSE, "", "Review ", "Review of")
    )
    assert stack.count() == 2  # a new word: a new step
    assert _stored(services, conference.id) == "Review of"
    stack.undo()
    assert _stored(services, conference.id) == "Review "
    stack.undo()
    assert _stored(services, conference.id) == ""
    stack.redo()
    stack.redo()
    assert _stored(services, conference.id) == "Review of"


def test_typing_undoes_a_word_at_a_time(area, qtbot, services, conference):
    editor = area.editors[SectionKey.PURPOSE]
    qtbot.keyClicks(editor, "Review of the plan")
    area.flush()
    assert _stored(services, conference.id) == "Review of the plan"
    assert area.undo_button.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the field's own Ctrl+Z
    assert editor.toPlainText() == "Review of the "
    assert _stored(services, conference.id) == "Review of the "
    qtbot.mouseClick(area.undo_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == "Review of "
    qtbot.mouseClick(area.redo_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(
        editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert editor.toPlainText() == "Review of the plan"
    assert _stored(services, conference.id) == "Review of the plan"
    qtbot.keyClicks(editor, " now")  # typing goes on from the text as stored
    area.flush()
    assert _stored(services, conference.id) == "Review of the plan now"


def test_summary_typed_while_the_records_are_held(area, qtbot, services, store, conference, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    store.engine.dispose()
    failed: list[str] = []
    area.hub.save_failed.connect(failed.append)
    editor = area.editors[SectionKey.PURPOSE]
    holder = sqlite3.connect(store.location.sqlite_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.keyClicks(editor, "Aisha")
        area.flush()
        assert failed
        assert "The records are busy" in failed[-1]
        assert area.stack.count() == 0  # no phantom step
        assert editor.toPlainText() == "Aisha"
        assert area.runner.waiting()
    finally:
        holder.rollback()
        holder.close()
    assert area.runner.retry()
    assert _stored(services, conference.id) == "Aisha"
    assert area.stack.count() == 1
