"""Tools -> Census check: the problems listed with child and family, the model passes Qt's tester,
and choosing a problem opens its conference."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.ui.census_dialog import CensusDialog


def _saturday_conference(services):
    family = services.families.create_family(
        "LA-SAT", "Ó Súilleabháin family", [ChildInput("Saoirse", "Ó Súilleabháin", date(2018, 5, 1))]
    )
    saturday = date(2026, 11, 21)
    booked = services.conferences.book(
        family.id, ConferenceType.INITIAL, saturday, clock_start=date(2026, 11, 9)
    )
    services.conferences.mark_held(booked.id, saturday)
    return booked


def test_census_dialog_lists_problems_and_opens_the_conference(qtbot, qtmodeltester, services):
    booked = _saturday_conference(services)
    opened: list[str] = []
    dialog = CensusDialog(services, opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    assert "⚠ 1 census problem for 1 child" in dialog.status.text()
    row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert row[:3] == ["8875", "Saoirse Ó Súilleabháin", "LA-SAT"]
    assert "cannot be held on a weekend" in row[3]
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [booked.id]


def test_a_clean_store_says_so(qtbot, services):
    dialog = CensusDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.status.text().startswith("✔ No census problems")
    assert not dialog.open_button.isEnabled()
