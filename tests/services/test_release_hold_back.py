"""The release check holds a flagged detail back where it comes from, for every kind of content a family
copy prints (issue 18 item 4): a decision's reasons, a dissent, a plan action and an attendance note, as
well as a map item. Each "Hold back" sets that content's audience through the content-audience service
(kept from the recipient, with a reason), so the detail leaves their copy and the mark is stored and
audited. On a real store (SQLite file and PostgreSQL)."""

from __future__ import annotations

import pytest

from iro_desktop.domain.audience import AudienceKind, Reason
from iro_desktop.domain.disclosure import Answer, Flag
from iro_desktop.store.audit_log import recent_events
from tests.services.disclosure_record import ACTION, REASONS, Setup, build_flagged


@pytest.fixture
def content(services, store) -> Setup:
    return build_flagged(services, store)


def _flag(services, setup: Setup, place_starts: str) -> Flag:
    check = services.distribution.check(setup.conference_id, setup.mum)
    found = [f for f in check.flags if f.place.startswith(place_starts)]
    assert found, [f.place for f in check.flags]
    return found[0]


def _mum_person(services, setup: Setup) -> str:
    recipient = next(r for r in services.records.get(setup.conference_id).recipients if r.id == setup.mum)
    assert recipient.person_id
    return recipient.person_id


def test_each_kind_of_content_is_held_back_where_it_comes_from(services, content):
    cid, mum = content.conference_id, _mum_person(services, content)
    places = {
        "decision_reasons": "Decision for Zoë Nowak: reasons",
        "dissent": "Decision for Zoë Nowak: not everyone agreed",
        "plan_action": "Plan action",
        "attendance_note": "Who came to the meeting: note about",
    }
    for kind, place in places.items():
        flag = _flag(services, content, place)
        assert flag.restrictable, flag
        assert flag.target.kind == kind, flag
        check = services.distribution.answer(cid, content.mum, flag.key, Answer.RESTRICTED)
        assert not [f for f in check.flags if f.place.startswith(place)], kind  # gone from her copy
        assert flag.key not in check.answers or check.answers[flag.key] is Answer.RESTRICTED

    decision = services.decisions.for_conference(cid)
    kept = [
        next(iter(decision.values())).audience,
        services.decisions.dissents(cid)[0].audience,
        next(a for a in services.plans.actions(cid) if a.what == ACTION).audience,
        next(
            i for i in services.attendance.invitations(cid) if i.person_name == "Dr Farhan Qureshi"
        ).note_audience,
    ]
    for audience in kept:
        assert audience.kind is AudienceKind.EXCEPT
        assert audience.excluded == (mum,)
        assert audience.reason in (Reason.THIRD_PARTY, Reason.ADDRESS)
    assert kept[1].reason is Reason.ADDRESS  # the dissent held an address
    # the family copy no longer prints any of it; a professional's copy still does
    family = services.distribution.copy_document(cid, content.mum)
    assert REASONS not in {d.reasons for d in family.decisions}
    assert not any(d.dissent for d in family.decisions)
    assert ACTION not in {a.what for a in family.actions}
    police = services.distribution.copy_document(cid, content.police)
    assert REASONS in {d.reasons for d in police.decisions}
    assert ACTION in {a.what for a in police.actions}


def test_a_hold_back_is_audited_by_the_service_that_owns_the_content(services, store, content):
    flag = _flag(services, content, "Plan action")
    services.distribution.answer(content.conference_id, content.mum, flag.key, Answer.RESTRICTED)
    with store.uow() as uow:
        events = [
            e for e in recent_events(uow.session, flag.target.id) if e.entity_type == "plan_action_audience"
        ]
    assert events[0].after == {
        "kind": "except",
        "excluded": [_mum_person(services, content)],
        "reason": "third_party",
    }
    assert ACTION not in str([(e.before, e.after) for e in events])  # never the words
