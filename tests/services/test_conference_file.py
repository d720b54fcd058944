"""The conference file: export, import into an empty store, export again gives the same bytes; every kind of
bad file is refused with its place and message, and the store is left exactly as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest

from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services.conference_file.document import file_text, revision_of
from iro_desktop.services.conference_file.service import ConferenceFileService, FileRejected
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_records import load_demo_records
from iro_desktop.store.models import ConferenceRow
from tests.services.conference_files import TODAY, rich_conference, second_store, store_fingerprint


def _files(services: Any) -> ConferenceFileService:
    return ConferenceFileService(services.ctx)


def _round_trip(services: Any, tmp_path: Any, conference_id: str) -> tuple[str, str]:
    first = _files(services).export_text(conference_id).text
    other_store, other = second_store(tmp_path)
    try:
        result = _files(other).import_text(first)
        assert result.created
        again = _files(other).export_text(conference_id).text
    finally:
        other_store.close()
    return first, again


def test_demo_conferences_round_trip_byte_identical(services, store, tmp_path):
    load_demo(services.ctx)
    load_demo_records(services.ctx)
    with store.uow() as uow:
        rows = [
            (r.id, r.rearranged_to_id, r.previous_conference_id) for r in uow.session.query(ConferenceRow)
        ]
    # Every conference that links to no conference outside its own file (see docs/conference-file.md).
    standalone = [i for i, rearranged, previous in rows if rearranged is None and previous is None]
    assert len(standalone) >= 3
    for conference_id in standalone:
        first, again = _round_trip(services, tmp_path / conference_id[:8], conference_id)
        assert again == first
    mapped = json.loads(_files(services).export_text(standalone[0]).text)
    assert first.endswith("\n")
    assert "\\u" not in first
    assert any(
        json.loads(_files(services).export_text(c).text)["conference"]["map_items"] for c in standalone
    )
    assert mapped["format"] == "iro-desktop-conference"


def test_rich_unicode_conference_round_trip(services, tmp_path):
    conference_id = rich_conference(services)
    first, again = _round_trip(services, tmp_path, conference_id)
    assert again == first
    doc = json.loads(first)
    content = doc["conference"]
    assert doc["revision"] == revision_of(content)
    assert {c["given_name"] for c in content["children"]} == {"Zuzana", "Łukasz", "Caoimhe"}
    assert any("الحسيني" in p["name"] for p in content["people"])
    assert content["decisions"]
    assert content["dissents"]
    assert content["plan_actions"]
    assert content["plan_history"]
    assert content["plan_history_links"]
    assert content["record_sections"]
    assert content["recipients"]
    assert list(doc) == ["format", "version", "revision", "based_on", "conference"]


def test_export_is_audited_without_personal_data(services):
    conference_id = rich_conference(services)
    _files(services).export_text(conference_id)
    from iro_desktop.store.audit_log import recent_events

    with services.ctx.uow() as uow:
        events = recent_events(uow.session, conference_id)
    exported = [e for e in events if e.action.value == "exported"]
    assert exported
    assert set(exported[0].after or {}) == {"as", "revision"}


# --- bad files -----------------------------------------------------------------------------------------


@pytest.fixture
def good(services) -> dict[str, Any]:
    return json.loads(_files(services).export_text(rich_conference(services)).text)


def _refused(services: Any, store: Any, text: str | bytes) -> dict[str, list[str]]:
    before = store_fingerprint(store)
    with pytest.raises(FileRejected) as err:
        _files(services).import_text(text)
    assert store_fingerprint(store) == before
    places: dict[str, list[str]] = {}
    for problem in err.value.problems:
        places.setdefault(problem.place, []).append(problem.message)
    return places


def _resealed(doc: dict[str, Any]) -> str:
    """The document with a correct revision, so only the planted problem shows."""
    return json.dumps({**doc, "revision": revision_of(doc["conference"])}, ensure_ascii=False)


def test_importing_its_own_export_again_changes_nothing(services, good):
    plan = _files(services).prepare_import(json.dumps(good, ensure_ascii=False))
    assert plan.exists
    assert plan.up_to_date
    assert not plan.conflicts
    before = _files(services).export_text(plan.conference_id).text
    _files(services).apply_import(plan)
    assert _files(services).export_text(plan.conference_id).text == before


def test_malformed_json_gives_line_and_column(services, store, tmp_path):
    other_store, other = second_store(tmp_path)
    try:
        places = _refused(other, other_store, '{\n  "format": "iro-desktop-conference",\n  "version": 1,,\n}')
    finally:
        other_store.close()
    assert "line 3, column 16" in places[""][0]


def test_not_utf8_and_not_an_object(services, store):
    assert "not UTF-8" in _refused(services, store, b"\xff\xfe{}")[""][0]
    assert "Expected an object" in _refused(services, store, "[1, 2]")[""][0]


def test_wrong_format_and_version(services, store, good):
    assert (
        "not an IRO Desktop conference file"
        in _refused(services, store, json.dumps({**good, "format": "x"}))["/format"][0]
    )
    places = _refused(services, store, json.dumps({**good, "version": 2}))
    assert "reads version 1" in places["/version"][0]


def test_every_problem_is_listed_with_its_place(services, store, good):
    c = good["conference"]
    del c["children"][0]["given_name"]
    c["children"][1]["date_of_birth"] = "2026-02-30"
    c["children"][2]["unborn"] = "no"
    c["family"]["name"] = "Ó" * 121
    c["map_items"][1]["id"] = c["map_items"][0]["id"]
    c["scale_scores"][0]["danger_id"] = "00000000-0000-4000-8000-000000000000"
    c["plan_actions"][0]["by_when"] = "1 December"
    c["details"]["status"] = "postponed"
    c["extra"] = 1
    c["decisions"][0]["decided_at"] = "2026-11-23T25:00:00"
    places = _refused(services, store, _resealed(good))
    assert places["/conference/children/0/given_name"] == ["Missing field “given_name”."]
    assert places["/conference/children/1/date_of_birth"] == ["“2026-02-30” is not a date that exists."]
    assert places["/conference/children/2/unborn"] == ["Expected true or false, found text."]
    assert places["/conference/family/name"] == ["Too long: 121 characters, at most 120 allowed."]
    assert "used twice" in places["/conference/map_items/1/id"][0]
    assert "not among the signs of safety map" in places["/conference/scale_scores/0/danger_id"][0]
    assert "YYYY-MM-DD" in places["/conference/plan_actions/0/by_when"][0]
    assert "not one of the allowed values" in places["/conference/details/status"][0]
    assert places["/conference/extra"] == ["Unknown field “extra”."]
    assert "does not exist" not in str(places.get("/revision"))
    assert "is not a date and time that exists" in places["/conference/decisions/0/decided_at"][0]


def test_domain_rules_and_duplicate_rows(services, store, good):
    c = good["conference"]
    c["children"][0]["date_of_birth"] = None  # born child without a date of birth
    c["invitations"][1]["person_id"] = c["invitations"][0]["person_id"]
    c["scale_scores"][0]["participant"] = "  "
    c["dissents"][0]["reason"] = ""
    places = _refused(services, store, _resealed(good))
    assert places["/conference/children/0/date_of_birth"] == ["Enter the date of birth."]
    assert "same person_id" in places["/conference/invitations/1"][0]
    assert "whose judgement" in places["/conference/scale_scores/0/participant"][0]
    assert places["/conference/dissents/0/reason"] == ["Write why they disagree."]


def test_a_hand_edited_file_is_refused_by_its_revision(services, store, good):
    good["conference"]["family"]["name"] = "Edited family"
    places = _refused(services, store, json.dumps(good, ensure_ascii=False))
    assert "changed after IRO Desktop wrote it" in places["/revision"][0]


def test_bad_file_into_empty_store_changes_nothing(services, tmp_path, good):
    other_store, other = second_store(tmp_path)
    try:
        good["conference"]["map_items"][0]["text"] = "x" * 4001
        places = _refused(other, other_store, _resealed(good))
        assert places["/conference/map_items/0/text"] == ["Too long: 4001 characters, at most 4000 allowed."]
    finally:
        other_store.close()


def test_family_reference_clash_is_refused(services, store, tmp_path, good):
    other_store, other = second_store(tmp_path)
    try:
        other.families.create_family(good["conference"]["family"]["reference"], "Another family")
        places = _refused(other, other_store, json.dumps(good, ensure_ascii=False))
        assert "already has the reference" in places["/conference/family/reference"][0]
    finally:
        other_store.close()


def test_manager_may_export_but_not_import(services, tmp_path, good):
    other_store, other = second_store(tmp_path)
    try:
        manager = User("m", "manager", "Manager", Role.MANAGER)
        ctx = ServiceContext(uow=other_store.uow, today=lambda: TODAY, session=SignedIn(manager))
        with pytest.raises(PermissionDenied):
            ConferenceFileService(ctx).import_text(json.dumps(good))
    finally:
        other_store.close()


def test_file_text_is_canonical(good):
    content = good["conference"]
    shuffled = {k: (list(reversed(v)) if isinstance(v, list) else v) for k, v in reversed(content.items())}
    assert file_text(shuffled, None) == file_text(content, None)
