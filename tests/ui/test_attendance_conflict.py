"""Issue 16 item 3 on the attendance list: a mark made here over one another desktop changed since shows
both inline under the list (never a modal); the choice made there is what is stored."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QDialog, QLabel

from iro_desktop.domain.attendance import Attendance, TookPart
from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.local_time import stored
from iro_desktop.domain.people import PersonInput, Role
from iro_desktop.domain.roles import Role as UserRole
from iro_desktop.domain.roles import User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.ui.booking.attendance_panel import AttendancePanel
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY
from tests.store.family_fixture import book_family

CLERK = User("u2", "sam", "Sam Dvorak", UserRole.CLERK)


def _stale_mark(qtbot, store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "AT-16")
    mum = services.people.add_person(PersonInput("Ewa Nowak", Role.PARENT, family_id=booked.family_id))
    invitation = services.attendance.invite(booked.first_id, mum.id)
    panel = AttendancePanel(services, ChangeHub())
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(booked.first_id)
    elsewhere = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CLERK)))
    elsewhere.attendance.set_attendance(
        invitation.id,
        Attendance.APOLOGIES,
        read=ReadAs(invitation.version, {"attendance": invitation.attendance, "exclusion_reason": ""}),
    )
    panel.select_person("Ewa Nowak")
    panel.mark(Attendance.ATTENDED)
    return panel, invitation.id


def test_a_stale_mark_shows_both_and_keeping_mine_stores_it(qtbot, store, services):
    panel, invitation_id = _stale_mark(qtbot, store, services)
    assert panel.conflict_panel.isVisible()
    assert not panel.findChildren(QDialog)
    words = [label.text() for label in panel.conflict_panel.grid.findChildren(QLabel)]
    assert Attendance.ATTENDED.label in words
    assert Attendance.APOLOGIES.label in words
    assert services.attendance.get(invitation_id).attendance is Attendance.APOLOGIES
    panel.conflict_panel.grid.choose_all("mine")
    panel.conflict_panel.keep_button.click()
    assert not panel.conflict_panel.isVisible()
    assert services.attendance.get(invitation_id).attendance is Attendance.ATTENDED


def test_taking_their_mark_stores_theirs(qtbot, store, services):
    panel, invitation_id = _stale_mark(qtbot, store, services)
    panel.conflict_panel.grid.choose_all("theirs")
    panel.conflict_panel.keep_button.click()
    assert services.attendance.get(invitation_id).attendance is Attendance.APOLOGIES
    panel.select_person("Ewa Nowak")
    assert panel.selected().attendance is Attendance.APOLOGIES  # the list shows theirs


def _panel_with(qtbot, store, services, role: Role, name: str):  # type: ignore[no-untyped-def]
    booked = book_family(services, "AT-17")
    person = services.people.add_person(PersonInput(name, role, family_id=booked.family_id))
    invitation = services.attendance.invite(booked.first_id, person.id)
    panel = AttendancePanel(services, ChangeHub())
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(booked.first_id)
    panel.select_person(name)
    elsewhere = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CLERK)))
    return panel, invitation, elsewhere


def _grid_words(panel: AttendancePanel) -> list[str]:
    assert panel.conflict_panel.grid is not None
    return [label.text() for label in panel.conflict_panel.grid.findChildren(QLabel)]


def test_typed_times_over_a_join_time_stored_elsewhere_show_both_and_stay(qtbot, store, services):
    """Issue 16: the join time typed here, over one the clerk stored meanwhile: both inline under the
    list, the typed times stay in their fields (a change arriving from elsewhere does not wipe them)
    until the chair chooses; Mine stores them."""
    panel, invitation, elsewhere = _panel_with(qtbot, store, services, Role.PARENT, "Ewa Nowak")
    day = services.conferences.get(invitation.conference_id).date
    elsewhere.attendance.set_times(
        invitation.id, stored(day, time(10, 5)), None, read=ReadAs(invitation.version, {"joined_at": None})
    )
    panel.joined_at.setText("10:00")
    panel.left_at.setText("11:15")
    panel.times_button.click()
    assert panel.conflict_panel.isVisible()
    assert not panel.findChildren(QDialog)
    words = _grid_words(panel)
    assert "10:00" in words
    assert "10:05" in words
    assert any("joined at" in w for w in words)
    assert "Not saved yet" in panel.times_error.text()
    panel.hub.changed.emit(frozenset({"attendance"}))  # the clerk's change arriving by notification
    assert (panel.joined_at.text(), panel.left_at.text()) == ("10:00", "11:15")
    assert services.attendance.get(invitation.id).left_at is None  # nothing stored yet
    panel.conflict_panel.grid.choose_all("mine")
    panel.conflict_panel.keep_button.click()
    kept = services.attendance.get(invitation.id)
    assert (kept.joined_at, kept.left_at) == (stored(day, time(10, 0)), stored(day, time(11, 15)))
    assert not panel.conflict_panel.isVisible()


def test_the_interpreter_language_over_theirs_shows_both_and_theirs_fills_the_field(qtbot, store, services):
    panel, invitation, elsewhere = _panel_with(qtbot, store, services, Role.INTERPRETER, "Ana Pereira")
    elsewhere.attendance.set_interpreter(
        invitation.id,
        "Portuguese",
        True,
        read=ReadAs(invitation.version, {"interpreter_language": "", "interpreter_not_family": False}),
    )
    panel.language.setText("Polish")
    panel.not_family.setChecked(True)
    panel.interpreter_button.click()
    assert panel.conflict_panel.isVisible()
    words = _grid_words(panel)
    assert {"Polish", "Portuguese"} <= set(words)
    assert panel.language.text() == "Polish"  # the typed word stays until the choice
    assert services.attendance.get(invitation.id).interpreter_language == "Portuguese"
    panel.conflict_panel.grid.choose_all("theirs")
    panel.conflict_panel.keep_button.click()
    assert panel.language.text() == "Portuguese"  # theirs, in the field
    assert services.attendance.get(invitation.id).interpreter_language == "Portuguese"
    assert not panel.runner.waiting()


def test_how_they_take_part_chosen_over_theirs_shows_both_in_words(qtbot, store, services):
    panel, invitation, elsewhere = _panel_with(qtbot, store, services, Role.PARENT, "Ewa Nowak")
    elsewhere.attendance.set_took_part(
        invitation.id, TookPart.PHONE, read=ReadAs(invitation.version, {"took_part": TookPart.NOT_RECORDED})
    )
    panel.took_part.setCurrentIndex(panel.took_part.findData(TookPart.VIDEO.value))
    panel.took_part.activated.emit(panel.took_part.currentIndex())
    words = _grid_words(panel)
    assert {TookPart.VIDEO.label, TookPart.PHONE.label} <= set(words)
    assert panel.took_part.currentData() == TookPart.VIDEO.value  # the choice stays on screen
    panel.conflict_panel.grid.choose_all("mine")
    panel.conflict_panel.keep_button.click()
    assert services.attendance.get(invitation.id).took_part is TookPart.VIDEO
    panel.undo_stack.undo()  # undoing it gives back theirs
    assert services.attendance.get(invitation.id).took_part is TookPart.PHONE


def test_their_join_time_with_my_leave_time_stores_both(qtbot, store, services):
    """Both times changed on both desktops: the line chosen Theirs takes their time, the line chosen
    Mine stores the time typed here."""
    panel, invitation, elsewhere = _panel_with(qtbot, store, services, Role.PARENT, "Ewa Nowak")
    day = services.conferences.get(invitation.conference_id).date
    elsewhere.attendance.set_times(
        invitation.id,
        stored(day, time(10, 5)),
        stored(day, time(11, 0)),
        read=ReadAs(invitation.version, {"joined_at": None, "left_at": None}),
    )
    panel.joined_at.setText("10:00")
    panel.left_at.setText("11:15")
    panel.times_button.click()
    grid = panel.conflict_panel.grid
    assert grid is not None
    fields = [c.field for c in grid.conflicts]
    assert sorted(fields) == ["joined_at", "left_at"]
    grid.choose(fields.index("joined_at"), "theirs")
    grid.choose(fields.index("left_at"), "mine")
    panel.conflict_panel.keep_button.click()
    kept = services.attendance.get(invitation.id)
    assert (kept.joined_at, kept.left_at) == (stored(day, time(10, 5)), stored(day, time(11, 15)))
    assert (panel.joined_at.text(), panel.left_at.text()) == ("10:05", "11:15")
    assert not panel.runner.waiting()


def test_the_interpreter_details_are_one_undo_step(qtbot, store, services):
    """Saving the interpreter is an undoable step: undo puts back that nothing was recorded."""
    panel, invitation, _elsewhere = _panel_with(qtbot, store, services, Role.INTERPRETER, "Ana Pereira")
    panel.language.setText("Polish")
    panel.not_family.setChecked(True)
    panel.interpreter_button.click()
    assert services.attendance.get(invitation.id).interpreter_language == "Polish"
    assert panel.undo_stack.count() == 1
    panel.undo_stack.undo()
    undone = services.attendance.get(invitation.id)
    assert (undone.interpreter_language, undone.interpreter_not_family) == ("", False)
    panel.undo_stack.redo()
    assert services.attendance.get(invitation.id).interpreter_language == "Polish"


def test_a_change_arriving_while_typing_keeps_the_typed_time_and_is_its_base(qtbot, store, services):
    """Issue 16 with live updates: the clerk stores a join time while the chair is typing one. The list
    is read again (the notification), the chair's typed time stays in the field, and saving it is based
    on what the field was filled from: both are shown, nothing is overwritten. A field not typed in
    shows the clerk's change."""
    panel, invitation, elsewhere = _panel_with(qtbot, store, services, Role.PARENT, "Ewa Nowak")
    day = services.conferences.get(invitation.conference_id).date
    panel.joined_at.setText("10:00")
    elsewhere.attendance.set_times(
        invitation.id,
        stored(day, time(10, 5)),
        stored(day, time(11, 0)),
        read=ReadAs(invitation.version, {"joined_at": None, "left_at": None}),
    )
    panel.hub.changed.emit(frozenset({"attendance"}))  # the clerk's change arriving
    assert panel.joined_at.text() == "10:00"  # typed: kept
    assert panel.left_at.text() == "11:00"  # not typed in: theirs shown
    panel.times_button.click()
    assert panel.conflict_panel.isVisible()
    grid = panel.conflict_panel.grid
    assert grid is not None
    assert [c.field for c in grid.conflicts] == ["joined_at"]
    stored_now = services.attendance.get(invitation.id)
    assert stored_now.joined_at == stored(day, time(10, 5))  # nothing overwritten
    grid.choose_all("mine")
    panel.conflict_panel.keep_button.click()
    kept = services.attendance.get(invitation.id)
    assert (kept.joined_at, kept.left_at) == (stored(day, time(10, 0)), stored(day, time(11, 0)))
    assert (panel.joined_at.text(), panel.left_at.text()) == ("10:00", "11:00")
