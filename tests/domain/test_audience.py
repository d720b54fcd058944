"""Who may read what (issue 18): the rules as a table, and properties over every audience."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.audience import (
    EVERYONE,
    ROOM,
    Audience,
    AudienceKind,
    Reader,
    ReaderKind,
    Reason,
    audience,
    excluded_json,
    from_stored,
    mark_words,
    may_read,
    validate_audience,
)

FATHER, MOTHER, SW = "p-father", "p-mother", "p-sw"
PROS = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)
NOT_FATHER = audience(AudienceKind.EXCEPT, [FATHER], Reason.ADDRESS)
father = Reader(ReaderKind.PERSON, FATHER)
mother = Reader(ReaderKind.PERSON, MOTHER)
social_worker = Reader(ReaderKind.PROFESSIONAL, SW)
unnamed_professional = Reader(ReaderKind.PROFESSIONAL)


@pytest.mark.parametrize(
    ("item", "reader", "expected"),
    [
        (EVERYONE, ROOM, True),
        (EVERYONE, father, True),
        (EVERYONE, social_worker, True),
        (PROS, ROOM, False),
        (PROS, father, False),
        (PROS, mother, False),
        (PROS, social_worker, True),
        (PROS, unnamed_professional, True),
        (NOT_FATHER, ROOM, False),  # the father may be in the room
        (NOT_FATHER, father, False),
        (NOT_FATHER, mother, True),
        (NOT_FATHER, social_worker, True),
        (audience(AudienceKind.EXCEPT, [SW]), social_worker, False),
        (audience(AudienceKind.PROFESSIONALS), Reader(ReaderKind.PROFESSIONAL, SW), True),
    ],
)
def test_may_read_table(item: Audience, reader: Reader, expected: bool) -> None:
    assert may_read(item, reader) is expected


ids = st.sampled_from([FATHER, MOTHER, SW, "p-gran"])
audiences = st.builds(
    audience,
    st.sampled_from(list(AudienceKind)),
    st.lists(ids, max_size=3),
    st.one_of(st.none(), st.sampled_from(list(Reason))),
    st.text(max_size=20),
)
readers = st.builds(Reader, st.sampled_from(list(ReaderKind)), st.one_of(st.none(), ids))


@given(audiences, readers)
def test_the_room_reads_only_what_everyone_reads(item: Audience, reader: Reader) -> None:
    if may_read(item, ROOM):
        assert not item.restricted
        assert may_read(item, reader)


@given(audiences, readers)
def test_a_named_person_never_reads_what_is_kept_from_them(item: Audience, reader: Reader) -> None:
    if reader.person_id in item.excluded:
        assert not may_read(item, reader)


@given(audiences)
def test_stored_form_round_trips(item: Audience) -> None:
    stored = from_stored(
        item.kind.value, excluded_json(item), item.reason.value if item.reason else "", item.reason_words
    )
    assert stored == item


def test_old_rows_are_for_everyone() -> None:
    assert from_stored("", "", "", "") == EVERYONE
    assert from_stored("everyone", "[]", "", "") == EVERYONE


def test_everyone_carries_nothing_else() -> None:
    assert audience(AudienceKind.EVERYONE, [FATHER], Reason.POLICE, "x") == EVERYONE
    assert audience(AudienceKind.PROFESSIONALS, [FATHER]).excluded == ()
    assert audience(AudienceKind.EXCEPT, [MOTHER, FATHER, FATHER]).excluded == (FATHER, MOTHER)
    assert audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE, reason_words="x").reason_words == ""


def test_validation_messages_per_field() -> None:
    none_named = validate_audience(audience(AudienceKind.EXCEPT, [], Reason.HEALTH))
    assert [(p.field, p.message) for p in none_named] == [("excluded", "Choose who must not read it.")]
    stranger = validate_audience(audience(AudienceKind.EXCEPT, ["p-x"]), people=[FATHER])
    assert [p.field for p in stranger] == ["excluded"]
    no_words = validate_audience(audience(AudienceKind.PROFESSIONALS, reason=Reason.OTHER, reason_words=" "))
    assert [(p.field, p.message) for p in no_words] == [
        ("reason_words", "Say in a few words why it is held back.")
    ]
    too_long = validate_audience(
        audience(AudienceKind.PROFESSIONALS, reason=Reason.OTHER, reason_words="w" * 201)
    )
    assert [p.field for p in too_long] == ["reason_words"]
    assert validate_audience(NOT_FATHER, people=[FATHER, MOTHER]) == []
    assert validate_audience(audience(AudienceKind.PROFESSIONALS)) == []  # the reason can follow


def test_mark_words() -> None:
    assert mark_words(EVERYONE) == ""
    assert mark_words(PROS) == "Professionals only: police information"
    assert mark_words(NOT_FATHER, {FATHER: "Father"}) == "Not to be shared with Father: address or location"
    assert mark_words(audience(AudienceKind.PROFESSIONALS)) == "Professionals only: no reason given yet"
    other = audience(AudienceKind.PROFESSIONALS, reason=Reason.OTHER, reason_words="said in confidence")
    assert mark_words(other) == "Professionals only: said in confidence"


@given(audiences, st.lists(ids, min_size=1, max_size=3), readers)
def test_what_is_captured_while_someone_is_out_is_never_read_by_them(item, out, reader) -> None:
    """kept_from: the people out of the room never read it; nobody who could not read it before can
    now; the room never reads it."""
    from iro_desktop.domain.audience import kept_from

    after = kept_from(item, out)
    for person in out:
        assert not may_read(after, Reader(ReaderKind.PERSON, person))
    assert not may_read(after, ROOM)
    if not may_read(item, reader):
        assert not may_read(after, reader)


def test_kept_from_words() -> None:
    from iro_desktop.domain.audience import kept_from

    out = kept_from(EVERYONE, [FATHER])
    assert (out.kind, out.excluded, out.reason) == (AudienceKind.EXCEPT, (FATHER,), Reason.OUT_OF_ROOM)
    assert mark_words(out, {FATHER: "Father"}) == (
        "Not to be shared with Father: said while they were out of the room"
    )
    assert kept_from(PROS, [FATHER]) == PROS  # no family member reads it anyway
    both = kept_from(NOT_FATHER, [MOTHER])
    assert (both.excluded, both.reason) == ((FATHER, MOTHER), Reason.ADDRESS)
    assert kept_from(NOT_FATHER, []) == NOT_FATHER
