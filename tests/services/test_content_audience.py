"""Who may read each kind of content (issue 18), through the services on a real store: decision reasons,
dissent, record sections, plan actions and attendance notes are marked (validated, guarded, audited with
ids and codes only), kept by undo's restore and by carrying the plan forward; and whatever is captured
while a person is out of the room is kept from them."""

from __future__ import annotations

import pytest

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.audience import EVERYONE, AudienceKind, Reason, audience
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.plan import PlanActionInput
from iro_desktop.domain.record import RecordLocked, SectionKey
from iro_desktop.store.audit_log import recent_events
from tests.services.played_meeting import finalise, play_demo_meeting

POLICE = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)


@pytest.fixture
def played(services):
    return play_demo_meeting(services)


def _parent(services, conference_id):
    return next(i for i in services.attendance.invitations(conference_id) if i.role.value == "parent")


def test_every_kind_is_marked_stored_and_audited_without_its_words(services, store, played):
    cid, zoe = played.conference_id, played.child_ids["Zoë"]
    a = services.audiences
    parent = _parent(services, cid)
    not_parent = audience(AudienceKind.EXCEPT, [parent.person_id], Reason.ADDRESS)
    dissent = services.decisions.dissents(cid, zoe)[0]
    action = services.plans.actions(cid)[0]

    assert a.set_reasons(cid, zoe, POLICE) == (POLICE, EVERYONE)
    assert a.set_dissent(dissent.id, not_parent) == (not_parent, EVERYONE)
    assert a.set_section(cid, SectionKey.BACKGROUND, POLICE) == (POLICE, EVERYONE)
    agency = services.records.get(cid).sections
    health = next(s for s in agency if s.key is SectionKey.AGENCY)
    a.set_section(
        cid, SectionKey.AGENCY, audience(AudienceKind.PROFESSIONALS, reason=Reason.HEALTH), health.agency
    )
    assert a.set_action(action.id, not_parent)[1] == EVERYONE
    assert a.set_attendance_note(parent.id, POLICE)[1] == EVERYONE

    # Read back through each kind's own service.
    assert services.decisions.for_conference(cid)[zoe].audience == POLICE
    assert services.decisions.dissents(cid, zoe)[0].audience == not_parent
    sections = {(s.key, s.agency): s.audience for s in services.records.get(cid).sections}
    assert sections[(SectionKey.BACKGROUND, "")] == POLICE
    assert sections[(SectionKey.AGENCY, health.agency)].reason is Reason.HEALTH
    assert sections[(SectionKey.PURPOSE, "")] == EVERYONE
    assert services.plans.actions(cid)[0].audience == not_parent
    assert services.attendance.get(parent.id).note_audience == POLICE

    # Audited: kind, ids and codes; never the content's words.
    with store.uow() as uow:
        events = [e for e in recent_events(uow.session, dissent.id) if e.entity_type == "dissent_audience"]
        assert events[0].after == {"kind": "except", "excluded": [parent.person_id], "reason": "address"}
        texts = str([(e.before, e.after) for e in recent_events(uow.session, action.id)])
    assert action.what not in texts
    assert dissent.reason not in str(events)

    # Marking the same again writes nothing; someone not at this conference is refused in its field.
    assert a.set_action(action.id, not_parent) == (not_parent, not_parent)
    with pytest.raises(ValidationError) as refused:
        a.set_action(action.id, audience(AudienceKind.EXCEPT, ["not-invited"]))
    assert refused.value.for_field("excluded") == ["Choose people from this conference."]
    assert services.plans.actions(cid)[0].audience == not_parent


def test_undo_restores_and_carrying_the_plan_forward_keep_the_mark(services, played):
    cid, zoe = played.conference_id, played.child_ids["Zoë"]
    dissent = services.decisions.dissents(cid, zoe)[0]
    action = services.plans.actions(cid)[0]
    services.audiences.set_dissent(dissent.id, POLICE)
    services.audiences.set_action(action.id, POLICE)
    removed = services.decisions.remove_dissent(dissent.id)
    assert services.decisions.restore_dissent(removed).audience == POLICE
    gone = services.plans.remove_action(action.id)
    assert services.plans.restore_action(gone).audience == POLICE
    # Re-recording the decision keeps its reasons' mark.
    services.audiences.set_reasons(cid, zoe, POLICE)
    decision = services.decisions.for_conference(cid)[zoe]
    services.decisions.record(cid, zoe, decision.as_input())
    assert services.decisions.for_conference(cid)[zoe].audience == POLICE


