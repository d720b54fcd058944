"""The clerk's queue in the GUI: type the summary (saved within a second), send for approval, the chair
approves and it locks, an amendment makes a new version; the distribution list is kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.records import queue_model, recipient_model, version_model
from tests.conftest import TODAY
from tests.signing import with_key

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvorak", Role.CLERK)
MANAGER = User("u3", "mo", "Mo Farah", Role.MANAGER)


@pytest.fixture
def area(qtbot, services):
    family = services.families.create_family(
        "R-9", "Khan family", [ChildInput("Aisha", "Khan", date(2019, 2, 2))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=2), clock_start=TODAY - timedelta(days=12)
    )
    services.records.get(conference.id)
    services.ctx.session.user = CLERK
    hub = ChangeHub()
    widget = RecordsArea(services, hub)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.queue_table.selectRow(0)
    return widget


def test_queue_and_models(area, qtmodeltester, services):
    assert area.queue.rowCount() == 1
    assert "working days left" in area.queue.index(0, 0).data()
    qtmodeltester.check(area.queue)
    for model in (queue_model(), recipient_model(), version_model()):
        qtmodeltester.check(model)


def test_typing_is_saved_within_a_second(area, qtbot, services):
    qtbot.keyClicks(area.editors[SectionKey.PURPOSE], "Review of the plan for Aisha.")
    qtbot.waitUntil(lambda: not area._pending, timeout=1000)
    record = services.records.get(area.record.conference_id)
    assert record.sections[0].text == "Review of the plan for Aisha."


def test_approve_lock_amend(area, qtbot, services):
    qtbot.keyClicks(area.editors[SectionKey.LEGAL], "No proceedings.")
    area.move_buttons[RecordState.WITH_CLERK].click()
    area.move_buttons[RecordState.AWAITING_APPROVAL].click()
    assert area.record.state is RecordState.AWAITING_APPROVAL
    # issue 12: the clerk is not shown Approve and lock (the services refuse it too, said inline)
    assert not area.move_buttons[RecordState.FINAL].isVisible()
    area.move_to(RecordState.FINAL)
    assert "may not" in area.message.text()
    with_key(services, CHAIR)  # approvals are signed: the chair's key unlocked
    area.refresh()
    approve(area)
    assert area.record.state is RecordState.FINAL
    assert area.editors[SectionKey.LEGAL].isReadOnly()
    assert area.state_label.text().startswith("🔒")
    assert area.versions.rowCount() == 1

    area.amend_button.click()
    assert not area.editors[SectionKey.LEGAL].isReadOnly()
    qtbot.keyClick(area.editors[SectionKey.LEGAL], Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(area.editors[SectionKey.LEGAL], " PLO letter sent.")
    area.save_amend_button.click()
    assert "Say why" in area.amend_error.text()  # issue 12: beside the amendment, not at the top
    qtbot.keyClicks(area.amend_reason, "Legal update omitted")
    area.save_amend_button.click()
    assert area.versions.rowCount() == 2
    area.version_table.selectRow(0)
    assert "No proceedings." in area.version_view.toPlainText()
    assert "PLO letter" not in area.version_view.toPlainText()
    area.version_table.selectRow(1)
    assert "No proceedings. PLO letter sent." in area.version_view.toPlainText()


def approve(area) -> None:
    """The chair presses Approve and lock… and confirms with Lock it."""
    assert area.move_buttons[RecordState.FINAL].isVisible()
    area.move_buttons[RecordState.FINAL].click()
    assert area.confirm.isVisible()
    area.confirm.lock_button.click()


def to_approval(area, services, qtbot) -> None:
    qtbot.keyClicks(area.editors[SectionKey.LEGAL], "No proceedings.")
    area.move_buttons[RecordState.WITH_CLERK].click()
    area.move_buttons[RecordState.AWAITING_APPROVAL].click()
    assert area.record.state is RecordState.AWAITING_APPROVAL
    with_key(services, CHAIR)  # approvals are signed: the chair's key unlocked
    area.refresh()


def test_approve_and_lock_names_what_it_locks_and_waits_for_confirmation(area, qtbot, services):
    to_approval(area, services, qtbot)
    button = area.move_buttons[RecordState.FINAL]
    assert button.isVisible()
    assert not area.confirm.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert area.confirm.isVisible()
    question = area.confirm.question.text()
    for part in ("Khan family", "(R-9)", "Initial", area.record.held_on.strftime("%B %Y"), "version 1"):
        assert part in question, part
    assert "Priya Raman" in question
    assert area.record.state is RecordState.AWAITING_APPROVAL  # nothing locked yet
    assert not button.isEnabled()  # one question at a time
    qtbot.keyClick(area.confirm, Qt.Key.Key_Escape)  # Not yet
    assert not area.confirm.isVisible()
    assert services.records.get(area.record.conference_id).state is RecordState.AWAITING_APPROVAL
    assert "Not approved" in area.message.text()
    assert button.isEnabled()
    button.click()
    assert area.confirm.lock_button.hasFocus() or area.confirm.lock_button.isDefault()
    area.confirm.lock_button.click()
    assert services.records.get(area.record.conference_id).state is RecordState.FINAL
    assert area.state_label.text().startswith("🔒")


def test_approve_is_shown_only_to_those_who_may_approve(area, qtbot, services):
    to_approval(area, services, qtbot)
    assert area.move_buttons[RecordState.FINAL].isVisible()
    assert area.return_button.isVisible()
    services.ctx.session.user = CLERK
    area.refresh()
    assert not area.move_buttons[RecordState.FINAL].isVisible()
    assert not area.return_button.isVisible()  # only the approver sends it back
    assert area.move_buttons[RecordState.AWAITING_APPROVAL].isVisible()
    services.ctx.session.user = MANAGER
    area.refresh()
    assert not any(b.isVisible() for b in area.move_buttons.values())
    assert area.editors[SectionKey.PURPOSE].isReadOnly()  # a manager reads only, and is told so
    assert area.lock_note.isVisible()
    assert "manager" in area.lock_note.text()


def test_typing_into_a_final_record_says_why_beside_the_field(area, qtbot, services):
    to_approval(area, services, qtbot)
    approve(area)
    editor = area.editors[SectionKey.LEGAL]
    assert editor.isReadOnly()
    assert area.lock_note.isVisible()
    assert "final" in area.lock_note.text()
    refusal = area.refusals[editor]
    assert not refusal.isVisible()
    editor.setFocus()
    qtbot.keyClicks(editor, "x")
    assert editor.toPlainText() == "No proceedings."  # nothing changed
    assert refusal.isVisible()
    assert "Legal" in refusal.text()
    assert "Amend final record" in refusal.text()
    assert not area.refusals[area.editors[SectionKey.PURPOSE]].isVisible()  # only beside that field
    # the label sits right under its field
    gap = (
        refusal.mapTo(area, refusal.rect().topLeft()).y() - editor.mapTo(area, editor.rect().bottomLeft()).y()
    )
    assert 0 <= gap < 20
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # moving about is not typing
    area.amend_button.click()
    assert not refusal.isVisible()
    assert not editor.isReadOnly()


def test_amend_is_in_the_header_and_its_errors_beside_it(area, qtbot, services):
    to_approval(area, services, qtbot)
    approve(area)
    area.resize(1024, 700)
    area.sections_scroll.verticalScrollBar().setValue(0)
    amend = area.amend_button
    assert amend.isVisible()
    # not inside the scrolling sections: reachable whatever the scroll position
    assert not area.sections_scroll.widget().isAncestorOf(amend)
    assert (
        amend.mapTo(area, amend.rect().topLeft()).y()
        < area.sections_scroll.mapTo(area, area.sections_scroll.rect().topLeft()).y()
    )
    amend.click()
    area.save_amend_button.click()
    assert area.amend_error.isVisible()
    assert "Say why" in area.amend_error.text()
    assert not area.sections_scroll.widget().isAncestorOf(area.amend_error)
    qtbot.keyClicks(area.amend_reason, "Legal update omitted")
    assert not area.amend_error.isVisible()  # cleared as soon as the reason is good enough
    area.cancel_amend_button.click()
    assert not area.amending
    assert area.editors[SectionKey.LEGAL].isReadOnly()
    assert area.versions.rowCount() == 1


def test_distribution_list(area, qtbot, services):
    qtbot.keyClicks(area.recipient_role, "GP")
    qtbot.keyClicks(area.recipient_name, "Dr Jones")
    qtbot.keyClick(area.recipient_name, Qt.Key.Key_Return)
    assert area.recipients.rowCount() == 1
    assert area.recipients.index(0, 3).data() == "Not yet sent"
    area.recipient_table.selectRow(0)
    area.mark_sent_button.click()  # not yet approved: refused, said inline
    assert "approved" in area.message.text()
    assert services.records.get(area.record.conference_id).recipients[0].role == "GP"


def test_the_confirmation_and_amendment_are_not_clipped_at_1024x700_and_150_percent(area, qtbot, services):
    from iro_desktop.ui.text_size import NORMAL, apply_text_size

    to_approval(area, services, qtbot)
    apply_text_size(150)
    try:
        area.resize(1024 - 250, 700 - 90)  # the work area of a 1024×700 window (areas list, menus, bars)
        qtbot.wait(50)  # the new text size reaches every widget
        area.move_buttons[RecordState.FINAL].click()
        qtbot.wait(50)  # the layout settles after the text size and the new panel
        question = area.confirm.question
        assert question.isVisible()
        assert question.heightForWidth(question.width()) <= question.height()
        assert area.confirm.lock_button.isVisible()
        area.confirm.lock_button.click()
        area.amend_button.click()
        area.save_amend_button.click()
        qtbot.wait(50)
        error = area.amend_error
        assert error.isVisible()
        assert error.heightForWidth(error.width()) <= error.height()
    finally:
        apply_text_size(NORMAL)


def test_approve_says_what_the_census_check_finds_for_the_records_children(area, qtbot, services):
    """Issue 17: the census rules are checked before a record is made final (a warning, in words)."""
    conference_id = area.record.conference_id
    services.ctx.session.user = CHAIR
    held_on = services.conferences.get(conference_id).scheduled_date  # Saturday 21 November 2026
    services.conferences.mark_held(conference_id, held_on)
    services.ctx.session.user = CLERK
    to_approval(area, services, qtbot)
    area.move_buttons[RecordState.FINAL].click()
    assert area.confirm.census.isVisible()
    text = area.confirm.census.text()
    assert "finds 1 problem for this record's children" in text
    assert "Aisha Khan: An initial conference cannot be held on a weekend (rule 8875)" in text
    area.confirm.lock_button.click()  # a warning, never a block
    assert services.records.get(conference_id).state is RecordState.FINAL
