"""Issue 18 on the board: "start new items held back" (Ctrl+Alt+H, said in words) makes every new item
professionals only from its first keystroke, so it never reaches the projector before it is marked; and
the board says who is out of the room, whose absence restricts what is captured."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication

from iro_desktop.domain.audience import AudienceKind, Reason
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import PersonInput, Role
from tests.conftest import TODAY
from tests.ui.mapping.test_board import _window, key


def test_new_items_start_held_back_and_never_reach_the_projector(qtbot, services, settings, conference):
    window = _window(qtbot, services, settings)
    window.show_view("meeting")
    window.meeting.open_conference(conference.id)
    board = window.meeting.board
    key(qtbot, "Alt+2")
    key(qtbot, "Ctrl+Alt+H")
    assert board.hold_new.isChecked()
    assert "New items start held back" in board.hold_words.text()
    assert board.hold_words.isVisible()
    key(qtbot, "F5")  # the projector is up while the item is typed
    QApplication.processEvents()
    key(qtbot, "Alt+2")
    qtbot.keyClicks(QApplication.focusWidget(), "Police intelligence")
    QApplication.processEvents()
    assert "Police" not in window.meeting.presentation.plain_text()  # not even for a keystroke
    key(qtbot, "Return")
    held = services.mapping.board(conference.id).section(Section.HARM)[0]
    assert held.audience.kind is AudienceKind.PROFESSIONALS
    assert "Police" not in window.meeting.presentation.plain_text()
    key(qtbot, "F5")
    # Turned off: the next item is for everyone again.
    board.panels[Section.HARM].quick_add.setFocus()
    key(qtbot, "Ctrl+Alt+H")
    assert not board.hold_new.isChecked()
    assert not board.hold_words.isVisible()
    qtbot.keyClicks(QApplication.focusWidget(), "Mum walks them to school")
    key(qtbot, "Return")
    items = services.mapping.board(conference.id).section(Section.HARM)
    assert [i.audience.restricted for i in items] == [True, False]


def test_the_board_says_who_is_out_of_the_room(qtbot, services, settings, conference, family):
    dad = services.people.add_person(PersonInput("Tomasz Wójcik", Role.PARENT, family_id=family.id))
    services.attendance.invite(conference.id, dad.id, TODAY - timedelta(days=8))
    before = services.mapping.add_item(conference.id, Section.HARM, "Said with him there")
    window = _window(qtbot, services, settings)
    window.show_view("meeting")
    window.meeting.open_conference(conference.id)
    board = window.meeting.board
    assert not board.out_words.isVisible()
    services.audiences.step_out(conference.id, dad.id)
    window.meeting.controller.hub.relay(services.ctx.take_changes())
    assert "Out of the room: Tomasz Wójcik" in board.out_words.text()
    key(qtbot, "Alt+4")
    qtbot.keyClicks(QApplication.focusWidget(), "Said while he was out")
    key(qtbot, "Return")
    item = services.mapping.board(conference.id).section(Section.STRENGTHS)[0]
    assert item.audience.excluded == (dad.id,)
    assert item.audience.reason is Reason.OUT_OF_ROOM
    model = window.meeting.controller.models[Section.STRENGTHS]
    from PySide6.QtCore import Qt

    line = model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert "Not to be shared with Tomasz Wójcik: said while they were out of the room" in line

    # Words added to an earlier item while he is out: the item is kept from him now, and the board knows.
    controller = window.meeting.controller
    controller.live_text(before.id, "Said with him there, and more after he left")
    assert controller.flush()
    assert controller.items[before.id].audience.excluded == (dad.id,)
    board.panels[Section.HARM].quick_add.setFocus()
    key(qtbot, "F5")
    QApplication.processEvents()
    assert "Said with him there" not in window.meeting.presentation.plain_text()
    key(qtbot, "F5")
