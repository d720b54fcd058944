"""Issue 14: a records file held by another program (a second SQLite connection in BEGIN EXCLUSIVE, the
real lock) while recording a decision, editing the plan and marking attendance. No crash dialog, no
exception out of Qt, no phantom undo step; what was typed stays on screen, is stored once the other
program lets go and the retry runs, and then undoes as one step."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.store import engine as engine_module
from iro_desktop.ui import crash
from iro_desktop.ui.areas.decisions import DecisionsArea
from iro_desktop.ui.booking.attendance_panel import AttendancePanel
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import runner_for
from tests.conftest import TODAY


@contextmanager
def held_by_another_program(store) -> Iterator[None]:  # type: ignore[no-untyped-def]
    holder = sqlite3.connect(store.location.sqlite_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


@pytest.fixture
def quick_busy(store, monkeypatch):
    """Connections give up waiting for the lock after 100 ms (the app waits 5 s)."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    store.engine.dispose()


def crash_hook(monkeypatch) -> list[type[BaseException]]:  # type: ignore[no-untyped-def]
    """The app's crash hook as sys.excepthook (installed inside the test, after pytest-qt's): every
    exception it would get, with its dialog never shown."""
    seen: list[type[BaseException]] = []
    handler = crash.CrashHandler(logs_dir=crash.Path("/nonexistent"), show_dialog=False)
    monkeypatch.setattr(crash, "write_crash_log", lambda *a, **k: seen.append(a[1]) or crash.Path("/x"))
    monkeypatch.setattr(sys, "excepthook", handler)
    return seen


@pytest.fixture
def hub(qapp):
    return ChangeHub()


@pytest.fixture
def status(hub):
    said: list[str] = []
    hub.save_failed.connect(said.append)
    hub.save_finished.connect(lambda: said.append("saved"))
    return said


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "C-14", "Nowak family", [ChildInput("Zoë", "Nowak", date(2017, 2, 2))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )


@pytest.fixture
def area(qtbot, services, hub, conference):
    area = DecisionsArea(services, hub)
    qtbot.addWidget(area)
    area.show_conference(conference.id)
    return area


def test_recording_a_decision_while_the_records_are_held(
    qtbot, services, store, area, quick_busy, status, monkeypatch
):
    crashes = crash_hook(monkeypatch)
    form = area.panel.forms[0]
    form.select_outcome(Outcome.PLAN_MADE)
    form.select_category(Category.NEGLECT)
    form.rationale.setPlainText("Zoë’s needs are not met.")
    form.decided_by.setText("Priya Raman")
    with held_by_another_program(store):
        qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
        assert area.stack.count() == 0  # no phantom step
        assert any("The records are busy" in s for s in status)
        # Everything chosen and typed is still in the form.
        assert form.selected_outcome() is Outcome.PLAN_MADE
        assert form.selected_category() is Category.NEGLECT
        assert form.rationale.toPlainText() == "Zoë’s needs are not met."
        assert len(area.runner.waiting()) == 1
        assert not area.runner.retry()  # still held: still waiting
    assert area.runner.retry()  # let go: the retry stores it
    decision = services.decisions.for_conference(form.conference.id)[form.child.id]
    assert decision.outcome is Outcome.PLAN_MADE
    assert decision.rationale == "Zoë’s needs are not met."
    assert area.stack.count() == 1
    assert status[-1] == "saved"
    assert "Recorded" in form.status.text()
    area.runner.undo()
    assert services.decisions.for_conference(form.conference.id) == {}
    assert crashes == []


