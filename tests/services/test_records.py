"""The record after the meeting, through the services: queue, lifecycle, final lock, amendments,
distribution, and who may do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.record import BadTransition, RecordLocked, RecordState, SectionKey, SendMethod
from iro_desktop.domain.roles import PermissionDenied, Role, User
from tests.conftest import TODAY
from tests.signing import with_key
from tests.store_files import behind_the_apps_back

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)
MANAGER = User("u3", "lee", "Lee Ó Súilleabháin", Role.MANAGER)


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "R-77", "Wójcik family", [ChildInput("Łucja", "Wójcik", date(2019, 5, 1))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=1), clock_start=TODAY - timedelta(days=10)
    )


def as_user(services, user):
    with_key(services, user)  # a real account with its signing key unlocked (approvals are signed)
    return services.records


def _to_final(services, conference_id):
    records = as_user(services, CLERK)
    records.save_section(conference_id, SectionKey.PURPOSE, "To decide whether Łucja needs a plan.")
    records.move(conference_id, RecordState.WITH_CLERK)
    records.move(conference_id, RecordState.AWAITING_APPROVAL)
    return as_user(services, CHAIR).move(conference_id, RecordState.FINAL)


def test_lifecycle_to_final_locks_with_a_hash(services, conference):
    record = _to_final(services, conference.id)
    assert record.state is RecordState.FINAL
    assert record.approved_by == "Priya Raman"
    assert len(record.versions) == 1
    assert len(record.current_hash) == 64
    assert "To decide whether Łucja needs a plan." in record.versions[0].snapshot_json
    assert services.records.lock_intact(conference.id)


def test_only_the_chair_approves(services, conference):
    records = as_user(services, CLERK)
    records.move(conference.id, RecordState.WITH_CLERK)
    records.move(conference.id, RecordState.AWAITING_APPROVAL)
    with pytest.raises(PermissionDenied):
        records.move(conference.id, RecordState.FINAL)
    with pytest.raises(PermissionDenied):
        records.move(conference.id, RecordState.WITH_CLERK)  # sending back is the chair's
    as_user(services, CHAIR).move(conference.id, RecordState.WITH_CLERK)


def test_a_manager_reads_but_does_not_edit(services, conference):
    records = as_user(services, MANAGER)
    assert records.get(conference.id).state is RecordState.IN_MEETING
    with pytest.raises(PermissionDenied):
        records.save_section(conference.id, SectionKey.LEGAL, "x")
    with pytest.raises(PermissionDenied):
        records.add_recipient(conference.id, "GP")
    with pytest.raises(PermissionDenied):
        records.move(conference.id, RecordState.WITH_CLERK)


def test_bad_transition_is_refused(services, conference):
    with pytest.raises(BadTransition):
        as_user(services, CHAIR).move(conference.id, RecordState.FINAL)


def test_final_record_refuses_edits_and_amendment_keeps_the_old_version(services, conference):
    _to_final(services, conference.id)
    records = as_user(services, CLERK)
    with pytest.raises(RecordLocked, match="amendment"):
        records.save_section(conference.id, SectionKey.PURPOSE, "changed quietly")
    with pytest.raises(ValidationError) as info:
        records.amend(conference.id, {(SectionKey.PURPOSE, ""): "new"}, reason="")
    assert info.value.for_field("reason")
    amended = records.amend(
        conference.id,
        {(SectionKey.PURPOSE, ""): "To decide whether Łucja needs a plan — corrected date."},
        reason="Mother’s name was misspelt in the purpose.",
    )
    assert [v.number for v in amended.versions] == [1, 2]
    assert amended.versions[1].author == "Sam Dvořák"
    assert amended.versions[1].reason == "Mother’s name was misspelt in the purpose."
    old = services.records.version_snapshot(conference.id, 1)
    new = services.records.version_snapshot(conference.id, 2)
    assert old["record_sections"][0]["text"] == "To decide whether Łucja needs a plan."
    assert new["record_sections"][0]["text"].endswith("corrected date.")
    assert amended.versions[0].content_hash != amended.versions[1].content_hash
    assert services.records.lock_intact(conference.id)


def test_change_behind_the_apps_back_breaks_the_lock(services, conference, store):
    _to_final(services, conference.id)
    behind_the_apps_back(store, "UPDATE record_sections SET text = 'forged'")
    assert not services.records.lock_intact(conference.id)


def test_distribution_after_approval_only_and_complete_before_distributed(services, conference):
    records = as_user(services, CLERK)
    gp = records.add_recipient(conference.id, "Dr Siobhán Ó Súilleabháin", "GP", SendMethod.SECURE_EMAIL)
    with pytest.raises(ValidationError, match="approved"):
        records.mark_sent(conference.id, gp.id, TODAY, SendMethod.POST)
    _to_final(services, conference.id)
    records = as_user(services, CLERK)
    school = records.add_recipient(conference.id, "Head teacher", "School DSL", SendMethod.PORTAL)
    records.mark_sent(conference.id, gp.id, TODAY, SendMethod.POST)
    with pytest.raises(ValidationError, match="every recipient"):
        records.move(conference.id, RecordState.DISTRIBUTED)
    with pytest.raises(ValidationError, match="future"):
        records.mark_sent(conference.id, school.id, TODAY + timedelta(days=1), SendMethod.PORTAL)
    records.mark_sent(conference.id, school.id, TODAY, SendMethod.PORTAL)
    record = records.move(conference.id, RecordState.DISTRIBUTED)
    assert record.state is RecordState.DISTRIBUTED
    assert {r.method for r in record.recipients} == {SendMethod.POST, SendMethod.PORTAL}
    assert services.records.queue() == []


def test_queue_soonest_deadline_first_and_late_flagged(services):
    family = services.families.create_family(
        "R-1", "Brontë family", [ChildInput("Zoë", "Brontë", date(2020, 1, 1))]
    )
    old = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 10, 1), clock_start=date(2026, 9, 21)
    )
    recent = services.conferences.book(family.id, ConferenceType.FIRST_REVIEW, date(2026, 11, 20))
    services.records.get(recent.id)
    services.records.get(old.id)
    queue = services.records.queue()
    assert [e.conference_id for e in queue] == [old.id, recent.id]
    # Thu 1 Oct 2026 + 15 WD = Thu 22 Oct 2026 (no bank holidays); TODAY is Mon 23 Nov 2026.
    assert queue[0].distribution_due == date(2026, 10, 22)
    assert queue[0].late
    assert queue[0].due_text.startswith("⚠ Overdue by 22 working days")
    # Fri 20 Nov + 15 WD = Fri 11 Dec 2026; from Mon 23 Nov that is 14 working days.
    assert queue[1].distribution_due == date(2026, 12, 11)
    assert queue[1].due_text == "14 working days left"


def test_every_record_step_is_audited(services, conference):
    _to_final(services, conference.id)
    services.ctx.session.user = User("m", "lee", "Lee", Role.MANAGER)
    events = services.audit.events(services.ctx.session.user)
    actions = [(e.entity_type, e.action.value) for e in reversed(events)]
    assert actions == [
        ("record_section", "changed"),
        ("record", "changed"),
        ("record", "changed"),
        ("record", "approved"),
    ]
    assert events[0].actor == "priya"
    assert services.audit.verify().intact
