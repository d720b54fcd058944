"""Issue 16 item 3 on the booking details: a save over a detail another desktop changed since shows both
inline under the Save button (never a modal); what was typed stays in the field until a choice is made."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel

from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.ui.booking.booking_details import BookingDetails
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY
from tests.store.family_fixture import book_family

OTHER = User("u4", "ola", "Ola Nowak", Role.CHAIR)


def _stale_venue(qtbot, store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "BK-16")
    details = BookingDetails(services, ChangeHub())
    qtbot.addWidget(details)
    details.show()
    shown = services.conferences.get(booked.first_id)
    details.set_conference(shown)
    other = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(OTHER)))
    values = {**shown.details(), "venue": "Room 2, Civic Centre"}
    other.conferences.update_details(
        booked.first_id, *values.values(), read=ReadAs(shown.version, shown.details())
    )
    details.venue.setText("Online")
    details.clerk.setText("Sam Dvořák")
    details.save_button.click()
    return booked.first_id, details


def test_a_stale_save_shows_both_and_keeping_mine_stores_it(qtbot, store, services):
    conference_id, details = _stale_venue(qtbot, store, services)
    assert details.conflict_panel.isVisible()
    assert not details.findChildren(QDialog)
    words = [label.text() for label in details.conflict_panel.grid.findChildren(QLabel)]
    assert "Online" in words
    assert "Room 2, Civic Centre" in words
    assert details.venue.text() == "Online"  # what was typed stays
    assert services.conferences.get(conference_id).venue == "Room 2, Civic Centre"
    details.conflict_panel.grid.choose_all("mine")
    details.conflict_panel.keep_button.click()
    stored = services.conferences.get(conference_id)
    assert (stored.venue, stored.clerk_name) == ("Online", "Sam Dvořák")
    assert not details.conflict_panel.isVisible()


def test_taking_their_venue_keeps_my_other_change(qtbot, store, services):
    conference_id, details = _stale_venue(qtbot, store, services)
    details.conflict_panel.grid.choose_all("theirs")
    details.conflict_panel.keep_button.click()
    stored = services.conferences.get(conference_id)
    assert (stored.venue, stored.clerk_name) == ("Room 2, Civic Centre", "Sam Dvořák")
    assert details.venue.text() == "Room 2, Civic Centre"
    assert not details.conflict_panel.isVisible()
