"""Issue 16 item 3 on the decisions screen: a chair's change of a child's decision that another
desktop's change of the same field got to first shows both versions inline under the Record button
(never a modal); the chair's choices stay in the form until they choose, and their choice is stored."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtWidgets import QLabel, QMessageBox

from iro_desktop.domain.categories import Category
from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
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


def _dissent_changed_elsewhere(store, zoe):  # type: ignore[no-untyped-def]
    """A dissent on Zoe's decision, selected here; the other chair then writes a response to it."""
    zoe.d_name.setText("Dr Ngozi Eze")
    zoe.d_agency.setText("Health")
    zoe.d_view.setText("Child in need")
    zoe.d_reason.setText("Progress at school")
    assert zoe.add_dissent()
    zoe.dissent_table.selectRow(0)
    dissent = zoe.selected_dissent()
    assert dissent is not None
    other = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(OTHER_CHAIR)))
    other.decisions.update_dissent(
        dissent.id,
        DissentInput("Dr Ngozi Eze", "Health", "Child in need", "Progress at school", "Noted by the chair."),
        read=ReadAs(dissent.version, asdict(dissent.as_input())),
    )
    return dissent


def _dissent_words(zoe) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in zoe.dissent_conflict_panel.grid.findChildren(QLabel)]


def test_a_stale_dissent_change_shows_both_under_the_dissent_and_keeps_the_words(
    qtbot, store, services, settings, monkeypatch
):
    """Issue 16: the chair's response typed here over the other chair's: both inline under the
    dissent's buttons (never a modal), the typed words in the fields until the choice; Mine stores them
    and keeps the other chair's change of another field."""
    conference, zoe = _zoe_form(qtbot, services, settings, monkeypatch)
    dissent = _dissent_changed_elsewhere(store, zoe)
    zoe.d_response.setText("The plan stands.")
    zoe.d_view.setText("Child in need, with a review in 3 months")
    assert not zoe.update_dissent()
    assert zoe.dissent_conflict_panel.isVisible()
    assert not zoe.conflict_panel.isVisible()  # the decision's own panel is not involved
    words = _dissent_words(zoe)
    assert {"The plan stands.", "Noted by the chair."} <= set(words)
    assert any("chair's response" in w for w in words)
    assert zoe.d_response.text() == "The plan stands."
    assert zoe.d_view.text() == "Child in need, with a review in 3 months"
    (stored,) = services.decisions.dissents(conference.id, zoe.child.id)
    assert stored.chair_response == "Noted by the chair."
    zoe.dissent_conflict_panel.grid.choose_all("mine")
    zoe.dissent_conflict_panel.keep_button.click()
    assert not zoe.dissent_conflict_panel.isVisible()
    (stored,) = services.decisions.dissents(conference.id, zoe.child.id)
    assert (stored.id, stored.chair_response, stored.view) == (
        dissent.id,
        "The plan stands.",
        "Child in need, with a review in 3 months",
    )


def test_taking_their_dissent_response_shows_it_in_the_field(qtbot, store, services, settings, monkeypatch):
    conference, zoe = _zoe_form(qtbot, services, settings, monkeypatch)
    _dissent_changed_elsewhere(store, zoe)
    zoe.d_response.setText("The plan stands.")
    assert not zoe.update_dissent()
    zoe.dissent_conflict_panel.grid.choose_all("theirs")
    zoe.dissent_conflict_panel.keep_button.click()
    assert zoe.d_response.text() == "Noted by the chair."
    (stored,) = services.decisions.dissents(conference.id, zoe.child.id)
    assert stored.chair_response == "Noted by the chair."


def test_a_dissent_change_arriving_while_typing_is_not_overwritten(
    qtbot, store, services, settings, monkeypatch
):
    """The other chair's response arrives (the list is read again) while this chair corrects the view in
    the fields filled before it: saving is based on what the fields were filled from, so their
    response is kept and this chair's view stored on top."""
    conference, zoe = _zoe_form(qtbot, services, settings, monkeypatch)
    _dissent_changed_elsewhere(store, zoe)
    zoe.set_dissents(services.decisions.dissents(conference.id, zoe.child.id))  # the notification
    zoe.d_view.setText("No plan needed")
    assert zoe.update_dissent()
    (stored,) = services.decisions.dissents(conference.id, zoe.child.id)
    assert (stored.view, stored.chair_response) == ("No plan needed", "Noted by the chair.")
