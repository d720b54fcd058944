"""Issue 18 in the GUI: the decision letters panel in the record's page (write a letter, mark it sent),
the queue's letters column, the strip's letter clock, and Tools -> Subject access for a manager."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from iro_desktop.domain.clocks import ClockKind
from iro_desktop.domain.record import SendMethod
from iro_desktop.domain.roles import Role, User
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.meeting.strip import MeetingStrip
from iro_desktop.ui.records.letters_panel import letter_model
from iro_desktop.ui.subject_access_dialog import SubjectAccessDialog, subject_model
from tests.export.pdftext import page_texts
from tests.services.played_meeting import held_before_today, play_demo_meeting
from tests.signing import with_key

MANAGER = User("u3", "lee", "Lee Manager", Role.MANAGER)
CLERK = User("u2", "sam", "Sam Clerk", Role.CLERK)


@pytest.fixture
def played(services):
    played = play_demo_meeting(services)
    held_before_today(services, played.conference_id)
    return played


@pytest.fixture
def area(qtbot, services, played):
    hub = ChangeHub()
    widget = RecordsArea(services, hub)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.open(played.conference_id)
    return widget


def test_the_models(qtmodeltester, area):
    qtmodeltester.check(area.letters.model)
    qtmodeltester.check(letter_model())
    qtmodeltester.check(subject_model())


def test_the_panel_writes_a_letter_and_marks_it_sent(area, services, played, tmp_path, qtbot):
    panel = area.letters
    names = [panel.model.item(r).person_name for r in range(panel.model.rowCount())]
    assert "Katarzyna Wójcik" in names
    row = names.index("Katarzyna Wójcik")
    panel.table.selectRow(row)
    out = tmp_path / "letters"
    out.mkdir()
    panel.choose_folder = lambda _parent: str(out)
    panel.write_letter()
    written = list(out.iterdir())
    assert len(written) == 1
    assert "Made for Katarzyna Wójcik (Parent)" in page_texts(written[0].read_bytes())[0]
    assert panel.message.text().startswith("✔ Letter for Katarzyna Wójcik written")
    panel.table.selectRow(row)
    panel.method.setCurrentIndex(panel.method.findData(SendMethod.BY_HAND.value))
    panel.mark_sent()
    status = next(
        s for s in services.letters.statuses(played.conference_id) if s.person_name == "Katarzyna Wójcik"
    )
    assert status.sent_on == services.ctx.today()
    assert status.method is SendMethod.BY_HAND
    assert "✔" in panel.model.index(row, 3).data()
    assert panel.message.text() == "✔ Letter to Katarzyna Wójcik recorded as sent today (by hand)."
    entry = next(
        area.queue.item(r)
        for r in range(area.queue.rowCount())
        if area.queue.item(r).conference_id == played.conference_id
    )
    column = [area.queue.headerData(c, Qt.Orientation.Horizontal) for c in range(area.queue.columnCount())]
    assert "Decision letters" in column
    assert entry.letters_unsent == len(names) - 1


def test_a_refusal_shows_inline(area, services):
    services.ctx.session.user = User("m", "m", "M", Role.MANAGER)
    area.letters.table.selectRow(0)
    area.letters.mark_sent()
    assert area.letters.message.text().startswith("⚠ A manager may not")
    assert area.letters.message.isVisible()


def test_the_strip_shows_the_letter_clock(qtbot, services, played):
    strip = MeetingStrip(services, ChangeHub())
    qtbot.addWidget(strip)
    strip.set_conference(played.conference_id)
    text = strip.texts()[ClockKind.DECISION_LETTER.label]
    assert text.startswith(("◷ Due soon", "⚠ Overdue", "○ Not yet due"))
    assert "23 Nov 2026" in text  # one working day after Friday 20 November


def test_subject_access_for_a_manager(qtbot, services, played, tmp_path: Path):
    with_key(services, MANAGER)
    dialog = SubjectAccessDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.search.setText("Katarzyna")
    assert dialog.model.rowCount() == 1
    out = tmp_path / "bundle"
    out.mkdir()
    dialog.choose_folder = lambda _parent: str(out)
    dialog.write_bundle()
    assert sorted(p.suffix for p in out.iterdir()) == [".csv", ".pdf"]
    assert dialog.status.text().startswith("✔ Bundle for Katarzyna Wójcik written")


def test_subject_access_refused_for_a_clerk(qtbot, services, played):
    with_key(services, CLERK)
    dialog = SubjectAccessDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.status.text() == "⚠ A clerk may not subject access."
    assert not dialog.write_button.isEnabled()


def test_corrections_are_logged_declined_and_accepted_in_the_panel(qtbot, services, played):
    from iro_desktop.domain.letters import CorrectionOutcome
    from iro_desktop.domain.record import SectionKey
    from tests.services.played_meeting import finalise

    finalise(services, played.conference_id)
    for recipient in services.records.get(played.conference_id).recipients:
        services.records.mark_sent(played.conference_id, recipient.id, services.ctx.today(), SendMethod.POST)
    area = RecordsArea(services, ChangeHub())
    qtbot.addWidget(area)
    area.show()
    area.open(played.conference_id)
    panel = area.corrections
    qtmodel = panel.model
    assert panel.window_label.text().startswith("Open until 07 Dec 2026")
    panel.log_request()  # nothing typed: the problems show inline, nothing logged
    assert panel.message.text().startswith("⚠ Say who asked")
    assert qtmodel.rowCount() == 0
    panel.who.setText("Katarzyna Wojcik")
    panel.what.setText("The background gives the wrong date.")
    panel.log_request()
    assert qtmodel.rowCount() == 1
    panel.table.selectRow(0)
    panel.reason.setText("The police log shows 4 October.")
    panel.accept_selected()  # no corrected text yet
    assert "corrected text" in panel.message.text()
    panel.section.setCurrentIndex(panel.section.findData(SectionKey.BACKGROUND.value))
    panel.corrected.setPlainText("Police were called on 4 October.")
    panel.table.selectRow(0)
    panel.accept_selected()
    assert panel.message.text().startswith("✔ Accepted")
    (request,) = services.corrections.requests(played.conference_id)
    assert request.outcome is CorrectionOutcome.ACCEPTED
    assert "version 2" in qtmodel.index(0, 4).data()
