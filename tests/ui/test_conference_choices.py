"""GUI: the conference pickers list open conferences, the last six months and the chosen one; the
'Show older conferences' box lists the rest (ten years of history would be thousands of rows)."""

from __future__ import annotations

from datetime import date, timedelta

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.ui.areas.meeting import MeetingArea
from iro_desktop.ui.conference_choices import OLDER_TEXT
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY


def _held(services, family_id, day, kind=ConferenceType.INITIAL):
    booked = services.conferences.book(
        family_id, kind, day, clock_start=day - timedelta(days=10), lateness_reason="x"
    )
    services.conferences.mark_held(booked.id, day, "x")
    return booked.id


def _conferences(services):
    family = services.families.create_family(
        "PICK-1", "Okafor", [ChildInput("Ada", "Okafor", date(2020, 1, 1))]
    )
    old = _held(services, family.id, date(2019, 3, 4))
    recent = _held(services, family.id, TODAY - timedelta(days=40))
    booked = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY + timedelta(days=7), clock_start=TODAY - timedelta(days=5)
    )
    return old, recent, booked.id


def _listed(picker):
    return [picker.itemData(i) for i in range(picker.count())]


def test_the_meeting_picker_leaves_old_history_out_until_asked(qtbot, services, settings):
    old, recent, booked = _conferences(services)
    meeting = MeetingArea(services, ChangeHub(), settings)
    qtbot.addWidget(meeting)
    meeting.refresh()
    assert _listed(meeting.picker) == ["", booked, recent]
    assert meeting.older.accessibleName() == OLDER_TEXT
    meeting.older.setChecked(True)
    assert _listed(meeting.picker) == ["", booked, recent, old]
    assert meeting.picker.itemText(3).startswith("Okafor — 04 Mar 2019")
    meeting.older.setChecked(False)
    meeting.open_conference(old)  # e.g. the conference left open, from settings
    assert meeting.picker.currentData() == old
    assert old in _listed(meeting.picker)


def test_the_decisions_step_follows_an_older_conference_opened_in_the_meeting(qtbot, services, settings):
    """The decisions and plan have no picker of their own: they show what the meeting has open, however
    old (the picker lists it as the chosen one)."""
    old, _recent, _booked = _conferences(services)
    meeting = MeetingArea(services, ChangeHub(), settings)
    qtbot.addWidget(meeting)
    meeting.refresh()
    meeting.open_conference(old)
    shown = meeting.decisions.conference()
    assert shown is not None
    assert shown.id == old
    assert [f.child.full_name for f in meeting.decisions.panel.forms] == ["Ada Okafor"]
    meeting.older.setChecked(True)  # listing more changes nothing on the page
    assert meeting.decisions.conference() == shown
