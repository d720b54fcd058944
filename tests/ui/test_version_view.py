"""The Records area's version viewer: a version of a final record shown whole (summary, who attended,
the map by section, decisions with category and dissent, the plan's actions), and what changed from the
version before, in words."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from iro_desktop.domain.record import SectionKey
from iro_desktop.store.models import RecordVersionRow
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.records.version_view import COMPARE_TAB, WHOLE_TAB, changes_model
from tests.services.played_meeting import DISSENTER, SUMMARY, finalise, play_demo_meeting


@pytest.fixture
def area(qtbot, services):
    played = play_demo_meeting(services)
    finalise(services, played.conference_id)
    services.records.amend(
        played.conference_id,
        {(SectionKey.ANALYSIS, ""): "The analysis, corrected."},
        "Corrected the analysis",
    )
    widget = RecordsArea(services, ChangeHub())
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    widget.open(played.conference_id)
    return widget


def test_a_version_is_shown_whole_and_readable(area):
    area.version_table.selectRow(0)
    viewer = area.version_view
    text = viewer.toPlainText()
    assert viewer.caption.text().startswith("Version 1 of 2")
    assert SUMMARY[SectionKey.ANALYSIS] in text
    assert "The analysis, corrected." not in text
    for expected in ("Who attended", "Dr Farhan Qureshi", "Apologies", "Strengths", "Harm statements"):
        assert expected in text
    assert "Child protection plan made. Category: Neglect." in text
    assert DISSENTER in text
    assert "Action 1: Visit every week" in text
    assert "{" not in text
    assert viewer.compare_note.text().startswith("Version 1 is the first version")
    assert viewer.changes.rowCount() == 0


def test_comparing_with_the_version_before(area, qtmodeltester):
    area.version_table.selectRow(1)
    viewer = area.version_view
    assert "The analysis, corrected." in viewer.toPlainText()
    viewer.compare()
    assert viewer.tabs.tabText(viewer.tabs.currentIndex()) == COMPARE_TAB
    assert viewer.compare_note.text() == "1 change from version 1 (Before) to version 2 (After):"
    row = [viewer.changes.index(0, c).data() for c in range(5)]
    assert row == [
        "Discussion summary",
        "Analysis",
        "Text",
        SUMMARY[SectionKey.ANALYSIS],
        "The analysis, corrected.",
    ]
    qtmodeltester.check(viewer.changes)
    qtmodeltester.check(changes_model())


def test_the_tabs_have_their_own_alt_letters_and_names(area):
    viewer = area.version_view
    assert viewer.tabs.tabText(0) == WHOLE_TAB
    assert "&" in WHOLE_TAB
    assert "&" in COMPARE_TAB
    names = [
        viewer.text.accessibleName(),
        viewer.change_table.accessibleName(),
        viewer.caption.accessibleName(),
    ]
    assert all(names)
    area.version_table.selectRow(1)
    area._show(area.record)  # choosing another record clears the viewer
    assert viewer.toPlainText() == ""


def test_an_old_shaped_version_says_what_is_shown_as_it_is_now(area, services):
    with services.ctx.uow() as uow:
        row = uow.session.scalars(select(RecordVersionRow).where(RecordVersionRow.number == 1)).one()
        data = json.loads(row.snapshot_json)
        row.snapshot_json = json.dumps({k: data[k] for k in ("conference", "record_sections")})
        uow.commit()
    area.version_table.selectRow(0)
    assert "as they are now: this version was locked before" in area.version_view.caption.text()
    area.version_table.selectRow(1)
    viewer = area.version_view
    assert "as they are now" not in viewer.caption.text()
    parts = {viewer.changes.index(r, 0).data() for r in range(viewer.changes.rowCount())}
    assert {"Map", "Decisions", "Plan actions", "Attendance"} <= parts
