"""The full-size map fixture holds what a real conference holds."""

from __future__ import annotations

from collections import Counter

import pytest

from iro_desktop.domain.mapping import Section
from iro_desktop.services.demo_large_map import SIZES, large_map_items


@pytest.mark.parametrize("count", SIZES)
def test_sizes_and_lengths(count: int) -> None:
    items = large_map_items(count)
    assert len(items) == count
    assert set(Counter(i.section for i in items)) == set(Section)  # every section has items
    for item in items:
        words = len(item.text.split())
        low, high = (40, 80) if item.section == Section.DANGER else (20, 60)
        assert low <= words <= high, (item.section, words)


def test_stored_with_pairing_and_scales(services, large_map) -> None:  # type: ignore[no-untyped-def]
    family, conference_id = large_map(24)
    board = services.mapping.board(conference_id)
    assert len(board.items) == 24
    assert len(family.children) == 3
    assert any("ł" in c.given_name for c in family.children)
    assert any("\u0600" <= ch <= "\u06ff" for c in family.children for ch in c.given_name)
    dangers = [i for i in board.items if i.section == Section.DANGER]
    assert dangers
    assert all(d.goal_id for d in dangers)
