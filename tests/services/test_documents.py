"""The PDFs from the store: the demo's meeting, played through the services, in each of the four PDFs
(text read back), DRAFT until final, earlier versions of a final record, permissions, audit, files."""

from __future__ import annotations

import errno
import io
import json
import os
from datetime import datetime

import pytest

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import SectionKey
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.export.pdf import DOCUMENTS
from iro_desktop.services.documents import (
    KIND_NAMES,
    DocumentKind,
    ExportFailed,
    export_problem,
    file_name,
    render_pdf,
)
from iro_desktop.store.models import AuditRow
from tests.export.pdftext import all_text, page_texts
from tests.services.played_meeting import (
    ACTION_OWNERS,
    AGENCY,
    BOTTOM_LINES,
    CONTINGENCY,
    DISSENTER,
    RECIPIENTS,
    SUMMARY,
    finalise,
    play_demo_meeting,
)

AT = datetime(2026, 11, 25, 12, 30)
SECTIONS = {
    DocumentKind.HANDOUT: (
        "What are we worried about?",
        "Danger statements and safety goals",
        "Harm statements",
        "Complicating factors",
        "What's working well?",
        "Strengths",
        "Existing safety",
        "What needs to happen?",
        "Next steps",
        "Scaling",
        "The child's voice",
        "The family network",
    ),
    DocumentKind.PLAN: (
        "About the plan",
        "Children and category",
        "Plan start",
        "First core group",
        "Next review conference",
        "Bottom lines",
        "Actions",
        "Contingency plan",
        "Contacts",
        "Next meetings",
    ),
    DocumentKind.RECORD: (
        "Purpose of the conference",
        "Attendance",
        "Attended",
        "Apologies",
        "Reports to the conference",
        "Summary of the discussion",
        "The map",
        "Decisions for each child",
        "Significant factors",
        "Dissent",
        "The child protection plan",
        "Next meetings",
        "Distribution list",
    ),
    DocumentKind.FAMILY: (
        "What we talked about and agreed",
        "Who came to the meeting",
        "What we are worried about",
        "What is going well",
        "What needs to happen",
        "What the children told us",
        "What was decided",
        "The child protection plan: who will do what",
        "If the plan is not working",
        "What happens next",
        "Who to contact",
    ),
}


@pytest.fixture
def played(services):
    return play_demo_meeting(services)


@pytest.fixture
def pdfs(services, played) -> dict[DocumentKind, str]:
    doc = services.documents.document(played.conference_id, AT)
    return {kind: all_text(render_pdf(kind, doc)) for kind in DocumentKind}


def found(name: str, text: str) -> bool:
    """Arabic script reads back in either order (see tests/export/test_pdfs.py): word by word."""
    if name in text:
        return True
    words = [w.strip(",.;:“”") for w in name.split()]
    return all(word in text or word[::-1] in text for word in words if word)


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_section_is_in_each_pdf(pdfs, kind):
    missing = [section for section in SECTIONS[kind] if section not in pdfs[kind]]
    assert not missing


@pytest.mark.parametrize("kind", [DocumentKind.HANDOUT, DocumentKind.RECORD, DocumentKind.FAMILY])
def test_every_map_item_is_in_the_pdf(services, played, pdfs, kind):
    board = services.mapping.board(played.conference_id)
    assert len(board.items) >= 15
    missing = [item.text for item in board.items if not found(item.text, pdfs[kind])]
    assert not missing
    assert "Family: 6 out of 10" in pdfs[kind]  # the scale against the first danger statement


def test_the_record_holds_every_name_decision_and_summary_part(services, played, pdfs):
    text = pdfs[DocumentKind.RECORD]
    people = [i.person_name for i in services.attendance.invitations(played.conference_id)]
    names = [*people, "Zoë Brontë", "Łucja Wójcik", "Mateusz Wójcik", DISSENTER, *ACTION_OWNERS]
    names += [name for name, _role in RECIPIENTS]
    missing = [name for name in names if not found(name, text)]
    assert not missing
    for part in (
        *SUMMARY.values(),
        AGENCY[1],
        f"Agency contribution: {AGENCY[0]}",
        CONTINGENCY,
        *BOTTOM_LINES,
    ):
        assert part in text
    assert "Neglect" in text
    assert "Emotional abuse" in text
    assert "Domestic abuse" in text
    assert "Parental alcohol misuse" in text
    assert "Plan not made: child in need plan" in text
    assert "First child in need meeting" in text
    assert "Invited: 9; attended: 7; apologies: 2; did not attend: 0." in text
    assert "sent a report" in text


def test_the_plan_and_the_family_version(played, pdfs):
    plan = pdfs[DocumentKind.PLAN]
    for owner in ACTION_OWNERS:
        assert found(owner, plan)
    assert "Safety goal: The children live in a home where adults sort out disagreements" in plan
    assert "Review conference (due by)" in plan
    assert "amara.okafor@westshire.example" in plan
    family = pdfs[DocumentKind.FAMILY]
    assert "There will be a child protection plan to help keep them safe." in family
    assert "The meeting about the Brontë–Wójcik family" in family
    assert "family family" not in family
    assert "Could not come: Eileen Brontë, DC Siân Evans." in family


