"""A recipient's copy (issue 18), in the export layer: `for_reader` leaves out what that reader may not
read, the copy mark is on every page of all four documents (beside the protective marking, and at the
foot), and the family passages the check reads carry their places and map item ids."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iro_desktop.domain.audience import (
    AudienceKind,
    Reader,
    ReaderKind,
    Reason,
    audience,
    mark_words,
    may_read,
)
from iro_desktop.export.copy_check import family_passages
from iro_desktop.export.documents import ConferenceDocument, DangerPairLine, MapItemLine
from iro_desktop.export.pdf import DOCUMENTS
from iro_desktop.export.samples import large_document, sample_document
from tests.export.pdftext import page_texts

POLICE = audience(AudienceKind.PROFESSIONALS, (), Reason.POLICE)
NOT_GP = audience(AudienceKind.EXCEPT, ["gp"], Reason.THIRD_PARTY)


def _doc() -> ConferenceDocument:
    base = sample_document()
    items = (
        MapItemLine("harm", "Harm", "Open to all.", item_id="a"),
        MapItemLine(
            "harm",
            "Harm",
            "Police only line.",
            audience_note=mark_words(POLICE),
            audience=POLICE,
            item_id="b",
        ),
        MapItemLine(
            "harm",
            "Harm",
            "Not for the GP line.",
            audience_note=mark_words(NOT_GP),
            audience=NOT_GP,
            item_id="c",
        ),
    )
    pair = DangerPairLine(
        "Danger kept from the GP.",
        "Goal everyone may read.",
        audience_note=mark_words(NOT_GP),
        audience=NOT_GP,
        danger_id="d",
        goal_id="g",
    )
    return replace(base, map_items=items, danger_pairs=(pair,))


def _texts(doc: ConferenceDocument) -> list[str]:
    return [i.text for i in doc.map_items] + [p.danger_statement for p in doc.danger_pairs]


def test_for_reader_leaves_out_what_each_reader_may_not_read():
    doc = _doc()
    police = doc.for_reader(Reader(ReaderKind.PROFESSIONAL, "police"))
    gp = doc.for_reader(Reader(ReaderKind.PROFESSIONAL, "gp"))
    parent = doc.for_reader(Reader(ReaderKind.PERSON, "mum"))
    room = doc.for_reader(Reader(ReaderKind.ROOM))
    assert _texts(police) == [
        "Open to all.",
        "Police only line.",
        "Not for the GP line.",
        "Danger kept from the GP.",
    ]
    assert _texts(gp) == [
        "Open to all.",
        "Police only line.",
        "Goal everyone may read.",
    ]  # its goal stands alone
    assert _texts(parent) == ["Open to all.", "Not for the GP line.", "Danger kept from the GP."]
    assert _texts(room) == ["Open to all.", "Goal everyone may read."]
    assert police.map_items[1].audience_note == "Professionals only: police information"  # the mark stays


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_copy_mark_is_on_every_page(name):
    doc = large_document()
    mark = "Copy for Anna Nowak (Parent) \u00b7 Audience: family, only what everyone may read"
    pages = page_texts(DOCUMENTS[name](replace(doc, header=replace(doc.header, copy_mark=mark))))
    assert len(pages) > 1
    for page in pages:
        assert mark in page
        assert page.count("Copy for Anna Nowak (Parent)") == 2  # under the marking, and at the foot
        assert "OFFICIAL-SENSITIVE" in page


def test_no_mark_on_documents_not_made_for_someone():
    for page in page_texts(DOCUMENTS["record"](sample_document())):
        assert "Copy for" not in page


def test_family_passages_have_places_and_map_item_ids():
    passages = family_passages(_doc())
    by_text = {p.text: p for p in passages}
    assert by_text["Open to all."].place == "What we are worried about, item 1"
    assert by_text["Open to all."].target.id == "a"
    assert "Police only line." not in by_text
    assert "Not for the GP line." not in by_text
    assert by_text["Goal everyone may read."].target.id == "g"


_PEOPLE = ["mum", "dad", "gp", "police"]
_audiences = st.one_of(
    st.just(audience(AudienceKind.EVERYONE)),
    st.builds(lambda r: audience(AudienceKind.PROFESSIONALS, (), r), st.sampled_from(list(Reason))),
    st.builds(
        lambda who, r: audience(AudienceKind.EXCEPT, who, r),
        st.lists(st.sampled_from(_PEOPLE), min_size=1, max_size=2),
        st.sampled_from(list(Reason)),
    ),
)
_readers = st.one_of(
    st.just(Reader(ReaderKind.ROOM)),
    st.builds(
        Reader, st.sampled_from([ReaderKind.PROFESSIONAL, ReaderKind.PERSON]), st.sampled_from(_PEOPLE)
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_audiences, max_size=6), st.lists(st.tuples(_audiences, _audiences), max_size=3), _readers)
def test_a_copy_never_holds_what_its_reader_may_not_read(items, pairs, reader):
    doc = replace(
        sample_document(),
        map_items=tuple(MapItemLine("harm", "Harm", f"item {n}", audience=a) for n, a in enumerate(items)),
        danger_pairs=tuple(
            DangerPairLine(f"danger {n}", f"goal {n}", audience=d, goal_audience=g, goal_id=f"g{n}")
            for n, (d, g) in enumerate(pairs)
        ),
    )
    copy = doc.for_reader(reader)
    for item in copy.map_items:
        assert may_read(item.audience, reader)
    for pair in copy.danger_pairs:
        assert may_read(pair.audience, reader)
        assert not pair.safety_goal or may_read(pair.goal_audience, reader)
    # Nothing a reader may read is lost: every item and goal they may read is still there, once.
    shown = [i.text for i in copy.map_items] + [p.safety_goal for p in copy.danger_pairs if p.safety_goal]
    wanted = [f"item {n}" for n, a in enumerate(items) if may_read(a, reader)]
    wanted += [f"goal {n}" for n, (_d, g) in enumerate(pairs) if may_read(g, reader)]
    assert sorted(shown) == sorted(wanted)
