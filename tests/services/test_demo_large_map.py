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


def test_the_demo_has_the_full_size_family_meeting_today(services) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: the demo's fourth family has the full-size map, who is here and a plan in the making."""
    from iro_desktop.domain.attendance import Attendance
    from iro_desktop.services.demo import load_demo
    from iro_desktop.services.demo_large_map import DEMO_LARGE_ITEMS, LARGE_FAMILY_NAME, LARGE_REFERENCE

    load_demo(services.ctx)
    family = next(f for f in services.families.search(LARGE_REFERENCE) if f.reference == LARGE_REFERENCE)
    assert family.name == LARGE_FAMILY_NAME
    (conference,) = services.conferences.for_family(family.id)
    assert conference.scheduled_date == services.ctx.today()
    items = services.mapping.board(conference.id).items
    assert len(items) == DEMO_LARGE_ITEMS == 40
    invitations = services.attendance.invitations(conference.id)
    assert len(invitations) == 9  # both parents, Babcia and six professionals
    assert Counter(i.attendance for i in invitations) == {Attendance.ATTENDED: 8, Attendance.SENT_REPORT: 1}
    steps = [i for i in items if i.section == Section.NEXT_STEPS]
    actions = services.plans.actions(conference.id)
    assert [a.what for a in actions] == [s.text for s in steps]
    assert all(a.who_person and a.by_when and a.safety_goal_id for a in actions)
    assert services.plans.header(conference.id).bottom_lines.startswith("The children are never left")
