"""Map, decisions, plan, attendance and quoracy go through the same guard as the record: who may change
them, and nothing changes once the record is final. The final lock's hash covers map, decisions, plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.audience import AudienceKind, audience
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import PersonInput
from iro_desktop.domain.people import Role as PersonRole
from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput
from iro_desktop.domain.record import RecordLocked, RecordState, SectionKey
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services.snapshot import snapshot
from tests.conftest import TODAY
from tests.signing import with_key
from tests.store_files import behind_the_apps_back

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)
MANAGER = User("u3", "lee", "Lee Ó Súilleabháin", Role.MANAGER)


@pytest.fixture
def meeting(services):
    """A held conference with a map item, a scale, a decision, a dissent and a plan action."""
    family = services.families.create_family(
        "R-78", "Wójcik family", [ChildInput("Łucja", "Wójcik", date(2019, 5, 1))]
    )
    child = family.children[0]
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=1), clock_start=TODAY - timedelta(days=10)
    )
    item = services.mapping.add_item(conference.id, Section.DANGER, "Łucja could be hurt when adults fight")
    services.mapping.set_scale(conference.id, item.id, "Family", 6, "Calmer since October")
    services.decisions.record(
        conference.id, child.id, DecisionInput(Outcome.PLAN_MADE, "Priya Raman", Category.EMOTIONAL)
    )
    dissent = services.decisions.add_dissent(
        conference.id, child.id, DissentInput("Siobhán Ní Bhriain", "School", "Child in need", "Improving")
    )
    action = services.plans.add_action(conference.id, PlanActionInput("Safety plan with Babcia Halina"))
    mum = services.people.add_person(
        PersonInput("Katarzyna Wójcik", PersonRole.PARENT, family_id=family.id, parental_responsibility=True)
    )
    services.attendance.invite(conference.id, mum.id, TODAY - timedelta(days=8))
    return conference, child, item, dissent, action


def _sign_in(services, user):
    with_key(services, user)  # approvals are signed: a real account with its key unlocked


def _to_final(services, conference_id):
    _sign_in(services, CLERK)
    services.records.save_section(conference_id, SectionKey.PURPOSE, "To decide whether Łucja needs a plan.")
    services.records.move(conference_id, RecordState.WITH_CLERK)
    services.records.move(conference_id, RecordState.AWAITING_APPROVAL)
    _sign_in(services, CHAIR)
    services.records.move(conference_id, RecordState.FINAL)


def _every_change(services, conference, child, item, dissent, action):
    """Each change the map, decision and plan services offer, as a zero-argument call."""
    return {
        "add map item": lambda: services.mapping.add_item(conference.id, Section.STRENGTHS, "New strength"),
        "edit map item": lambda: services.mapping.edit_text(item.id, "Changed"),
        "delete map item": lambda: services.mapping.delete_item(item.id),
        "map item audience": lambda: services.mapping.set_audience(
            item.id, audience(AudienceKind.PROFESSIONALS)
        ),
        "scale": lambda: services.mapping.set_scale(conference.id, item.id, "Police", 3),
        "decision": lambda: services.decisions.record(
            conference.id, child.id, DecisionInput(Outcome.PLAN_MADE, "Priya Raman", Category.NEGLECT)
        ),
        "withdraw decision": lambda: services.decisions.withdraw(conference.id, child.id),
        "dissent": lambda: services.decisions.remove_dissent(dissent.id),
        "plan header": lambda: services.plans.save_header(conference.id, PlanHeaderInput("No contact")),
        "plan action": lambda: services.plans.update_action(action.id, PlanActionInput("Changed")),
        "remove action": lambda: services.plans.remove_action(action.id),
        "attendance": lambda: services.attendance.set_attendance(
            services.attendance.invitations(conference.id)[0].id, Attendance.ATTENDED
        ),
        "report received": lambda: services.attendance.set_report_received(
            services.attendance.invitations(conference.id)[0].id, TODAY
        ),
        "uninvite": lambda: services.attendance.remove(services.attendance.invitations(conference.id)[0].id),
        "quoracy override": lambda: services.quoracy.record_override(conference.id, "Police sent a report"),
    }


def test_a_final_record_refuses_every_change_to_map_decisions_and_plan(services, meeting):
    conference, *_ = meeting
    _to_final(services, conference.id)
    before = services.records.version_snapshot(conference.id, 1)
    for user in (CHAIR, CLERK):
        _sign_in(services, user)
        for name, change in _every_change(services, *meeting).items():
            with pytest.raises(RecordLocked):
                change()
            assert services.records.lock_intact(conference.id), name
    assert services.records.version_snapshot(conference.id, 1) == before


def test_a_manager_reads_but_changes_none_of_it(services, meeting):
    conference, *_ = meeting
    _sign_in(services, MANAGER)
    for name, change in _every_change(services, *meeting).items():
        with pytest.raises(PermissionDenied):
            change()
        assert [i.text for i in services.mapping.board(conference.id).items] == [
            "Łucja could be hurt when adults fight"
        ], name


def test_a_clerk_edits_before_approval(services, meeting):
    conference, child, item, *_ = meeting
    _sign_in(services, CLERK)
    services.mapping.edit_text(item.id, "Łucja could be hurt or scared when adults fight")
    services.plans.save_header(conference.id, PlanHeaderInput("No contact with Mr X"))
    assert services.plans.header(conference.id).bottom_lines == "No contact with Mr X"


def test_the_lock_covers_map_decisions_and_plan(services, meeting, store):
    conference, *_ = meeting
    _to_final(services, conference.id)
    locked = services.records.version_snapshot(conference.id, 1)
    parts = {"map_items", "map_scales", "decisions", "dissent", "plan_header", "plan_actions", "attendance"}
    assert parts <= set(locked)
    assert locked["attendance"][0]["invited_on"] == str(TODAY - timedelta(days=8))
    assert locked["map_items"][0]["text"] == "Łucja could be hurt when adults fight"
    assert locked["decisions"][0]["category"] == "E"
    assert locked["plan_actions"][0]["what"] == "Safety plan with Babcia Halina"
    for table, column in (("map_items", "text"), ("child_decisions", "category"), ("plan_actions", "what")):
        old = behind_the_apps_back(store, f"SELECT {column} FROM {table}")[0][0]  # noqa: S608
        behind_the_apps_back(store, f"UPDATE {table} SET {column} = 'N'")  # noqa: S608
        assert not services.records.lock_intact(conference.id), table
        behind_the_apps_back(store, f"UPDATE {table} SET {column} = :old", old=old)  # noqa: S608
        assert services.records.lock_intact(conference.id), table


def test_a_snapshot_can_be_limited_to_the_parts_a_lock_was_made_with(services, meeting, store):
    conference, *_ = meeting
    with store.uow() as uow:
        assert list(snapshot(uow.session, conference.id, only=["conference", "unknown"])) == ["conference"]
        assert "plan_actions" in snapshot(uow.session, conference.id)