def test_an_undo_while_the_records_are_held_stays_done(
    qtbot, services, store, area, quick_busy, status, monkeypatch
):
    crashes = crash_hook(monkeypatch)
    form = area.panel.forms[0]
    form.select_outcome(Outcome.PLAN_MADE)
    form.select_category(Category.NEGLECT)
    form.decided_by.setText("Priya Raman")
    assert form.record()
    with held_by_another_program(store):
        qtbot.mouseClick(area.undo_button, Qt.MouseButton.LeftButton)
        assert area.stack.index() == 1  # the stack still says what the store holds
        assert any("The records are busy" in s for s in status)
    assert form.child.id in services.decisions.for_conference(form.conference.id)
    qtbot.mouseClick(area.undo_button, Qt.MouseButton.LeftButton)
    assert services.decisions.for_conference(form.conference.id) == {}
    assert area.stack.index() == 0
    assert crashes == []


def test_adding_and_editing_plan_actions_while_the_records_are_held(
    qtbot, services, store, area, quick_busy, status, monkeypatch
):
    crashes = crash_hook(monkeypatch)
    builder = area.builder
    builder.new_action.setText("Dad to have a drug test")
    with held_by_another_program(store):
        qtbot.mouseClick(builder.add_button, Qt.MouseButton.LeftButton)
        assert area.stack.count() == 0
        assert builder.new_action.text() == "Dad to have a drug test"  # still on screen
        assert any("The records are busy" in s for s in status)
    assert area.runner.retry()
    [action] = services.plans.actions(builder.conference.id)
    assert action.what == "Dad to have a drug test"
    assert builder.new_action.text() == ""  # stored: the field is free for the next one
    assert area.stack.count() == 1
    assert builder.model.rowCount() == 1

    # Editing the action's "who" in the table while the records are held.
    index = builder.model.index(0, 1)
    with held_by_another_program(store):
        assert builder.model.setData(index, "Łucja Wójcik", Qt.ItemDataRole.EditRole)
        assert area.stack.count() == 1  # the edit is not a step yet
        assert len(area.runner.waiting()) == 1
    assert area.runner.retry()
    assert services.plans.actions(builder.conference.id)[0].owner.startswith("Łucja Wójcik")
    assert area.stack.count() == 2
    area.runner.undo()
    assert not services.plans.actions(builder.conference.id)[0].owner.startswith("Łucja Wójcik")
    assert crashes == []


def test_marking_attendance_while_the_records_are_held(
    qtbot, services, store, hub, quick_busy, status, monkeypatch
):
    crashes = crash_hook(monkeypatch)
    agency = services.people.add_agency("Children’s Services", AgencyKind.CHILDRENS_SOCIAL_CARE)
    worker = services.people.add_person(PersonInput("Siobhán Ó Súilleabháin", Role.SOCIAL_WORKER, agency.id))
    family = services.families.create_family(
        "C-15", "Wójcik family", [ChildInput("Ola", "W", date(2018, 1, 1))]
    )
    booked = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY + timedelta(days=3), clock_start=TODAY, invite=[worker.id]
    )
    panel = AttendancePanel(services, hub)
    qtbot.addWidget(panel)
    panel.set_conference(booked.id, family.id)
    panel.select_person("Siobhán Ó Súilleabháin")
    panel.exclusion.setText("Shared the minutes with the family’s neighbour")
    with held_by_another_program(store):
        qtbot.mouseClick(panel.exclude_button, Qt.MouseButton.LeftButton)
        assert panel.undo_stack.count() == 0
        assert panel.exclusion.text() == "Shared the minutes with the family’s neighbour"  # kept
        assert any("The records are busy" in s for s in status)
    runner = runner_for(panel.undo_stack, hub)
    assert runner.retry()
    invitation = services.attendance.invitations(booked.id)[0]
    assert invitation.attendance is Attendance.EXCLUDED
    assert invitation.exclusion_reason == "Shared the minutes with the family’s neighbour"
    assert panel.exclusion.text() == ""
    assert panel.undo_stack.count() == 1
    assert panel.model.item(0).attendance is Attendance.EXCLUDED  # the table follows the relay
    runner.undo()
    assert services.attendance.invitations(booked.id)[0].attendance is Attendance.EXPECTED
    assert crashes == []
