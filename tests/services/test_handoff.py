"""The offline hand-off with two stores: the chair exports, the clerk imports into an empty store, both
edit, the clerk exports back and the chair imports. Field-by-field: conflicts listed with both values,
everything else merged, nothing lost, nothing overwritten without a choice."""

from __future__ import annotations

import json
from typing import Any

import pytest

from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput
from iro_desktop.domain.record import RecordLocked, RecordState, SectionKey, SendMethod
from iro_desktop.domain.roles import Role
from iro_desktop.services.approval_signing import SigningKeyService
from iro_desktop.services.conference_file.service import (
    ConferenceFileService,
    FileRejected,
    HandoffConflicts,
)
from iro_desktop.services.context import SYSTEM_USER
from tests.services.conference_files import rich_conference, second_store, store_fingerprint
from tests.signing import with_key


@pytest.fixture
def two_stores(services, tmp_path):
    """(chair services, clerk services, conference id, the chair's first file) with the clerk's store open."""
    conference_id = rich_conference(services)
    first = ConferenceFileService(services.ctx).export_text(conference_id).text
    clerk_store, clerk = second_store(tmp_path, "clerk")
    ConferenceFileService(clerk.ctx).import_text(first)
    yield services, clerk, conference_id, first
    clerk_store.close()


def _content(services: Any, conference_id: str) -> dict[str, Any]:
    return json.loads(ConferenceFileService(services.ctx).export_text(conference_id).text)["conference"]


def _items(services: Any, conference_id: str) -> dict[str, str]:
    return {i.id: i.text for i in services.mapping.board(conference_id).items}


def test_clerk_reexports_an_unchanged_import_byte_identically(two_stores):
    _chair, clerk, conference_id, first = two_stores
    assert ConferenceFileService(clerk.ctx).export_text(conference_id).text == first


def test_round_trip_with_a_conflict_and_merged_edits(two_stores):
    chair, clerk, conference_id, first = two_stores
    items = list(_items(chair, conference_id))
    contested, removed_by_clerk = items[0], items[1]
    # The clerk's edits: the contested item, a new action, the purpose section, an item removed.
    clerk.mapping.edit_text(contested, "Clerk: Zuzana said she feels safe — Łukasz agreed.")
    clerk_action = clerk.plans.add_action(
        conference_id, PlanActionInput("Clerk’s action: book interpreter (Čeština)")
    )
    clerk.records.save_section(conference_id, SectionKey.BACKGROUND, "Tło: clerk’s background — خلفية")
    clerk.mapping.delete_item(removed_by_clerk)
    # The chair's edits: the same item differently, the contingency, a new recipient.
    chair.mapping.edit_text(contested, "Chair: Zuzana feels safer at school.")
    chair.plans.save_header(
        conference_id, PlanHeaderInput("No contact with Mr Černý.", "Chair’s new contingency.")
    )
    recipient = chair.records.add_recipient(
        conference_id, "Bríd Ní Mhurchú", "Social worker", SendMethod.POST
    )
    back = ConferenceFileService(clerk.ctx).export_text(conference_id).text
    assert json.loads(back)["based_on"] == json.loads(first)["revision"]

    files = ConferenceFileService(chair.ctx)
    with pytest.raises(HandoffConflicts):
        files.import_text(back)  # never silently: a conflict needs a choice
    plan = files.prepare_import(back)
    assert plan.exists
    assert plan.base_found
    assert [(c.path, c.mine, c.theirs) for c in plan.conflicts] == [
        (
            f"map_items[{contested}].text",
            "Chair: Zuzana feels safer at school.",
            "Clerk: Zuzana said she feels safe — Łukasz agreed.",
        )
    ]
    assert "Signs of Safety map" in plan.conflicts[0].label
    with pytest.raises(FileRejected) as unchosen:
        files.apply_import(plan, {})
    assert "Choose mine or theirs" in unchosen.value.problems[0].message
    files.apply_import(plan, {plan.conflicts[0].path: "theirs"})

    items_after = _items(chair, conference_id)
    assert items_after[contested] == "Clerk: Zuzana said she feels safe — Łukasz agreed."
    assert removed_by_clerk not in items_after
    assert len(items_after) == len(items) - 1
    assert clerk_action.id in {a.id for a in chair.plans.actions(conference_id)}
    record = chair.records.get(conference_id)
    assert {s.key: s.text for s in record.sections}[
        SectionKey.BACKGROUND
    ] == "Tło: clerk’s background — خلفية"
    assert recipient.id in {r.id for r in record.recipients}  # the chair's own edit kept
    assert chair.plans.header(conference_id).contingency == "Chair’s new contingency."
    # Nothing else lost: the decisions, dissent and invitations are as they were.
    content = _content(chair, conference_id)
    assert len(content["decisions"]) == 3
    assert len(content["dissents"]) == 1
    assert len(content["invitations"]) == 3


