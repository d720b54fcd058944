"""Issue 16 item 3 on the attendance list: a mark made here over one another desktop changed since shows
both inline under the list (never a modal); the choice made there is what is stored."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.concurrency import ReadAs
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
