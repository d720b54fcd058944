"""Issue 18 in the conference file: who may read each map item travels with it, an older file without
audiences still imports (everyone), and a bad audience is refused in its place."""

from __future__ import annotations

import json
from typing import Any

import pytest

from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.errors import NotFound
from iro_desktop.services.conference_file.document import file_text
from iro_desktop.services.conference_file.service import ConferenceFileService, FileRejected
from tests.services.conference_files import rich_conference, second_store

AUDIENCE_FIELDS = ("audience_kind", "audience_excluded", "audience_reason", "audience_reason_words")


def _items(services: Any, conference_id: str) -> list[Any]:
    return sorted(services.mapping.board(conference_id).items, key=lambda i: (i.section, i.order, i.id))


def _marked(services: Any) -> tuple[str, str, str]:
    conference_id = rich_conference(services)
    items = _items(services, conference_id)
    invitations = services.attendance.invitations(conference_id)
    person = invitations[0].person_id
    services.mapping.set_audience(items[0].id, audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE))
    services.mapping.set_audience(items[1].id, audience(AudienceKind.EXCEPT, [person], Reason.ADDRESS))
    return conference_id, items[0].id, items[1].id


def test_a_marked_item_arrives_marked(services, tmp_path):
    conference_id, police, address = _marked(services)
    text = ConferenceFileService(services.ctx).export_text(conference_id).text
    rows = {r["id"]: r for r in json.loads(text)["conference"]["map_items"]}
    assert rows[police]["audience_kind"] == "professionals"
    assert rows[police]["audience_reason"] == "police"
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(text)
        arrived = {i.id: i.audience for i in _items(other, conference_id)}
        assert arrived[police].kind is AudienceKind.PROFESSIONALS
        assert arrived[address].kind is AudienceKind.EXCEPT
        assert arrived[address].excluded == _items(services, conference_id)[1].audience.excluded
        assert ConferenceFileService(other.ctx).export_text(conference_id).text == text  # same bytes
    finally:
        other_store.close()


def test_a_file_from_before_audiences_imports_as_everyone(services, tmp_path):
    conference_id = rich_conference(services)
    doc = json.loads(ConferenceFileService(services.ctx).export_text(conference_id).text)
    for row in doc["conference"]["map_items"]:
        for name in AUDIENCE_FIELDS:
            del row[name]
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(file_text(doc["conference"], None))  # as it was written
        assert all(not i.audience.restricted for i in _items(other, conference_id))
    finally:
        other_store.close()


def test_a_bad_audience_is_refused_in_its_place(services, tmp_path):
    conference_id, _police, _address = _marked(services)
    doc = json.loads(ConferenceFileService(services.ctx).export_text(conference_id).text)
    row = doc["conference"]["map_items"][0]
    row["audience_kind"] = "except"
    row["audience_excluded"] = ["00000000-0000-4000-8000-000000000000"]  # nobody at this conference
    other_store, other = second_store(tmp_path)
    try:
        try:
            ConferenceFileService(other.ctx).import_text(file_text(doc["conference"], None))
        except FileRejected as rejected:
            places = [p.place for p in rejected.problems]
            messages = [p.message for p in rejected.problems]
        else:
            raise AssertionError("a file keeping an item from someone not at the conference was imported")
        assert "/conference/map_items/0/audience_excluded" in places
        assert "Choose people from this conference." in messages
        with pytest.raises(NotFound):  # nothing of the file was stored
            other.mapping.board(conference_id)
    finally:
        other_store.close()


def test_every_kind_of_content_arrives_with_its_audience(services, tmp_path):
    """Decision reasons, dissent, plan actions, record sections and attendance notes travel marked."""
    from iro_desktop.domain.record import SectionKey

    conference_id = rich_conference(services)
    a = services.audiences
    invitation = services.attendance.invitations(conference_id)[0]
    police = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)
    not_them = audience(AudienceKind.EXCEPT, [invitation.person_id], Reason.OUT_OF_ROOM)
    child_id = next(iter(services.decisions.for_conference(conference_id)))
    dissent = services.decisions.dissents(conference_id)[0]
    action = services.plans.actions(conference_id)[0]
    a.set_reasons(conference_id, child_id, police)
    a.set_dissent(dissent.id, not_them)
    a.set_action(action.id, police)
    a.set_section(conference_id, SectionKey.PURPOSE, not_them)
    a.set_attendance_note(invitation.id, police)
    text = ConferenceFileService(services.ctx).export_text(conference_id).text
    doc = json.loads(text)["conference"]
    assert {r["id"]: r["audience_kind"] for r in doc["dissents"]}[dissent.id] == "except"
    assert {r["id"]: r["audience_excluded"] for r in doc["dissents"]}[dissent.id] == [invitation.person_id]
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(text)
        assert other.decisions.for_conference(conference_id)[child_id].audience == police
        assert other.decisions.dissents(conference_id)[0].audience == not_them
        assert {x.id: x.audience for x in other.plans.actions(conference_id)}[action.id] == police
        sections = {s.key: s.audience for s in other.records.get(conference_id).sections}
        assert sections[SectionKey.PURPOSE] == not_them
        assert other.attendance.get(invitation.id).note_audience == police
        assert ConferenceFileService(other.ctx).export_text(conference_id).text == text  # same bytes
    finally:
        other_store.close()
    # An older file without any audience fields still imports, everything for everyone.
    for part in ("decisions", "dissents", "plan_actions", "record_sections", "invitations", "map_items"):
        for row in doc[part]:
            for name in AUDIENCE_FIELDS:
                del row[name]
    third_store, third = second_store(tmp_path, "third")
    try:
        ConferenceFileService(third.ctx).import_text(file_text(doc, None))
        assert not third.decisions.dissents(conference_id)[0].audience.restricted
        assert not any(x.audience.restricted for x in third.plans.actions(conference_id))
    finally:
        third_store.close()
