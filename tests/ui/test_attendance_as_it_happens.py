"""GUI (issue 19 items 1-2): during the meeting, record how each person takes part, "joined now" and
"left now" by one keystroke (undoable), the interpreter and a parent's supporter; the chair's role and
statement with the reason asked for inline where local rules require an independent chair."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.attendance import Attendance, TookPart
from iro_desktop.domain.chairing import Answer, ChairRole, PractitionerKind
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.local_rules import LocalRules
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.ui.areas.meeting import MeetingArea
from iro_desktop.ui.booking.attendance_panel import JoinedOrLeftNowCommand
from iro_desktop.ui.booking.chair_panel import REASON_HINT, ChairPanel
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.meeting.steps import Step
from tests.conftest import TODAY

START = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)


@pytest.fixture
def booked(services):
    family = services.families.create_family(
        "T-19", "Nowak family", [ChildInput("Ada", "Nowak", date(2019, 3, 1), gender=Gender.FEMALE)]
    )
    police = services.people.add_agency("Westshire Police", AgencyKind.POLICE)
    advocacy = services.people.add_agency("Parents’ advocacy", AgencyKind.ADVOCACY)
    people = [
        services.people.add_person(PersonInput("DC Siân Evans", Role.POLICE, police.id)),
        services.people.add_person(PersonInput("Marek Zieliński", Role.INTERPRETER)),
        services.people.add_person(PersonInput("Jo Reid", Role.ADVOCATE, advocacy.id)),
        services.people.add_person(PersonInput("Ewa Nowak", Role.PARENT, family_id=family.id)),
    ]
    conference = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        TODAY,
        clock_start=TODAY - timedelta(days=10),
        invite=[p.id for p in people],
        invited_on=TODAY - timedelta(days=8),
    )
    minutes = iter(range(0, 600, 25))
    services.attendance.now = lambda: START + timedelta(minutes=next(minutes))
    return family, conference


def _meeting(qtbot, services, settings, conference_id):
    meeting = MeetingArea(services, ChangeHub(), settings)
    qtbot.addWidget(meeting)
    meeting.show()
    meeting.refresh()
    meeting.open_conference(conference_id)
    meeting.show_step(Step.WHO_IS_HERE)
    meeting.activateWindow()
    QApplication.processEvents()
    return meeting


def _by_name(services, conference_id, name):
    return next(i for i in services.attendance.invitations(conference_id) if i.person_name == name)


def test_joined_and_left_now_by_one_keystroke_and_how_they_took_part(qtbot, services, settings, booked):
    _family, conference = booked
    meeting = _meeting(qtbot, services, settings, conference.id)
    panel = meeting.attendance
    panel.select_person("DC Siân Evans")
    panel.took_part.setCurrentIndex(panel.took_part.findData(TookPart.VIDEO.value))
    panel.took_part.activated.emit(panel.took_part.currentIndex())
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    police = _by_name(services, conference.id, "DC Siân Evans")
    assert (police.took_part, police.attendance, police.joined_at) == (
        TookPart.VIDEO,
        Attendance.ATTENDED,
        START,
    )
    qtbot.keyClick(
        panel.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    police = _by_name(services, conference.id, "DC Siân Evans")
    assert police.left_at == START + timedelta(minutes=25)
    row = [i.person_name for i in panel.model.items()].index("DC Siân Evans")
    texts = [panel.model.index(row, c).data() for c in range(panel.model.columnCount())]
    assert "Video" in texts
    assert "joined 10:00, left 10:25" in texts
    # Undo (the meeting's attendance history) takes the leaving back, then the joining.
    meeting.attendance_stack.undo()
    assert _by_name(services, conference.id, "DC Siân Evans").left_at is None
    meeting.attendance_stack.undo()
    assert _by_name(services, conference.id, "DC Siân Evans").joined_at is None
    panel.select_person("Ewa Nowak")
    panel.took_part.setCurrentIndex(panel.took_part.findData(TookPart.WRITTEN.value))
    panel.took_part.activated.emit(panel.took_part.currentIndex())
    assert _by_name(services, conference.id, "Ewa Nowak").attendance is Attendance.SENT_REPORT


def test_interpreter_and_supporter_recorded_in_the_meeting(qtbot, services, settings, booked):
    _family, conference = booked
    meeting = _meeting(qtbot, services, settings, conference.id)
    panel = meeting.attendance
    panel.select_person("DC Siân Evans")
    assert not panel.language.isEnabled()  # only for an interpreter
    panel.select_person("Marek Zieliński")
    qtbot.keyClicks(panel.language, "Polish")
    qtbot.mouseClick(panel.interpreter_button, Qt.MouseButton.LeftButton)
    assert "Confirm the interpreter is not a member of the family." in panel.detail_error.text()
    assert _by_name(services, conference.id, "Marek Zieliński").interpreter_language == ""
    panel.not_family.setChecked(True)
    qtbot.mouseClick(panel.interpreter_button, Qt.MouseButton.LeftButton)
    interpreter = _by_name(services, conference.id, "Marek Zieliński")
    assert (interpreter.interpreter_language, interpreter.interpreter_not_family) == ("Polish", True)
    panel.select_person("Jo Reid")
    panel.supports.setCurrentIndex(panel.supports.findText("Ewa Nowak"))
    qtbot.mouseClick(panel.supports_button, Qt.MouseButton.LeftButton)
    assert _by_name(services, conference.id, "Jo Reid").supports_name == "Ewa Nowak"
    row = [i.person_name for i in panel.model.items()].index("Jo Reid")
    assert panel.model.index(row, panel.model.columnCount() - 1).data() == "Supports Ewa Nowak"


def test_joined_now_command_on_a_bare_stack(services, booked):
    _family, conference = booked
    invitation = _by_name(services, conference.id, "DC Siân Evans")
    stack = QUndoStack()
    stack.push(JoinedOrLeftNowCommand(services, invitation, leaving=False))
    assert _by_name(services, conference.id, "DC Siân Evans").joined_at == START
    stack.undo()
    after = _by_name(services, conference.id, "DC Siân Evans")
    assert (after.joined_at, after.attendance) == (None, Attendance.EXPECTED)


def test_chair_panel_asks_for_the_reason_inline(qtbot, services, booked):
    family, conference = booked
    services.rules.save(LocalRules(independent_chair_required=True))
    lcpp = services.people.add_person(
        PersonInput("Sam Patel", Role.LEAD_CP_PRACTITIONER, services.people.agencies()[0].id)
    )
    panel = ChairPanel(services, ChangeHub())
    qtbot.addWidget(panel)
    panel.set_conference(conference.id, family.id)
    assert panel.hint.text() == ""
    panel.role.setCurrentIndex(panel.role.findData(ChairRole.LCPP.value))
    assert panel.hint.text() == f"⚠ {REASON_HINT}"  # as soon as it is chosen, no dialog
    panel.enquiry.setCurrentIndex(panel.enquiry.findData(Answer.YES.value))
    panel.held_case.setCurrentIndex(panel.held_case.findData(Answer.NO.value))
    qtbot.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    assert REASON_HINT in panel.error.text()
    assert services.leads.chairing(conference.id).role is ChairRole.INDEPENDENT  # nothing stored
    qtbot.keyClicks(panel.reason, "No independent chair free within the timescale")
    qtbot.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    stored = services.leads.chairing(conference.id)
    assert (stored.role, stored.took_part_in_enquiry, stored.reason) == (
        ChairRole.LCPP,
        Answer.YES,
        "No independent chair free within the timescale",
    )
    assert panel.error.text() == ""
    combo = panel.lead_combos[(family.children[0].id, PractitionerKind.LEAD)]
    combo.setCurrentIndex(combo.findData(lcpp.id))
    combo.activated.emit(combo.currentIndex())
    assert [p.person_name for p in services.leads.practitioners(family.id)] == ["Sam Patel"]


def test_the_quoracy_indicator_shows_quoracy_at_each_decision(qtbot, services, booked):
    from iro_desktop.domain.categories import Category
    from iro_desktop.domain.decisions import DecisionInput, Outcome
    from iro_desktop.ui.quoracy_indicator import QuoracyIndicator

    family, conference = booked
    csc = services.people.add_agency("Children’s Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE)
    health = services.people.add_agency("Community Health", AgencyKind.HEALTH)
    for name, role, agency in (
        ("Amara Okafor", Role.SOCIAL_WORKER, csc),
        ("Ruth Abernathy", Role.HEALTH_VISITOR, health),
    ):
        person = services.people.add_person(PersonInput(name, role, agency.id))
        services.attendance.invite(conference.id, person.id)
    hub = ChangeHub()
    indicator = QuoracyIndicator(services, conference.id, hub)
    qtbot.addWidget(indicator)
    assert indicator.moments.isHidden()
    for name in ("Amara Okafor", "Ruth Abernathy", "DC Siân Evans"):  # join at 10:00, 10:25, 10:50
        services.attendance.joined_now(_by_name(services, conference.id, name).id)
    services.decisions.now = lambda: START + timedelta(minutes=40)  # before the police officer joined
    services.decisions.record(
        conference.id, family.children[0].id, DecisionInput(Outcome.PLAN_MADE, "P", Category.NEGLECT)
    )
    hub.relay(services.ctx.take_changes())
    assert indicator.moments.text() == "At the decisions: Ada Nowak 10:40 ⚠ not quorate"
    services.decisions.now = lambda: START + timedelta(minutes=55)
    services.decisions.record(
        conference.id, family.children[0].id, DecisionInput(Outcome.PLAN_MADE, "P", Category.NEGLECT)
    )
    hub.relay(services.ctx.take_changes())
    assert indicator.moments.text() == "At the decisions: Ada Nowak 10:55 ✔ quorate"


def test_join_and_leave_times_typed_in_after_the_meeting(qtbot, services, settings, booked):
    """From the chair's notes: typed times are stored (England's time, on the conference's day), shown
    back in the list, undone in one step; a time that is not one is said next to the fields."""
    _family, conference = booked
    meeting = _meeting(qtbot, services, settings, conference.id)
    panel = meeting.attendance
    panel.select_person("DC Siân Evans")
    qtbot.keyClicks(panel.joined_at, "10.05")
    qtbot.keyClicks(panel.left_at, "1125")
    qtbot.mouseClick(panel.times_button, Qt.MouseButton.LeftButton)
    police = _by_name(services, conference.id, "DC Siân Evans")
    assert (police.joined_at, police.left_at) == (
        datetime.combine(conference.date, datetime.min.time()).replace(hour=10, minute=5),  # GMT in November
        datetime.combine(conference.date, datetime.min.time()).replace(hour=11, minute=25),
    )
    assert police.attendance is Attendance.ATTENDED
    assert "joined 10:05, left 11:25" in police.times_text
    panel.select_person("DC Siân Evans")
    assert (panel.joined_at.text(), panel.left_at.text()) == ("10:05", "11:25")

    panel.left_at.setText("half past")
    qtbot.mouseClick(panel.times_button, Qt.MouseButton.LeftButton)
    assert "Type the time left as hh:mm" in panel.times_error.text()
    assert _by_name(services, conference.id, "DC Siân Evans").left_at == police.left_at  # nothing stored

    panel.left_at.setText("09:00")  # before they joined: refused by the service, said in place
    qtbot.mouseClick(panel.times_button, Qt.MouseButton.LeftButton)
    assert "cannot leave before they joined" in panel.times_error.text()

    panel.undo_stack.undo()
    undone = _by_name(services, conference.id, "DC Siân Evans")
    assert (undone.joined_at, undone.left_at) == (None, None)
