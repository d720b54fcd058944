"""Map rules: sections and questions, pairing and scaling warnings, validation, reordering."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.mapping import (
    SECTION_ORDER,
    Board,
    MapItem,
    Question,
    Scale,
    Section,
    board_warnings,
    carry_plan,
    dangers_without_scale,
    moved,
    next_section,
    participant_key,
    unpaired_dangers,
    unpaired_goals,
    validate_scale,
    validate_text,
)


def _item(item_id: str, section: Section, order: int = 0, goal: str | None = None) -> MapItem:
    return MapItem(item_id, "c", section, f"text {item_id}", order, goal_id=goal)


def test_every_section_belongs_to_exactly_one_question():
    seen = [s for q in Question for s in q.sections]
    assert sorted(seen) == sorted(Section)
    assert len(seen) == len(set(seen))
    assert Section.STRENGTHS.question is Question.WORKING_WELL
    assert Question.WORRIED.label == "What are we worried about?"
    assert SECTION_ORDER[0] is Section.DANGER


def test_danger_without_goal_or_scale_is_flagged():
    goal = _item("g", Section.SAFETY_GOALS)
    paired = _item("d1", Section.DANGER, 0, goal="g")
    unpaired = _item("d2", Section.DANGER, 1)
    board = Board("c", (goal, paired, unpaired), scales=(Scale("s", "c", "d1", "Family", 6),))
    assert unpaired_dangers(board) == [unpaired]
    assert dangers_without_scale(board) == [unpaired]
    assert unpaired_goals(board) == []
    assert board_warnings(board) == [
        "1 danger statement without a safety goal",
        "1 danger statement without a scale",
    ]


def test_pairing_with_an_item_that_is_no_longer_a_goal_counts_as_unpaired():
    moved_goal = _item("g", Section.NEXT_STEPS)
    danger = _item("d", Section.DANGER, goal="g")
    assert unpaired_dangers(Board("c", (moved_goal, danger))) == [danger]


def test_previous_scale_matches_participant_regardless_of_case():
    board = Board("c", (), previous_scales=(Scale("p", "old", "d", " family ", 3),))
    found = board.previous_for("d", "Family")
    assert found is not None
    assert found.score == 3
    assert participant_key("  Health   Visitor ") == "health visitor"


def test_scale_validation():
    assert validate_scale("Family", 0, "") == []
    assert validate_scale("Police", 10, "Two call-outs") == []
    fields = {p.field for p in validate_scale(" ", 11, "x" * 501)}
    assert fields == {"participant", "score", "reason"}
    assert validate_scale("Family", -1, "")[0].field == "score"


def test_text_kept_as_typed_only_length_limited():
    assert validate_text("") == []
    assert validate_text("Zoë said “no” — محمد علي") == []
    assert validate_text("x" * 5000)[0].field == "text"


def test_next_section_wraps_round():
    assert next_section(Section.DANGER, -1) is Section.FAMILY_NETWORK
    assert next_section(Section.FAMILY_NETWORK, 1) is Section.DANGER


@given(st.lists(st.uuids().map(str), min_size=1, max_size=12, unique=True), st.data())
def test_moved_is_a_permutation_that_puts_the_item_where_asked(ids, data):
    item = data.draw(st.sampled_from(ids))
    index = data.draw(st.integers(-3, len(ids) + 3))
    result = moved(ids, item, index)
    assert sorted(result) == sorted(ids)
    assert result.index(item) == max(0, min(index, len(ids) - 1))
    assert [i for i in result if i != item] == [i for i in ids if i != item]


def test_carry_plan_skips_what_is_already_carried_and_keeps_board_order():
    items = [_item("n", Section.NEXT_STEPS), _item("d", Section.DANGER), _item("h", Section.HARM)]
    assert [i.id for i in carry_plan(items, ["h"])] == ["d", "n"]
