"""Issue 18 item 6 through the services: a named person's bundle holds what they may see, lists every
withheld item by the reason recorded for it (never its words), as a PDF and a CSV, audited; managers and
administrators only."""

from __future__ import annotations

import csv

import pytest

from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import SendMethod
from iro_desktop.domain.roles import PermissionDenied, Role, User
from tests.export.pdftext import page_texts
from tests.services.played_meeting import held_before_today, play_demo_meeting
from tests.signing import with_key

MANAGER = User("u3", "lee", "Lee Manager", Role.MANAGER)
CLERK = User("u2", "sam", "Sam Clerk", Role.CLERK)


@pytest.fixture
def held_back(services):
    """The demo meeting with one item kept from Mum (address) and one for professionals only (police)."""
    played = play_demo_meeting(services)
    cid = played.conference_id
    held_before_today(services, cid)
    people = {i.person_name: i.person_id for i in services.attendance.invitations(cid)}
    board = services.mapping.board(cid)
    kept = board.section(Section.STRENGTHS)[0]
    police = (
        board.section(Section.COMPLICATING)[0] if board.section(Section.COMPLICATING) else board.items[-1]
    )
    mum, dad = people["Katarzyna Wójcik"], people["Daniel Brontë"]
    services.mapping.set_audience(kept.id, audience(AudienceKind.EXCEPT, [mum], Reason.ADDRESS))
    services.mapping.set_audience(police.id, audience(AudienceKind.PROFESSIONALS, (), Reason.POLICE))
    services.letters.mark_sent(cid, mum, services.ctx.today(), SendMethod.POST)
    return played, mum, dad, kept, police


def test_the_bundle_withholds_by_reason_and_discloses_the_rest(services, held_back):
    _played, mum, dad, kept, police = held_back
    with_key(services, MANAGER)
    bundle = services.subject_access.bundle(mum)
    texts = [h.text for h in bundle.held]
    assert kept.text not in texts
    assert police.text not in texts
    reasons = sorted(w.reason for w in bundle.withheld)
    assert reasons == [
        "Not to be shared with Katarzyna Wójcik: address or location",
        "Professionals only: police information",
    ]
    assert all(kept.text not in w.where + w.reference + w.reason for w in bundle.withheld)
    kinds = {h.kind for h in bundle.held}
    assert {"Conference", "Map item", "Decision", "Plan action", "Record section", "Decision letter"} <= kinds
    # Dad may read what is kept from Mum alone; not what is for professionals only.
    dads = services.subject_access.bundle(dad)
    assert kept.text in [h.text for h in dads.held]
    assert [w.reason for w in dads.withheld] == ["Professionals only: police information"]
    assert "Decision letter" not in {h.kind for h in dads.held}


def test_the_pdf_and_csv_say_the_same_and_are_audited(services, held_back, tmp_path):
    _played, mum, _dad, kept, police = held_back
    with_key(services, MANAGER)
    pdf, csv_path = services.subject_access.export(mum, tmp_path)
    assert "Wójcik" not in pdf.name
    assert "Wójcik" not in csv_path.name
    pages = page_texts(pdf.read_bytes())
    for text in pages:
        assert "OFFICIAL-SENSITIVE" in text
        assert "Subject access" in text
    whole = " ".join(pages)
    assert kept.text not in whole
    assert police.text not in whole
    assert "Professionals only: police information" in whole
    assert "Items withheld 2" in whole
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    withheld = [r for r in rows if r["status"] == "withheld"]
    assert sorted(r["reason"] for r in withheld) == [
        "Not to be shared with Katarzyna Wójcik: address or location",
        "Professionals only: police information",
    ]
    assert all(r["text"] == "" for r in withheld)
    assert not any(kept.text in r["text"] or police.text in r["text"] for r in rows)
    assert len(rows) == len(services.subject_access.bundle(mum).held) + 2
    events = [
        e for e in services.audit.events(services.ctx.session.user) if e.entity_type == "subject_access"
    ]
    assert [(e.action.value, e.after["withheld"]) for e in events] == [("exported", 2)]


def test_people_finds_parents_and_children(services, held_back):
    with_key(services, MANAGER)
    found = {c.name: c for c in services.subject_access.people("wójcik")}
    assert "Katarzyna Wójcik" in found
    assert any(c.is_child for c in services.subject_access.people("Zoë"))
    assert any(c.name.startswith("Łucja") for c in services.subject_access.people("łucja"))  # case-folded
    child = next(c for c in services.subject_access.people("Zoë") if c.is_child)
    bundle = services.subject_access.bundle(child.id)
    assert bundle.person_role == "Child"
    assert len(bundle.withheld) == 1  # kept from Mum by name: the child may read it; police: withheld


def test_only_managers_and_administrators(services, held_back):
    _played, mum, *_ = held_back
    with_key(services, CLERK)
    with pytest.raises(PermissionDenied):
        services.subject_access.bundle(mum)
    with pytest.raises(PermissionDenied):
        services.subject_access.people("")
