"""Issue 19 in the conference file: the children's NHS numbers and who leads for each child travel with
it (a Lead Practitioner who was not invited comes with them); an older file without either still imports
with its revision; a family member as a lead or two leads of one kind are refused in their place."""

from __future__ import annotations

import json
from typing import Any

import pytest

from iro_desktop.domain.chairing import PractitionerKind
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.services.conference_file.document import file_text
from iro_desktop.services.conference_file.service import ConferenceFileService, FileRejected
from tests.services.conference_files import rich_conference, second_store

NHS = "9434765919"


def _led(services: Any) -> tuple[str, str, dict[str, str]]:
    """The rich conference with an NHS number on the first child and leads for the first two."""
    conference_id = rich_conference(services)
    family_id = services.conferences.get(conference_id).family_id
    kids = services.families.get(family_id).children
    first = kids[0]
    services.families.update_child(
        first.id,
        ChildInput(
            first.given_name,
            first.family_name,
            first.date_of_birth,
            gender=first.gender,
            ethnicity_code=first.ethnicity_code,
            case_number=first.case_number,
            nhs_number="943 476 5919",
        ),
    )
    team = services.people.add_agency("Fictional Family Help — North", AgencyKind.CHILDRENS_SOCIAL_CARE).id
    lead = services.people.add_person(PersonInput("Niamh Ó Ceallaigh", Role.SOCIAL_WORKER, agency_id=team)).id
    helper = services.people.add_person(
        PersonInput("Tereza Nováková", Role.FAMILY_HELP_LEAD, agency_id=team)
    ).id
    services.leads.set_practitioner(first.id, PractitionerKind.LEAD, lead)
    services.leads.set_practitioner(kids[1].id, PractitionerKind.LEAD, lead)
    services.leads.set_practitioner(first.id, PractitionerKind.FAMILY_HELP_LEAD, helper)
    return conference_id, family_id, {"first": first.id, "second": kids[1].id, "lead": lead, "help": helper}


def _leads(services: Any, family_id: str) -> set[tuple[str, str, str]]:
    return {(p.child_id, p.kind.value, p.person_id) for p in services.leads.practitioners(family_id)}


def test_nhs_numbers_and_leads_round_trip_byte_identical(services, tmp_path):
    conference_id, family_id, ids = _led(services)
    text = ConferenceFileService(services.ctx).export_text(conference_id).text
    content = json.loads(text)["conference"]
    assert {c["id"]: c["nhs_number"] for c in content["children"]}[ids["first"]] == NHS
    assert {(r["child_id"], r["kind"], r["person_id"]) for r in content["child_practitioners"]} == {
        (ids["first"], "lead", ids["lead"]),
        (ids["second"], "lead", ids["lead"]),
        (ids["first"], "family_help_lead", ids["help"]),
    }
    assert ids["lead"] in {p["id"] for p in content["people"]}  # not invited, in the file as a lead
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(text)
        assert _leads(other, family_id) == _leads(services, family_id)
        assert other.families.get(family_id).children[0].nhs_number == NHS
        assert ConferenceFileService(other.ctx).export_text(conference_id).text == text  # same bytes
    finally:
        other_store.close()


def test_a_file_from_before_leads_and_nhs_numbers_imports_and_keeps_its_revision(services, tmp_path):
    conference_id, family_id, _ids = _led(services)
    doc = json.loads(ConferenceFileService(services.ctx).export_text(conference_id).text)
    del doc["conference"]["child_practitioners"]
    for child in doc["conference"]["children"]:
        del child["nhs_number"]
    older = file_text(doc["conference"], None)  # as an older version wrote it
    assert "child_practitioners" not in json.loads(older)["conference"]
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(older)
        assert _leads(other, family_id) == set()
        assert {c.nhs_number for c in other.families.get(family_id).children} == {""}
    finally:
        other_store.close()
    # Into the store that has them: the leads stay; the NHS number it lacks is a conflict to choose.
    plan = ConferenceFileService(services.ctx).prepare_import(older)
    assert plan.conflicts
    assert all("nhs_number" in c.path for c in plan.conflicts)
    ConferenceFileService(services.ctx).apply_import(plan, {c.path: "mine" for c in plan.conflicts})
    assert len(_leads(services, family_id)) == 3
    assert services.families.get(family_id).children[0].nhs_number == NHS


def test_a_changed_lead_arrives_under_the_files_id(services, tmp_path):
    conference_id, family_id, ids = _led(services)
    text = ConferenceFileService(services.ctx).export_text(conference_id).text
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(text)
        other.leads.set_practitioner(ids["second"], PractitionerKind.LEAD, None)  # cleared, then named
        other.leads.set_practitioner(ids["second"], PractitionerKind.LEAD, ids["help"])
        changed = ConferenceFileService(other.ctx).export_text(conference_id).text
    finally:
        other_store.close()
    plan = ConferenceFileService(services.ctx).prepare_import(changed)
    ConferenceFileService(services.ctx).apply_import(plan)
    assert (ids["second"], "lead", ids["help"]) in _leads(services, family_id)
    assert (ids["second"], "lead", ids["lead"]) not in _leads(services, family_id)
    assert ConferenceFileService(services.ctx).export_text(conference_id).text.count('"kind": "lead"') >= 2


def test_a_family_member_as_lead_a_second_lead_and_a_bad_nhs_number_are_refused(services, store):
    conference_id, _family_id, ids = _led(services)
    doc = json.loads(ConferenceFileService(services.ctx).export_text(conference_id).text)
    content = doc["conference"]
    parent = next(p["id"] for p in content["people"] if p["family_id"])
    rows = sorted(content["child_practitioners"], key=lambda r: (r["child_id"], r["kind"]))
    member = next(n for n, r in enumerate(content["child_practitioners"]) if r["person_id"] == ids["help"])
    content["child_practitioners"][member]["person_id"] = parent
    content["child_practitioners"].append({**rows[0], "id": "0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9"})
    first = next(n for n, c in enumerate(content["children"]) if c["id"] == ids["first"])
    content["children"][first]["nhs_number"] = "9434765918"
    text = file_text(content, None)
    written = json.loads(text)["conference"]  # the places are in the file's own (canonical) order
    member = next(n for n, r in enumerate(written["child_practitioners"]) if r["person_id"] == parent)
    first = next(n for n, c in enumerate(written["children"]) if c["id"] == ids["first"])
    with pytest.raises(FileRejected) as caught:
        ConferenceFileService(services.ctx).import_text(text)
    places = {p.place: p.message for p in caught.value.problems}
    assert places[f"/conference/child_practitioners/{member}/person_id"].startswith("Choose a professional")
    assert any("same child_id, kind" in m for m in places.values())
    assert f"/conference/children/{first}/nhs_number" in places


def test_a_lead_cleared_on_the_laptop_is_cleared_here(services, tmp_path):
    conference_id, family_id, ids = _led(services)
    text = ConferenceFileService(services.ctx).export_text(conference_id).text
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(text)
        other.leads.set_practitioner(ids["first"], PractitionerKind.FAMILY_HELP_LEAD, None)
        changed = ConferenceFileService(other.ctx).export_text(conference_id).text
    finally:
        other_store.close()
    plan = ConferenceFileService(services.ctx).prepare_import(changed)
    assert not plan.conflicts
    ConferenceFileService(services.ctx).apply_import(plan)
    assert _leads(services, family_id) == {
        (ids["first"], "lead", ids["lead"]),
        (ids["second"], "lead", ids["lead"]),
    }