def test_the_second_demo_family_with_irish_urdu_and_arabic_names(services):
    play_demo_meeting(services)  # also loads the second family, whose record is with the clerk
    conference = next(e for e in services.records.queue() if e.family_reference == "DEMO-0002")
    doc = services.documents.document(conference.conference_id, AT)
    text = all_text(render_pdf(DocumentKind.RECORD, doc))
    for name in (
        "Siobhán Ó Súilleabháin",
        "عائشہ خان",
        "محمد علي Dvořák",
        "Aoife Ó Súilleabháin",
        "Imran Khan",
    ):
        assert found(name, text), name
    assert "Dr Łucja Wójcik" in text
    assert "PC Tom Dvořák" in text  # the distribution list
    assert "Siobhán said: “I feel safer at home now — I like the new flat.”" in text
    assert "Nothing recorded." in text  # this conference has no map
    assert [line.name for line in doc.distribution] == ["Mrs Ayesha Khan", "Dr Łucja Wójcik", "PC Tom Dvořák"]


def test_a_conference_with_nothing_yet_says_none_recorded(services):
    play_demo_meeting(services)
    family = next(f for f in services.families.search("DEMO-0003") if f.reference == "DEMO-0003")
    conference = services.conferences.for_family(family.id)[0]
    doc = services.documents.document(conference.id, AT)
    assert [c.name for c in doc.children] == ["Tomáš Dvořák", "Unborn baby Dvořák"]
    assert doc.children[1].age_text.startswith("Unborn (due ")
    text = all_text(render_pdf(DocumentKind.RECORD, doc))
    assert text.count("None recorded.") >= 3  # summary, bottom lines, contingency, distribution
    assert "attendance not recorded yet" in text
    assert "No decision recorded yet" in text


def test_draft_until_the_record_is_final(services, played):
    for kind in DocumentKind:
        pages = page_texts(render_pdf(kind, services.documents.document(played.conference_id, AT)))
        assert all("DRAFT" in page for page in pages), kind
    finalise(services, played.conference_id)
    doc = services.documents.document(played.conference_id, AT)
    assert doc.header.is_final
    assert doc.header.version_label == "Version 1 (the current version)"
    for kind in DocumentKind:
        data = render_pdf(kind, doc)
        assert "DRAFT" not in all_text(data), kind
        assert all("OFFICIAL-SENSITIVE" in page and "DEMO-0001" in page for page in page_texts(data))


def test_an_earlier_version_of_a_final_record_stays_exportable(services, played, tmp_path):
    finalise(services, played.conference_id)
    original = SUMMARY[SectionKey.ANALYSIS]
    services.records.amend(
        played.conference_id,
        {(SectionKey.ANALYSIS, ""): "The analysis, corrected."},
        "Corrected the analysis",
    )
    first = services.documents.version_document(played.conference_id, 1, AT)
    assert first.header.version_number == 1
    assert first.header.is_final
    assert "A later amendment replaced it." in first.header.version_label
    text = all_text(render_pdf(DocumentKind.RECORD, first))
    assert original in text
    assert "The analysis, corrected." not in text
    assert all(
        "Child protection conference record - version 1" in p
        for p in page_texts(render_pdf(DocumentKind.RECORD, first))
    )  # type: ignore[arg-type]
    second = all_text(
        render_pdf(DocumentKind.RECORD, services.documents.version_document(played.conference_id, 2))
    )
    assert "The analysis, corrected." in second
    assert original not in second
    assert "Version 2 of 2" in second
    assert "Corrected the analysis" in second
    path = services.documents.export(played.conference_id, DocumentKind.RECORD, tmp_path, version=1)
    assert path.name == "DEMO-0001_record_2026-11-25_v1.pdf"
    with pytest.raises(NotFound, match="Version 3 of this record does not exist"):
        services.documents.version_document(played.conference_id, 3)


def test_a_draft_has_no_versions_to_export(services, played):
    assert services.documents.versions(played.conference_id) == []
    with pytest.raises(NotFound, match="not final yet"):
        services.documents.version_document(played.conference_id, 1)


def test_reading_needs_someone_signed_in_and_every_role_may_export(services, played, tmp_path):
    services.ctx.session.user = None
    with pytest.raises(PermissionDenied):
        services.documents.document(played.conference_id)
    with pytest.raises(PermissionDenied):
        services.documents.export(played.conference_id, DocumentKind.PLAN, tmp_path)
    services.ctx.session.user = User("u9", "ex", "Former clerk", Role.CLERK, active=False)
    with pytest.raises(PermissionDenied):
        services.documents.note_exported(played.conference_id, DocumentKind.PLAN)
    for role in Role:
        services.ctx.session.user = User(f"u-{role}", f"{role}", f"A {role}", role)
        assert services.documents.export(played.conference_id, DocumentKind.PLAN, tmp_path).exists()


