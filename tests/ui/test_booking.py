"""GUI: book a conference, record attendance, see quoracy and the clocks change; bad input is shown
inline and nothing is stored; undo of attendance on a bare stack; item models pass Qt's tester."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QUndoStack

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.clocks import ClockKind, ClockState
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.services.demo import load_demo
from iro_desktop.ui.booking.attendance_panel import SetAttendanceCommand
from iro_desktop.ui.booking.booking_form import BookingForm
from iro_desktop.ui.booking.conference_panel import ConferencePanel
from iro_desktop.ui.booking.family_forms import ChildDialog, FamilyDialog
from iro_desktop.ui.booking.models import clock_model, due_model, invitation_model, upcoming_model
from iro_desktop.ui.booking.rules_dialog import LocalRulesDialog
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.quoracy_indicator import QuoracyIndicator
from tests.conftest import TODAY


def _setup(services):
    family = services.families.create_family(
        "LA-77",
        "Brontë–Wójcik family",
        [
            ChildInput("Zoë", "Brontë", date(2014, 3, 2), gender=Gender.FEMALE),
            ChildInput("Łucja", "Wójcik", date(2020, 7, 25), gender=Gender.FEMALE),
        ],
    )
    services.families.add_previous_plan(family.children[0].id, date(2022, 1, 3), date(2024, 6, 3), "neglect")
    agencies = {
        kind: services.people.add_agency(name, kind)
        for name, kind in (
            ("Children’s Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE),
            ("Westshire Police", AgencyKind.POLICE),
            ("Community Health", AgencyKind.HEALTH),
        )
    }
    for name, role, kind in (
        ("Amara Okafor", Role.SOCIAL_WORKER, AgencyKind.CHILDRENS_SOCIAL_CARE),
        ("DC Siân Evans", Role.POLICE, AgencyKind.POLICE),
        ("Ruth Abernathy", Role.HEALTH_VISITOR, AgencyKind.HEALTH),
    ):
        services.people.add_person(PersonInput(name, role, agencies[kind].id))
    services.people.add_person(PersonInput("Katarzyna Wójcik", Role.PARENT, family_id=family.id))
    return services.families.get(family.id)


def _type_text(qtbot, widget, text: str) -> None:
    """Type like a person; non-ASCII characters go one key event at a time (keyClicks aborts on them)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.clear()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            QApplication.sendEvent(
                widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
            )


