"""The projector's painted items at real sizes (issue 12): for every screen size and map size, on every
page, no text over other text, nothing outside the window or clipped, and type a parent can read from
three metres (never below 20 pt at 1024x768; the same share of the screen's height on taller screens)."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.mapping import SECTION_ORDER
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.presentation import PresentationWindow

SCREENS = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]
COUNTS = [12, 24, 40, 80]


def open_projector(qtbot, services, large_map, count, size):
    _family, conference_id = large_map(count)
    controller = BoardController(services, ChangeHub())
    controller.open(conference_id)
    window = PresentationWindow(controller)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    return controller, window


def readable_pt(height: int) -> float:
    """20 pt on a 768-line screen, the same share of the height on taller ones, never below 20 pt."""
    return max(20.0, 20.0 * height / 768)


def layout_problems(window: PresentationWindow) -> list[str]:
    bounds = QRectF(window.rect())
    pieces = window.painted_layout()
    problems = []
    floor = readable_pt(window.height())
    for p in pieces:
        where = f"{p.kind} {p.text[:40]!r} at {p.rect.getRect()}"
        if not bounds.contains(p.rect):
            problems.append(f"outside the {bounds.width():.0f}x{bounds.height():.0f} window: {where}")
        if p.laid_out_height > p.rect.height() + 0.5:
            problems.append(f"clipped: laid out {p.laid_out_height:.0f} px tall: {where}")
        if p.laid_out_width > p.rect.width() + 0.5:
            problems.append(f"too wide: laid out {p.laid_out_width:.0f} px wide: {where}")
        if p.smallest_pt < floor - 0.01:
            problems.append(f"type {p.smallest_pt:.1f} pt, below {floor:.1f} pt: {where}")
    for a, b in combinations(pieces, 2):
        if a.rect.intersects(b.rect):
            problems.append(
                f"overlap: {a.kind} {a.text[:30]!r} {a.rect.getRect()} and {b.kind} {b.text[:30]!r} "
                f"{b.rect.getRect()}"
            )
    return problems


@pytest.mark.parametrize("count", COUNTS)
@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_painted_text_never_overlaps_is_never_cut_off_and_is_readable(
    qtbot, services, large_map, count, size
):
    controller, window = open_projector(qtbot, services, large_map, count, size)
    problems = []
    shown = []
    for page in range(window.page_count):
        window.show_page(page)
        problems += [f"page {page + 1}: {p}" for p in layout_problems(window)]
        shown += [p.text for p in window.painted_layout()]
    assert problems == [], "\n".join(problems)
    # Nothing is left off: every item is on some page.
    painted = "\n".join(shown)
    items = [i for s in SECTION_ORDER for i in controller.section_items(s)]
    assert len(items) == count
    missing = [i.text[:40] for i in items if i.text[:40] not in painted]
    assert missing == []
