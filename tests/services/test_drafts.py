"""Unrecorded drafts through the service: kept per child, replaced, cleared; refused for a reading role
and for a final record; never part of the record's locked content."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.record import RecordLocked, RecordState
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services.context import SYSTEM_USER
from tests.conftest import TODAY
from tests.signing import with_key


@pytest.fixture
def held(services):
    family = services.families.create_family(
        "R-79", "Ní Bhriain family", [ChildInput("Aoife", "Ní Bhriain", date(2018, 3, 9))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=1), clock_start=TODAY - timedelta(days=10)
    )
    return conference, family.children[0]


def test_kept_replaced_and_cleared(services, held):
    conference, child = held
    assert services.drafts.get(conference.id, child.id) is None
    services.drafts.save(conference.id, child.id, {"rationale": "Aoife said “níl mé sábháilte”."})
    services.drafts.save(conference.id, child.id, {"rationale": "Aoife said she feels safer."})
    assert services.drafts.get(conference.id, child.id) == {"rationale": "Aoife said she feels safer."}
    services.drafts.clear(conference.id, child.id)
    assert services.drafts.get(conference.id, child.id) is None


def test_refused_for_a_manager_and_for_a_final_record(services, held):
    conference, child = held
    services.ctx.session.user = User("m", "lee", "Lee", Role.MANAGER)
    with pytest.raises(PermissionDenied):
        services.drafts.save(conference.id, child.id, {"rationale": "x"})
    with_key(services, SYSTEM_USER)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        services.records.move(conference.id, state)
    with pytest.raises(RecordLocked):
        services.drafts.save(conference.id, child.id, {"rationale": "x"})


def test_a_draft_is_not_part_of_the_locked_record(services, held):
    conference, child = held
    services.drafts.save(conference.id, child.id, {"rationale": "Not yet decided"})
    with_key(services, SYSTEM_USER)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        services.records.move(conference.id, state)
    assert "Not yet decided" not in str(services.records.version_snapshot(conference.id, 1))
    assert services.records.lock_intact(conference.id)
