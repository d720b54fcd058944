"""Issue 13: the records area says in place when a final record's lock does not match what it holds, or
why an approval in a file was not accepted; the record stays read-only either way."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.store.models import RecordRow
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from tests.conftest import TODAY
from tests.signing import with_key

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)


def _final_record(services):
    family = services.families.create_family(
        "R-9", "Khan family", [ChildInput("Aisha", "Khan", date(2019, 2, 2))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=2), clock_start=TODAY - timedelta(days=12)
    )
    with_key(services, CHAIR)
    services.records.save_section(conference.id, SectionKey.PURPOSE, "To decide whether Aisha needs a plan.")
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        services.records.move(conference.id, state)
    return conference.id


def _area(qtbot, services, conference_id):
    widget = RecordsArea(services, ChangeHub())
    qtbot.addWidget(widget)
    widget.show()
    widget.open(conference_id)
    return widget


def test_an_intact_final_record_shows_no_warning(qtbot, services):
    area = _area(qtbot, services, _final_record(services))
    assert not area.integrity_banner.isVisible()
    assert area.integrity_banner.accessibleName() == "Record integrity"


def test_a_record_reopened_behind_the_app_says_so_and_stays_read_only(qtbot, services, store):
    conference_id = _final_record(services)
    with store.uow() as uow:
        uow.session.execute(
            update(RecordRow).where(RecordRow.conference_id == conference_id).values(state="with_clerk")
        )
        uow.commit()
    area = _area(qtbot, services, conference_id)
    assert area.integrity_banner.isVisible()
    text = area.integrity_banner.text()
    assert text.startswith("⚠")  # not colour alone: a sign and words
    assert "lock does not match" in text
    assert "but is marked “With the clerk”" in text
    assert area.editors[SectionKey.PURPOSE].isReadOnly()
    assert area.state_label.text().startswith("🔒")
    assert not any(b.isEnabled() for b in area.move_buttons.values())  # it cannot be sent round again


def test_an_approval_not_accepted_on_import_is_shown(qtbot, services, store):
    conference_id = _final_record(services)
    note = (
        "The approval in the file was not accepted: version 1 is signed with a key this store does not know."
    )
    with store.uow() as uow:
        uow.session.execute(
            update(RecordRow).where(RecordRow.conference_id == conference_id).values(approval_note=note)
        )
        uow.commit()
    area = _area(qtbot, services, conference_id)
    assert note in area.integrity_banner.text()
