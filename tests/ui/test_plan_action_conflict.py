"""Issue 16 item 3 on the plan builder: an action's cell (or the bottom lines) changed here that another
desktop changed too shows both versions inline under the table (never a modal); the choice made there is
what is stored."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel

from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput, action_values, header_values
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.ui.decisions.plan_builder import PlanBuilder
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY
from tests.store.family_fixture import book_family

OTHER_CHAIR = User("u4", "ola", "Ola Nowak", Role.CHAIR)
WHO = 1  # the "Who (person)" column


def _builder_with_a_stale_action(qtbot, store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "PA-16")
    action = services.plans.add_action(booked.first_id, PlanActionInput("Health visitor to visit weekly"))
    builder = PlanBuilder(services, ChangeHub(), QUndoStack())
    qtbot.addWidget(builder)
    builder.show()
    builder.set_conference(services.conferences.get(booked.first_id))
    other = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(OTHER_CHAIR)))
    other.plans.update_action(
        action.id,
        replace(action.as_input(), who_person="Ama Mensah"),
        read=ReadAs(action.version, action_values(action.as_input())),
    )
    assert builder.model.setData(builder.model.index(0, WHO), "Jan Kowal", Qt.ItemDataRole.EditRole)
    return booked.first_id, builder


def _stored_who(services, conference_id) -> str:  # type: ignore[no-untyped-def]
    (action,) = services.plans.actions(conference_id)
    return action.who_person


def test_a_stale_cell_edit_shows_both_and_keeping_mine_stores_it(qtbot, store, services):
    conference_id, builder = _builder_with_a_stale_action(qtbot, store, services)
    assert builder.conflict_panel.isVisible()
    words = [label.text() for label in builder.conflict_panel.grid.findChildren(QLabel)]
    assert "Jan Kowal" in words
    assert "Ama Mensah" in words
    assert "Not saved yet" in builder.table_problem.text()
    assert _stored_who(services, conference_id) == "Ama Mensah"
    builder.conflict_panel.grid.choose_all("mine")
    builder.conflict_panel.keep_button.click()
    assert not builder.conflict_panel.isVisible()
    assert _stored_who(services, conference_id) == "Jan Kowal"


def test_taking_theirs_shows_their_action(qtbot, store, services):
    conference_id, builder = _builder_with_a_stale_action(qtbot, store, services)
    builder.conflict_panel.grid.choose_all("theirs")
    builder.conflict_panel.keep_button.click()
    assert _stored_who(services, conference_id) == "Ama Mensah"
    assert builder.model.index(0, WHO).data() == "Ama Mensah"
    assert builder.table_problem.text() == ""


def test_typing_bottom_lines_someone_else_changed_shows_both_and_keeps_mine(qtbot, store, services):
    booked = book_family(services, "PA-17")
    services.plans.save_header(booked.first_id, PlanHeaderInput(bottom_lines="No contact"))
    builder = PlanBuilder(services, ChangeHub(), QUndoStack())
    qtbot.addWidget(builder)
    builder.show()
    builder.set_conference(services.conferences.get(booked.first_id))
    other = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(OTHER_CHAIR)))
    header = other.plans.header(booked.first_id)
    other.plans.save_header(
        booked.first_id,
        replace(header.as_input(), bottom_lines="No contact with Dad"),
        read=ReadAs(header.version, header_values(header.as_input())),
    )
    editor = builder.bottom_lines
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " at all")
    # Shown next to the bottom lines, inside their box, not under the actions table.
    panel = builder.header_conflict_panel
    assert panel.isVisible()
    assert builder.text_box.isAncestorOf(panel)
    assert not builder.conflict_panel.isVisible()
    words = [label.text() for label in panel.grid.findChildren(QLabel)]
    assert "No contact with Dad" in words
    assert any(w.startswith("No contact ") and "Dad" not in w for w in words)  # the held keystroke's
    assert editor.toPlainText() == "No contact at all"  # the chair's words stay in the field
    assert services.plans.header(booked.first_id).bottom_lines == "No contact with Dad"
    panel.grid.choose_all("mine")
    panel.keep_button.click()
    assert not panel.isVisible()
    assert services.plans.header(booked.first_id).bottom_lines == "No contact at all"
    assert editor.toPlainText() == "No contact at all"
