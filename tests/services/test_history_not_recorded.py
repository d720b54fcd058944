"""Conferences from a historical import have no attendance list: their quoracy and the clocks that need
invitations (or dates the extract left blank) are 'not recorded', not failed years later."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

from iro_desktop.domain.clocks import ClockKind, ClockState
from iro_desktop.domain.conference import ConferenceStatus, ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.history.ids import attendance_not_recorded, is_imported
from iro_desktop.domain.quoracy import NOT_RECORDED_TEXT
from iro_desktop.store.models import InvitationRow, PersonRow
from tests.conftest import TODAY
from tests.history_extract import EXAMPLE


def _imported(services, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "extract")
    assert services.history_import.import_history(tmp_path / "extract").imported
    conferences = services.conferences.all()
    held = next(c for c in conferences if c.status is ConferenceStatus.HELD and c.report_to_parents_on)
    stood_down = next(c for c in conferences if c.status is ConferenceStatus.STOOD_DOWN)
    return held, stood_down


def test_only_ids_made_by_the_import_count_as_imported(services, tmp_path):
    held, _ = _imported(services, tmp_path)
    assert is_imported(held.id)
    assert attendance_not_recorded(held.id, 0)
    assert not attendance_not_recorded(held.id, 1)
    family = services.families.create_family("H-1", "Hand", [ChildInput("Ada", "Hand", date(2020, 1, 1))])
    assert not is_imported(family.id)
    assert not is_imported("not-a-uuid")


def test_imported_clocks_say_not_recorded_where_the_history_has_nothing(services, tmp_path):
    held, stood_down = _imported(services, tmp_path)
    clocks = {c.kind: c for c in services.clocks.for_conference(held.id)}
    police = clocks[ClockKind.POLICE_INVITATION]
    assert (police.state, police.state.text) == (ClockState.NOT_RECORDED, "– Not recorded")
    assert not police.state.needs_attention
    # Imported dates still count; the conference and record clocks are facts from the extract.
    assert clocks[ClockKind.REPORT_TO_PARENTS].state in (ClockState.MET, ClockState.LATE)
    assert clocks[ClockKind.CONFERENCE].state in (ClockState.MET, ClockState.LATE)
    assert clocks[ClockKind.RECORD_DISTRIBUTION].done_on == held.record_distributed_on
    if held.conference_type.is_initial:
        assert clocks[ClockKind.CORE_GROUP].state is ClockState.NOT_RECORDED  # not in the extract format
    assert all(c.state is not ClockState.OVERDUE for c in clocks.values() if c.kind != ClockKind.NEXT_REVIEW)
    (only,) = services.clocks.for_conference(stood_down.id)
    assert only.state is ClockState.NOT_APPLICABLE


def test_imported_quoracy_is_not_recorded_and_offers_no_override(services, tmp_path):
    held, stood_down = _imported(services, tmp_path)
    for conference in (held, stood_down):
        result = services.quoracy.assess(conference.id)
        assert result.text == NOT_RECORDED_TEXT == "– Not recorded (no attendance list)"
        assert not result.recorded
        assert result.may_proceed
    assert all(c.kind != "quoracy" for c in services.meeting.checks(held.id))


def test_once_someone_is_listed_the_real_answer_shows(services, store, tmp_path):
    held, _ = _imported(services, tmp_path)
    with store.uow() as uow:
        person = PersonRow(name="Sam Social Worker", role="social_worker", family_id=held.family_id)
        uow.session.add(person)
        uow.session.flush()
        uow.session.add(InvitationRow(conference_id=held.id, person_id=person.id))
        uow.commit()
    result = services.quoracy.assess(held.id)
    assert result.recorded
    assert result.text.startswith("⚠ Not quorate")
    police = {c.kind: c for c in services.clocks.for_conference(held.id)}[ClockKind.POLICE_INVITATION]
    assert police.state is ClockState.OVERDUE


def test_conferences_entered_in_the_app_are_unchanged(services):
    family = services.families.create_family("H-2", "Hand", [ChildInput("Ada", "Hand", date(2020, 1, 1))])
    day = TODAY - timedelta(days=30)
    booked = services.conferences.book(
        family.id, ConferenceType.INITIAL, day, clock_start=day - timedelta(10)
    )
    services.conferences.mark_held(booked.id, day)
    clocks = {c.kind: c for c in services.clocks.for_conference(booked.id)}
    assert clocks[ClockKind.POLICE_INVITATION].state is ClockState.OVERDUE
    result = services.quoracy.assess(booked.id)
    assert result.recorded
    assert result.text.startswith("⚠ Not quorate")
