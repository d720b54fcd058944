"""The merge rule for two people editing one row (issue 16 item 3), without a store."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.concurrency import EditConflict, FieldConflict, ReadAs, merged, rebase

words = st.text(max_size=20)


def test_an_edit_on_the_version_it_read_applies():
    assert rebase(ReadAs(3, {"text": "a"}), {"text": "b"}, {"text": "a"}, 3) == ()


def test_an_edit_that_names_no_read_applies_as_before():
    assert rebase(None, {"text": "b"}, {"text": "z"}, 9) == ()


def test_their_change_to_another_field_is_merged_in():
    read = ReadAs(1, {"text": "Dad drinks"})
    assert rebase(read, {"text": "Dad drinks most nights"}, {"text": "Dad drinks", "source": "GP"}, 2) == ()


def test_their_change_to_the_same_field_is_a_conflict_with_both():
    read = ReadAs(1, {"text": "Dad drinks"})
    conflicts = rebase(read, {"text": "Dad drinks most nights"}, {"text": "Dad drinks at weekends"}, 2)
    assert conflicts == (
        FieldConflict("text", "Dad drinks", "Dad drinks most nights", "Dad drinks at weekends"),
    )
    error = EditConflict("“Purpose”", conflicts, 2)
    assert error.theirs() == {"text": "Dad drinks at weekends"}
    assert "nothing was overwritten" in str(error)


def test_a_row_created_by_someone_else_since_is_theirs_unless_the_same():
    assert rebase(ReadAs(0, {"text": ""}), {"text": "mine"}, {"text": "theirs"}, 1)
    assert rebase(ReadAs(0, {"text": ""}), {"text": "same"}, {"text": "same"}, 1) == ()


@given(base=words, mine=words, theirs=words, moved_on=st.booleans())
def test_a_conflict_only_when_both_changed_the_field_differently(base, mine, theirs, moved_on):
    version = 2 if moved_on else 1
    conflicts = rebase(ReadAs(1, {"text": base}), {"text": mine}, {"text": theirs}, version)
    assert bool(conflicts) == (moved_on and theirs not in (base, mine))
    for conflict in conflicts:  # both versions are kept, whole, for the person to choose
        assert (conflict.mine, conflict.theirs) == (mine, theirs)


def test_merged_puts_a_whole_form_s_changes_on_top_of_theirs():
    read = ReadAs(1, {"who": "", "when": None})
    mine = {"who": "Jan", "when": None}  # this form changed who only
    assert merged("the action", read, mine, {"who": "", "when": "Friday"}, 2) == {
        "who": "Jan",
        "when": "Friday",
    }
    assert merged("the action", read, mine, {"who": "Ama", "when": None}, 1) == mine  # the version read
    with pytest.raises(EditConflict) as caught:
        merged("the action", read, mine, {"who": "Ama", "when": None}, 2)
    assert caught.value.theirs() == {"who": "Ama"}
    assert caught.value.version == 2


@given(words, words, words)
def test_merged_never_stores_over_a_different_change_of_the_same_field(base, mine, theirs):
    read = ReadAs(1, {"text": base})
    try:
        out = merged("it", read, {"text": mine}, {"text": theirs}, 2)
    except EditConflict:
        assert theirs not in (base, mine)
        assert mine != base
    else:
        assert out["text"] in (mine, theirs)
        assert out["text"] == mine or mine == base
