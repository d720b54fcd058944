"""GUI: the meeting in one workspace — steps in meeting order on F6-F10, the clocks and quoracy always in
view, Undo acting on the step in front of the chair, and finishing from the handouts step."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordState
from iro_desktop.services.demo import load_demo
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.meeting.steps import Step
from tests.signing import with_key


def _window(qtbot, services, settings, monkeypatch):
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("dialog shown"))
        )
    family = load_demo(services.ctx)
    assert family is not None
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    conference = next(c for c in services.conferences.all() if c.family_id == family.id)
    window.action_map["go_meeting"].trigger()
    window.meeting.open_conference(conference.id)
    return window, conference


def test_steps_run_in_meeting_order_on_function_keys(qtbot, services, settings, monkeypatch):
    window, conference = _window(qtbot, services, settings, monkeypatch)
    meeting = window.meeting
    labels = [meeting.steps.tabText(i) for i in range(meeting.steps.count())]
    assert labels == [
        "1  Who is here  (F6)",
        "2  The map  (F7)",
        "3  Decisions  (F8)",
        "4  The plan  (F9)",
        "5  Handouts  (F10)",
    ]
    assert meeting.current_step() is Step.MAP  # opening a conference starts at the map
    expected_pages = {
        1: meeting.attendance,
        2: meeting.board,
        3: meeting.decisions,
        4: meeting.decisions,
        5: meeting.handouts,
    }
    window.action_map["go_today"].trigger()
    for n, page in expected_pages.items():
        action = window.action_map[f"meeting_step_{n}"]
        assert action.shortcut().toString() == f"F{5 + n}"
        action.trigger()
        assert window.stack.currentWidget() is meeting  # from anywhere in the app
        assert meeting.current_step() is Step(n - 1)
        assert meeting.pages.currentWidget() is page
    window.action_map["meeting_step_3"].trigger()
    assert meeting.decisions.tabs.currentWidget() is meeting.decisions.panel
    window.action_map["meeting_step_4"].trigger()
    assert meeting.decisions.tabs.currentWidget() is meeting.decisions.builder
    # Every step follows the open conference.
    assert meeting.attendance.conference_id == conference.id
    decided = meeting.decisions.conference()
    assert decided is not None
    assert decided.id == conference.id
    assert [f.child.full_name for f in meeting.decisions.panel.forms] == [
        "Zoë Brontë",
        "Łucja Wójcik",
        "Mateusz Wójcik",
    ]


def test_clocks_and_quoracy_stay_in_view_on_every_step(qtbot, services, settings, monkeypatch):
    window, conference = _window(qtbot, services, settings, monkeypatch)
    meeting = window.meeting
    clocks = {c.kind.label: c for c in services.clocks.for_conference(conference.id)}
    shown = meeting.strip.texts()
    conference_clock = clocks["Conference within timescale"]
    assert shown["Conference within timescale"].startswith(conference_clock.state.text)
    if conference_clock.due is not None:
        assert f"{conference_clock.due:%d %b %Y}" in shown["Conference within timescale"]
    for step in Step:
        meeting.show_step(step)
        qtbot.wait(1)
        assert meeting.strip.isVisible()
        assert meeting.strip.quoracy.isVisible()
        assert meeting.strip.quoracy.label.text()
    assert meeting.strip.quoracy.conference_id == conference.id


def test_quoracy_follows_attendance_and_undo_acts_on_the_current_step(qtbot, services, settings, monkeypatch):
    window, conference = _window(qtbot, services, settings, monkeypatch)
    meeting = window.meeting
    invitations = services.attendance.invitations(conference.id)
    assert invitations
    window.action_map["meeting_step_1"].trigger()
    before = meeting.strip.quoracy.label.text()
    for n in range(len(invitations)):
        meeting.attendance.table.selectRow(n)
        meeting.attendance.mark(Attendance.APOLOGIES)
    after = meeting.strip.quoracy.label.text()
    assert "not quorate" in after.lower()
    assert window.action_map["undo"].isEnabled()

    # A map item in the map step: Undo there removes the item, not an attendance mark.
    window.action_map["meeting_step_2"].trigger()
    item_id = meeting.controller.add_item(Section.DANGER, "Dad shouts at Zoë when he has been drinking")
    assert item_id is not None
    window.action_map["undo"].trigger()
    assert all(i.id != item_id for i in services.mapping.board(conference.id).items)
    assert services.attendance.invitations(conference.id)[-1].attendance is Attendance.APOLOGIES

    # Back on "who is here", Undo takes back the last attendance mark and quoracy follows.
    window.action_map["meeting_step_1"].trigger()
    for _ in range(len(invitations)):
        window.action_map["undo"].trigger()
    assert [i.attendance for i in services.attendance.invitations(conference.id)] == [
        i.attendance for i in invitations
    ]
    assert meeting.strip.quoracy.label.text() == before


def test_finishing_from_the_handouts_step_hands_the_record_to_the_clerk(
    qtbot, services, settings, monkeypatch
):
    window, conference = _window(qtbot, services, settings, monkeypatch)
    meeting = window.meeting
    window.action_map["meeting_step_5"].trigger()
    assert set(meeting.handouts.buttons) == {"handout", "plan", "family", "record"}
    meeting.handouts.finish.click()
    assert services.conferences.get(conference.id).status.value == "held"
    assert services.records.get(conference.id).state is RecordState.WITH_CLERK


def test_workspace_controls_have_accessible_names(qtbot, services, settings, monkeypatch):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window, _conference = _window(qtbot, services, settings, monkeypatch)
    meeting = window.meeting
    assert meeting.steps.accessibleName() == "Steps of the meeting"
    assert meeting.strip.accessibleName() == "Clocks and quoracy"
    for label in meeting.strip.values.values():
        assert isinstance(label, QLabel)
        assert label.accessibleName()
    for widget in meeting.handouts.findChildren(QAbstractButton):
        assert widget.accessibleName()


def test_a_final_record_reads_but_refuses_changes_in_place(qtbot, services, settings, monkeypatch):
    window, conference = _window(qtbot, services, settings, monkeypatch)
    meeting = window.meeting
    with_key(services, services.ctx.session.user)  # approvals are signed: the chair's key unlocked
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        services.records.move(conference.id, state)
    window.hub.announce("records")
    meeting.open_conference(conference.id)
    assert "record is final" in meeting.info.text()
    window.action_map["meeting_step_3"].trigger()
    assert meeting.decisions.read_only_note.isVisibleTo(meeting)
    assert not meeting.decisions.panel.isEnabled()
    assert not meeting.decisions.builder.isEnabled()
    # Typing into the map is refused next to the board, with no dialog, and nothing is stored.
    window.action_map["meeting_step_2"].trigger()
    before = services.mapping.board(conference.id).items
    assert meeting.controller.add_item(Section.STRENGTHS, "Mum rang the school") is None
    assert "final" in meeting.board.problem.text()
    assert services.mapping.board(conference.id).items == before


def test_browsing_the_closed_picker_opens_nothing_until_enter(qtbot, services, settings, monkeypatch):
    from PySide6.QtCore import Qt

    family = load_demo(services.ctx)
    assert family is not None
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    meeting = window.meeting
    window.action_map["meeting_step_2"].trigger()  # F7 with no conference open: the picker has the keyboard
    assert meeting.controller.conference_id is None
    assert meeting.picker.hasFocus() or window.focusWidget() is meeting.picker
    before = {c.id: c.status for c in services.conferences.all()}
    qtbot.keyClick(meeting.picker, Qt.Key.Key_Down)
    qtbot.keyClick(meeting.picker, Qt.Key.Key_Down)
    assert meeting.controller.conference_id is None
    assert {c.id: c.status for c in services.conferences.all()} == before  # nothing marked in progress
    assert meeting.info.text().startswith("Press Enter to open")
    chosen = meeting.picker.currentData()
    qtbot.keyClick(meeting.picker, Qt.Key.Key_Return)
    assert meeting.controller.conference_id == chosen
    # Choosing from the open list (a click) opens at once.
    other = next(i for i in range(1, meeting.picker.count()) if meeting.picker.itemData(i) != chosen)
    target = meeting.picker.itemData(other)
    meeting.picker.activated.emit(other)
    assert meeting.controller.conference_id == target


def test_opening_the_picker_list_by_keyboard_then_choosing_opens_the_conference(
    qtbot, services, settings, monkeypatch
):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    load_demo(services.ctx)
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    meeting = window.meeting
    qtbot.keyClick(meeting.picker, Qt.Key.Key_Down)  # browsing first …
    assert meeting.controller.conference_id is None
    # … then F4 opens the list (the key is handed to the filter alone: offscreen Qt has no popups),
    # and the choice made in the list counts.
    f4 = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)
    assert not meeting.eventFilter(meeting.picker, f4)
    meeting.picker.activated.emit(1)
    assert meeting.controller.conference_id == meeting.picker.itemData(1)


def test_the_picker_lists_todays_work_first():
    from datetime import date

    from iro_desktop.domain.conference import Conference, ConferenceStatus, ConferenceType
    from iro_desktop.ui.areas.meeting import picker_order

    def conf(cid, day, status):
        return Conference(cid, "f", ConferenceType.INITIAL, None, date(2026, 11, day), None, "", status, "")

    today = date(2026, 11, 23)
    order = picker_order(
        [
            conf("old-held", 2, ConferenceStatus.HELD),
            conf("stood-down", 15, ConferenceStatus.STOOD_DOWN),
            conf("next-week", 30, ConferenceStatus.SCHEDULED),
            conf("tomorrow", 24, ConferenceStatus.SCHEDULED),
            conf("now", 23, ConferenceStatus.IN_PROGRESS),
        ],
        today,
    )
    assert [c.id for c in order] == ["now", "tomorrow", "next-week", "stood-down", "old-held"]


def test_at_normal_text_size_the_whole_meeting_fits_a_laptop_screen(qtbot, services, settings, monkeypatch):
    from PySide6.QtWidgets import QApplication, QScrollArea

    window, _conference = _window(qtbot, services, settings, monkeypatch)
    window.resize(1366, 740)
    window.action_map["meeting_step_2"].trigger()
    QApplication.processEvents()
    work = next(a for a in window.findChildren(QScrollArea) if a.accessibleName() == "Work area")
    assert work.verticalScrollBar().maximum() == 0  # nothing of the map below the fold in the room
    assert window.meeting.board.record_scale.isVisible()
