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
    area.move_buttons[RecordState.FINAL].click()  # the clerk may not approve
    assert "may not" in area.message.text()
    with_key(services, CHAIR)  # approvals are signed: the chair's key unlocked
    area.move_buttons[RecordState.FINAL].click()
    assert area.record.state is RecordState.FINAL
    assert area.editors[SectionKey.LEGAL].isReadOnly()
    assert area.state_label.text().startswith("🔒")
    assert area.versions.rowCount() == 1

    area.amend_button.click()
    assert not area.editors[SectionKey.LEGAL].isReadOnly()
    qtbot.keyClick(area.editors[SectionKey.LEGAL], Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(area.editors[SectionKey.LEGAL], " PLO letter sent.")
    area.save_amend_button.click()
    assert "Say why" in area.message.text()
    qtbot.keyClicks(area.amend_reason, "Legal update omitted")
    area.save_amend_button.click()
    assert area.versions.rowCount() == 2
    area.version_table.selectRow(0)
    assert "No proceedings." in area.version_view.toPlainText()
    assert "PLO letter" not in area.version_view.toPlainText()
    area.version_table.selectRow(1)
    assert "No proceedings. PLO letter sent." in area.version_view.toPlainText()


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