def test_reasons_need_a_recorded_decision_and_a_final_record_refuses_every_mark(services, played):
    cid, zoe = played.conference_id, played.child_ids["Zoë"]
    services.decisions.withdraw(cid, zoe)
    with pytest.raises(ValidationError) as refused:
        services.audiences.set_reasons(cid, zoe, POLICE)
    assert refused.value.for_field("audience")
    services.decisions.record(cid, zoe, _decision(played))
    action = services.plans.actions(cid)[0]
    finalise(services, cid)
    for mark in (
        lambda: services.audiences.set_action(action.id, POLICE),
        lambda: services.audiences.set_section(cid, SectionKey.ANALYSIS, POLICE),
        lambda: services.audiences.set_reasons(cid, zoe, POLICE),
        lambda: services.audiences.step_out(cid, _parent(services, cid).person_id),
    ):
        with pytest.raises(RecordLocked):
            mark()
    assert services.plans.actions(cid)[0].audience == EVERYONE


def _decision(played):  # type: ignore[no-untyped-def]
    from iro_desktop.domain.categories import Category
    from iro_desktop.domain.decisions import DecisionInput, Outcome

    return DecisionInput(Outcome.PLAN_MADE, "Priya Raman", Category.NEGLECT, rationale="Said again.")


def test_what_is_captured_while_a_parent_is_out_of_the_room_is_kept_from_them(services, store, played):
    cid, zoe = played.conference_id, played.child_ids["Zoë"]
    a = services.audiences
    parent = _parent(services, cid)
    before = services.mapping.add_item(cid, Section.STRENGTHS, "Said with everyone there")
    absence = a.step_out(cid, parent.person_id)
    assert a.step_out(cid, parent.person_id) == absence  # once out, out
    assert a.out_of_room(cid) == [parent.person_id]
    out = audience(AudienceKind.EXCEPT, [parent.person_id], Reason.OUT_OF_ROOM)

    item = services.mapping.add_item(cid, Section.HARM, "A new partner's address came up")
    dissent = services.decisions.add_dissent(cid, zoe, DissentInput("DC Siân Evans", "Police", "x", "y"))
    action = services.plans.add_action(cid, PlanActionInput("Check the new address", "Police"))
    services.records.save_section(cid, SectionKey.ANALYSIS, "Said while the father was out.")
    services.decisions.record(cid, zoe, _decision(played))
    other = next(i for i in services.attendance.invitations(cid) if i.person_id != parent.person_id)
    services.attendance.set_attendance(other.id, Attendance.EXCLUDED, "Left for part of the meeting")
    # Already held back from professionals: stays as it was (no parent reads it anyway).
    kept = services.mapping.add_item(cid, Section.HARM, "Police log", audience=POLICE)

    assert item.audience == out
    assert dissent.audience == out
    assert action.audience == out
    assert services.decisions.for_conference(cid)[zoe].audience == out
    sections = {s.key: s.audience for s in services.records.get(cid).sections}
    assert sections[SectionKey.ANALYSIS] == out
    assert sections[SectionKey.PURPOSE] == EVERYONE
    assert services.attendance.get(other.id).note_audience == out
    assert kept.audience == POLICE
    assert services.mapping.board(cid).item(before.id).audience == EVERYONE  # type: ignore[union-attr]

    ended = a.back_in(cid, parent.person_id)
    assert ended is not None
    assert ended.ended_at is not None
    assert a.back_in(cid, parent.person_id) is None
    after = services.mapping.add_item(cid, Section.STRENGTHS, "Back with everyone")
    assert after.audience == EVERYONE
    assert a.out_of_room(cid) == []
    assert [x.open for x in a.absences(cid)] == [False]
    with store.uow() as uow:
        kinds = [e.entity_type for e in recent_events(uow.session, absence.id)]
    assert kinds.count("room_absence") == 2
    # Only someone on this conference's list can step out.
    with pytest.raises(ValidationError):
        a.step_out(cid, "not-invited")
