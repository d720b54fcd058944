"""A copy for each reader and the check before release (issue 18 items 3-4), through the services on a
real store: each recipient's documents, their audience printed on every page, restricted items absent per
reader, the check finding each kind of detail and refusing release until answered, the log and audit."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from iro_desktop.domain.audience import AudienceKind, Reason
from iro_desktop.domain.disclosure import Answer, FlagKind
from iro_desktop.domain.distribution import CopyAudience
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordLocked, SendMethod
from iro_desktop.store.models import AuditRow
from tests.conftest import TODAY
from tests.export.pdftext import page_texts
from tests.services.disclosure_record import (
    ADDRESS_ITEM,
    CHAIR,
    CLERK,
    NOT_FOR_GP,
    PLAIN_ITEM,
    POLICE_ITEM,
    Setup,
    build,
    finalise,
)
from tests.signing import with_key


@pytest.fixture
def hand_built(services, store) -> Setup:
    return build(services, store)


def test_recipients_read_as_their_role(services, hand_built):
    recipients = {r.name: r for r in services.records.get(hand_built.conference_id).recipients}
    assert recipients["Anna Nowak"].audience == CopyAudience.FAMILY
    assert recipients["DC Siân Evans"].audience == CopyAudience.PROFESSIONAL
    with pytest.raises(ValidationError) as refused:
        services.records.add_recipient(
            hand_built.conference_id, "Someone", person_id=hand_built.mum
        )  # a recipient id
    assert refused.value.problems[0].field == "person_id"


def test_the_check_finds_each_kind_and_refuses_release_until_answered(services, hand_built, tmp_path, store):
    cid = hand_built.conference_id
    out = tmp_path / "copies"
    check = services.distribution.check(cid, hand_built.mum)
    found = {(f.kind, f.found) for f in check.flags}
    assert found >= {
        (FlagKind.ADDRESS, "14 Acacia Avenue"),
        (FlagKind.POSTCODE, "LS6 2QT"),
        (FlagKind.PHONE, "07700 900123"),
        (FlagKind.NAME, "Jas Kaur"),
        (FlagKind.EMAIL, "sam.friend@example.org"),
        (FlagKind.BIRTH_DATE, "3 March 2008"),
        (FlagKind.WORD, "MARAC"),
    }
    places = {f.kind: f.place for f in check.flags}
    assert places[FlagKind.ADDRESS] == "What we are worried about, item 1"
    assert places[FlagKind.WORD] == "What needs to happen, item 1"
    assert not check.ready
    # A professional's copy is not checked.
    assert services.distribution.check(cid, hand_built.police).ready

    # Held back there and then: the map item is kept from Anna, so it leaves her copy (and its flags).
    address = next(f for f in check.flags if f.kind is FlagKind.ADDRESS)
    check = services.distribution.answer(cid, hand_built.mum, address.key, Answer.RESTRICTED)
    assert FlagKind.ADDRESS not in {f.kind for f in check.flags}
    assert FlagKind.POSTCODE not in {f.kind for f in check.flags}
    item = next(i for i in services.mapping.board(cid).items if i.id == hand_built.items[ADDRESS_ITEM])
    assert item.audience.kind is AudienceKind.EXCEPT
    assert item.audience.reason is Reason.ADDRESS

    # Something with no audience of its own (the name in "Who came") cannot be held back on its own.
    name = next(f for f in check.flags if f.kind is FlagKind.NAME and f.place == "Who came to the meeting")
    with pytest.raises(ValidationError):
        services.distribution.answer(cid, hand_built.mum, name.key, Answer.RESTRICTED)

    remaining = [f for f in check.flags if f.key not in check.answers]
    for flag in remaining[:-1]:
        services.distribution.answer(cid, hand_built.mum, flag.key, Answer.FINE)
    finalise(services, cid)
    with pytest.raises(ValidationError) as refused:
        services.distribution.release(cid, hand_built.mum, out, TODAY, SendMethod.BY_HAND)
    assert [p.field for p in refused.value.problems] == ["flags", "sign_off"]
    assert not out.exists()  # nothing written
    # Once final, holding back goes through the lock like any change.
    with pytest.raises(RecordLocked):
        services.distribution.answer(cid, hand_built.mum, remaining[-1].key, Answer.RESTRICTED)
    check = services.distribution.answer(cid, hand_built.mum, remaining[-1].key, Answer.FINE)
    assert [p.field for p in check.problems] == ["sign_off"]
    with pytest.raises(ValidationError):  # not by whoever answered the check
        services.distribution.sign_off(cid, hand_built.mum)
    with_key(services, CHAIR)
    assert services.distribution.sign_off(cid, hand_built.mum).ready
    with_key(services, CLERK)
    paths = services.distribution.release(cid, hand_built.mum, out, TODAY, SendMethod.BY_HAND)
    assert [p.name for p in paths] == [
        f"R-18_family-version_{TODAY - timedelta(days=1):%Y-%m-%d}_v1_for-1-parent.pdf",
        f"R-18_mapping-handout_{TODAY - timedelta(days=1):%Y-%m-%d}_v1_for-1-parent.pdf",
    ]
    for path in paths:
        pages = page_texts(path.read_bytes())
        for page in pages:
            assert "Copy for Anna Nowak (Parent)" in page
            assert "Audience: family, only what everyone may read" in page
        text = " ".join(pages)
        for held_back in (ADDRESS_ITEM, POLICE_ITEM, NOT_FOR_GP):
            assert held_back[:30] not in text
        assert PLAIN_ITEM in text

    log = services.distribution.log(cid)
    assert [(e.recipient_name, e.document, e.version, e.audience, e.sent_on, e.method) for e in log] == [
        ("Anna Nowak", "family-version", 1, CopyAudience.FAMILY, TODAY, "by_hand"),
        ("Anna Nowak", "mapping-handout", 1, CopyAudience.FAMILY, TODAY, "by_hand"),
    ]
    assert all(e.checked and e.signed_off_by == "Priya Raman" for e in log)
    assert services.records.get(cid).recipients[0].sent_on == TODAY

    # The check, its answers, the sign-off and what went are in the audit: codes, places, ids, never words.
    with store.uow() as uow:
        rows = uow.session.query(AuditRow).filter(AuditRow.entity_id == hand_built.mum).all()
        trail = [(r.action, r.entity_type, json.loads(r.after_json)) for r in rows]
    answers = [a for action, kind, a in trail if kind == "release_check" and "answer" in a]
    assert {a["answer"] for a in answers} == {"restricted", "fine"}
    assert {a["kind"] for a in answers} >= {"address", "phone", "name", "email", "birth_date", "word"}
    assert any(action == "approved" and kind == "release_check" for action, kind, _a in trail)
    sent = [a for action, kind, a in trail if action == "exported" and kind == "recipient"]
    assert [(a["document"], a["audience"], a["method"], a["checked"]) for a in sent] == [
        ("family-version", "family", "by_hand", True),
        ("mapping-handout", "family", "by_hand", True),
    ]
    words = json.dumps([a for _x, _y, a in trail], ensure_ascii=False)
    for found in ("Acacia", "07700", "example.org", "2008", "MARAC"):
        assert found not in words


def test_each_professionals_copy_leaves_out_what_is_kept_from_them(services, hand_built, tmp_path):
    cid = hand_built.conference_id
    finalise(services, cid)
    police = services.distribution.release(
        cid, hand_built.police, tmp_path / "police", TODAY, SendMethod.SECURE_EMAIL
    )
    gp = services.distribution.release(cid, hand_built.gp, tmp_path / "gp", TODAY, SendMethod.SECURE_EMAIL)
    assert [p.name.split("_")[1] for p in police] == ["record", "plan"]
    record_police = page_texts(police[0].read_bytes())
    record_gp = page_texts(gp[0].read_bytes())
    for page in record_police:
        assert "Copy for DC Siân Evans (Police)" in page
        assert "Audience: professional" in page
    for page in record_gp:
        assert "Copy for Dr Farhan Qureshi (GP)" in page
    police_text, gp_text = " ".join(record_police), " ".join(record_gp)
    assert POLICE_ITEM in police_text
    assert "Professionals only: police information" in police_text
    assert NOT_FOR_GP in police_text
    assert NOT_FOR_GP not in gp_text
    assert POLICE_ITEM in gp_text
    assert len(services.distribution.log(cid)) == 4


def test_release_needs_a_final_record_and_the_log_survives_a_restart(
    services, hand_built, tmp_path, location, store
):
    cid = hand_built.conference_id
    with pytest.raises(ValidationError) as refused:
        services.distribution.release(cid, hand_built.police, tmp_path, TODAY, SendMethod.POST)
    assert refused.value.problems[0].field == "release"
    finalise(services, cid)
    services.distribution.release(cid, hand_built.police, tmp_path, TODAY, SendMethod.POST)
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.registry import Services
    from iro_desktop.store.opening import open_store

    store.close()
    again = open_store(location)
    try:
        fresh = Services.build(
            ServiceContext(uow=again.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        log = fresh.distribution.log(cid)
        assert [(e.document, e.method, e.audience) for e in log] == [
            ("record", "post", CopyAudience.PROFESSIONAL),
            ("plan", "post", CopyAudience.PROFESSIONAL),
        ]
    finally:
        again.close()


def test_a_sign_off_lapses_when_the_copy_brings_a_new_detail(services, hand_built):
    cid = hand_built.conference_id
    with_key(services, CLERK)
    for flag in services.distribution.check(cid, hand_built.mum).flags:
        services.distribution.answer(cid, hand_built.mum, flag.key, Answer.FINE)
    with_key(services, CHAIR)
    assert services.distribution.sign_off(cid, hand_built.mum).signed_off_by == "Priya Raman"
    services.mapping.add_item(cid, Section.STRENGTHS, "Grandad can be reached on 0113 496 0000.")
    check = services.distribution.check(cid, hand_built.mum)
    assert check.signed_off_by == ""
    assert [p.field for p in check.problems] == ["flags", "sign_off"]
    assert [f.found for f in check.flags if f.key not in check.answers] == ["0113 496 0000"]


def test_the_child_and_a_ticked_relative_get_family_copies(services, hand_built):
    cid = hand_built.conference_id
    child = services.records.add_recipient(cid, "zoë  nowak", "Child")
    aunt_far = services.records.add_recipient(cid, "Halina Nowak", "Grandmother", family=True)
    school = services.records.add_recipient(cid, "St Mary's School", "School")
    assert (child.audience, aunt_far.audience, school.audience) == ("family", "family", "professional")
    assert child.person_id is None
    assert services.distribution.check(cid, child.id).needed
