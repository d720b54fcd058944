"""GUI: the meeting's flow as a chair walks it (issue 12, item 4), in the real main window with the
full-size map: opening is looking, Start meeting or the first change starts it; Finish records the held
date; the checks follow attendance and the map at once; nothing moves under the pointer; plan dates are
typed as dates; English reading order with Arabic-script names; a refused map change is never "saved"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.clocks import ClockKind, record_distribution_due
from iro_desktop.domain.conference import ConferenceStatus
from iro_desktop.domain.mapping import MAX_ITEM_TEXT, Section
from iro_desktop.domain.plan import PlanActionInput
from iro_desktop.services.demo import load_demo
from iro_desktop.services.rules import CALENDAR
from iro_desktop.ui.actions import shortcut_rows
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.meeting.steps import Step
from iro_desktop.ui.save_status import SAVED
from tests.conftest import TODAY

ARABIC_FIRST = "فاطمة said she feels safe at Nan’s house"


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character (qtbot.keyClicks cannot type non-ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture(autouse=True)
def _no_dialogs(monkeypatch):
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("dialog shown"))
        )


def _window(qtbot, services, settings, size=(1366, 768)) -> MainWindow:
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.load()
    window.show_view("meeting")
    return window


@pytest.fixture
def large(qtbot, services, settings, large_map):
    family, conference_id = large_map(40)
    window = _window(qtbot, services, settings)
    window.meeting.open_conference(conference_id)
    return window, family, conference_id


@pytest.fixture
def demo(qtbot, services, settings):
    family = load_demo(services.ctx)
    assert family is not None
    conference = next(c for c in services.conferences.all() if c.family_id == family.id)
    window = _window(qtbot, services, settings)
    window.meeting.open_conference(conference.id)
    return window, conference


def _status(services, conference_id: str) -> ConferenceStatus:
    return services.mapping.conference(conference_id).status


# --- opening is looking; starting is the chair's -------------------------------------------------------


def test_choosing_a_conference_opens_it_to_look_at_and_start_meeting_starts_it(qtbot, large, services):
    window, _family, conference_id = large
    meeting = window.meeting
    assert meeting.controller.conference_id == conference_id
    assert _status(services, conference_id) is ConferenceStatus.SCHEDULED  # looking changes nothing
    assert meeting.status.text() == "Status: ○ Not started"
    assert meeting.start_button.isEnabled()
    assert meeting.start_action is window.action_map["meeting_start"]
    assert meeting.start_action.shortcut().toString() == "Ctrl+Shift+S"
    assert ("Start meeting", "Ctrl+Shift+S") in shortcut_rows(window.action_map)  # listed under F1
    meeting.board.focus_section(Section.STRENGTHS)
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _status(services, conference_id) is ConferenceStatus.IN_PROGRESS
    assert meeting.status.text() == "Status: ● In progress"
    assert not meeting.start_button.isEnabled()
    assert "in progress" in meeting.picker.currentText()


def test_the_first_change_starts_the_meeting(qtbot, demo, services):
    window, conference = demo
    meeting = window.meeting
    assert _status(services, conference.id) is ConferenceStatus.SCHEDULED
    window.action_map["meeting_step_1"].trigger()
    meeting.attendance.table.selectRow(0)
    qtbot.mouseClick(meeting.attendance.buttons[Attendance.ATTENDED], Qt.MouseButton.LeftButton)
    assert _status(services, conference.id) is ConferenceStatus.IN_PROGRESS
    assert "In progress" in meeting.status.text()


def test_browsing_another_conference_leaves_both_as_they_were(qtbot, demo, services):
    window, conference = demo
    meeting = window.meeting
    before = {c.id: c.status for c in services.conferences.all()}
    other = next(c for c in services.conferences.all() if c.id != conference.id)
    meeting.open_conference(other.id)
    assert {c.id: c.status for c in services.conferences.all()} == before


# --- finishing records the held date -------------------------------------------------------------------


def test_finish_meeting_records_the_held_date_typed_on_the_handouts_step(qtbot, large, services):
    window, _family, conference_id = large
    meeting = window.meeting
    meeting.start()
    window.action_map["meeting_step_5"].trigger()
    handouts = meeting.handouts
    assert handouts.held_on.text() == TODAY.strftime("%d/%m/%Y")  # booked for today: prefilled today
    # A date in the future: said under the field, no dialog, the meeting stays open.
    handouts.held_on.setText((TODAY + timedelta(days=2)).strftime("%d/%m/%Y"))
    qtbot.mouseClick(handouts.finish, Qt.MouseButton.LeftButton)
    assert "future" in handouts.errors.messages("held_on")
    assert handouts.errors.label("held_on").isVisible()
    assert _status(services, conference_id) is ConferenceStatus.IN_PROGRESS
    # Correcting the date clears the message at once, before anything is pressed.
    held = TODAY - timedelta(days=1)
    handouts.held_on.clear()
    qtbot.keyClicks(handouts.held_on, held.strftime("%d/%m/%Y"))
    assert handouts.errors.messages("held_on") == ""
    qtbot.mouseClick(handouts.finish, Qt.MouseButton.LeftButton)
    conference = services.conferences.get(conference_id)
    assert conference.status is ConferenceStatus.HELD
    assert conference.held_on == held
    # The clocks start from the held date, in the strip too.
    rules = services.rules.get().clocks
    distribution = record_distribution_due(held, rules, CALENDAR)
    clocks = {c.kind: c for c in services.clocks.for_conference(conference_id)}
    assert clocks[ClockKind.RECORD_DISTRIBUTION].due == distribution
    assert f"{distribution:%d %b %Y}" in meeting.strip.texts()[ClockKind.RECORD_DISTRIBUTION.label]
    assert clocks[ClockKind.CORE_GROUP].due is not None
    assert meeting.strip.texts()[ClockKind.CORE_GROUP.label] != "–"
    assert meeting.strip.texts()[ClockKind.NEXT_REVIEW.label] != "–"
    assert meeting.status.text() == f"Status: ✔ Held on {held:%d %b %Y}"


def test_a_bad_held_date_sends_the_header_finish_to_the_field(qtbot, large, services):
    window, _family, conference_id = large
    meeting = window.meeting
    window.action_map["meeting_step_2"].trigger()
    meeting.handouts.held_on.setText("31/02/2026")
    qtbot.mouseClick(meeting.finish_button, Qt.MouseButton.LeftButton)
    assert meeting.current_step() is Step.HANDOUTS
    assert "as a date" in meeting.handouts.errors.messages("held_on")
    assert _status(services, conference_id) is ConferenceStatus.SCHEDULED


# --- the checks follow attendance and the map ------------------------------------------------------------


def test_checks_before_the_decision_follow_attendance_and_the_map_at_once(qtbot, demo, services):
    window, conference = demo
    meeting = window.meeting
    window.action_map["meeting_step_3"].trigger()
    panel = meeting.decisions.panel
    assert panel.isVisible()
    invitations = services.attendance.invitations(conference.id)
    # Everyone sends apologies from the strip's step... (the attendance page marks; the checks are shown)
    for invitation in invitations:
        services.attendance.set_attendance(invitation.id, Attendance.APOLOGIES, "")
    window.hub.announce("attendance")
    assert "Quoracy" in panel.checks_label.text()
    assert (
        "Not quorate" in meeting.strip.quoracy.label.text()
        or "not quorate" in meeting.strip.quoracy.label.text()
    )
    # The chair records a reason to go on in the strip: the check goes at once.
    meeting.strip.quoracy.reason.setText("The family asked to go ahead; agencies sent reports")
    qtbot.mouseClick(meeting.strip.quoracy.record, Qt.MouseButton.LeftButton)
    assert "Quoracy" not in panel.checks_label.text()
    # A danger statement added on the map (from the keyboard or anywhere): checked at once.
    item_id = meeting.controller.add_item(Section.DANGER, "Dad drives the children after drinking")
    assert item_id is not None
    assert "Dad drives the children after drinking" in panel.checks_label.text()
    meeting.controller.undo()
    assert "Dad drives the children after drinking" not in panel.checks_label.text()


def test_checks_hidden_while_typing_the_map_catch_up_when_shown(qtbot, demo, services):
    window, conference = demo
    meeting = window.meeting
    window.action_map["meeting_step_2"].trigger()
    assert meeting.controller.add_item(Section.DANGER, "Mum leaves the baby alone at night")
    window.action_map["meeting_step_3"].trigger()
    assert "Mum leaves the baby alone at night" in meeting.decisions.panel.checks_label.text()


# --- nothing moves under the pointer ---------------------------------------------------------------------


def _top_left(widget: QWidget) -> QPoint:
    QApplication.processEvents()
    return widget.mapToGlobal(QPoint(0, 0))


def test_attendance_table_keeps_its_place_when_quoracy_flips(qtbot, demo, services):
    window, conference = demo
    meeting = window.meeting
    window.action_map["meeting_step_1"].trigger()
    table = meeting.attendance.table
    place = _top_left(table)
    quorate_before = meeting.strip.quoracy.result
    assert quorate_before is not None
    count = len(services.attendance.invitations(conference.id))
    flipped = False
    for row in range(count):
        meeting.attendance.table.selectRow(row)
        qtbot.mouseClick(meeting.attendance.buttons[Attendance.APOLOGIES], Qt.MouseButton.LeftButton)
        assert _top_left(table) == place, f"moved after marking row {row}"
        flipped = flipped or meeting.strip.quoracy.override_row.isVisible()
    assert flipped  # the banner grew its "go on anyway" row, and the table stayed put
    for _ in range(count):
        window.action_map["undo"].trigger()
        assert _top_left(table) == place
    # A message about the marking (no one chosen) does not push the table down either.
    table.clearSelection()
    meeting.attendance.mark(Attendance.ATTENDED)
    assert meeting.attendance.error.isVisible()
    assert _top_left(table) == place


def test_decision_forms_keep_their_place_when_checks_come_and_go(qtbot, demo, services):
    window, conference = demo
    meeting = window.meeting
    window.action_map["meeting_step_3"].trigger()
    tabs = meeting.decisions.panel.tabs
    place = _top_left(tabs)
    for text in ("One worry", "Two worries", "Three worries", "Four worries", "Five worries"):
        meeting.controller.add_item(Section.DANGER, text)
        assert _top_left(tabs) == place
    for invitation in services.attendance.invitations(conference.id):
        services.attendance.set_attendance(invitation.id, Attendance.APOLOGIES, "")
    window.hub.announce("attendance")
    assert _top_left(tabs) == place


def test_the_map_keeps_its_place_when_the_note_above_changes(qtbot, large):
    window, _family, _conference_id = large
    meeting = window.meeting
    window.action_map["meeting_step_2"].trigger()
    place = _top_left(meeting.board)
    meeting.info.setText("⚠ " + "A long message about the conference that wraps. " * 8)
    assert _top_left(meeting.board) == place
    meeting.info.setText("Short.")
    assert _top_left(meeting.board) == place


# --- plan dates, Tab, row heights, the table's room --------------------------------------------------------


def _plan(window, services, conference_id, goal: bool = False):
    goals = services.meeting.safety_goals(conference_id)
    services.plans.add_action(
        conference_id,
        PlanActionInput(
            what="Mum to attend the Freedom programme", safety_goal_id=goals[0][0] if goal else ""
        ),
    )
    window.hub.announce("plan")
    window.action_map["meeting_step_4"].trigger()
    return window.meeting.decisions.builder


def test_typing_a_by_when_date_stores_that_date_and_tab_goes_to_the_next_cell(qtbot, large, services):
    window, _family, conference_id = large
    builder = _plan(window, services, conference_id)
    table = builder.table
    table.setFocus()
    table.setCurrentIndex(builder.model.index(0, 3))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "08/12/2026")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert services.plans.actions(conference_id)[0].by_when == date(2026, 12, 8)
    assert table.currentIndex().column() == 4  # the next cell, its editor open
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert builder.model.index(0, 3).data() == "08 Dec 2026"


def test_a_by_when_that_is_not_a_date_is_said_and_kept_not_stored_as_today(qtbot, large, services):
    window, _family, conference_id = large
    builder = _plan(window, services, conference_id)
    table = builder.table
    table.setFocus()
    table.setCurrentIndex(builder.model.index(0, 3))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "31/02/2026")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor  # still open, with the text
    assert editor.text() == "31/02/2026"
    assert "not a date" in builder.table_problem.text()
    assert services.plans.actions(conference_id)[0].by_when is None
    editor.setText("")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert builder.table_problem.isHidden()
    assert services.plans.actions(conference_id)[0].by_when is None  # blank is "no date", as it was


def test_a_linked_goal_does_not_make_one_row_fill_the_table(qtbot, large, services):
    window, _family, conference_id = large
    builder = _plan(window, services, conference_id, goal=True)
    for _ in range(3):
        services.plans.add_action(conference_id, PlanActionInput(what="Gran to collect from school"))
    window.hub.announce("plan")
    qtbot.waitUntil(lambda: builder.table.rowHeight(0) > 0)
    QApplication.processEvents()
    line = builder.table.fontMetrics().lineSpacing()
    assert builder.table.rowHeight(0) <= 3 * line + 8
    assert builder.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)  # the whole goal, on hover
    rows_in_view = builder.table.viewport().height() // builder.table.rowHeight(0)
    assert rows_in_view >= 3


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_the_plan_table_keeps_a_usable_height_on_a_small_screen(qtbot, services, settings, large_map, size):
    _family, conference_id = large_map(40)
    for n in range(6):
        services.plans.add_action(conference_id, PlanActionInput(what=f"Action {n}: " + "words " * 20))
    window = _window(qtbot, services, settings, size)
    window.meeting.open_conference(conference_id)
    window.action_map["meeting_step_4"].trigger()
    builder = window.meeting.decisions.builder
    qtbot.wait(50)  # the layout settles
    table = builder.table
    cap = 3 * table.fontMetrics().lineSpacing() + 8
    assert table.height() >= 4 * cap  # several rows, never a sliver
    # Nothing of the actions box is laid over the table.
    bottom = table.mapTo(builder, QPoint(0, table.height())).y()
    for widget in (builder.new_action, builder.add_button, builder.remove_button):
        assert widget.mapTo(builder, QPoint(0, 0)).y() >= bottom


# --- English reading order with Arabic-script text ---------------------------------------------------------


def _starts_at_left(edit: QLineEdit) -> bool:
    """Position 0 of an Arabic-first text sits left of the middle when the paragraph reads left to right
    (right to left would put it at the far right)."""
    edit.setCursorPosition(0)
    return edit.cursorRect().x() < edit.width() // 2


def test_arabic_first_text_keeps_english_order_in_decisions_and_plan(qtbot, large, services):
    window, family, _conference_id = large
    window.action_map["meeting_step_4"].trigger()
    builder = window.meeting.decisions.builder
    builder.new_action.setFocus()
    type_text(builder.new_action, ARABIC_FIRST)
    assert builder.new_action.text() == ARABIC_FIRST  # stored text is never changed
    assert _starts_at_left(builder.new_action)
    builder.bottom_lines.setPlainText(ARABIC_FIRST)
    block = builder.bottom_lines.document().firstBlock()
    assert block.textDirection() is Qt.LayoutDirection.LeftToRight
    window.action_map["meeting_step_3"].trigger()
    panel = window.meeting.decisions.panel
    for form in panel.forms:
        for edit in form.findChildren(QLineEdit):
            edit.setText(ARABIC_FIRST)
            assert _starts_at_left(edit), edit.accessibleName()
    arabic = next(c for c in family.children if any("\u0600" <= ch <= "\u06ff" for ch in c.full_name))
    index = next(i for i, f in enumerate(panel.forms) if f.child.id == arabic.id)
    assert panel.tabs.tabText(index).startswith(f"\u2068{arabic.full_name}\u2069")


def test_arabic_first_text_keeps_english_order_in_the_family_dialogs(qtbot, services, settings):
    window = _window(qtbot, services, settings)
    window.show_view("families")
    area = window.areas["families"]
    area.new_family()
    dialog = area.dialog
    name = next(e for e in dialog.findChildren(QLineEdit) if e.accessibleName() == "Family name")
    name.setText(ARABIC_FIRST)
    assert _starts_at_left(name)
    dialog.reject()


# --- families: Add child, inline errors ---------------------------------------------------------------------


def test_add_child_after_saving_a_new_family_belongs_to_it_and_names_it(qtbot, services, settings):
    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    window.show_view("families")
    area = window.areas["families"]
    area.refresh()
    area.family_table.selectRow(0)
    before = area.selected_family()
    area.new_family()
    dialog = area.dialog
    dialog.reference.setText("NEW-1")
    dialog.name.setText("Kowalczyk family")
    dialog.child.given.setText("Ola")
    dialog.child.family_name.setText("Kowalczyk")
    dialog.child.dob.setText("01/02/2020")
    dialog.save()
    assert not dialog.isVisible()
    chosen = area.selected_family()
    assert chosen is not None
    assert chosen.reference == "NEW-1"
    assert before is None or chosen.id != before.id
    qtbot.mouseClick(area.add_child_button, Qt.MouseButton.LeftButton)
    child_dialog = area.dialog
    assert "Kowalczyk family" in child_dialog.windowTitle()
    assert child_dialog.family.id == chosen.id
    child_dialog.reject()


def test_a_field_error_clears_as_soon_as_the_field_is_valid(qtbot, services, settings):
    window = _window(qtbot, services, settings)
    window.show_view("families")
    area = window.areas["families"]
    area.new_family()
    dialog = area.dialog
    dialog.save()  # everything empty: problems under the fields, the dialog stays
    errors = dialog.errors
    assert errors.messages("name")
    assert errors.messages("children[0].given_name")
    qtbot.keyClicks(dialog.name, "Nowak family")
    assert errors.messages("name") == ""  # gone with the first valid keystroke, before Save
    assert errors.messages("children[0].given_name")  # the others stay until they are right
    qtbot.keyClicks(dialog.child.given, "Ola")
    assert errors.messages("children[0].given_name") == ""
    dialog.child.dob.setText("32/13/2020")
    dialog.save()
    assert errors.messages("children[0].date_of_birth")
    dialog.child.dob.setText("32/13/202")
    assert errors.messages("children[0].date_of_birth")  # still not a date: the message stays
    dialog.child.dob.setText("01/02/2020")
    assert errors.messages("children[0].date_of_birth") == ""
    dialog.reject()


# --- a refused paste is not "saved" ---------------------------------------------------------------------


def test_a_paste_too_long_for_an_item_is_called_refused_not_saved(qtbot, large, services):
    window, _family, conference_id = large
    meeting = window.meeting
    window.action_map["meeting_step_2"].trigger()
    before = len(services.mapping.board(conference_id).items)
    assert meeting.controller.add_item(Section.STRENGTHS, "x" * (MAX_ITEM_TEXT + 1)) is None
    status = window.save_status.text()
    assert status != SAVED
    assert not window.save_status.is_saved
    assert "refused" in status
    assert str(MAX_ITEM_TEXT) in status
    assert len(services.mapping.board(conference_id).items) == before
    assert meeting.controller.add_item(Section.STRENGTHS, "Nan visits every day") is not None
    assert window.save_status.is_saved


def test_meeting_messages_clear_as_soon_as_what_they_ask_for_is_done(qtbot, demo, services):
    window, conference = demo
    meeting = window.meeting
    quoracy = meeting.strip.quoracy
    for invitation in services.attendance.invitations(conference.id):
        services.attendance.set_attendance(invitation.id, Attendance.APOLOGIES, "")
    window.hub.announce("attendance")
    qtbot.mouseClick(quoracy.record, Qt.MouseButton.LeftButton)  # no reason yet
    assert quoracy.error.text()
    qtbot.keyClicks(quoracy.reason, "Family asked to go ahead")
    assert quoracy.error.text() == ""
    window.action_map["meeting_step_1"].trigger()
    attendance = meeting.attendance
    attendance.table.clearSelection()
    attendance.mark(Attendance.ATTENDED)
    assert "Choose a person" in attendance.error.text()
    attendance.table.selectRow(0)
    assert attendance.error.text() == ""
    attendance.mark(Attendance.EXCLUDED)
    assert "excluded" in attendance.error.text()
    qtbot.keyClicks(attendance.exclusion, "Threatened staff")
    assert attendance.error.text() == ""


def test_a_late_held_date_asks_for_the_reason_and_the_message_goes_when_typed(
    qtbot, services, settings, large_map
):
    from iro_desktop.domain.conference import ConferenceType

    family, _conference_id = large_map(12)
    from iro_desktop.domain.attendance import AdvocacyAnswer

    advocacy = {c.id: (AdvocacyAnswer.ACCEPTED.value, "Referred") for c in family.children}
    late = services.conferences.book(  # booked in timescale, finished after the last day
        family.id,
        ConferenceType.INITIAL,
        TODAY - timedelta(days=20),
        clock_start=TODAY - timedelta(days=30),
        advocacy=advocacy,
    )
    window = _window(qtbot, services, settings)
    window.meeting.open_conference(late.id)
    window.action_map["meeting_step_5"].trigger()
    handouts = window.meeting.handouts
    assert handouts.held_on.text() == late.scheduled_date.strftime("%d/%m/%Y")  # its day has passed
    handouts.held_on.setText(TODAY.strftime("%d/%m/%Y"))
    qtbot.mouseClick(handouts.finish, Qt.MouseButton.LeftButton)
    assert "Record why it was late" in handouts.errors.messages("lateness_reason")
    assert services.mapping.conference(late.id).status is ConferenceStatus.SCHEDULED
    qtbot.keyClicks(handouts.lateness, "Police report late")
    assert handouts.errors.messages("lateness_reason") == ""
    qtbot.mouseClick(handouts.finish, Qt.MouseButton.LeftButton)
    assert services.conferences.get(late.id).lateness_reason == "Police report late"
