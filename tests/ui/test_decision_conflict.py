"""Issue 16 item 3 on the decisions screen: a chair's change of a child's decision that another
desktop's change of the same field got to first shows both versions inline under the Record button
(never a modal); the chair's choices stay in the form until they choose, and their choice is stored."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox

from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.demo import DEMO_REFERENCE, load_demo
from iro_desktop.services.registry import Services
from iro_desktop.ui.decisions.commands import read_of
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from tests.conftest import TODAY

OTHER_CHAIR = User("u4", "ola", "Ola Nowak", Role.CHAIR)


def _zoe_form(qtbot, services, settings, monkeypatch):  # type: ignore[no-untyped-def]
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("dialog shown"))
        )
    load_demo(services.ctx)
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    small = next(f for f in services.families.search(DEMO_REFERENCE) if f.reference == DEMO_REFERENCE)
    conference = next(
        c
        for c in services.conferences.all()
        if c.status.value in ("scheduled", "in_progress") and c.family_id == small.id
    )
    window.meeting.open_conference(conference.id)
    window.show_decisions()
    zoe = window.meeting.decisions.panel.forms[0]
    zoe.select_outcome(Outcome.PLAN_MADE)
    zoe.select_category(Category.EMOTIONAL)
    assert zoe.record()
    zoe = window.meeting.decisions.panel.forms[0]
    return conference, zoe


def _other_desktop_changes_category(store, conference_id, child_id) -> None:  # type: ignore[no-untyped-def]
    other = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(OTHER_CHAIR)))
    stored = other.decisions.for_conference(conference_id)[child_id]
    data = DecisionInput(**{**read_of(stored).values, "category": Category.NEGLECT})
    other.decisions.record(conference_id, child_id, data, read=read_of(stored))


def _stored_category(services, conference, zoe):  # type: ignore[no-untyped-def]
    return services.decisions.for_conference(conference.id)[zoe.child.id].category


def _grid_words(zoe) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in zoe.conflict_panel.grid.findChildren(QLabel)]


def test_a_stale_change_shows_both_inline_and_keeping_mine_stores_it(
    qtbot, store, services, settings, monkeypatch
):
    conference, zoe = _zoe_form(qtbot, services, settings, monkeypatch)
    _other_desktop_changes_category(store, conference.id, zoe.child.id)
    zoe.select_category(Category.PHYSICAL)
    zoe.rationale.setPlainText("Bruises seen by the school nurse.")
    assert not zoe.record()  # held for a choice, nothing overwritten
    assert zoe.conflict_panel.isVisible()
    assert "Not recorded yet" in zoe.status.text()
    words = _grid_words(zoe)
    assert "Physical abuse" in words
    assert "Neglect" in words
    assert zoe.selected_category() is Category.PHYSICAL  # the chair's choice stays on screen
    assert zoe.rationale.toPlainText() == "Bruises seen by the school nurse."
    assert _stored_category(services, conference, zoe) is Category.NEGLECT
    zoe.conflict_panel.grid.choose_all("mine")
    zoe.conflict_panel.keep_button.click()
    assert not zoe.conflict_panel.isVisible()
    stored = services.decisions.for_conference(conference.id)[zoe.child.id]
    assert (stored.category, stored.rationale) == (Category.PHYSICAL, "Bruises seen by the school nurse.")


def test_taking_theirs_shows_their_decision(qtbot, store, services, settings, monkeypatch):
    conference, zoe = _zoe_form(qtbot, services, settings, monkeypatch)
    _other_desktop_changes_category(store, conference.id, zoe.child.id)
    zoe.select_category(Category.PHYSICAL)
    assert not zoe.record()
    zoe.conflict_panel.grid.choose_all("theirs")
    zoe.conflict_panel.keep_button.click()
    assert zoe.selected_category() is Category.NEGLECT
    assert _stored_category(services, conference, zoe) is Category.NEGLECT