def test_book_record_attendance_and_see_quoracy_and_clocks_change(qtbot, services):
    family = _setup(services)
    hub = ChangeHub()
    form = BookingForm(services, hub, family)
    qtbot.addWidget(form)
    form.show()
    assert "On a plan before: once, last ended 03 Jun 2024" in " ".join(
        label.text() for label in form.findChildren(type(form.due_label))
    )
    form.set_type(ConferenceType.INITIAL)
    _type_text(qtbot, form.clock_start, "09/11/2026")
    assert "Mon 30 Nov 2026" in form.due_label.text()
    _type_text(qtbot, form.scheduled, "25/11/2026")
    assert not form.lateness_row.isVisible()
    _type_text(qtbot, form.venue, "Room 2")
    _type_text(qtbot, form.chair, "Priya Raman")
    for name in ("Amara Okafor", "DC Si", "Ruth Abernathy", "Katarzyna"):
        form.tick(name)
    _type_text(qtbot, form.invited_on, "20/11/2026")
    # Zoë is 12: the advocacy answer is required, shown inline, nothing stored.
    zoe = family.children[0]
    assert form.submit() is None
    assert "say whether advocacy was offered" in form.errors.messages(f"advocacy[{zoe.id}]")
    assert services.conferences.all() == []
    answer, _note = form.advocacy[zoe.id]
    answer.setCurrentIndex(answer.findData("accepted"))
    with qtbot.waitSignal(form.booked, timeout=1000):
        qtbot.mouseClick(
            form.book_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton
        )
    conference = services.conferences.all()[0]
    assert conference.chair_name == "Priya Raman"
    assert len(services.attendance.invitations(conference.id)) == 4

    panel = ConferencePanel(services, hub)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(conference.id)
    assert panel.quoracy.label.text().startswith("⚠ Not quorate")
    clocks = {c.kind: c for c in panel.clocks.items()}
    assert clocks[ClockKind.POLICE_INVITATION].state is ClockState.LATE  # invited 20 Nov, needed by 18 Nov
    assert clocks[ClockKind.REPORT_TO_PARENTS].state is ClockState.DUE_SOON

    # Record attendance with one click each; quoracy follows.
    attendance = panel.attendance
    for name in ("Amara Okafor", "DC Siân Evans"):
        attendance.select_person(name)
        qtbot.mouseClick(attendance.buttons[Attendance.ATTENDED], _left())
    assert "1 more agency needed" in panel.quoracy.label.text()
    attendance.select_person("Ruth Abernathy")
    qtbot.mouseClick(attendance.buttons[Attendance.ATTENDED], _left())
    assert panel.quoracy.label.text().startswith("✔ Quorate")
    attendance.select_person("Ruth Abernathy")
    qtbot.mouseClick(attendance.buttons[Attendance.APOLOGIES], _left())
    assert panel.quoracy.label.text().startswith("⚠ Not quorate")
    attendance.undo_stack.undo()
    assert panel.quoracy.label.text().startswith("✔ Quorate")
    # Excluded needs a reason typed inline.
    attendance.select_person("Katarzyna Wójcik")
    qtbot.mouseClick(attendance.exclude_button, _left())
    assert "Say why" in attendance.error.text()
    _type_text(qtbot, attendance.exclusion, "Risk to a professional")
    qtbot.mouseClick(attendance.exclude_button, _left())
    parent = next(i for i in services.attendance.invitations(conference.id) if i.role is Role.PARENT)
    assert parent.attendance is Attendance.EXCLUDED

    # Report dates: the clocks change.
    _type_text(qtbot, panel.to_parents, "20/11/2026")
    _type_text(qtbot, panel.to_chair, "23/11/2026")
    qtbot.mouseClick(panel.save_reports, _left())
    clocks = {c.kind: c for c in panel.clocks.items()}
    assert clocks[ClockKind.REPORT_TO_PARENTS].state is ClockState.MET
    assert clocks[ClockKind.REPORT_TO_CHAIR].state is ClockState.MET


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_conference_before_its_start_date_shown_inline(qtbot, services):
    family = _setup(services)
    form = BookingForm(services, ChangeHub(), family)
    qtbot.addWidget(form)
    form.show()
    _type_text(qtbot, form.clock_start, "20/11/2026")
    _type_text(qtbot, form.scheduled, "18/11/2026")
    assert form.submit() is None
    assert "cannot be before its start date" in form.errors.messages("scheduled_date")
    _type_text(qtbot, form.scheduled, "31/02/2026")
    assert form.submit() is None
    assert "like 23/11/2026" in form.errors.messages("scheduled_date")
    assert services.conferences.all() == []


def test_review_with_no_earlier_conference_shown_inline(qtbot, services):
    family = _setup(services)
    form = BookingForm(services, ChangeHub(), family)
    qtbot.addWidget(form)
    form.show()
    form.set_type(ConferenceType.FIRST_REVIEW)
    assert form.previous_row.isVisible()
    assert not form.start_row.isVisible()
    _type_text(qtbot, form.scheduled, "20/01/2027")
    assert form.submit() is None
    assert "needs an earlier conference" in form.errors.messages("previous_conference")
    assert services.conferences.all() == []


def test_late_booking_asks_for_reason_inline(qtbot, services):
    family = _setup(services)
    form = BookingForm(services, ChangeHub(), family)
    qtbot.addWidget(form)
    form.show()
    _type_text(qtbot, form.clock_start, "02/11/2026")
    _type_text(qtbot, form.scheduled, "26/11/2026")
    assert form.lateness_row.isVisible()
    assert "late" in form.due_label.text()


