"""The projector pages a map too big for one screen (issue 12): it shows the page of the item being typed,
says "Page 2 of 5" in words, and the chair steps the pages from the laptop's keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.mapping import Section
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.presentation import PresentationWindow
from iro_desktop.ui.mapping.projector_layout import flow


def projector(qtbot, services, large_map, count=80, size=(1024, 768)):
    _family, conference_id = large_map(count)
    controller = BoardController(services, ChangeHub())
    controller.open(conference_id)
    window = PresentationWindow(controller)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    return controller, window


def painted_keys(window: PresentationWindow) -> list[str]:
    return [p.block.key for p in window.pages[window.page].pieces]


def page_label(window: PresentationWindow) -> str:
    return next(p.text for p in window.painted_layout() if p.kind == "page")


def test_a_big_map_pages_at_the_readable_size_and_says_which_page(qtbot, services, large_map):
    _controller, window = projector(qtbot, services, large_map)
    assert window.effective_pt == 20  # never smaller at 1024x768: it pages instead
    assert window.page_count > 3
    assert window.page == 0
    assert page_label(window) == f"Page 1 of {window.page_count}"
    window.step_page(1)
    assert page_label(window) == f"Page 2 of {window.page_count}"
    window.step_page(-5)
    assert window.page == 0
    window.show_page(99)
    assert window.page == window.page_count - 1


def test_the_page_follows_the_item_being_typed(qtbot, services, large_map):
    controller, window = projector(qtbot, services, large_map)
    last = controller.section_items(Section.NEXT_STEPS)[-1]
    controller.live_text(last.id, last.text + " Łucja’s aunt")
    QApplication.processEvents()
    assert window.page == window.page_of(last.id) > 0
    assert last.id in painted_keys(window)
    assert any("Łucja’s aunt" in p.text for p in window.painted_layout())
    # The chair looks back at the first page; the next keystroke brings the typing back into view.
    window.show_page(0)
    controller.live_text(last.id, last.text + " Łucja’s aunt is")
    QApplication.processEvents()
    assert last.id in painted_keys(window)
    # A new item (the first keystroke in "Type here" stores it) is followed too.
    first = controller.section_items(Section.DANGER)[0]
    controller.live_text(first.id, first.text + ".")
    QApplication.processEvents()
    assert window.page == 0
    new = controller.add_item(Section.FAMILY_NETWORK, "A")
    QApplication.processEvents()
    assert new in painted_keys(window)
    assert window.page == window.page_count - 1


def test_typing_a_long_item_reflows_without_overlap(qtbot, services, large_map):
    controller, window = projector(qtbot, services, large_map, count=24)
    assert window.page_count > 2
    item = controller.section_items(Section.STRENGTHS)[0]
    text = item.text
    for word in ("and", "the", "family", "said", "so") * 40:  # far taller than a column
        text += f" {word}"
        controller.live_text(item.id, text)
        QApplication.processEvents()
    pieces = [p for pg in window.pages for p in pg.pieces if p.block.key == item.id]
    assert len(pieces) > 1  # cut between lines, over columns
    # Each keystroke reflowed from the item's page only: the same pages as flowing the whole map again.
    again = flow(window._blocks, window._frame, window._continuation)
    assert [[(p.block.key, p.rect.getRect(), p.top) for p in pg.pieces] for pg in window.pages] == [
        [(p.block.key, p.rect.getRect(), p.top) for p in pg.pieces] for pg in again
    ]
    assert window.page == window.page_of(item.id)
    rects = [p.rect for p in window.painted_layout() if p.kind != "rule"]
    assert all(not a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1 :])
    assert all(window.rect().toRectF().contains(r) for r in rects)


def test_moving_an_item_reflows_from_it_to_the_same_pages_as_a_whole_flow(qtbot, services, large_map):
    controller, window = projector(qtbot, services, large_map, count=80)
    assert window.page_count > 2
    flows: list[int] = []
    whole = window._flow
    window._flow = lambda: (flows.append(1), whole())[1]  # type: ignore[method-assign]
    danger = controller.section_items(Section.DANGER)[0]
    strength = controller.section_items(Section.STRENGTHS)[-1]
    for item_id, step in ((danger.id, 1), (strength.id, -1), (danger.id, -1)):
        assert controller.move_by(item_id, step)
        QApplication.processEvents()
        again = flow(window._blocks, window._frame, window._continuation)
        assert [[(p.block.key, p.rect.getRect(), p.top) for p in pg.pieces] for pg in window.pages] == [
            [(p.block.key, p.rect.getRect(), p.top) for p in pg.pieces] for pg in again
        ]
        rects = [p.rect for p in window.painted_layout() if p.kind != "rule"]
        assert all(not a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1 :])
    assert flows == []  # reflowed from the moved item each time, never the whole map
    assert [i.id for i in controller.section_items(Section.DANGER)][0] == danger.id


def test_arabic_first_item_keeps_the_english_reading_order(qtbot, services, large_map):
    controller, window = projector(qtbot, services, large_map, count=24, size=(1920, 1080))
    item = controller.section_items(Section.FAMILY_NETWORK)[0]
    controller.live_text(item.id, "محمد علي takes the children to school")
    QApplication.processEvents()
    block = window._by_key[item.id][0]
    first = block.doc.begin()
    assert first.text().startswith("• محمد علي")
    assert first.textDirection() == Qt.LayoutDirection.LeftToRight  # the bullet stays at the left
    assert "\u2068" in block.doc.toPlainText()  # child and source names are isolated
    assert "\u2068" not in window.plain_text()  # but not in the accessible description


def test_the_chair_steps_the_pages_from_the_main_window(qtbot, services, settings, large_map):
    from iro_desktop.ui.main_window import MainWindow, WhereInfo

    _family, conference_id = large_map(80)
    main = MainWindow(services, settings, WhereInfo("a", "b"))
    qtbot.addWidget(main)
    main.show()
    main.load()
    main.meeting.open_conference(conference_id)
    main.action_map["present"].trigger()
    presentation = main.meeting.presentation
    assert presentation is not None
    presentation.resize(1024, 768)
    QApplication.processEvents()
    assert presentation.page_count > 1
    start = presentation.page
    assert main.action_map["present_next_page"].shortcut() == QKeySequence("Ctrl+Alt+PgDown")
    assert main.action_map["present_prev_page"].shortcut() == QKeySequence("Ctrl+Alt+PgUp")
    main.activateWindow()
    main.meeting.board.focus_section(Section.STRENGTHS)
    line = QApplication.focusWidget()
    assert line is not None
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(line, Qt.Key.Key_PageDown, mods)
    assert presentation.page == start + 1
    qtbot.keyClick(line, Qt.Key.Key_PageUp, mods)
    assert presentation.page == start
    assert QApplication.focusWidget() is line  # the keyboard stays with the chair
    # Typing into Strengths brings its page back.
    for ch in "Zoë":
        QApplication.sendEvent(line, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()
    typed = next(i for i in main.meeting.controller.section_items(Section.STRENGTHS) if i.text == "Zoë")
    assert typed.id in painted_keys(presentation)
    main.action_map["present"].trigger()


def test_painting_only_what_changed_leaves_nothing_stale(qtbot, services, large_map):
    # A keystroke repaints the item typed and what it pushed down; the screen then matches a full paint.
    controller, window = projector(qtbot, services, large_map, count=24, size=(1280, 720))
    item = controller.section_items(Section.DANGER)[0]  # D2 follows it in the column, and moves down
    text = item.text
    for n in range(60):
        text += " " if n % 6 == 0 else "x"
        controller.live_text(item.id, text)
        QApplication.processEvents()  # the projector lays out
        QApplication.processEvents()  # and paints what changed
        if n % 12 == 11:
            on_screen = window.screen().grabWindow(window.winId()).toImage()
            assert on_screen == window.grab().toImage()


def _pages(window: PresentationWindow) -> list[list[tuple[str, tuple[float, ...], float]]]:
    return [[(p.block.key, p.rect.getRect(), p.top) for p in pg.pieces] for pg in window.pages]


def test_adding_and_removing_items_reflow_from_their_page_to_the_same_pages_as_a_whole_flow(
    qtbot, services, large_map
):
    controller, window = projector(qtbot, services, large_map, count=80)
    assert window.page_count > 2
    flows: list[int] = []
    whole = window._flow
    window._flow = lambda: (flows.append(1), whole())[1]  # type: ignore[method-assign]
    built: list[str] = []
    build = window._build_item_html
    window._build_item_html = lambda item, *a: (built.append(item.id), build(item, *a))[1]  # type: ignore[method-assign]
    added = []
    for section, text, index in (
        (Section.STRENGTHS, "Babcia Halina walks Łucja to school", None),
        (Section.DANGER, "Łucja could be hurt when adults shout", 0),
        (Section.FAMILY_NETWORK, "محمد علي, a neighbour, helps on Fridays", None),
    ):
        item_id = controller.add_item(section, text, index=index)
        assert item_id is not None
        added.append(item_id)
        QApplication.processEvents()
        assert window.page == window.page_of(item_id)  # the new item is followed
        assert _pages(window) == _pages_of(window, flow(window._blocks, window._frame, window._continuation))
        assert window.pages[-1].start[0] < len(window._blocks)
    # Only what an item shows that changed was built again: the new item, and after a danger statement
    # put first the statements numbered again and the goals that name them.
    dangers = len(controller.section_items(Section.DANGER))
    goals = len(controller.section_items(Section.SAFETY_GOALS))
    assert set(added) <= set(built)
    assert len(built) <= 3 + dangers + goals
    for item_id in added:
        assert controller.delete(item_id)
        QApplication.processEvents()
        assert _pages(window) == _pages_of(window, flow(window._blocks, window._frame, window._continuation))
    assert flows == []  # never the whole map
    rects = [p.rect for p in window.painted_layout() if p.kind != "rule"]
    assert all(not a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1 :])


def _pages_of(window: PresentationWindow, pages: list) -> list[list[tuple[str, tuple[float, ...], float]]]:
    return [[(p.block.key, p.rect.getRect(), p.top) for p in pg.pieces] for pg in pages]


def test_a_keystroke_builds_only_the_typed_items_html(qtbot, services, large_map):
    controller, window = projector(qtbot, services, large_map, count=80)
    built: list[str] = []
    build = window._build_item_html
    window._build_item_html = lambda item, *a: (built.append(item.id), build(item, *a))[1]  # type: ignore[method-assign]
    item = controller.section_items(Section.STRENGTHS)[2]
    controller.live_text(item.id, item.text + " and Łucja’s aunt")
    QApplication.processEvents()
    assert built == [item.id]
    assert controller.move_by(item.id, 1)  # a move builds nothing again: same words, same number
    QApplication.processEvents()
    assert built == [item.id]
    assert "Łucja’s aunt" in window._by_key[item.id][0].text
