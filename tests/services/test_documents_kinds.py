"""Issue 18: restricted content of every kind (decision reasons, dissent, record summary sections and the
purpose, plan actions, attendance notes) is on no page of the family version or the mapping handout, and
is in the record and the plan with its mark in words; the text of every page is searched."""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.audience import ROOM, AudienceKind, Reader, ReaderKind, Reason, audience
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.documents import DocumentKind, render_pdf
from tests.export.pdftext import all_text, page_texts
from tests.services.played_meeting import AGENCY, SUMMARY, play_demo_meeting

AT = datetime(2026, 11, 25, 12, 30)
POLICE = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)
REASONS = "Zoë’s basic needs are not being met"
EXCLUDED_WHY = "Bail conditions prevent contact with the children"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def marked(services):
    """The demo meeting with one piece of each kind held back."""
    played = play_demo_meeting(services)
    cid, zoe = played.conference_id, played.child_ids["Zoë"]
    a = services.audiences
    people = services.attendance.invitations(cid)
    parent = next(i for i in people if i.role.value == "parent")
    other = next(i for i in people if i.person_name == "Eileen Brontë")
    services.attendance.set_attendance(other.id, Attendance.EXCLUDED, EXCLUDED_WHY)
    not_parent = audience(AudienceKind.EXCEPT, [parent.person_id], Reason.THIRD_PARTY)
    a.set_reasons(cid, zoe, POLICE)
    a.set_dissent(services.decisions.dissents(cid, zoe)[0].id, not_parent)
    a.set_section(cid, SectionKey.BACKGROUND, POLICE)
    a.set_section(cid, SectionKey.PURPOSE, audience(AudienceKind.PROFESSIONALS, reason=Reason.HEALTH))
    a.set_section(
        cid, SectionKey.AGENCY, audience(AudienceKind.PROFESSIONALS, reason=Reason.HEALTH), AGENCY[0]
    )
    action = services.plans.actions(cid)[1]
    a.set_action(action.id, not_parent)
    a.set_attendance_note(other.id, audience(AudienceKind.PROFESSIONALS, reason=Reason.CHILDS_WISH))
    held = {
        "reasons": REASONS,
        "dissent": "We are already working with everyone",
        "background": SUMMARY[SectionKey.BACKGROUND],
        "purpose": SUMMARY[SectionKey.PURPOSE],
        "agency": AGENCY[1],
        "action": action.what,
        "attendance note": EXCLUDED_WHY,
    }
    return services.documents.document(cid, AT), held, parent


def test_no_restricted_content_of_any_kind_in_the_family_version_or_handout(marked):
    import pdfplumber

    doc, held, _parent = marked
    for kind in (DocumentKind.FAMILY, DocumentKind.HANDOUT):
        data = render_pdf(kind, doc)
        pages = [_flat(p) for p in page_texts(data)]
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            plumbed = [_flat(page.extract_text() or "") for page in pdf.pages]
        assert pages
        for what, text in held.items():
            snippet = _flat(text)[:28]
            assert not any(snippet in page for page in pages), (kind, what)
            assert not any(snippet in page for page in plumbed), (kind, what)
        joined = " ".join(pages)
        assert "Professionals only" not in joined
        assert "Not to be shared" not in joined
        assert "\u2298" not in joined
    family = _flat(all_text(render_pdf(DocumentKind.FAMILY, doc)))
    assert "Walk the children to school" not in family  # the held-back action
    assert "Visit every week" in family  # the actions everyone may read stay


def test_the_record_and_plan_keep_every_kind_with_its_mark_in_words(marked):
    doc, held, parent = marked
    record = _flat(all_text(render_pdf(DocumentKind.RECORD, doc)))
    for what in ("reasons", "dissent", "background", "purpose", "agency", "attendance note"):
        assert _flat(held[what])[:28] in record, what
    assert "Professionals only: police information" in record
    assert f"Not to be shared with {parent.person_name}: third-party information" in record
    assert "Professionals only: health information" in record
    assert "Professionals only: the child's wish" in record
    assert "\u2298" in record
    plan = _flat(all_text(render_pdf(DocumentKind.PLAN, doc)))
    assert held["action"] in plan
    assert f"Not to be shared with {parent.person_name}" in plan


def test_for_reader_follows_may_read_for_each_reader(marked):
    doc, held, parent = marked
    assert doc.for_everyone() == doc.for_reader(ROOM)
    professional = doc.for_reader(Reader(ReaderKind.PROFESSIONAL, "someone"))
    assert professional.decisions == doc.decisions
    assert professional.summary == doc.summary
    father = doc.for_reader(Reader(ReaderKind.PERSON, parent.person_id))
    mother = doc.for_reader(Reader(ReaderKind.PERSON, "another-family-member"))
    zoe = next(d for d in doc.decisions if d.reasons)
    assert zoe.dissent
    for copy in (father, mother):
        line = next(d for d in copy.decisions if d.child_name == zoe.child_name)
        assert line.reasons == ""  # professionals only
        assert copy.purpose == ""
        assert all(held["background"] not in s.text for s in copy.summary)
    # Kept from the father by name: the mother reads the dissent and the action, he does not.
    assert next(d for d in mother.decisions if d.child_name == zoe.child_name).dissent == zoe.dissent
    assert next(d for d in father.decisions if d.child_name == zoe.child_name).dissent == ()
    assert any(a.what == held["action"] for a in mother.actions)
    assert all(a.what != held["action"] for a in father.actions)


def test_a_final_records_version_holds_back_what_was_marked_when_it_was_locked(services, marked):
    """The version's snapshot carries each kind's audience: its family copy is as safe as today's."""
    from tests.services.played_meeting import finalise

    doc, held, _parent = marked
    conference_id = services.documents.conferences_for_reference(doc.header.family_reference)[-1].id
    finalise(services, conference_id)
    version = services.documents.version_document(conference_id, 1, AT)
    assert version.decisions == doc.decisions
    assert [s.audience for s in version.summary] == [s.audience for s in doc.summary]
    family = _flat(all_text(render_pdf(DocumentKind.FAMILY, version)))
    for what in ("reasons", "dissent", "action"):
        assert _flat(held[what])[:28] not in family, what
    record = _flat(all_text(render_pdf(DocumentKind.RECORD, version)))
    assert _flat(held["background"])[:28] in record
