"""Issue 16 item 3 on the booking details: a save over a detail another desktop changed since shows both
inline under the Save button (never a modal); what was typed stays in the field until a choice is made."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QLabel

from iro_desktop.domain.attendance import AdvocacyAnswer
from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.ui.booking.booking_details import BookingDetails
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY
from tests.store.family_fixture import FIRST_DAY, book_family

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


def _stale_advocacy(qtbot, store, services):  # type: ignore[no-untyped-def]
    """Aoife (13) declined advocacy when booked; another desktop changes that to accepted."""
    family = services.families.create_family(
        "BK-17", "Byrne family", [ChildInput("Aoife", "Byrne", date(2013, 3, 1), gender=Gender.FEMALE)]
    )
    aoife = family.children[0].id
    conference = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        FIRST_DAY,
        clock_start=date(2026, 11, 13),
        advocacy={aoife: (AdvocacyAnswer.DECLINED.value, "")},
    )
    details = BookingDetails(services, ChangeHub())
    qtbot.addWidget(details)
    details.show()
    details.set_conference(services.conferences.get(conference.id))
    other = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(OTHER)))
    (shown,) = other.conferences.advocacy(conference.id)
    read = ReadAs(shown.version, {"answer": shown.answer, "note": shown.note})
    other.conferences.set_advocacy(conference.id, aoife, AdvocacyAnswer.ACCEPTED, read=read)
    combo, note = details.advocacy[aoife]
    combo.setCurrentIndex(combo.findData(AdvocacyAnswer.NOT_OFFERED.value))
    note.setText("Aoife was in hospital")
    return conference.id, aoife, details


def test_a_stale_advocacy_answer_shows_both_under_the_answers_and_keeps_the_note(qtbot, store, services):
    """Issue 16: both answering Aoife's advocacy differently: both inline under the answers (never a
    modal), what was chosen and typed stays in the row; Mine stores it."""
    conference_id, aoife, details = _stale_advocacy(qtbot, store, services)
    details.save_advocacy(aoife)
    assert details.advocacy_conflict_panel.isVisible()
    assert not details.findChildren(QDialog)
    grid = details.advocacy_conflict_panel.grid
    words = [label.text() for label in grid.findChildren(QLabel)]
    assert {AdvocacyAnswer.NOT_OFFERED.label, AdvocacyAnswer.ACCEPTED.label} <= set(words)
    assert any("Aoife Byrne" in w for w in words)
    combo, note = details.advocacy[aoife]
    assert (combo.currentData(), note.text()) == (AdvocacyAnswer.NOT_OFFERED.value, "Aoife was in hospital")
    (stored,) = services.conferences.advocacy(conference_id)
    assert stored.answer is AdvocacyAnswer.ACCEPTED
    grid.choose_all("mine")
    details.advocacy_conflict_panel.keep_button.click()
    assert not details.advocacy_conflict_panel.isVisible()
    (stored,) = services.conferences.advocacy(conference_id)
    assert (stored.answer, stored.note) == (AdvocacyAnswer.NOT_OFFERED, "Aoife was in hospital")


def test_taking_their_advocacy_answer_puts_it_in_the_row(qtbot, store, services):
    conference_id, aoife, details = _stale_advocacy(qtbot, store, services)
    details.save_advocacy(aoife)
    details.advocacy_conflict_panel.grid.choose_all("theirs")
    details.advocacy_conflict_panel.keep_button.click()
    combo, _note = details.advocacy[aoife]
    assert combo.currentData() == AdvocacyAnswer.ACCEPTED.value
    (stored,) = services.conferences.advocacy(conference_id)
    assert stored.answer is AdvocacyAnswer.ACCEPTED
