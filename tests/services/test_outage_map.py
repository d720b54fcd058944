"""New map items, moves and deletions kept through a server outage, and an unrecorded decision's draft
(issue 16 item 4), on both databases: what the journal keeps is laid over the map as the server has it
exactly as the replay then stores it (ids made on the desktop, places, audiences), in order, none twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iro_desktop.domain.audience import EVERYONE, AudienceKind, Reason, audience, kept_from
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.outage import (
    DRAFT_SAVE,
    MAP_ADD_ITEM,
    MAP_DELETE_ITEM,
    MAP_EDIT_TEXT,
    MAP_MOVE_ITEM,
    OutageService,
    audience_arguments,
    audience_from,
    kept_map_items,
)
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from tests.conftest import TODAY
from tests.signing import with_key

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
HELD = audience(AudienceKind.PROFESSIONALS)
NEW_ID = "5e0c7f7a-2b1d-4d7e-8f1a-00000000a001"


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "R-2", "Nowak family", [ChildInput("Zoë", "Nowak", TODAY - timedelta(days=3000))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )


@pytest.fixture
def outage(services, tmp_path):
    journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
    yield OutageService(services, journal)
    journal.close()


def _shape(items):  # type: ignore[no-untyped-def]
    """What the board shows, section by section in order: (section, id, text, audience)."""
    order = sorted(items, key=lambda i: (i.section.value, i.order))
    return [(i.section, i.id, i.text, i.audience) for i in order]


def test_items_added_moved_and_deleted_in_an_outage_show_as_they_are_then_stored(
    services, outage, conference, backend
):
    mapping = services.mapping
    first = mapping.add_item(conference.id, Section.DANGER, "Dad's drinking")
    second = mapping.add_item(conference.id, Section.DANGER, "Nobody collects Zoë from school")
    # The server is away: a new item between the two, held back; its words go on; the second item is
    # moved to the strengths and the first deleted. All kept, in order.
    outage.keep(
        MAP_ADD_ITEM,
        conference_id=conference.id,
        section="danger",
        text="Police",
        item_id=NEW_ID,
        index=1,
        audience=audience_arguments(HELD),
    )
    outage.keep(MAP_EDIT_TEXT, item_id=NEW_ID, text="Police called out twice in May")
    outage.keep(MAP_MOVE_ITEM, item_id=second.id, section="strengths", index=0)
    outage.keep(MAP_DELETE_ITEM, item_id=first.id)

    shown, kept = kept_map_items(mapping.board(conference.id).items, outage.entries(), conference.id)
    assert kept == {NEW_ID}
    expected = [
        (Section.DANGER, NEW_ID, "Police called out twice in May", HELD),
        (Section.STRENGTHS, second.id, "Nobody collects Zoë from school", EVERYONE),
    ]
    assert _shape(shown) == expected
    assert [i.order for i in shown] == [0, 0]
    assert len(mapping.board(conference.id).items) == 2  # nothing on the server yet

    result = outage.replay()
    assert (result.applied, result.already, result.left, result.refused) == (4, 0, 0, [])
    stored = mapping.board(conference.id).items
    assert _shape(stored) == expected  # the board showed what is now stored
    assert next(i for i in stored if i.id == NEW_ID).version >= 1
    assert outage.replay().applied == 0
    assert _shape(mapping.board(conference.id).items) == expected  # nothing applied twice


def test_the_place_of_a_kept_new_item_is_kept(services, outage, conference, backend):
    mapping = services.mapping
    for text in ("one", "two", "three"):
        mapping.add_item(conference.id, Section.DANGER, text)
    outage.keep(
        MAP_ADD_ITEM, conference_id=conference.id, section="danger", text="first", item_id=NEW_ID, index=0
    )
    shown, _kept = kept_map_items(mapping.board(conference.id).items, outage.entries(), conference.id)
    assert [i.text for i in sorted(shown, key=lambda i: i.order)] == ["first", "one", "two", "three"]
    outage.replay()
    assert [i.text for i in mapping.board(conference.id).section(Section.DANGER)] == [
        "first",
        "one",
        "two",
        "three",
    ]


def test_a_new_item_the_server_took_before_going_away_is_not_added_twice(
    services, outage, conference, backend
):
    # Stored under the desktop's id by the ordinary call, the answer lost as the server went away: the
    # board kept it in the journal under the same id.
    services.mapping.add_item(conference.id, Section.DANGER, "Dad", item_id=NEW_ID)
    outage.keep(MAP_ADD_ITEM, conference_id=conference.id, section="danger", text="Dad", item_id=NEW_ID)
    outage.keep(MAP_EDIT_TEXT, item_id=NEW_ID, text="Dad's drinking")
    result = outage.replay()
    assert (result.left, result.refused) == (0, [])
    assert [(i.id, i.text) for i in services.mapping.board(conference.id).items] == [
        (NEW_ID, "Dad's drinking")
    ]


def test_deleting_an_item_someone_else_deleted_meanwhile_is_done_not_refused(
    services, outage, conference, backend
):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad")
    outage.keep(MAP_DELETE_ITEM, item_id=item.id)
    services.mapping.delete_item(item.id)  # on another desktop, while this one was cut off
    result = outage.replay()
    assert (result.applied, result.refused, result.left) == (1, [], 0)
    assert services.mapping.board(conference.id).items == ()


def test_an_item_kept_from_someone_out_of_the_room_stays_kept_from_them_when_stored_later(
    services, outage, backend
):
    from tests.services.played_meeting import play_demo_meeting

    played = play_demo_meeting(services)
    cid = played.conference_id
    parent = next(i for i in services.attendance.invitations(cid) if i.role.value == "parent")
    services.audiences.step_out(cid, parent.person_id)
    out = services.audiences.out_of_room(cid)  # what the board knew as the outage began
    services.audiences.back_in(cid, parent.person_id)  # back in the room before the server is
    chosen = kept_from(EVERYONE, out)
    outage.keep(
        MAP_ADD_ITEM,
        conference_id=cid,
        section="danger",
        text="Said while the parent was out",
        item_id=NEW_ID,
        audience=audience_arguments(chosen),
    )
    assert outage.replay().refused == []
    stored = next(i for i in services.mapping.board(cid).items if i.id == NEW_ID)
    assert stored.audience == chosen
    assert stored.audience.kind is AudienceKind.EXCEPT
    assert parent.person_id in stored.audience.excluded
    assert stored.audience.reason is Reason.OUT_OF_ROOM


def test_an_audience_goes_into_the_journal_and_back_unchanged():
    for chosen in (
        HELD,
        audience(AudienceKind.EXCEPT, ["p2", "p1"], Reason.OTHER, "said  in confidence"),
        audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE),
    ):
        assert audience_from(audience_arguments(chosen)) == chosen
    assert audience_arguments(EVERYONE) is None
    assert audience_from(None) is None


def test_a_decision_draft_typed_in_an_outage_is_kept_and_stored_when_the_server_is_back(
    services, outage, conference, backend
):
    with_key(services, CHAIR)
    child = services.families.get(conference.family_id).children[0]
    fields = {
        "outcome": "plan_made",
        "category": "N",
        "rationale": "Zoë’s needs — “persistent” hunger.",
    }
    outage.keep(DRAFT_SAVE, conference_id=conference.id, child_id=child.id, fields=fields, kind="decision")
    outage.keep(
        DRAFT_SAVE,
        conference_id=conference.id,
        child_id=child.id,
        fields={**fields, "rationale": fields["rationale"] + " More."},
        kind="decision",
    )
    assert services.drafts.get(conference.id, child.id) is None
    result = outage.replay()
    assert (result.applied, result.left, result.refused) == (2, 0, [])
    assert services.drafts.get(conference.id, child.id) == {
        **fields,
        "rationale": fields["rationale"] + " More.",
    }
