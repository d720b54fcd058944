"""No word typed for a decision is lost before it is recorded: not when another child's decision is
recorded (the panel reloads), not when the app closes or crashes, and the kept draft goes once recorded."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import Outcome
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.demo import DEMO_REFERENCE, load_demo
from iro_desktop.services.registry import Services
from iro_desktop.store.opening import open_store
from iro_desktop.ui.decisions.draft_keeper import RESTORED_NOTE, SAVE_DELAY_MS
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from tests.conftest import TODAY

REASONS = "Zoë’s needs are not met — school reports “persistent” hunger."


def _window(qtbot, services, settings, monkeypatch):
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("dialog shown"))
        )
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    # The small demo family's conference: these tests are about its three children.
    small = next(f for f in services.families.search(DEMO_REFERENCE) if f.reference == DEMO_REFERENCE)
    conference = next(
        c
        for c in services.conferences.all()
        if c.status.value in ("scheduled", "in_progress") and c.family_id == small.id
    )
    window.meeting.open_conference(conference.id)
    window.show_decisions()
    return window, conference


def test_recording_one_child_keeps_what_is_typed_for_another(qtbot, services, settings, monkeypatch):
    load_demo(services.ctx)
    window, conference = _window(qtbot, services, settings, monkeypatch)
    zoe, lucja, _mateusz = window.meeting.decisions.panel.forms
    zoe.select_outcome(Outcome.PLAN_MADE)
    zoe.select_category(Category.EMOTIONAL)
    assert zoe.record()
    # The chair reconsiders Zoë (not yet recorded again) and meanwhile records Łucja's decision.
    zoe.select_category(Category.NEGLECT)
    zoe.rationale.setPlainText(REASONS)
    lucja.select_outcome(Outcome.NOT_MADE_NFA)
    assert lucja.record()
    zoe, lucja, _mateusz = window.meeting.decisions.panel.forms
    assert zoe.selected_outcome() is Outcome.PLAN_MADE
    assert zoe.selected_category() is Category.NEGLECT
    assert zoe.rationale.toPlainText() == REASONS
    assert services.decisions.for_conference(conference.id)[zoe.child.id].category is Category.EMOTIONAL
    assert services.drafts.get(conference.id, lucja.child.id) is None  # recorded: nothing kept for her


def test_typed_words_survive_closing_and_reopening(qtbot, location, settings, monkeypatch):
    store = open_store(location)
    services = Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )
    load_demo(services.ctx)
    window, conference = _window(qtbot, services, settings, monkeypatch)
    zoe = window.meeting.decisions.panel.forms[0]
    zoe.select_outcome(Outcome.PLAN_MADE)
    zoe.rationale.setPlainText(REASONS)
    zoe.d_name.setText("Siobhán Ó Súilleabháin")
    zoe.d_view.setText("Child in need plan")
    window.close()  # at once: the 400 ms wait has not passed
    store.close()

    store2 = open_store(location)
    try:
        services2 = Services.build(
            ServiceContext(uow=store2.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        window2, _ = _window(qtbot, services2, settings, monkeypatch)
        zoe2 = window2.meeting.decisions.panel.forms[0]
        assert zoe2.selected_outcome() is Outcome.PLAN_MADE
        assert zoe2.rationale.toPlainText() == REASONS
        assert zoe2.d_name.text() == "Siobhán Ó Súilleabháin"
        assert zoe2.d_view.text() == "Child in need plan"
        assert RESTORED_NOTE in zoe2.status.text()
        assert services2.decisions.for_conference(conference.id) == {}  # kept, not recorded
        zoe2.select_category(Category.NEGLECT)
        assert zoe2.record()
        kept = services2.drafts.get(conference.id, zoe2.child.id)
        assert kept is not None  # the dissent still being written stays kept …
        assert kept["dissent"][0] == "Siobhán Ó Súilleabháin"
        assert zoe2.add_dissent() is False  # … (its agency and reason are missing, so it is not added yet)
        zoe2.d_agency.setText("St Anne’s Primary School")
        zoe2.d_reason.setText("Attendance has improved")
        assert zoe2.add_dissent()
        assert services2.drafts.get(conference.id, zoe2.child.id) is None  # all recorded: nothing kept
        window2.close()
    finally:
        store2.close()


def test_a_draft_is_kept_soon_after_typing_stops(qtbot, services, settings, monkeypatch):
    load_demo(services.ctx)
    window, conference = _window(qtbot, services, settings, monkeypatch)
    mateusz = window.meeting.decisions.panel.forms[2]
    mateusz.rationale.setPlainText("Mateusz is thriving at nursery.")
    assert services.drafts.get(conference.id, mateusz.child.id) is None
    qtbot.waitUntil(
        lambda: services.drafts.get(conference.id, mateusz.child.id) is not None, timeout=SAVE_DELAY_MS * 5
    )
    assert (
        services.drafts.get(conference.id, mateusz.child.id)["rationale"] == "Mateusz is thriving at nursery."
    )
    mateusz.rationale.setPlainText("")
    qtbot.waitUntil(
        lambda: services.drafts.get(conference.id, mateusz.child.id) is None, timeout=SAVE_DELAY_MS * 5
    )


def test_a_plan_action_being_typed_survives_closing_and_goes_once_added(
    qtbot, location, settings, monkeypatch
):
    from iro_desktop.services.drafts import PLAN_ACTION

    store = open_store(location)
    services = Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )
    load_demo(services.ctx)
    window, conference = _window(qtbot, services, settings, monkeypatch)
    window.action_map["meeting_step_4"].trigger()
    builder = window.meeting.decisions.builder
    builder.new_action.setText("Babcia Halina to collect the children from school on Fridays")
    window.close()
    store.close()

    store2 = open_store(location)
    try:
        services2 = Services.build(
            ServiceContext(uow=store2.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        window2, _ = _window(qtbot, services2, settings, monkeypatch)
        builder2 = window2.meeting.decisions.builder
        assert builder2.new_action.text() == "Babcia Halina to collect the children from school on Fridays"
        assert builder2.add_action()
        assert [a.what for a in services2.plans.actions(conference.id)] == [
            "Babcia Halina to collect the children from school on Fridays"
        ]
        qtbot.waitUntil(
            lambda: services2.drafts.get(conference.id, None, PLAN_ACTION) is None, timeout=SAVE_DELAY_MS * 5
        )
        window2.close()
    finally:
        store2.close()