def test_choosing_mine_keeps_the_chairs_value(two_stores):
    chair, clerk, conference_id, _first = two_stores
    contested = next(iter(_items(chair, conference_id)))
    clerk.mapping.edit_text(contested, "clerk's")
    chair.mapping.edit_text(contested, "chair's")
    files = ConferenceFileService(chair.ctx)
    plan = files.prepare_import(ConferenceFileService(clerk.ctx).export_text(conference_id).text)
    result = files.apply_import(plan, {c.path: "mine" for c in plan.conflicts})
    assert result.conflicts == 1
    assert _items(chair, conference_id)[contested] == "chair's"


def test_deleted_here_and_edited_there_is_a_conflict(two_stores):
    chair, clerk, conference_id, _first = two_stores
    action = chair.plans.actions(conference_id)[0]
    clerk.plans.update_action(action.id, PlanActionInput("Clerk changed the action", "Bríd Ní Mhurchú"))
    chair.plans.remove_action(action.id)
    files = ConferenceFileService(chair.ctx)
    plan = files.prepare_import(ConferenceFileService(clerk.ctx).export_text(conference_id).text)
    (conflict,) = plan.conflicts
    assert conflict.path == f"plan_actions[{action.id}]"
    assert conflict.mine is None
    assert conflict.theirs["what"] == "Clerk changed the action"
    files.apply_import(plan, {conflict.path: "theirs"})
    assert "Clerk changed the action" in [a.what for a in chair.plans.actions(conference_id)]


def test_without_a_common_version_every_difference_is_a_conflict(two_stores, tmp_path):
    chair, clerk, conference_id, _first = two_stores
    doc = json.loads(ConferenceFileService(chair.ctx).export_text(conference_id).text)
    clerk.mapping.edit_text(next(iter(_items(clerk, conference_id))), "changed by the clerk")
    back = json.loads(ConferenceFileService(clerk.ctx).export_text(conference_id).text)
    back["based_on"] = "0" * 64  # a version the chair never saw
    text = json.dumps(back, ensure_ascii=False)
    plan = ConferenceFileService(chair.ctx).prepare_import(text)
    assert not plan.base_found
    assert len(plan.conflicts) == 1
    assert plan.conflicts[0].mine != plan.conflicts[0].theirs
    assert doc["revision"] != back["revision"]


def test_a_final_record_refuses_a_hand_off_that_changes_it(two_stores, store):
    chair, clerk, conference_id, _first = two_stores
    with_key(chair, SYSTEM_USER)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        chair.records.move(conference_id, state)
    clerk.records.save_section(conference_id, SectionKey.ANALYSIS, "A late change from the clerk")
    files = ConferenceFileService(chair.ctx)
    text = ConferenceFileService(clerk.ctx).export_text(conference_id).text
    before = store_fingerprint(store)
    with pytest.raises(RecordLocked, match="amendment"):
        files.import_text(text)
    assert store_fingerprint(store) == before


def test_chair_reexport_after_taking_the_clerks_file_unchanged_is_identical(two_stores):
    chair, clerk, conference_id, _first = two_stores
    clerk.records.save_section(conference_id, SectionKey.LEGAL, "Brak postępowania — no proceedings")
    back = ConferenceFileService(clerk.ctx).export_text(conference_id).text
    files = ConferenceFileService(chair.ctx)
    result = files.import_text(back)
    assert not result.created
    assert result.taken >= 1
    assert files.export_text(conference_id).text == back


def test_a_final_record_arrives_final_and_intact(services, tmp_path):
    conference_id = rich_conference(services)
    with_key(services, SYSTEM_USER)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        services.records.move(conference_id, state)
    text = ConferenceFileService(services.ctx).export_text(conference_id).text
    clerk_store, clerk = second_store(tmp_path, "clerk")
    try:
        # the clerk's administrator trusts the chair's signing key (issue 13: approvals are signed)
        chair_key = SigningKeyService(services.ctx).own_public_key()
        SigningKeyService(clerk.ctx).trust(
            "system", "system", SYSTEM_USER.display_name, Role.CHAIR, chair_key
        )
        ConferenceFileService(clerk.ctx).import_text(text)
        record = clerk.records.get(conference_id)
        assert record.state is RecordState.FINAL
        assert len(record.versions) == 1
        assert clerk.records.lock_intact(conference_id)
    finally:
        clerk_store.close()
