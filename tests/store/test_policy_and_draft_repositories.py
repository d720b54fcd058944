"""Local policy values and unrecorded drafts on a real migrated SQLite store."""

from __future__ import annotations

from iro_desktop.store.draft_repository import DraftRepository
from iro_desktop.store.models import UnrecordedDraftRow
from iro_desktop.store.policy_repository import PolicyRepository
from tests.store.family_fixture import book_family


def test_policy_value_is_none_until_put_then_replaced(store):
    with store.uow() as uow:
        assert PolicyRepository(uow.session).value("allow_multiple_category") is None
        PolicyRepository(uow.session).put("allow_multiple_category", "true")
        uow.commit()
    with store.uow() as uow:
        policy = PolicyRepository(uow.session)
        assert policy.value("allow_multiple_category") == "true"
        policy.put("allow_multiple_category", "false")
        policy.put("significant_factors", "neglect|Neglect — “chronic”")
        uow.commit()
    with store.uow() as uow:
        policy = PolicyRepository(uow.session)
        assert policy.value("allow_multiple_category") == "false"
        assert policy.value("significant_factors") == "neglect|Neglect — “chronic”"
        assert policy.value("no_such_key") is None


def test_drafts_are_found_by_child_or_none_and_by_kind(store, services):
    booked = book_family(services)
    zofia, oisin = booked.child_ids
    with store.uow() as uow:
        drafts = DraftRepository(uow.session)
        for child_id, kind, text in [
            (zofia, "decision", '{"rationale": "Zofia"}'),
            (oisin, "decision", '{"rationale": "Oisín"}'),
            (None, "plan_action", '{"what": "Visit"}'),
        ]:
            drafts.add(
                UnrecordedDraftRow(
                    conference_id=booked.first_id, child_id=child_id, kind=kind, content_json=text
                )
            )
        uow.commit()
    with store.uow() as uow:
        drafts = DraftRepository(uow.session)
        found = drafts.find(booked.first_id, oisin, "decision")
        assert found is not None
        assert found.content_json == '{"rationale": "Oisín"}'
        none_child = drafts.find(booked.first_id, None, "plan_action")
        assert none_child is not None
        assert none_child.content_json == '{"what": "Visit"}'
        assert drafts.find(booked.first_id, None, "decision") is None
        assert drafts.find(booked.first_id, zofia, "plan_action") is None
        assert drafts.find(booked.second_id, zofia, "decision") is None
        drafts.remove(found)
        uow.commit()
    with store.uow() as uow:
        drafts = DraftRepository(uow.session)
        assert drafts.find(booked.first_id, oisin, "decision") is None
        assert drafts.find(booked.first_id, zofia, "decision") is not None
