"""The mapping service on a real migrated SQLite store: every edit stored at once and undoable exactly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iro_desktop.domain.conference import ConferenceStatus, ConferenceType
from iro_desktop.domain.errors import NotFound, ValidationError
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from tests.conftest import TODAY

UNICODE = "Zoë said “Babcia’s flat is safe” — Łucja agrees; محمد علي helps"


@pytest.fixture
def family(services):
    return services.families.create_family(
        "R-1", "Brontë family", [ChildInput("Zoë", "Brontë", TODAY - timedelta(days=3000))]
    )


@pytest.fixture
def conference(services, family):
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )


def _texts(services, conference_id, section):
    return [i.text for i in services.mapping.board(conference_id).section(section)]


def test_add_keeps_text_exactly_and_orders_contiguous(services, conference):
    m = services.mapping
    m.add_item(conference.id, Section.STRENGTHS, "first")
    m.add_item(conference.id, Section.STRENGTHS, UNICODE)
    m.add_item(conference.id, Section.STRENGTHS, "at the top", index=0)
    items = m.board(conference.id).section(Section.STRENGTHS)
    assert [i.text for i in items] == ["at the top", "first", UNICODE]
    assert [i.order for i in items] == [0, 1, 2]


def test_edit_text_source_and_child(services, conference, family):
    m = services.mapping
    item = m.add_item(conference.id, Section.HARM, "x")
    assert m.edit_text(item.id, UNICODE).text == UNICODE
    child_id = family.children[0].id
    updated = m.set_details(item.id, "  Police ", child_id)
    assert (updated.source, updated.child_id) == ("Police", child_id)
    with pytest.raises(ValidationError):
        m.set_details(item.id, "Police", "not-a-child")


def test_move_within_and_across_sections_and_back(services, conference):
    m = services.mapping
    a, b, c = (m.add_item(conference.id, Section.HARM, t) for t in "abc")
    m.move_item(c.id, Section.HARM, 0)
    assert _texts(services, conference.id, Section.HARM) == ["c", "a", "b"]
    _item, old_section, old_index = m.move_item(a.id, Section.STRENGTHS, 0)
    assert (old_section, old_index) == (Section.HARM, 1)
    assert _texts(services, conference.id, Section.HARM) == ["c", "b"]
    assert _texts(services, conference.id, Section.STRENGTHS) == ["a"]
    m.move_item(a.id, old_section, old_index)
    board = m.board(conference.id)
    assert [i.text for i in board.section(Section.HARM)] == ["c", "a", "b"]
    assert [i.order for i in board.section(Section.HARM)] == [0, 1, 2]
    assert b.id in {i.id for i in board.items}


def test_delete_and_restore_bring_back_pairing_and_scales(services, conference):
    m = services.mapping
    goal = m.add_item(conference.id, Section.SAFETY_GOALS, "goal")
    danger = m.add_item(conference.id, Section.DANGER, "danger")
    m.pair(danger.id, goal.id)
    m.set_scale(conference.id, danger.id, "Family", 6, "calmer")
    before = m.board(conference.id)

    removed_goal = m.delete_item(goal.id)
    assert removed_goal.paired_danger_ids == (danger.id,)
    assert m.board(conference.id).item(danger.id).goal_id is None  # type: ignore[union-attr]
    m.restore_item(removed_goal)
    removed_danger = m.delete_item(danger.id)
    assert len(removed_danger.scales) == 1
    assert m.board(conference.id).scales == ()
    m.restore_item(removed_danger)
    assert m.board(conference.id) == before


def test_pairing_rules(services, conference):
    m = services.mapping
    danger = m.add_item(conference.id, Section.DANGER, "d")
    harm = m.add_item(conference.id, Section.HARM, "h")
    with pytest.raises(ValidationError):
        m.pair(danger.id, harm.id)
    with pytest.raises(ValidationError):
        m.pair(harm.id, None)
    with pytest.raises(NotFound):
        m.pair("missing", None)


def test_scale_replaces_same_participant_and_overall_is_separate(services, conference):
    m = services.mapping
    danger = m.add_item(conference.id, Section.DANGER, "d")
    first, replaced = m.set_scale(conference.id, danger.id, "Family", 4, "")
    assert replaced is None
    second, replaced = m.set_scale(conference.id, danger.id, " family ", 7, "better")
    assert replaced == first
    assert second.id == first.id
    m.set_scale(conference.id, None, "Family", 5, "overall")
    board = m.board(conference.id)
    assert [(s.score, s.reason) for s in board.scales_for(danger.id)] == [(7, "better")]
    assert [s.score for s in board.scales_for(None)] == [5]
    with pytest.raises(ValidationError):
        m.set_scale(conference.id, danger.id, "Police", 11, "")
    with pytest.raises(ValidationError):
        m.set_scale(conference.id, None, "", 3, "")
    m.remove_scale(second.id)
    assert m.board(conference.id).scales_for(danger.id) == []


def test_review_carries_forward_the_last_map_with_previous_scores(services, family, conference):
    m = services.mapping
    goal = m.add_item(conference.id, Section.SAFETY_GOALS, "calm home")
    danger = m.add_item(conference.id, Section.DANGER, UNICODE)
    m.add_item(conference.id, Section.STRENGTHS, "school")
    m.pair(danger.id, goal.id)
    m.set_scale(conference.id, danger.id, "Police", 3, "call-outs")
    m.set_scale(conference.id, None, "Family", 5, "")
    review = services.conferences.book(family.id, ConferenceType.FIRST_REVIEW, TODAY + timedelta(days=90))
    assert m.previous_conference(review.id) == m.conference(conference.id)

    created = m.carry_forward(review.id)
    assert len(created) == 3
    board = m.board(review.id)
    assert all(i.carried_forward for i in board.items)
    new_danger = board.section(Section.DANGER)[0]
    assert new_danger.text == UNICODE
    assert board.goal_of(new_danger) is not None
    assert board.goal_of(new_danger).carried_from_id == goal.id  # type: ignore[union-attr]
    previous = board.previous_for(new_danger.id, "police")
    assert previous is not None
    assert previous.score == 3
    assert board.previous_for(None, "Family") is not None
    # Carrying again adds nothing; the earlier map is untouched.
    assert m.carry_forward(review.id) == {}
    assert len(m.board(conference.id).items) == 3
    # Undo (delete the carried items) then redo with the same ids.
    m.delete_items(list(created.values()))
    assert m.carry_forward(review.id, created) == created


def test_carry_forward_needs_an_earlier_conference(services, conference):
    with pytest.raises(ValidationError):
        services.mapping.carry_forward(conference.id)


def test_meeting_status(services, conference):
    m = services.mapping
    assert m.start_meeting(conference.id).status == ConferenceStatus.IN_PROGRESS
    assert m.start_meeting(conference.id).status == ConferenceStatus.IN_PROGRESS
    assert m.finish_meeting(conference.id, TODAY).status == ConferenceStatus.HELD
    assert m.start_meeting(conference.id).status == ConferenceStatus.HELD  # a held one stays held


def test_reading_a_conference_does_not_start_it(services, conference):
    """Opening a conference to look at it (board, conference) leaves it scheduled."""
    services.mapping.board(conference.id)
    assert services.mapping.conference(conference.id).status == ConferenceStatus.SCHEDULED


def test_finish_meeting_records_the_held_date_and_the_clocks_start_from_it(services, conference):
    from iro_desktop.domain.clocks import ClockKind, core_group_due, record_distribution_due
    from iro_desktop.services.rules import CALENDAR

    held_on = TODAY - timedelta(days=1)
    finished = services.mapping.finish_meeting(conference.id, held_on)
    assert finished.status == ConferenceStatus.HELD
    assert services.conferences.get(conference.id).held_on == held_on
    clocks = {c.kind: c for c in services.clocks.for_conference(conference.id)}
    rules = services.rules.get().clocks
    assert clocks[ClockKind.CONFERENCE].done_on == held_on
    assert clocks[ClockKind.CORE_GROUP].due == core_group_due(held_on, rules, CALENDAR)
    assert clocks[ClockKind.RECORD_DISTRIBUTION].due == record_distribution_due(held_on, rules, CALENDAR)
    assert clocks[ClockKind.NEXT_REVIEW].due is not None


def test_finish_meeting_refuses_a_future_date_and_keeps_the_meeting_open(services, conference):
    services.mapping.start_meeting(conference.id)
    with pytest.raises(ValidationError) as caught:
        services.mapping.finish_meeting(conference.id, TODAY + timedelta(days=1))
    assert caught.value.for_field("held_on")
    with pytest.raises(ValidationError):
        services.mapping.finish_meeting(conference.id, None)
    assert services.mapping.conference(conference.id).status == ConferenceStatus.IN_PROGRESS


def test_finish_meeting_late_needs_a_reason(services, family):
    late = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=20), clock_start=TODAY - timedelta(days=30)
    )  # booked in timescale, finished weeks later
    with pytest.raises(ValidationError) as caught:
        services.mapping.finish_meeting(late.id, TODAY)
    assert caught.value.for_field("lateness_reason")
    held = services.mapping.finish_meeting(late.id, TODAY, "Parents' solicitor unavailable")
    assert held.lateness_reason == "Parents' solicitor unavailable"
    assert services.mapping.lateness_due(late.id) is not None


def test_demo_map_loads_once(services):
    from iro_desktop.services.demo import load_demo, load_demo_map

    family = load_demo(services.ctx)
    conference = services.conferences.for_family(family.id)[-1]
    board = services.mapping.board(conference.id)
    assert len(board.section(Section.DANGER)) == 2
    assert all(board.goal_of(d) for d in board.section(Section.DANGER))
    texts = " ".join(i.text for i in board.items)
    for sample in ("Zoë", "Łucja", "“", "محمد علي"):
        assert sample in texts
    load_demo_map(services.ctx, conference.id)
    assert len(services.mapping.board(conference.id).items) == len(board.items)


def test_audience_is_stored_validated_audited_and_kept_by_restore_and_carry_forward(
    services, store, family, conference
):
    from iro_desktop.domain.audience import EVERYONE, AudienceKind, Reason, audience
    from iro_desktop.domain.people import PersonInput
    from iro_desktop.domain.people import Role as PersonRole

    m = services.mapping
    dad = services.people.add_person(PersonInput("Tomasz Brontë", PersonRole.PARENT, family_id=family.id))
    services.attendance.invite(conference.id, dad.id, TODAY - timedelta(days=8))
    item = m.add_item(conference.id, Section.HARM, "Police log: call-out on 3 May")
    assert item.audience == EVERYONE
    police = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)
    changed, before = m.set_audience(item.id, police)
    assert (changed.audience, before) == (police, EVERYONE)
    assert m.board(conference.id).item(item.id).audience == police  # type: ignore[union-attr]
    not_dad = audience(AudienceKind.EXCEPT, [dad.id], Reason.ADDRESS)
    m.set_audience(item.id, not_dad)
    # People kept from it must be this conference's people; nothing changes when refused.
    with pytest.raises(ValidationError) as refused:
        m.set_audience(item.id, audience(AudienceKind.EXCEPT, ["someone-else"]))
    assert refused.value.for_field("excluded") == ["Choose people from this conference."]
    assert m.board(conference.id).item(item.id).audience == not_dad  # type: ignore[union-attr]
    # Audited: ids and codes, never the item's words.
    from iro_desktop.store.audit_log import recent_events

    with store.uow() as uow:
        events = [e for e in recent_events(uow.session, item.id) if e.entity_type == "map_item_audience"]
    assert [e.after["kind"] for e in reversed(events)] == ["professionals", "except"]
    assert events[0].after["excluded"] == [dad.id]
    assert all("Police log" not in str(e.before) + str(e.after) for e in events)
    # Delete and restore keep it; so does carrying forward to the review.
    removed = m.delete_item(item.id)
    assert m.restore_item(removed).audience == not_dad
    review = services.conferences.book(family.id, ConferenceType.FIRST_REVIEW, TODAY + timedelta(days=90))
    m.carry_forward(review.id)
    assert [i.audience for i in m.board(review.id).items] == [not_dad]