def test_birth_date_in_future_and_unborn_without_edd_shown_inline(qtbot, services):
    hub = ChangeHub()
    dialog = FamilyDialog(services, hub)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_text(qtbot, dialog.reference, "LA-9")
    _type_text(qtbot, dialog.name, "Dvořák family")
    assert dialog.child is not None
    _type_text(qtbot, dialog.child.given, "Tomas")
    _type_text(qtbot, dialog.child.family_name, "Dvorak")
    _type_text(qtbot, dialog.child.dob, (TODAY + timedelta(days=3)).strftime("%d/%m/%Y"))
    dialog.save()
    assert "cannot be in the future" in dialog.errors.messages("children[0].date_of_birth")
    assert dialog.errors.labels["children[0].date_of_birth"].isVisible()
    assert services.families.search() == []

    family = _setup(services)
    child_dialog = ChildDialog(services, hub, family)
    qtbot.addWidget(child_dialog)
    child_dialog.show()
    child_dialog.fields.unborn.setChecked(True)
    child_dialog.save()
    assert "expected date of delivery" in child_dialog.errors.messages("expected_date")
    assert len(services.families.get(family.id).children) == 2
    _type_text(qtbot, child_dialog.fields.edd, "01/03/2027")
    child_dialog.save()
    assert len(services.families.get(family.id).children) == 3


def test_attendance_command_on_a_bare_undo_stack(services):
    family = _setup(services)
    sw = next(p for p in services.people.professionals() if p.role is Role.SOCIAL_WORKER)
    booked = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        TODAY + timedelta(days=3),
        clock_start=TODAY,
        advocacy={family.children[0].id: ("declined", "")},
        invite=[sw.id],
    )
    invitation = services.attendance.invitations(booked.id)[0]
    stack = QUndoStack()
    stack.push(SetAttendanceCommand(services, invitation, Attendance.ATTENDED))
    assert services.attendance.get(invitation.id).attendance is Attendance.ATTENDED
    stack.undo()
    assert services.attendance.get(invitation.id).attendance is Attendance.EXPECTED
    stack.redo()
    assert services.attendance.get(invitation.id).attendance is Attendance.ATTENDED


def test_quoracy_indicator_override_reason(qtbot, services):
    load_demo(services.ctx)
    conference = next(c for c in services.conferences.all() if c.scheduled_date > TODAY)
    hub = ChangeHub()
    indicator = QuoracyIndicator(services, conference.id, hub)
    qtbot.addWidget(indicator)
    indicator.show()
    assert indicator.override_row.isVisible()
    indicator.record_override()
    assert "Record why" in indicator.error.text()
    _type_text(qtbot, indicator.reason, "Health and school sent full reports")
    indicator.record_override()
    assert "reason recorded" in indicator.label.text()
    assert not indicator.override_row.isVisible()


def test_local_rules_dialog_changes_the_clocks(qtbot, services):
    hub = ChangeHub()
    dialog = LocalRulesDialog(services, hub)
    qtbot.addWidget(dialog)
    dialog.spins["icpc_working_days"].setValue(0)
    dialog.save()
    assert "from 1 to 60" in dialog.errors.messages("clocks.icpc_working_days")
    assert services.rules.get().clocks.icpc_working_days == 15
    dialog.spins["icpc_working_days"].setValue(10)
    dialog.min_others.setValue(1)
    dialog.save()
    rules = services.rules.get()
    assert (rules.clocks.icpc_working_days, rules.quoracy.min_other_agencies) == (10, 1)


