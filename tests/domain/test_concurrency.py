"""The merge rule for two people editing one row (issue 16 item 3), without a store."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.concurrency import EditConflict, FieldConflict, ReadAs, rebase

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
