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


def test_coming_up_keeps_the_most_room_in_a_small_window(qtbot, services, settings):
    """At 1024×700 the conferences coming up keep half the height (issue 12: they were squeezed to
    one row while the two lists below stood half empty)."""
    from iro_desktop.services.demo import load_demo
    from iro_desktop.ui.main_window import MainWindow, WhereInfo

    load_demo(services.ctx)
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.resize(1024, 700)
    qtbot.wait(10)
    area = window.areas["today"]
    coming, late = area.table, area.late_table
    assert area.model.rowCount() == 3
    rows = coming.verticalHeader().length()
    assert coming.viewport().height() >= rows  # every conference coming up is in view
    assert coming.height() > late.height()