def test_today_and_due_and_menu_actions(qtbot, services, settings):
    load_demo(services.ctx)
    window = MainWindow(services, settings, WhereInfo("test.sqlite3", "/tmp/data"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    today = window.areas["today"]
    assert today.late_model.rowCount() == 1
    assert today.late_model.index(0, 3).data() == "✘ Late"
    assert today.records_model.index(0, 3).data() == "⚠ Overdue"
    assert today.records_model.index(0, 3).data(
        __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.ItemDataRole.BackgroundRole
    )
    assert window.action_map["book_conference"].shortcut().toString() == "Ctrl+B"
    window.action_map["book_conference"].trigger()
    assert window.stack.currentWidget() is window.areas["families"]
    dialog = window.areas["families"].dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.close()


def test_models_pass_the_model_tester(qtmodeltester, services):
    load_demo(services.ctx)
    overview = services.clocks.today_and_due()
    for model, items in (
        (upcoming_model(), overview.upcoming),
        (due_model(), overview.out_of_timescale + overview.records_due),
    ):
        model.set_items(items)
        qtmodeltester.check(model)
    conference = services.conferences.all()[1]
    clocks = clock_model()
    clocks.set_items(services.clocks.for_conference(conference.id))
    qtmodeltester.check(clocks)
    invitations = invitation_model()
    invitations.set_items(services.attendance.invitations(conference.id))
    qtmodeltester.check(invitations)
    assert invitations.rowCount() > 0


def test_people_dialog_adds_agency_and_person_with_inline_problems(qtbot, services, qtmodeltester):
    from iro_desktop.ui.booking.people_dialog import PeopleDialog

    family = _setup(services)
    dialog = PeopleDialog(services, ChangeHub(), family)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.people)
    qtmodeltester.check(dialog.agencies)
    before = len(services.people.professionals())
    dialog.role.setCurrentIndex(dialog.role.findData(Role.POLICE))
    _type_text(qtbot, dialog.name, "DS Łucja Dvořák")
    dialog.add_person()
    assert "Choose the agency" in dialog.errors.messages("agency_id")
    assert len(services.people.professionals()) == before
    _type_text(qtbot, dialog.agency_name, "Youth Offending Service — North")
    dialog.agency_kind.setCurrentIndex(dialog.agency_kind.findData(AgencyKind.YOUTH_OFFENDING))
    dialog.add_agency()
    assert any(a.name == "Youth Offending Service — North" for a in services.people.agencies())
    dialog.agency.setCurrentIndex(dialog.agency.findText("Westshire Police"))
    _type_text(qtbot, dialog.name, "DS Łucja Dvořák")
    dialog.add_person()
    assert len(services.people.professionals()) == before + 1
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CARER))
    dialog.agency.setCurrentIndex(0)
    _type_text(qtbot, dialog.name, "Eileen Brontë")
    dialog.add_person()
    assert [p.name for p in services.people.family_members(family.id)] == [
        "Eileen Brontë",
        "Katarzyna Wójcik",
    ]
    # Family members are found by the register search.
    assert [f.id for f in services.families.search("Eileen")] == [family.id]


def test_panel_marks_held_late_with_reason_and_stands_down_with_link(qtbot, services):
    family = _setup(services)
    advocacy = {family.children[0].id: ("declined", "")}
    first = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 11, 3),
        clock_start=date(2026, 10, 1),
        lateness_reason="x",
        advocacy=advocacy,
    )
    second = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 11, 10),
        clock_start=date(2026, 10, 1),
        lateness_reason="y",
        advocacy=advocacy,
    )
    hub = ChangeHub()
    panel = ConferencePanel(services, hub)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(first.id)
    panel.reason.setCurrentIndex(panel.reason.findData("other"))
    panel.stand_down_button.click()
    assert "Say what the other reason was" in panel.errors.messages("status_note")
    assert services.conferences.get(first.id).status.value == "scheduled"
    panel.reason.setCurrentIndex(panel.reason.findData("interpreter_unavailable"))
    panel.rearranged.setCurrentIndex(panel.rearranged.findData(second.id))
    panel.stand_down_button.click()
    stood = services.conferences.get(first.id)
    assert (stood.status.value, stood.rearranged_to_id) == ("stood_down", second.id)
    assert "Stood down: Interpreter not available" in panel.title.text()

    panel.set_conference(second.id)
    _type_text(qtbot, panel.held_on, "10/11/2026")
    panel.lateness.clear()
    panel.mark_held_button.click()
    # The booking reason carries over, so holding on the booked (late) date needs no new one.
    assert services.conferences.get(second.id).status.value == "held"
    clocks = {c.kind: c for c in panel.clocks.items()}
    assert clocks[ClockKind.CONFERENCE].state is ClockState.LATE
    assert clocks[ClockKind.RECORD_DISTRIBUTION].state is ClockState.PENDING  # due Tue 1 Dec
    _type_text(qtbot, panel.distributed, "20/11/2026")
    panel.save_follow_up.click()
    clocks = {c.kind: c for c in panel.clocks.items()}
    assert clocks[ClockKind.RECORD_DISTRIBUTION].state is ClockState.MET


