"""The board driven by keyboard through the real main window: add, edit, move, delete, pair, scale,
undo, redo; the presentation view follows as the chair types; non-ASCII text stays intact."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from iro_desktop.domain.conference import ConferenceStatus
from iro_desktop.domain.mapping import Section
from iro_desktop.store.errors import StoreLocked
from iro_desktop.ui.actions import shortcut_rows
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.save_status import NOT_SAVED

UNICODE = "Zoë said “Babcia’s flat” — Łucja: محمد علي"


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character, carrying its text (qtbot.keyClicks cannot type non-ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _window(qtbot, services, settings) -> MainWindow:
    window = MainWindow(services, settings, WhereInfo("test.sqlite3", "/tmp/data"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.load()
    return window


@pytest.fixture
def window(qtbot, services, settings, conference):
    window = _window(qtbot, services, settings)
    window.show_view("meeting")
    window.meeting.open_conference(conference.id)
    return window


def key(qtbot, combo: str) -> None:
    """Press a key combination on whatever has the keyboard, as a user would."""
    from PySide6.QtGui import QKeySequence

    sequence = QKeySequence(combo)[0]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, sequence.key(), sequence.keyboardModifiers())
    QApplication.processEvents()  # the item delegate commits an edit through a queued call


def stored(services, conference, section: Section) -> list[str]:
    return [i.text for i in services.mapping.board(conference.id).section(section)]


def shown(window, section: Section) -> list[str]:
    model = window.meeting.controller.models[section]
    return [model.item(r).text for r in range(model.rowCount())]


def add_by_keyboard(qtbot, window, shortcut: str, *texts: str) -> None:
    key(qtbot, shortcut)
    for text in texts:
        qtbot.keyClicks(QApplication.focusWidget(), text)
        key(qtbot, "Return")


def test_opening_looks_and_the_first_change_starts_the_meeting(qtbot, window, services, conference):
    """Issue 12: choosing a conference opens it to look at; the first change marks it in progress."""
    assert services.mapping.conference(conference.id).status == ConferenceStatus.SCHEDULED
    assert window.stack.currentWidget() is window.meeting
    add_by_keyboard(qtbot, window, "Alt+4", "Gran visits")
    assert services.mapping.conference(conference.id).status == ConferenceStatus.IN_PROGRESS


def test_type_and_enter_adds_items_to_the_current_section(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+4", "Goes to school every day", "Gran visits")
    assert stored(services, conference, Section.STRENGTHS) == ["Goes to school every day", "Gran visits"]
    assert shown(window, Section.STRENGTHS) == ["Goes to school every day", "Gran visits"]
    assert window.meeting.board.current_section == Section.STRENGTHS
    key(qtbot, "Ctrl+PgDown")
    assert window.meeting.board.current_section == Section.EXISTING_SAFETY
    key(qtbot, "Ctrl+PgUp")
    key(qtbot, "Ctrl+PgUp")
    assert window.meeting.board.current_section == Section.COMPLICATING
    assert window.save_status.is_saved


def test_edit_in_place_move_and_delete_by_keyboard(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+2", "one", "two", "three")
    key(qtbot, "Up")  # from the typing line into the list: the last item
    board = window.meeting.board
    assert board.current_item_id() is not None
    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "THREE")
    key(qtbot, "Return")
    assert stored(services, conference, Section.HARM) == ["one", "two", "THREE"]

    board.panels[Section.HARM].list.setFocus()
    key(qtbot, "Alt+Up")
    assert stored(services, conference, Section.HARM) == ["one", "THREE", "two"]
    key(qtbot, "Alt+Up")
    assert stored(services, conference, Section.HARM) == ["THREE", "one", "two"]
    key(qtbot, "Alt+Down")
    assert stored(services, conference, Section.HARM) == ["one", "THREE", "two"]
    key(qtbot, "Alt+Right")  # across to the next section
    assert stored(services, conference, Section.HARM) == ["one", "two"]
    assert stored(services, conference, Section.COMPLICATING) == ["THREE"]
    assert board.current_section == Section.COMPLICATING
    key(qtbot, "Alt+Left")
    assert stored(services, conference, Section.HARM) == ["one", "two", "THREE"]

    board.panels[Section.HARM].list.setFocus()
    key(qtbot, "Delete")
    assert len(stored(services, conference, Section.HARM)) == 2


def test_undo_and_redo_by_the_usual_shortcuts(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+4", "alpha", "beta")
    key(qtbot, "Ctrl+Z")
    assert stored(services, conference, Section.STRENGTHS) == ["alpha"]
    key(qtbot, "Ctrl+Z")
    assert stored(services, conference, Section.STRENGTHS) == []
    key(qtbot, "Ctrl+Shift+Z")
    assert stored(services, conference, Section.STRENGTHS) == ["alpha"]
    key(qtbot, "Ctrl+Y")
    assert stored(services, conference, Section.STRENGTHS) == ["alpha", "beta"]
    assert shown(window, Section.STRENGTHS) == ["alpha", "beta"]
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert [a.text() for a in edit_menu.actions()] == ["&Undo", "&Redo"]


def test_pair_and_scale_by_keyboard(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+6", "Calm home")
    add_by_keyboard(qtbot, window, "Alt+1", "Could be hurt when adults fight")
    board = window.meeting.board
    assert "⚠ 1 danger statement without a safety goal" in board.summary.text()
    key(qtbot, "Up")  # select the danger statement
    key(qtbot, "Ctrl+G")
    assert QApplication.focusWidget() is board.goal_combo
    key(qtbot, "Down")  # choose the first safety goal
    danger = services.mapping.board(conference.id).section(Section.DANGER)[0]
    goal = services.mapping.board(conference.id).section(Section.SAFETY_GOALS)[0]
    assert danger.goal_id == goal.id
    assert "without a safety goal" not in board.summary.text()

    board.panels[Section.DANGER].list.setFocus()
    key(qtbot, "Ctrl+K")
    assert QApplication.focusWidget() is board.participant
    assert board.scale_for.currentData() == danger.id
    qtbot.keyClicks(board.participant, "Family")
    key(qtbot, "Tab")
    key(qtbot, "Ctrl+A")
    qtbot.keyClicks(QApplication.focusWidget(), "7")
    key(qtbot, "Tab")
    qtbot.keyClicks(QApplication.focusWidget(), "Calmer since October")
    key(qtbot, "Return")
    scales = services.mapping.board(conference.id).scales
    assert [(s.danger_id, s.participant, s.score, s.reason) for s in scales] == [
        (danger.id, "Family", 7, "Calmer since October")
    ]
    assert "Family 7/10" in window.meeting.controller.models[Section.DANGER].index(0, 0).data()
    key(qtbot, "Ctrl+Z")
    assert services.mapping.board(conference.id).scales == ()


def test_scale_problem_shows_inline_not_in_a_dialog(qtbot, window):
    board = window.meeting.board
    board.focus_scale()
    key(qtbot, "Return")  # nobody named
    assert "Say whose judgement" in board.problem.text()
    assert QApplication.activeModalWidget() is None


def test_who_said_it_and_which_child(qtbot, window, services, conference, family):
    add_by_keyboard(qtbot, window, "Alt+8", "I like school")
    key(qtbot, "Up")
    key(qtbot, "Ctrl+D")
    board = window.meeting.board
    assert QApplication.focusWidget() is board.source_edit
    qtbot.keyClicks(board.source_edit, "Zoe")
    key(qtbot, "Return")
    board.child_combo.setFocus()
    key(qtbot, "Down")
    item = services.mapping.board(conference.id).section(Section.CHILDS_VOICE)[0]
    assert (item.source, item.child_id) == ("Zoe", family.children[0].id)


def test_non_ascii_text_stays_intact_everywhere(qtbot, window, services, conference):
    key(qtbot, "Alt+3")
    line = QApplication.focusWidget()
    type_text(line, UNICODE)
    assert line.text() == UNICODE
    key(qtbot, "Return")
    assert stored(services, conference, Section.COMPLICATING) == [UNICODE]
    window.action_map["present"].trigger()
    QApplication.processEvents()
    assert UNICODE in window.meeting.presentation.plain_text()


def test_presentation_follows_typing_before_it_is_stored(qtbot, window, services, conference):
    window.action_map["present"].trigger()
    presentation = window.meeting.presentation
    assert presentation.isVisible()
    key_target = window.meeting.board.panels[Section.NEXT_STEPS].quick_add
    window.meeting.board.focus_section(Section.NEXT_STEPS)
    qtbot.keyClicks(key_target, "Social worker vis")
    QApplication.processEvents()
    assert "Social worker vis" in presentation.plain_text()
    qtbot.keyClicks(key_target, "its Friday")
    QApplication.processEvents()
    assert "Social worker visits Friday" in presentation.plain_text()
    # In-place edits show as typed too.
    key(qtbot, "Return")
    key(qtbot, "Up")
    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    editor.moveCursor(QTextCursor.MoveOperation.End)  # the multi-line editor (issue 12)
    qtbot.keyClicks(editor, " at 10")
    QApplication.processEvents()
    assert "Social worker visits Friday at 10" in presentation.plain_text()
    key(qtbot, "Escape")  # puts the text back
    QApplication.processEvents()
    assert "at 10" not in presentation.plain_text()
    assert stored(services, conference, Section.NEXT_STEPS) == ["Social worker visits Friday"]
    window.action_map["present"].trigger()
    assert not presentation.isVisible()


def test_typing_is_stored_within_a_second_without_enter(qtbot, window, services, conference):
    key(qtbot, "Alt+5")
    qtbot.keyClicks(QApplication.focusWidget(), "Babcia visits")
    # Stored by the autosave timer alone (no Enter, no focus change).
    qtbot.waitUntil(lambda: stored(services, conference, Section.EXISTING_SAFETY) == ["Babcia visits"])
    assert window.save_status.is_saved


def test_a_failed_save_keeps_the_text_and_retries(qtbot, window, services, conference, monkeypatch):
    add_by_keyboard(qtbot, window, "Alt+4", "School")
    real = services.mapping.edit_text
    calls = {"n": 0}

    def locked(item_id, text, read=None):  # (read: the version the typing began on, issue 16)
        calls["n"] += 1
        raise StoreLocked("Another program is holding the records file.")

    monkeypatch.setattr(services.mapping, "edit_text", locked)
    key(qtbot, "Up")
    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    editor.moveCursor(QTextCursor.MoveOperation.End)  # the multi-line editor (issue 12)
    qtbot.keyClicks(editor, " every day")
    key(qtbot, "Return")
    assert calls["n"] >= 1
    assert window.save_status.text().startswith(NOT_SAVED)
    assert "busy" in window.save_status.text()
    assert shown(window, Section.STRENGTHS) == ["School every day"]  # still on screen
    assert stored(services, conference, Section.STRENGTHS) == ["School"]
    monkeypatch.setattr(services.mapping, "edit_text", real)
    qtbot.waitUntil(
        lambda: stored(services, conference, Section.STRENGTHS) == ["School every day"], timeout=5000
    )
    assert window.save_status.is_saved


def test_reopening_goes_straight_back_to_the_unfinished_conference(
    qtbot, window, services, settings, conference
):
    add_by_keyboard(qtbot, window, "Alt+4", "kept")
    window.close()
    again = _window(qtbot, services, settings)
    assert again.stack.currentWidget() is again.meeting
    assert again.meeting.controller.conference_id == conference.id
    assert shown(again, Section.STRENGTHS) == ["kept"]
    again.meeting.finish()
    assert services.mapping.conference(conference.id).status == ConferenceStatus.HELD
    third = _window(qtbot, services, settings)
    assert third.stack.currentWidget() is not third.meeting


def test_drag_and_drop_moves_between_sections(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+2", "worry")
    add_by_keyboard(qtbot, window, "Alt+4", "strength")
    models = window.meeting.controller.models
    data = models[Section.HARM].mimeData([models[Section.HARM].index(0, 0)])
    assert not models[Section.STRENGTHS].dropMimeData(
        data, Qt.DropAction.MoveAction, 0, 0, models[Section.STRENGTHS].index(-1, 0)
    )
    qtbot.waitUntil(lambda: stored(services, conference, Section.STRENGTHS) == ["worry", "strength"])
    assert stored(services, conference, Section.HARM) == []
    key(qtbot, "Ctrl+Z")
    assert stored(services, conference, Section.HARM) == ["worry"]


def test_every_map_shortcut_is_listed_in_help(window):
    rows = dict(shortcut_rows(window.action_map))
    assert rows["Undo"].startswith("Ctrl+Z")
    assert "Ctrl+Shift+Z" in rows["Redo"]
    for text, keys in (
        ("Show or hide the presentation view", "F5"),
        ("Move item up", "Alt+Up"),
        ("Move item to the next section", "Alt+Right"),
        ("Delete the selected item", "Del"),
        ("Type into Danger statements", "Alt+1"),
        ("Type into Family network", "Alt+9"),
        ("Pair danger statement with a safety goal", "Ctrl+G"),
        ("Presentation text larger", "Ctrl+="),
    ):
        assert rows.get(text) == keys, text


def test_section_shortcuts_follow_board_order():
    from iro_desktop.domain.mapping import SECTION_ORDER
    from iro_desktop.ui.actions import MAP_SECTION_ACTIONS

    assert [a.text for a in MAP_SECTION_ACTIONS] == [f"Type into {s.label}" for s in SECTION_ORDER]


def test_review_starts_from_the_last_map_with_last_scores_beside(
    qtbot, services, settings, family, conference
):
    from datetime import timedelta

    from iro_desktop.domain.conference import ConferenceType

    m = services.mapping
    danger = m.add_item(conference.id, Section.DANGER, "Łucja could be hurt")
    goal = m.add_item(conference.id, Section.SAFETY_GOALS, "Calm home")
    m.pair(danger.id, goal.id)
    m.set_scale(conference.id, danger.id, "Police", 3, "")
    m.set_scale(conference.id, danger.id, "Family", 5, "")
    m.set_scale(conference.id, None, "Family", 4, "")
    review = services.conferences.book(
        family.id, ConferenceType.FIRST_REVIEW, conference.scheduled_date + timedelta(90)
    )
    window = _window(qtbot, services, settings)
    window.show_view("meeting")
    window.meeting.open_conference(review.id)
    key(qtbot, "Ctrl+Shift+F")
    model = window.meeting.controller.models[Section.DANGER]
    text = model.index(0, 0).data()
    assert "Łucja could be hurt" in text
    assert "from last conference" in text
    assert "Last time: " in text
    assert "Police 3/10" in text
    new_danger = model.item(0)
    window.meeting.controller.scale(new_danger.id, "Police", 6, "fewer call-outs")
    assert "Police 6/10 (last time 3)" in model.index(0, 0).data()
    assert "Family last time 4/10" in window.meeting.board.summary.text()
    key(qtbot, "Ctrl+Z")
    key(qtbot, "Ctrl+Z")
    assert services.mapping.board(review.id).items == ()


def test_status_says_saving_while_typing_then_saved(qtbot, window, services, conference):
    add_by_keyboard(qtbot, window, "Alt+4", "School")
    key(qtbot, "Up")
    key(qtbot, "F2")
    editor = QApplication.focusWidget()
    editor.moveCursor(QTextCursor.MoveOperation.End)  # the multi-line editor (issue 12)
    qtbot.keyClicks(editor, "!")
    assert not window.save_status.is_saved  # typed, not stored yet
    qtbot.waitUntil(lambda: window.save_status.is_saved)
    assert stored(services, conference, Section.STRENGTHS) == ["School!"]


def test_a_new_item_that_could_not_be_stored_stays_and_is_retried(
    qtbot, window, services, conference, monkeypatch
):
    real = services.mapping.add_item

    def locked(*args, **kwargs):
        raise StoreLocked("Another program is holding the records file.")

    monkeypatch.setattr(services.mapping, "add_item", locked)
    key(qtbot, "Alt+7")
    line = QApplication.focusWidget()
    qtbot.keyClicks(line, "Core group")
    assert line.text() == "Core group"
    assert window.save_status.text().startswith(NOT_SAVED)
    monkeypatch.setattr(services.mapping, "add_item", real)
    qtbot.waitUntil(lambda: stored(services, conference, Section.NEXT_STEPS) == ["Core group"], timeout=5000)
    qtbot.keyClicks(line, " Friday")
    key(qtbot, "Return")
    assert stored(services, conference, Section.NEXT_STEPS) == ["Core group Friday"]
    assert window.save_status.is_saved


def test_ctrl_shift_h_holds_back_the_item_being_typed_and_the_reason_follows_inline(
    qtbot, window, services, conference, tmp_path
):
    """Issue 18: one keystroke marks the item being typed professionals only (typing goes on), the board
    says so in words and a symbol, the reason is chosen in place, the projector never shows it."""
    from iro_desktop.domain.audience import EVERYONE, AudienceKind, Reason

    board = window.meeting.board
    key(qtbot, "Alt+2")
    qtbot.keyClicks(QApplication.focusWidget(), "Police log: a visitor")
    typing = QApplication.focusWidget()
    key(qtbot, "Ctrl+Shift+H")
    assert QApplication.focusWidget() is typing  # typing goes on where it was
    qtbot.keyClicks(typing, " at night")
    key(qtbot, "Return")
    item = services.mapping.board(conference.id).section(Section.HARM)[0]
    assert item.text == "Police log: a visitor at night"
    assert item.audience.kind is AudienceKind.PROFESSIONALS
    assert board.audience_strip.isVisible()
    model = window.meeting.controller.models[Section.HARM]
    line = model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert "\u2298 Professionals only: no reason given yet" in line
    # The reason, in place: no dialog.
    board.audience_reason.setCurrentIndex(board.audience_reason.findData(Reason.POLICE.value))
    board.audience_reason.activated.emit(board.audience_reason.currentIndex())
    stored_item = services.mapping.board(conference.id).section(Section.HARM)[0]
    assert stored_item.audience.reason is Reason.POLICE
    assert "Professionals only: police information" in board.audience_label.text()
    assert QApplication.activeModalWidget() is None
    for widget in (board.audience_kind, board.audience_reason, board.audience_words, board.audience_person):
        assert widget.accessibleName()
    # The projector: never there.
    key(qtbot, "F5")
    QApplication.processEvents()
    assert "Police log" not in window.meeting.presentation.plain_text()
    key(qtbot, "F5")
    board.grab().save(str(tmp_path / "board_marked.png"))
    # Undo takes back the reason, then (after the words typed since) the mark.
    board.panels[Section.HARM].list.setFocus()

    def audience_now():
        return services.mapping.board(conference.id).section(Section.HARM)[0].audience

    key(qtbot, "Ctrl+Z")
    assert (audience_now().kind, audience_now().reason) == (AudienceKind.PROFESSIONALS, None)
    for _ in range(4):
        if audience_now() == EVERYONE:
            break
        key(qtbot, "Ctrl+Z")
    assert audience_now() == EVERYONE
    assert services.mapping.board(conference.id).section(Section.HARM)[0].text == "Police log: a visitor"


def test_ctrl_shift_h_on_nothing_says_what_to_do(qtbot, window):
    key(qtbot, "Alt+4")
    key(qtbot, "Ctrl+Shift+H")
    assert "Ctrl+Shift+H" in window.meeting.board.problem.text()