def test_an_export_is_audited_without_personal_data(services, store, played, tmp_path):
    services.documents.export(played.conference_id, DocumentKind.FAMILY, tmp_path)
    with store.uow() as uow:
        rows = [r for r in uow.session.query(AuditRow).all() if r.action == AuditAction.EXPORTED.value]
        assert len(rows) == 1
        row = rows[0]
        assert (row.entity_type, row.entity_id) == ("conference", played.conference_id)
        assert json.loads(row.after_json) == {"document": "family-version", "version": None}
        assert "Zoë" not in row.after_json
        assert str(tmp_path) not in row.after_json
    assert services.audit.verify().intact


def test_file_names_carry_reference_kind_date_and_draft_never_a_child(services, played):
    doc = services.documents.document(played.conference_id, AT)
    names = {kind: file_name(doc, kind) for kind in DocumentKind}
    assert names[DocumentKind.HANDOUT] == "DEMO-0001_mapping-handout_2026-11-25_DRAFT.pdf"
    for name in names.values():
        assert not any(child in name for child in ("Zoë", "Łucja", "Mateusz", "Brontë", "Wójcik"))
    assert set(KIND_NAMES.values()) == set(DocumentKind)
    assert set(DOCUMENTS) == {kind.value for kind in DocumentKind}


def test_a_folder_that_cannot_be_written_leaves_nothing_behind(services, played, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(ExportFailed) as raised:
        services.documents.export(played.conference_id, DocumentKind.PLAN, blocked / "out")
    assert "Choose another folder" in raised.value.message
    assert not list(tmp_path.rglob("*.part"))


def test_a_full_disk_is_reported_and_no_partial_file_is_left(services, played, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real_fsync = os.fsync

    def full(fd: int) -> None:
        """The PDF's bytes are half on disk when it fills up (files in `out` only: the store and the
        audit anchor still write)."""
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(out)):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportFailed, match="is full"):
        services.documents.export(played.conference_id, DocumentKind.HANDOUT, out)
    assert list(out.iterdir()) == []
    assert "cannot be written to" in export_problem(OSError(errno.EACCES, "denied"), tmp_path).message


def test_unpaired_goals_are_kept_and_empty_items_left_out(services, played):
    goal = services.mapping.add_item(
        played.conference_id, Section.SAFETY_GOALS, "Zoë sleeps through the night."
    )
    services.mapping.add_item(played.conference_id, Section.STRENGTHS, "")
    doc = services.documents.document(played.conference_id, AT)
    unpaired = [i for i in doc.map_items if i.text == goal.text]
    assert unpaired
    assert unpaired[0].section_label.startswith("Safety goals not yet paired")
    assert all(item.text.strip() for item in doc.map_items)
    assert {p.safety_goal for p in doc.danger_pairs} >= {
        g.text for g in services.mapping.board(played.conference_id).section(Section.SAFETY_GOALS)[:2]
    }


def test_held_back_items_leave_the_handout_and_family_version_and_keep_their_mark_elsewhere(services, played):
    """Issue 18: an item marked professionals only or kept from a named person is on no page of the
    handout or the family version (not even its mark); the record and plan keep it with the mark in words."""
    import pdfplumber

    from iro_desktop.domain.audience import AudienceKind, Reason, audience

    m = services.mapping
    board = m.board(played.conference_id)
    harm = board.section(Section.HARM)[0]
    danger = next(d for d in board.section(Section.DANGER) if board.goal_of(d) is not None)
    goal = board.goal_of(danger)
    assert goal is not None
    other_danger = next(d for d in board.section(Section.DANGER) if d.id != danger.id)
    other_goal = board.goal_of(other_danger)
    people = services.attendance.invitations(played.conference_id)
    parent = next(i for i in people if i.role.value == "parent")
    m.set_audience(harm.id, audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE))
    m.set_audience(danger.id, audience(AudienceKind.EXCEPT, [parent.person_id], Reason.ADDRESS))
    if other_goal is not None and other_goal.id != goal.id:
        m.set_audience(other_goal.id, audience(AudienceKind.PROFESSIONALS, reason=Reason.HEALTH))
    doc = services.documents.document(played.conference_id, AT)
    held = [harm.text, danger.text] + ([other_goal.text] if other_goal and other_goal.id != goal.id else [])
    for kind in (DocumentKind.HANDOUT, DocumentKind.FAMILY):
        data = render_pdf(kind, doc)
        pages = page_texts(data)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            plumbed = [page.extract_text() or "" for page in pdf.pages]
        for text in held:
            assert not any(found(text, page) for page in pages), (kind, text)
            assert not any(text[:30] in " ".join(page.split()) for page in plumbed), (kind, text)
        joined = " ".join(pages)
        assert "Professionals only" not in joined
        assert "Not to be shared" not in joined
        assert found(goal.text, joined)  # the goal everyone may read stays, though its danger went
        assert found(other_danger.text, joined)
    record = all_text(render_pdf(DocumentKind.RECORD, doc))
    assert found(harm.text, record)
    assert "Professionals only: police information" in record
    assert f"Not to be shared with {parent.person_name}: address or location" in record
    assert "\u2298" in record  # the symbol, beside the words