def test_booking_details_tab_moves_date_and_records_advocacy(qtbot, services):
    family = _setup(services)
    zoe = family.children[0]
    booked = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 11, 25),
        clock_start=date(2026, 11, 9),
        advocacy={zoe.id: ("not_offered", "Too unwell to be asked")},
    )
    hub = ChangeHub()
    panel = ConferencePanel(services, hub)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(booked.id)
    details = panel.details
    combo, note = details.advocacy[zoe.id]
    assert combo.currentData() == "not_offered"
    combo.setCurrentIndex(combo.findData("accepted"))
    details.save_advocacy(zoe.id)
    assert services.conferences.advocacy(booked.id)[0].answer.value == "accepted"
    _type_text(qtbot, details.scheduled, "02/12/2026")  # due Mon 30 Nov
    details.save()
    assert "Say why it is late" in details.errors.messages("lateness_reason")
    assert services.conferences.get(booked.id).scheduled_date == date(2026, 11, 25)
    _type_text(qtbot, details.lateness, "Chair ill")
    details.save()
    assert services.conferences.get(booked.id).scheduled_date == date(2026, 12, 2)
    clocks = {c.kind: c for c in panel.clocks.items()}
    assert clocks[ClockKind.CONFERENCE].state is ClockState.LATE


def test_review_due_on_a_sunday_shows_the_statutory_date_and_a_book_by_hint(qtbot, services):
    """Issue 17: the due date is the calendar date (the report's rule); booking adds a hint."""
    family = _setup(services)
    advocacy = {family.children[0].id: ("declined", "")}
    initial = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 2, 24),
        clock_start=date(2026, 2, 10),
        advocacy=advocacy,
    )
    services.conferences.mark_held(initial.id, date(2026, 2, 24))
    form = BookingForm(services, ChangeHub(), services.families.get(family.id))
    qtbot.addWidget(form)
    form.show()
    form.set_type(ConferenceType.FIRST_REVIEW)
    form.previous.setCurrentIndex(form.previous.findData(initial.id))
    text = form.due_label.text()
    assert "Sun 24 May 2026" in text  # 3 months on, not moved back
    assert "book by <b>Fri 22 May 2026</b>" in text
    _type_text(qtbot, form.scheduled, "24/05/2026")
    assert not form.lateness_row.isVisible()  # held on the due date is in timescale


def test_advocacy_is_asked_by_age_on_the_conference_date_and_re_asked_when_it_moves(qtbot, services):
    """Issue 17: a child who turns 10 between booking and the conference is asked about at booking."""
    family = services.families.create_family(
        "LA-78", "Ní Bhriain family", [ChildInput("Aoife", "Ní Bhriain", date(2016, 12, 10))]
    )
    aoife = family.children[0]
    form = BookingForm(services, ChangeHub(), family)
    qtbot.addWidget(form)
    form.show()
    assert date(2026, 12, 10) > TODAY  # she is 9 today
    assert aoife.id not in form.advocacy
    _type_text(qtbot, form.scheduled, "14/12/2026")  # 10 on the day
    assert aoife.id in form.advocacy
    assert form.advocacy[aoife.id][0].isVisible()
    assert "10 on 14 Dec 2026" in form._child_names[aoife.id].text()
    form.scheduled.clear()
    _type_text(qtbot, form.scheduled, "04/12/2026")  # still 9 on the day
    assert aoife.id not in form.advocacy
    assert not form._advocacy_rows[aoife.id][0].isVisible()
    # The service judges by the conference date too.
    booked = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 12, 4), clock_start=date(2026, 11, 20)
    )
    with pytest.raises(ValidationError) as refused:
        services.conferences.book(
            family.id, ConferenceType.INITIAL, date(2026, 12, 14), clock_start=date(2026, 11, 20)
        )
    assert f"advocacy[{aoife.id}]" in {p.field for p in refused.value.problems}
    # Booking details: moving the conference past her birthday asks about advocacy there.
    panel = ConferencePanel(services, ChangeHub())
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(booked.id)
    assert aoife.id not in panel.details.advocacy
    panel.details.scheduled.clear()
    _type_text(qtbot, panel.details.scheduled, "11/12/2026")
    panel.details.save()
    assert services.conferences.get(booked.id).scheduled_date == date(2026, 12, 11)
    assert aoife.id in panel.details.advocacy
