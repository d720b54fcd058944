"""GUI: Today and due refreshes on a change while on screen, and only when next shown otherwise."""

from __future__ import annotations

from datetime import date, timedelta

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.ui.areas.today import TodayArea
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY


def _book(services, reference):
    family = services.families.create_family(
        reference, f"{reference} family", [ChildInput("Ada", "Xu", date(2021, 1, 1))]
    )
    services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY + timedelta(days=3), clock_start=TODAY - timedelta(days=5)
    )


def test_a_hidden_today_page_catches_up_when_shown(qtbot, services):
    hub = ChangeHub()
    area = TodayArea(services, hub)
    qtbot.addWidget(area)
    area.show()
    _book(services, "T-1")
    hub.announce("conferences")
    assert area.model.rowCount() == 1  # on screen: at once
    area.hide()
    _book(services, "T-2")
    hub.announce("conferences")
    assert area.model.rowCount() == 1  # hidden: not yet
    area.show()
    assert area.model.rowCount() == 2
    assert "2 conferences coming up" in area.summary.text()
