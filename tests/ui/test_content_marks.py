"""Issue 18 in every editor: Ctrl+Shift+H holds back what is being typed or selected (the record's
sections, a decision's reasons, a dissent, a plan action, an attendance note), the mark is shown in words
and a symbol, the shared strip keeps it from several people at once, and each mark is one undo step;
the attendance records a person out of the room and what is captured meanwhile is kept from them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.audience import EVERYONE, AudienceKind, Reason
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import PersonInput, Role
from iro_desktop.domain.plan import PlanActionInput
from iro_desktop.domain.record import SectionKey
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY


def press(qtbot, widget, combo: str) -> None:  # type: ignore[no-untyped-def]
    """Give `widget` the keyboard and press a key combination, as a user would."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)
    sequence = QKeySequence(combo)[0]
    qtbot.keyClick(widget, sequence.key(), sequence.keyboardModifiers())
    QApplication.processEvents()


@pytest.fixture
def meeting(services):
    family = services.families.create_family(
        "R-18", "Nowak family", [ChildInput("Ada", "Nowak", date(2020, 4, 2))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )
    people = {}
    for name in ("Tomasz Nowak", "Ewa Nowak"):
        person = services.people.add_person(PersonInput(name, Role.PARENT, family_id=family.id))
        services.attendance.invite(conference.id, person.id, TODAY - timedelta(days=8))
        people[name] = person.id
    return conference, family.children[0], people


def test_a_record_section_is_held_back_from_two_people_and_undone(qtbot, services, meeting):
    from iro_desktop.ui.areas.records import RecordsArea

    conference, _child, people = meeting
    services.records.get(conference.id)
    area = RecordsArea(services, ChangeHub())
    qtbot.addWidget(area)
    area.show()
    area.refresh()
    area.queue_table.selectRow(0)
    editor = area.editors[SectionKey.BACKGROUND]
    qtbot.keyClicks(editor, "A new partner lives at the address")
    press(qtbot, editor, "Ctrl+Shift+H")
    assert QApplication.focusWidget() is editor  # typing goes on where it was
    sections = {s.key: s.audience for s in services.records.get(conference.id).sections}
    assert sections[SectionKey.BACKGROUND].kind is AudienceKind.PROFESSIONALS
    marker = area.markers[list(area.editors).index(SectionKey.BACKGROUND)]
    assert marker.mark is not None
    assert marker.mark.text() == "\u2298 Professionals only: no reason given yet"
    strip = marker.strip
    assert strip.isVisible()
    assert QApplication.activeModalWidget() is None
    # Kept from both parents, for third-party information: chosen in place, several people ticked.
    strip.kind.setCurrentIndex(strip.kind.findData(AudienceKind.EXCEPT.value))
    strip.kind.activated.emit(strip.kind.currentIndex())
    boxes = strip._boxes
    boxes[people["Tomasz Nowak"]].setChecked(True)
    boxes[people["Ewa Nowak"]].setChecked(True)
    strip.reason.setCurrentIndex(strip.reason.findData(Reason.THIRD_PARTY.value))
    strip.reason.activated.emit(strip.reason.currentIndex())
    held = {s.key: s.audience for s in services.records.get(conference.id).sections}[SectionKey.BACKGROUND]
    assert held.kind is AudienceKind.EXCEPT
    assert set(held.excluded) == set(people.values())
    assert held.reason is Reason.THIRD_PARTY
    mark = marker.mark.text()
    assert mark.startswith("\u2298 Not to be shared with ")
    assert mark.endswith(": third-party information")
    assert "Ewa Nowak" in mark
    assert "Tomasz Nowak" in mark
    for widget in strip.fields():
        assert widget.accessibleName()
    # Each mark is an undo step on the summary's own stack.
    while area.stack.canUndo() and area.stack.undoText().startswith("Mark"):
        area.stack.undo()
    after = {s.key: s.audience for s in services.records.get(conference.id).sections}[SectionKey.BACKGROUND]
    assert after == EVERYONE


def test_reasons_dissent_and_an_action_are_marked_with_the_keystroke(qtbot, services, meeting):
    from iro_desktop.ui.decisions.panel import ChildDecisionForm
    from iro_desktop.ui.decisions.plan_builder import PlanBuilder

    conference, child, people = meeting
    services.decisions.record(
        conference.id,
        child.id,
        DecisionInput(Outcome.PLAN_MADE, "Chair", Category.NEGLECT, rationale="Police information"),
    )
    services.decisions.add_dissent(conference.id, child.id, DissentInput("Ewa Nowak", "Family", "No", "Why"))
    services.plans.add_action(conference.id, PlanActionInput("Check the new address", "Police"))
    hub, stack = ChangeHub(), QUndoStack()
    form = ChildDecisionForm(services, hub, stack, conference, child)
    qtbot.addWidget(form)
    form.show()
    form.load(services.decisions.for_conference(conference.id)[child.id], (), False)
    form.set_dissents(services.decisions.dissents(conference.id, child.id))

    press(qtbot, form.rationale, "Ctrl+Shift+H")
    assert (
        services.decisions.for_conference(conference.id)[child.id].audience.kind is AudienceKind.PROFESSIONALS
    )
    assert form.reasons_mark.text() == "\u2298 Professionals only: no reason given yet"
    assert form.reasons_strip.isVisible()
    assert stack.undoText().startswith("Mark the reasons")

    form.dissent_table.selectRow(0)
    press(qtbot, form.dissent_table, "Ctrl+Shift+H")
    assert services.decisions.dissents(conference.id)[0].audience.kind is AudienceKind.PROFESSIONALS
    assert QApplication.focusWidget() is form.dissent_strip.reason  # not typing: the reason is next
    column = form.dissents.columnCount() - 1
    assert form.dissents.index(0, column).data() == "\u2298 Professionals only: no reason given yet"
    stack.undo()
    assert services.decisions.dissents(conference.id)[0].audience == EVERYONE

    builder = PlanBuilder(services, hub, stack)
    qtbot.addWidget(builder)
    builder.show()
    builder.set_conference(conference)
    builder.table.setCurrentIndex(builder.model.index(0, 0))
    press(qtbot, builder.table, "Ctrl+Shift+H")
    assert services.plans.actions(conference.id)[0].audience.kind is AudienceKind.PROFESSIONALS
    builder.refresh()
    assert "\u2298 Professionals only" in builder.model.index(0, 0).data()
    assert builder.action_strip.isVisible()
    _ = people


def test_out_of_the_room_restricts_what_is_captured_and_the_note_is_marked(qtbot, services, meeting):
    from iro_desktop.ui.booking.attendance_panel import AttendancePanel

    conference, _child, people = meeting
    hub = ChangeHub()
    panel = AttendancePanel(services, hub)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(conference.id)
    panel.select_person("Tomasz Nowak")
    panel.step_out_button.click()
    assert "Out of the room: Tomasz Nowak" in panel.out_label.text()
    assert "out of the room now" in panel.model.index(panel.table.currentIndex().row(), 5).data()
    item = services.mapping.add_item(conference.id, Section.HARM, "Said while he was out")
    assert item.audience.excluded == (people["Tomasz Nowak"],)
    assert item.audience.reason is Reason.OUT_OF_ROOM
    panel.select_person("Tomasz Nowak")
    panel.back_in_button.click()
    assert not panel.out_label.isVisible()
    assert not services.mapping.add_item(conference.id, Section.HARM, "Back in").audience.restricted
    # The attendance note, held back from the list with the keystroke.
    panel.select_person("Ewa Nowak")
    panel.exclusion.setText("Bail conditions")
    panel.exclude_button.click()
    panel.select_person("Ewa Nowak")
    press(qtbot, panel.table, "Ctrl+Shift+H")
    invitation = next(
        i for i in services.attendance.invitations(conference.id) if i.person_name == "Ewa Nowak"
    )
    assert invitation.note_audience.kind is AudienceKind.PROFESSIONALS
    row = [i.person_name for i in panel.model.items()].index("Ewa Nowak")
    assert "\u2298 Professionals only" in panel.model.index(row, 5).data()


def test_models_with_marks_pass_the_model_tester(qtmodeltester, services, meeting):
    from iro_desktop.ui.booking.models import invitation_model
    from iro_desktop.ui.decisions.models import dissent_model

    conference, child, people = meeting
    names = {v: k for k, v in people.items()}
    model = invitation_model(names, [people["Ewa Nowak"]])
    model.set_items(services.attendance.invitations(conference.id))
    qtmodeltester.check(model)
    services.decisions.record(
        conference.id, child.id, DecisionInput(Outcome.PLAN_MADE, "Chair", Category.NEGLECT)
    )
    services.decisions.add_dissent(conference.id, child.id, DissentInput("A", "B", "C", "D"))
    dissents = dissent_model(names)
    dissents.set_items(services.decisions.dissents(conference.id))
    qtmodeltester.check(dissents)
    assert dissents.index(0, dissents.columnCount() - 1).data() == "Everyone"
