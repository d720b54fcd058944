"""The presentation view: large high-contrast type, no controls, size keys, follows every edit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from iro_desktop.domain.mapping import Section
from iro_desktop.services.demo import load_demo
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.presentation import BACKGROUND, DEFAULT_PT, PresentationWindow
from iro_desktop.ui.settings import Settings


def _demo(qtbot, services):
    family = load_demo(services.ctx)
    controller = BoardController(services, ChangeHub())
    controller.open(services.conferences.for_family(family.id)[-1].id)
    window = PresentationWindow(controller)
    qtbot.addWidget(window)
    return controller, window


def test_defaults_large_type_and_no_controls(qtbot, services):
    assert DEFAULT_PT >= 24
    assert Settings.presentation_font_pt.default >= 24
    controller, window = _demo(qtbot, services)
    window.resize(1920, 1080)
    window.show()
    QApplication.processEvents()
    assert window.chosen_pt >= 24
    assert window.effective_pt >= 24  # the demo map fits at full size on 1920x1080
    assert window.findChildren(QAbstractButton) == []
    assert window.findChildren(QLineEdit) == []
    text = window.plain_text()
    for heading in ("What are we worried about?", "What's working well?", "What needs to happen?"):
        assert heading in text
    assert "محمد علي" in text
    assert "Police 3/10" in text
    image = window.grab().toImage()
    assert image.pixelColor(2, 2).name() == BACKGROUND


def test_size_keys_change_the_type(qtbot, services):
    _controller, window = _demo(qtbot, services)
    window.show()
    before = window.chosen_pt
    window.change_size(2)
    assert window.chosen_pt == before + 2
    window.change_size(-4)
    assert window.chosen_pt == before - 2


def test_follows_live_text_and_structure(qtbot, services):
    controller, window = _demo(qtbot, services)
    window.show()
    item = controller.section_items(Section.STRENGTHS)[0]
    controller.live_text(item.id, "Łucja “reads” every night")
    QApplication.processEvents()
    assert "Łucja “reads” every night" in window.plain_text()
    controller.add_item(Section.NEXT_STEPS, "Core group in 10 working days")
    QApplication.processEvents()
    assert "Core group in 10 working days" in window.plain_text()


def test_shrinks_only_to_fit_then_pages_and_grows_back(qtbot, services):
    # issue 12: the type steps down only to the screen's readable floor; past that the map pages.
    controller, window = _demo(qtbot, services)
    for section in (Section.CHILDS_VOICE, Section.FAMILY_NETWORK):  # the rest fits on one 1920x1080 page
        for item in controller.section_items(section):
            controller.delete(item.id)
    window.resize(1920, 1080)
    window.show()
    window.set_font_pt(40)
    QApplication.processEvents()
    full = window.effective_pt
    assert window.page_count == 1
    assert full > window.floor_pt
    for n in range(40):
        controller.add_item(Section.HARM, f"Worry number {n} with a few more words")
    QApplication.processEvents()
    assert window.effective_pt < full
    assert window.effective_pt == window.floor_pt == 1080 * 20 / 768  # never smaller: it pages instead
    assert window.page_count > 1
    for _ in range(40):
        controller.undo()
    QApplication.processEvents()
    assert window.effective_pt == full
    assert window.page_count == 1


def test_f5_toggles_and_ctrl_equals_resizes_from_the_main_window(qtbot, services, settings):
    from iro_desktop.ui.main_window import MainWindow, WhereInfo

    family = load_demo(services.ctx)
    main = MainWindow(services, settings, WhereInfo("a", "b"))
    qtbot.addWidget(main)
    main.show()
    main.load()
    main.meeting.open_conference(services.conferences.for_family(family.id)[-1].id)
    main.action_map["present"].trigger()
    presentation = main.meeting.presentation
    assert presentation is not None
    assert presentation.isVisible()
    pt = presentation.chosen_pt
    main.action_map["present_larger"].trigger()
    assert presentation.chosen_pt == pt + 2
    assert settings.get(Settings.presentation_font_pt) == pt + 2
    main.action_map["present_smaller"].trigger()
    assert presentation.chosen_pt == pt
    # Typing in the main window shows on the projector at once.
    main.meeting.board.focus_section(Section.STRENGTHS)
    line = main.meeting.board.panels[Section.STRENGTHS].quick_add
    for ch in "Dvořák":
        QApplication.sendEvent(line, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()
    assert "Dvořák" in presentation.plain_text()
    main.action_map["present"].trigger()
    assert not presentation.isVisible()


def test_restricted_items_never_reach_the_projector_not_even_as_a_gap(qtbot, services):
    """Issue 18: the projector shows only what everyone may read; marking an item takes it off at once
    (the kept layout is laid out again), the danger numbering runs on without it, undo brings it back."""
    from iro_desktop.domain.audience import EVERYONE, AudienceKind, Reason, audience

    controller, window = _demo(qtbot, services)
    window.resize(1920, 1080)
    window.show()
    QApplication.processEvents()
    dangers = controller.section_items(Section.DANGER)
    assert len(dangers) >= 2
    first, second = dangers[0], dangers[1]
    before = window.plain_text()
    assert first.text in before
    assert "D2" in before
    start = controller.stack.index()
    assert controller.set_audience(first.id, audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE))
    QApplication.processEvents()
    text = window.plain_text()
    assert first.text not in text
    assert second.text in text
    assert "Professionals only" not in text  # not even the mark
    assert window.page_of(first.id) is None
    labels = [line for line in text.splitlines() if line.startswith("D") and line[1:2].isdigit()]
    assert labels  # the numbering runs on without the held-back one
    assert labels[0].startswith("D1 ")
    assert second.text in labels[0]
    # Typing into the restricted item changes nothing on the projector.
    controller.live_text(first.id, first.text + " more police detail")
    QApplication.processEvents()
    assert "more police detail" not in window.plain_text()
    # Kept from a named person: kept from the room as well.
    strength = controller.section_items(Section.STRENGTHS)[0]
    person = next(iter(controller.people), None)
    if person is not None:
        controller.set_audience(strength.id, audience(AudienceKind.EXCEPT, [person], Reason.ADDRESS))
        QApplication.processEvents()
        assert strength.text not in window.plain_text()
    while controller.stack.index() > start:
        controller.undo()
    QApplication.processEvents()
    assert controller.items[first.id].audience == EVERYONE
    assert first.text in window.plain_text()
