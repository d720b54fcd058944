"""The screenshot command's views: the meeting's views open the demo's full-size family's conference, so
every picture of the room (README) shows a real conference's worth of words (issue 12)."""

from __future__ import annotations

import pytest

from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_large_map import LARGE_FAMILY_NAME
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.meeting.steps import Step
from iro_desktop.ui.screenshot import MEETING_STEPS, full_size_conference, show_for_screenshot


@pytest.fixture
def window(qtbot, services, settings):
    load_demo(services.ctx)
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load()
    return window


@pytest.mark.parametrize("view", ["who-is-here", "meeting", "decisions", "plan", "handouts"])
def test_meeting_views_show_the_full_size_family(window, services, view):
    target = show_for_screenshot(window, view)
    assert target is window
    conference_id = window.meeting.controller.conference_id
    assert conference_id is not None
    assert conference_id == full_size_conference(window)
    family = services.families.get(services.conferences.get(conference_id).family_id)
    assert family.name == LARGE_FAMILY_NAME
    assert len(services.mapping.board(conference_id).items) == 40
    assert window.meeting.current_step() is Step(MEETING_STEPS[view] - 1)


def test_the_projector_shows_the_full_size_map(window, services):
    target = show_for_screenshot(window, "presentation")
    assert target is window.meeting.presentation
    conference_id = window.meeting.controller.conference_id
    assert services.families.get(services.conferences.get(conference_id).family_id).name == LARGE_FAMILY_NAME
    window.meeting.toggle_presentation()


def test_the_full_size_conference_is_found_once_loaded(qtbot, services, settings, large_map):
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    assert full_size_conference(window) is None  # an empty store: the first conference is opened instead
    show_for_screenshot(window, "meeting")
    assert window.meeting.controller.conference_id is None  # ...and there is none
    _family, conference_id = large_map(12)
    assert full_size_conference(window) == conference_id
