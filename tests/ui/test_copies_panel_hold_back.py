"""The copies panel holds back a flagged detail wherever it comes from (issue 18 item 4): a plan action's,
a decision's reasons, a dissent's or an attendance note's, by keyboard (H on the chosen row), as it does a
map item's. The row leaves the list, the content's audience is stored, and the message says what is left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from iro_desktop.domain.audience import AudienceKind
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from tests.services.disclosure_record import ACTION, CLERK, REASONS, build_flagged
from tests.signing import with_key


@pytest.fixture
def area(qtbot, services, store, tmp_path):
    setup = build_flagged(services, store, sign_off=False)
    with_key(services, CLERK)
    widget = RecordsArea(services, ChangeHub(), exports=tmp_path / "exports")
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.refresh()
    widget.queue_table.selectRow(0)
    widget.recipient_table.selectRow(0)  # Anna Nowak, the parent
    widget.setup = setup  # type: ignore[attr-defined]
    return widget


def _hold_back_row(area, qtbot, place: str) -> None:
    panel = area.copies
    rows = panel.flags.items()
    n = next(i for i, r in enumerate(rows) if r.flag.place.startswith(place))
    panel.flag_table.setFocus()
    panel.flag_table.selectRow(n)
    qtbot.keyClick(panel.flag_table, Qt.Key.Key_H)
    assert not any(r.flag.place.startswith(place) for r in panel.flags.items()), place
    assert "⚠" in panel.message.text()  # what is still to answer, in the panel
    assert "cannot be held back" not in panel.message.text()


def test_hold_back_by_keyboard_for_each_kind_of_content(area, qtbot, services):
    cid = area.setup.conference_id
    panel = area.copies
    places = [r.flag.place for r in panel.flags.items()]
    assert "Plan action 1" in places
    for place in (
        "Plan action",
        "Decision for Zoë Nowak: reasons",
        "Decision for Zoë Nowak: not everyone agreed",
        "Who came to the meeting: note about GP",
    ):
        _hold_back_row(area, qtbot, place)
    action = next(a for a in services.plans.actions(cid) if a.what == ACTION)
    assert action.audience.kind is AudienceKind.EXCEPT
    decision = next(iter(services.decisions.for_conference(cid).values()))
    assert decision.rationale == REASONS
    assert decision.audience.kind is AudienceKind.EXCEPT
    assert services.decisions.dissents(cid)[0].audience.kind is AudienceKind.EXCEPT
    gp = next(i for i in services.attendance.invitations(cid) if i.person_name == "Dr Farhan Qureshi")
    assert gp.note_audience.kind is AudienceKind.EXCEPT


def test_the_hold_button_says_what_it_sets(area):
    tip = area.copies.hold_button.toolTip()
    for part in ("map item", "reasons", "dissent", "plan action", "attendance note"):
        assert part in tip
