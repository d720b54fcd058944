"""Issue 16 items 3-4 in the records area: summary words the clerk typed while the team server was away,
when the chair stored other words in the same section meanwhile, are not stored over the chair's when the
server is back. They are held on this computer and, when the record is opened, put back in the field with
both versions inline (never a modal); the clerk's choice is stored and the held words leave the journal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.record import SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.outage import RECORD_SECTION, OutageService, read_arguments
from iro_desktop.services.registry import Services
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY

CLERK = User("u2", "sam", "Sam Dvorak", Role.CLERK)
CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
MINE = "To decide whether Aisha needs a plan (typed in the outage)."
THEIRS = "To decide together with the family (the chair's words)."


@pytest.fixture
def outage(services, tmp_path):
    journal = OutageJournal(journal_path(tmp_path, "u2"), DataKey.generate())
    yield OutageService(services, journal)
    journal.close()


@pytest.fixture
def conference(store, services, outage):
    family = services.families.create_family(
        "R-17", "Khan family", [ChildInput("Aisha", "Khan", date(2019, 2, 2))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=2), clock_start=TODAY - timedelta(days=12)
    )
    first = services.records.save_section(conference.id, SectionKey.PURPOSE, "To decide")
    services.ctx.session.user = CLERK
    outage.keep(  # the clerk's words, kept while the server was away
        RECORD_SECTION,
        conference_id=conference.id,
        key="purpose",
        text=MINE,
        agency="",
        read=read_arguments(ReadAs(first.version, {"text": first.text}), first.text),
    )
    chair = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CHAIR)))
    chair.records.save_section(
        conference.id, SectionKey.PURPOSE, THEIRS, read=ReadAs(first.version, {"text": first.text})
    )
    assert len(outage.replay().held) == 1  # the server is back
    return conference


@pytest.fixture
def area(qtbot, services, outage, conference):
    widget = RecordsArea(services.with_outage(outage), ChangeHub())
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.queue_table.selectRow(0)
    return widget


def _stored(services, conference_id) -> str:
    record = services.records.get(conference_id)
    return next(s.text for s in record.sections if s.key is SectionKey.PURPOSE)


def _grid_text(area, side: str) -> str:
    (label,) = [
        w for w in area.conflict_panel.grid.findChildren(QLabel) if w.accessibleName().startswith(f"{side}: ")
    ]
    return label.text()


def test_held_summary_words_come_back_with_both_and_mine_is_stored(qtbot, area, services, outage, conference):
    panel = area.conflict_panel
    assert panel.isVisible()
    assert not area.findChildren(QDialog)
    assert area.editors[SectionKey.PURPOSE].toPlainText() == MINE
    assert (_grid_text(area, "Mine"), _grid_text(area, "Theirs")) == (MINE, THEIRS)
    assert "while the team server could not be reached" in panel.intro.text()
    assert _stored(services, conference.id) == THEIRS  # nothing overwritten
    panel.grid.choose(0, "mine")
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert _stored(services, conference.id) == MINE
    assert outage.held() == []


def test_held_summary_words_theirs_chosen_leave_the_journal(qtbot, area, services, outage, conference):
    area.conflict_panel.grid.choose(0, "theirs")
    qtbot.mouseClick(area.conflict_panel.keep_button, Qt.MouseButton.LeftButton)
    assert area.editors[SectionKey.PURPOSE].toPlainText() == THEIRS
    assert _stored(services, conference.id) == THEIRS
    assert outage.held() == []
