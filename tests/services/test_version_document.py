"""The PDF of version N of a final record is what version N said: every part read back from its snapshot,
and the parts an old-shaped snapshot lacks from the record as it is now, with a note saying so."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordLocked, SectionKey
from iro_desktop.services.documents import DocumentKind, render_pdf
from iro_desktop.services.version_document import fallback_note, missing_groups
from iro_desktop.store.models import MapItemRow, PlanActionRow, RecordRow, RecordVersionRow
from tests.export.pdftext import all_text
from tests.services.played_meeting import ACTION_OWNERS, DISSENTER, SUMMARY, finalise, play_demo_meeting

AT = datetime(2026, 11, 25, 12, 30)
OLD_NOTE = (
    "Map, decisions, plan and attendance as they are now: "
    "this version was locked before they were part of the record."
)


@pytest.fixture
def locked(services):
    played = play_demo_meeting(services)
    finalise(services, played.conference_id)
    return played


def _without_header(doc):
    return replace(doc, header=None)


def test_a_version_just_locked_reads_back_as_the_same_document(services, locked):
    now = services.documents.document(locked.conference_id, AT)
    version = services.documents.version_document(locked.conference_id, 1, AT)
    assert version.map_items
    assert version.decisions
    assert version.actions
    assert version.people
    assert _without_header(version) == _without_header(now)
    assert version.header.version_label.startswith("Version 1 of 1, made ")
    assert "as they are now" not in version.header.version_label


def _write_old_shaped_version_1(services, conference_id):
    """As a version locked before the map, decisions, plan and attendance were part of the record."""
    with services.ctx.uow() as uow:
        record = uow.session.scalars(select(RecordRow).where(RecordRow.conference_id == conference_id)).one()
        row = next(v for v in record.versions if v.number == 1)
        data = json.loads(row.snapshot_json)
        row.snapshot_json = json.dumps({k: data[k] for k in ("conference", "record_sections")})
        row.snapshot_version = 1  # as locked by the app before locks were declared and signed (issue 13)
        uow.commit()


def _change_behind_the_app(services, conference_id):
    """The live map item and action texts change (as the store does when an old record is migrated)."""
    with services.ctx.uow() as uow:
        uow.session.execute(
            update(MapItemRow)
            .where(MapItemRow.conference_id == conference_id, MapItemRow.section == Section.STRENGTHS.value)
            .values(text="A strength as the map says now.")
        )
        uow.session.execute(
            update(PlanActionRow)
            .where(PlanActionRow.conference_id == conference_id, PlanActionRow.sort_order == 0)
            .values(what="An action as the plan says now.")
        )
        uow.commit()


def test_each_version_exports_what_it_said(services, locked):
    cid = locked.conference_id
    before = services.documents.version_document(cid, 1, AT)
    strength = next(i.text for i in before.map_items if i.section_code == Section.STRENGTHS.value)
    # The services refuse to change a final record's map and decisions.
    with pytest.raises(RecordLocked):
        services.mapping.add_item(cid, Section.STRENGTHS, "A new strength")
    with pytest.raises(RecordLocked):
        services.decisions.record(cid, locked.child_ids["Zoë"], DecisionInput(Outcome.NOT_MADE_NFA, "X"))

    _write_old_shaped_version_1(services, cid)
    services.records.amend(cid, {(SectionKey.ANALYSIS, ""): "The analysis, corrected."}, "Corrected it")
    _change_behind_the_app(services, cid)

    first = all_text(render_pdf(DocumentKind.RECORD, services.documents.version_document(cid, 1, AT)))
    second = all_text(render_pdf(DocumentKind.RECORD, services.documents.version_document(cid, 2, AT)))
    assert SUMMARY[SectionKey.ANALYSIS] in first
    assert "The analysis, corrected." not in first
    assert "The analysis, corrected." in second
    assert SUMMARY[SectionKey.ANALYSIS] not in second
    for text in (first, second):
        assert "Neglect" in text
        assert DISSENTER in text
        assert all(owner in text for owner in ACTION_OWNERS[::2])  # the plan's actions
        assert "Dr Farhan Qureshi" in text
        assert "Apologies" in text
    # Version 2's map and plan are its snapshot's; version 1 has none, so shows them as they are now.
    assert strength in second
    assert "A strength as the map says now." not in second
    assert "Action 1: Visit every week" in second
    assert "An action as the plan says now." not in second
    assert "A strength as the map says now." in first
    assert "An action as the plan says now." in first
    assert " ".join(OLD_NOTE.split()) in " ".join(first.split())
    assert "as they are now" not in second


def test_the_fallback_note_names_only_what_the_snapshot_lacks():
    assert missing_groups({"conference": {}, "record_sections": [], "map_items": [], "map_scales": []}) == (
        "decisions",
        "plan",
        "attendance",
    )
    assert fallback_note(("plan",)) == (
        "Plan as it is now: this version was locked before it was part of the record."
    )
    assert fallback_note(()) == ""


def test_a_version_row_left_without_a_snapshot_part_still_reads(services, locked):
    """A snapshot missing only the scales keeps its map items and takes no other part from now."""
    with services.ctx.uow() as uow:
        row = uow.session.scalars(select(RecordVersionRow)).one()
        data = json.loads(row.snapshot_json)
        del data["map_scales"]
        row.snapshot_json = json.dumps(data)
        uow.commit()
    doc = services.documents.version_document(locked.conference_id, 1, AT)
    assert "Map as it is now" in doc.header.version_label
    assert doc.map_items


# --- comparing versions ------------------------------------------------------------------------------


def _rewrite_version_1(services, change):
    with services.ctx.uow() as uow:
        row = uow.session.scalars(select(RecordVersionRow).where(RecordVersionRow.number == 1)).one()
        data = json.loads(row.snapshot_json)
        change(data)
        row.snapshot_json = json.dumps(data)
        uow.commit()


def test_comparing_with_the_version_before_lists_each_change_in_words(services, locked):
    cid = locked.conference_id
    services.records.amend(cid, {(SectionKey.ANALYSIS, ""): "The analysis, corrected."}, "Corrected it")
    changes = services.documents.compare_versions(cid, 2)
    assert [(c.part, c.item, c.field) for c in changes] == [("Discussion summary", "Analysis", "Text")]
    assert changes[0].before == SUMMARY[SectionKey.ANALYSIS]
    assert changes[0].after == "The analysis, corrected."


def test_a_changed_decision_action_and_attendance_read_as_labels_and_names(services, locked):
    cid = locked.conference_id
    zoe = locked.child_ids["Zoë"]
    services.records.amend(cid, {(SectionKey.ANALYSIS, ""): "Corrected."}, "Corrected it")

    def as_it_was(data):
        decision = next(d for d in data["decisions"] if d["child_id"] == zoe)
        decision["category"] = "P"
        decision["factors"] = ["domestic_abuse"]
        data["plan_actions"][0]["what"] = "An earlier action"
        next(a for a in data["attendance"] if a["attendance"] == "attended")["attendance"] = "apologies"
        data["map_items"].pop()
        del data["dissent"]

    _rewrite_version_1(services, as_it_was)
    changes = {(c.part, c.field): c for c in services.documents.compare_versions(cid, 2)}
    category = changes[("Decisions", "Category")]
    assert category.item == "Zoë Brontë"
    assert (category.before, category.after) == ("Physical abuse", "Neglect")
    factors = changes[("Decisions", "Significant factors")]
    assert factors.before == "Domestic abuse"
    assert "Domestic abuse" in factors.after
    assert changes[("Plan actions", "What")].before == "An earlier action"
    attendance = changes[("Attendance", "Attendance")]
    assert (attendance.before, attendance.after) == ("Apologies", "Attended")

    assert changes[("Map", "Added")].before == "(not in the version before)"
    assert changes[("Dissent", "The whole part")].before == "Not part of the record in this version"
    assert all("{" not in c.before + c.after for c in changes.values())  # words, not JSON


def test_version_1_has_nothing_before_it(services, locked):
    with pytest.raises(NotFound, match="no version before it"):
        services.documents.compare_versions(locked.conference_id, 1)


def test_a_child_added_to_the_family_later_is_not_in_an_earlier_version(services, locked):
    family = next(f for f in services.families.search("DEMO-0001") if f.reference == "DEMO-0001")
    services.families.add_child(family.id, ChildInput("Nadia", "Wójcik", date(2026, 6, 1)))
    doc = services.documents.version_document(locked.conference_id, 1, AT)
    assert [c.name for c in doc.children] == ["Zoë Brontë", "Łucja Wójcik", "Mateusz Wójcik"]
    assert [d.child_name for d in doc.decisions] == ["Zoë Brontë", "Łucja Wójcik", "Mateusz Wójcik"]
    assert doc.decisions[0].category_label == "Neglect"
    assert "Nadia" in " ".join(c.name for c in services.documents.document(locked.conference_id, AT).children)
