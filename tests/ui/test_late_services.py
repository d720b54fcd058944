"""The main window built while the password is typed (issue 14): every area is made on `LateServices`,
before any records are open, and works once the real services are bound at sign-in."""

from __future__ import annotations

import pytest

from iro_desktop.ui.late_services import LateServices, RecordsNotOpen
from iro_desktop.ui.main_window import MainWindow, WhereInfo


def test_every_area_is_built_before_the_records_are_open(qtbot, settings, tmp_path):
    late = LateServices()
    window = MainWindow(None, settings, WhereInfo("test", str(tmp_path)))
    qtbot.addWidget(window)
    window.attach(late.as_services())  # raises RecordsNotOpen if an area's constructor used a service
    assert list(window.areas) == ["today", "families", "meeting", "records", "report"]
    assert late.ctx.session.user is None  # nobody signed in yet


def test_a_service_used_before_sign_in_says_the_records_are_not_open():
    late = LateServices()
    with pytest.raises(RecordsNotOpen, match="not open yet"):
        late.clocks.today_and_due()
    kept = late.meeting.next_steps  # a method kept for later is looked up when called
    with pytest.raises(RecordsNotOpen):
        kept("any-conference")


def test_once_bound_the_window_fills_from_the_records(qtbot, settings, tmp_path, services):
    from iro_desktop.services.demo import load_demo

    load_demo(services.ctx)
    late = LateServices()
    window = MainWindow(None, settings, WhereInfo("test", str(tmp_path)))
    qtbot.addWidget(window)
    window.attach(late.as_services())
    late.bind(services)
    window.show()
    window.load()
    today = window.areas["today"]
    assert today.model.rowCount() > 0  # type: ignore[attr-defined]
    assert late.ctx.session is services.ctx.session  # the real session, once bound
