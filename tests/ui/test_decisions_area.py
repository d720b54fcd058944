"""GUI: a sibling group of three taken through different decisions and a plan in the real main window;
then the store is closed and reopened, and everything is found as entered."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.home_education import FLAG
from iro_desktop.domain.pre_decision import Check
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.demo import DEMO_REFERENCE, load_demo
from iro_desktop.services.registry import Services
from iro_desktop.store.opening import open_store
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from tests.conftest import TODAY

# Warnings the meeting passes in (quoracy, the map), on top of the panel's own checks.
MEETING_KINDS = {"quoracy", "danger_goal", "danger_scale"}


def _type(qtbot, widget, text):
    """Type text as key presses; non-ASCII characters are sent one event each (keyClicks cannot)."""
    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _window(qtbot, services, settings):
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    # The small demo family's conference (the tests below are about its children and goals); the demo's
    # full-size family, which meets today with a plan already built, is the one opened first.
    small = [f for f in services.families.search(DEMO_REFERENCE) if f.reference == DEMO_REFERENCE]
    upcoming = [c for c in services.conferences.all() if small and c.family_id == small[0].id]
    if upcoming:
        window.meeting.open_conference(upcoming[-1].id)
    else:
        window.meeting.open_first_conference()  # the workspace's steps follow the open conference
    window.action_map["go_decisions"].trigger()
    return window


def _no_dialogs(monkeypatch):
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("dialog shown"))
        )


def test_sibling_group_decisions_and_plan_survive_reopening(qtbot, location, settings, monkeypatch):
    _no_dialogs(monkeypatch)
    store = open_store(location)
    services = Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )
    family = load_demo(services.ctx)
    assert family is not None
    conference = next(c for c in services.conferences.all() if c.family_id == family.id)
    window = _window(qtbot, services, settings)
    assert window.action_map["go_decisions"].shortcut().toString() == "Ctrl+5"
    area = window.meeting.decisions
    window.meeting.open_conference(conference.id)
    assert window.stack.currentWidget() is window.meeting
    assert window.meeting.pages.currentWidget() is area  # Ctrl+5 is the workspace's decisions step
    assert window.meeting.current_step().label == "Decisions"
    zoe, lucja, mateusz = area.panel.forms
    assert [f.child.full_name for f in area.panel.forms] == ["Zoë Brontë", "Łucja Wójcik", "Mateusz Wójcik"]

    # Outcome choices fit an initial conference.
    offered = [zoe.outcome.itemData(i) for i in range(1, zoe.outcome.count())]
    assert offered == ["plan_made", "not_made_cin", "not_made_early_help", "not_made_nfa"]

    # Zoë: recording without a category shows the problem in place and stores nothing.
    zoe.select_outcome(Outcome.PLAN_MADE)
    qtbot.mouseClick(zoe.record_button, Qt.MouseButton.LeftButton)
    assert zoe.category_problem.isVisible()
    assert "Choose the category" in zoe.category_problem.text()
    assert services.decisions.for_conference(conference.id) == {}
    # "Multiple" is not offered under the default policy.
    assert zoe.category_buttons[Category.MULTIPLE].isHidden()
    qtbot.mouseClick(zoe.category_buttons[Category.NEGLECT], Qt.MouseButton.LeftButton)
    assert "Persistent failure" in zoe.definition.text()
    zoe.factor_view.model().setData(
        zoe.factors.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    zoe.factor_view.model().setData(
        zoe.factors.index(3), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    _type(qtbot, zoe.rationale, "Zoë’s needs are not met — “persistent” hunger.")
    zoe.decided_by.clear()
    _type(qtbot, zoe.decided_by, "Priya Raman")
    qtbot.mouseClick(zoe.record_button, Qt.MouseButton.LeftButton)
    assert not zoe.category_problem.isVisible()
    assert "Recorded" in zoe.status.text()
    # Dissent from the school, first with a missing reason (shown in place).
    _type(qtbot, zoe.d_name, "Siobhán Ó Súilleabháin")
    _type(qtbot, zoe.d_agency, "St Anne’s School")
    _type(qtbot, zoe.d_view, "Child in need plan")
    qtbot.mouseClick(zoe.add_dissent_button, Qt.MouseButton.LeftButton)
    assert zoe.d_problems["reason"].isVisible()
    _type(qtbot, zoe.d_reason, "Attendance is 96%")
    _type(qtbot, zoe.d_response, "Core group to review attendance")
    qtbot.mouseClick(zoe.add_dissent_button, Qt.MouseButton.LeftButton)
    assert zoe.dissents.rowCount() == 1
    # The chair's response is changed later: select the dissent, edit, save (one undo step).
    zoe.dissent_table.selectRow(0)
    assert zoe.d_name.text() == "Siobhán Ó Súilleabháin"
    zoe.d_response.clear()
    _type(qtbot, zoe.d_response, "Core group to review attendance in 6 weeks")
    qtbot.mouseClick(zoe.update_dissent_button, Qt.MouseButton.LeftButton)
    assert zoe.dissents.item(0).chair_response == "Core group to review attendance in 6 weeks"

    # Łucja: not made, step down to child in need. The check shows in place until a date is set.
    area.panel.tabs.setCurrentIndex(1)
    lucja.select_outcome(Outcome.NOT_MADE_CIN)
    assert lucja.cin_date.isVisible()
    assert not lucja.category_box.isVisible()
    assert any(c.kind == "step_down_cin_date" for c in area.panel.checks)
    assert "Łucja Wójcik: stepping down" in area.panel.checks_label.text()
    cin_day = conference.scheduled_date + timedelta(days=7)
    lucja.cin_date.setDate(lucja.cin_date.date().addDays((cin_day - conference.scheduled_date).days + 1))
    assert lucja.cin_date.value() == cin_day
    assert not any(c.kind == "step_down_cin_date" for c in area.panel.checks)
    qtbot.mouseClick(lucja.record_button, Qt.MouseButton.LeftButton)

    # Mateusz: local policy switched on for "multiple", which then needs a written reason.
    area.panel.tabs.setCurrentIndex(2)
    qtbot.mouseClick(area.allow_multiple, Qt.MouseButton.LeftButton)
    assert services.policy.allow_multiple()
    assert not mateusz.category_buttons[Category.MULTIPLE].isHidden()
    mateusz.select_outcome(Outcome.PLAN_MADE)
    qtbot.mouseClick(mateusz.category_buttons[Category.MULTIPLE], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(mateusz.record_button, Qt.MouseButton.LeftButton)
    assert "Write why" in mateusz.multiple_problem.text()
    _type(qtbot, mateusz.multiple_reason, "Physical injury and neglect by different adults.")
    qtbot.mouseClick(mateusz.record_button, Qt.MouseButton.LeftButton)
    assert "Recorded" in mateusz.status.text()
    assert "✔ decided" in area.panel.tabs.tabText(2)

    # The plan: draft actions from "what needs to happen", give one an owner and date, add bottom lines.
    area.tabs.setCurrentIndex(1)
    builder = area.builder
    area._next_steps = lambda _cid: ["Mum to attend the Freedom programme", "Advocate for Zoë"]
    qtbot.mouseClick(builder.draft_button, Qt.MouseButton.LeftButton)
    assert builder.model.rowCount() == 2
    model = builder.model
    assert model.setData(model.index(0, 1), "Anna Dvořák")
    assert model.setData(model.index(0, 2), "Children’s Social Care")
    from PySide6.QtCore import QDate

    assert model.setData(model.index(0, 3), QDate(2027, 1, 5))
    assert model.setData(model.index(0, 4), "Certificate of completion")
    _type(qtbot, builder.new_action, "Core group within 10 working days")
    qtbot.keyClick(builder.new_action, Qt.Key.Key_Return)
    assert model.rowCount() == 3
    _type(qtbot, builder.bottom_lines, "No contact with Mr X — at all.")
    _type(qtbot, builder.contingency, "Legal planning meeting if broken.")
    builder.core_group.set_value(conference.scheduled_date + timedelta(days=5))
    builder._save_field("core_group_date", "core group date")
    computed = builder.header.computed_review_date
    # A review date that differs needs a reason, shown in place.
    builder.next_review.setDate(builder.next_review.date().addDays(-7))
    assert builder.review_reason_problem.isVisible()
    assert services.plans.header(conference.id).next_review_date is None
    _type(qtbot, builder.review_reason, "Chair on leave")
    assert not builder.review_reason_problem.isVisible()
    assert services.plans.header(conference.id).next_review_date == computed - timedelta(days=7)
    # Checks before the decision now list only the unowned, undated actions.
    area.tabs.setCurrentIndex(0)
    # (The meeting's own warnings come first: nobody's attendance is recorded, so it is not quorate.)
    assert area.panel.checks[0].kind == "quoracy"
    kinds = sorted({c.kind for c in area.panel.checks} - MEETING_KINDS)
    assert kinds == ["action_date", "action_owner"]

    # Undo and redo the last typing step (the reason), by keyboard.
    assert area.stack.canUndo()
    window.close()
    store.close()

    # Reopen: a new store on the same location and a new window find everything as entered.
    store2 = open_store(location)
    try:
        services2 = Services.build(
            ServiceContext(uow=store2.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        window2 = _window(qtbot, services2, settings)
        area2 = window2.meeting.decisions
        window2.meeting.open_conference(conference.id)
        z2, l2, m2 = area2.panel.forms
        assert z2.selected_outcome() is Outcome.PLAN_MADE
        assert z2.selected_category() is Category.NEGLECT
        assert z2.factors.checked_codes() == ("domestic_abuse", "parental_alcohol_misuse")
        assert z2.rationale.toPlainText() == "Zoë’s needs are not met — “persistent” hunger."
        assert z2.decided_by.text() == "Priya Raman"
        assert "By Priya Raman" in z2.status.text()
        assert z2.dissents.rowCount() == 1
        dissent = z2.dissents.item(0)
        assert (dissent.name, dissent.agency, dissent.view, dissent.reason, dissent.chair_response) == (
            "Siobhán Ó Súilleabháin",
            "St Anne’s School",
            "Child in need plan",
            "Attendance is 96%",
            "Core group to review attendance in 6 weeks",
        )
        # The demo gives Zoë two earlier plans (repeat-plan example); this conference adds the third.
        assert z2.history.rowCount() == 3
        assert l2.selected_outcome() is Outcome.NOT_MADE_CIN
        assert l2.cin_date.value() == cin_day
        assert l2.history.rowCount() == 1  # one earlier plan from the demo; not made subject now
        assert area2.allow_multiple.isChecked()
        assert m2.selected_category() is Category.MULTIPLE
        assert m2.multiple_reason.toPlainText() == "Physical injury and neglect by different adults."
        b2 = area2.builder
        assert [b2.model.action(r).what for r in range(b2.model.rowCount())] == [
            "Mum to attend the Freedom programme",
            "Advocate for Zoë",
            "Core group within 10 working days",
        ]
        first = b2.model.action(0)
        assert (first.who_person, first.who_agency, first.by_when, first.done_when) == (
            "Anna Dvořák",
            "Children’s Social Care",
            date(2027, 1, 5),
            "Certificate of completion",
        )
        assert b2.bottom_lines.toPlainText() == "No contact with Mr X — at all."
        assert b2.contingency.toPlainText() == "Legal planning meeting if broken."
        assert b2.core_group.value() == conference.scheduled_date + timedelta(days=5)
        assert b2.next_review.value() == computed - timedelta(days=7)
        assert b2.review_reason.text() == "Chair on leave"
        history = services2.decisions.plan_history(family.children[0].id)
        # Two earlier plans come with the demo (ended 2020 and 2025); the new one starts at this conference.
        assert [(p.started_on, p.category) for p in history] == [
            (date(2019, 2, 4), "N"),
            (date(2023, 6, 12), "E"),
            (conference.scheduled_date, "N"),
        ]
        window2.close()
    finally:
        store2.close()


def test_undo_by_keyboard_and_extra_checks(qtbot, services, settings):
    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    area = window.meeting.decisions
    area._extra_checks = lambda _cid: [Check("quoracy", "Only two agencies are present.")]
    area.refresh()
    area.panel.refresh_checks()
    assert area.panel.checks_label.text().startswith("⚠ Quoracy: Only two agencies are present.")
    zoe = area.panel.forms[0]
    zoe.select_outcome(Outcome.NOT_MADE_NFA)
    assert zoe.record()
    conference = area.conference()
    assert conference is not None
    assert zoe.child.id in services.decisions.for_conference(conference.id)
    area.undo_action.trigger()
    assert services.decisions.for_conference(conference.id) == {}
    assert "Not recorded" in zoe.status.text()
    area.redo_action.trigger()
    assert zoe.child.id in services.decisions.for_conference(conference.id)


def test_review_conference_offers_review_outcomes(qtbot, services, settings):
    from iro_desktop.domain.conference import ConferenceType

    family = load_demo(services.ctx)
    assert family is not None
    zoe = family.children[0]
    review = services.conferences.book(
        family.id,
        ConferenceType.FIRST_REVIEW,
        TODAY + timedelta(days=90),
        advocacy={zoe.id: ("accepted", "")},
    )
    window = _window(qtbot, services, settings)
    area = window.meeting.decisions
    window.meeting.open_conference(review.id)
    form = area.panel.forms[0]
    offered = [form.outcome.itemData(i) for i in range(1, form.outcome.count())]
    assert offered[:2] == ["plan_continues", "change_of_category"]
    assert "plan_made" not in offered
    assert "ends_looked_after" in offered
    assert "No open plan is recorded" in form.plan_note.text()
    form.select_outcome(Outcome.PLAN_CONTINUES)
    assert [c.kind for c in area.panel.checks if c.kind not in MEETING_KINDS][:1] == ["no_open_plan"]
    assert "review" in area.builder.computed_label.text()
    qtbot.mouseClick(area.builder.carry_button, Qt.MouseButton.LeftButton)
    assert "no earlier plan" in area.builder.draft_note.text()
    assert not area.stack.canUndo()


def test_every_control_in_the_area_has_an_accessible_name(qtbot, services, settings):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
    )

    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    area = window.meeting.decisions
    assert len(area.panel.forms) == 3
    for cls in (QLineEdit, QAbstractItemView, QComboBox, QPlainTextEdit, QAbstractSpinBox, QAbstractButton):
        for widget in area.findChildren(cls):
            if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
                continue  # headers belong to their table; qt_ parts (tab scrollers) to their owner
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            assert name, widget


def test_actions_link_to_the_maps_safety_goals(qtbot, services, settings):
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    from iro_desktop.domain.plan import PlanActionInput
    from iro_desktop.ui.decisions.models import GOAL_COLUMN

    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    area = window.meeting.decisions
    area._safety_goals = lambda _cid: [("goal-1", "Zoë is safe at home every night")]
    conference = area.conference()
    assert conference is not None
    services.plans.add_action(conference.id, PlanActionInput("Safety plan agreed with the family network"))
    window.hub.announce("plan")
    builder = area.builder
    index = builder.model.index(0, GOAL_COLUMN)
    delegate = builder.table.itemDelegateForColumn(GOAL_COLUMN)
    editor = delegate.createEditor(builder.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert editor.view().accessibleName()
    delegate.setEditorData(editor, index)
    assert editor.currentIndex() == 0
    editor.setCurrentIndex(1)
    delegate.setModelData(editor, builder.model, index)
    editor.deleteLater()
    assert services.plans.actions(conference.id)[0].safety_goal_id == "goal-1"
    assert builder.model.index(0, GOAL_COLUMN).data() == "Zoë is safe at home every night"
    area.undo_action.trigger()
    assert services.plans.actions(conference.id)[0].safety_goal_id == ""


def test_typing_bottom_lines_is_one_undo_step(qtbot, services, settings):
    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    area = window.meeting.decisions
    conference = area.conference()
    assert conference is not None
    area.tabs.setCurrentIndex(1)
    _type(qtbot, area.builder.bottom_lines, "No contact with Mr X")
    assert services.plans.header(conference.id).bottom_lines == "No contact with Mr X"
    assert area.stack.count() == 1
    area.undo_action.trigger()
    assert services.plans.header(conference.id).bottom_lines == ""
    assert area.builder.bottom_lines.toPlainText() == ""


def test_each_childs_header_shows_the_home_education_flag_while_it_applies(qtbot, services, settings):
    load_demo(services.ctx)
    window = _window(qtbot, services, settings)
    area = window.meeting.decisions
    conference = area.conference()
    assert conference is not None
    assert conference.conference_type.is_initial
    forms = area.panel.forms  # one tab each, only the current one on screen: isHidden, not isVisible
    for form in forms:  # the initial conference is booked: the section 47 enquiry is open
        assert not form.home_education.isHidden(), form.child.full_name
        assert form.home_education.text() == f"{FLAG} (an enquiry is open)"
    services.conferences.mark_held(conference.id, TODAY)  # the enquiry is over
    zoe = forms[0]
    services.families.add_previous_plan(zoe.child.id, date(2026, 6, 1), None, "N")
    area.panel.refresh()
    assert not zoe.home_education.isHidden()
    assert zoe.home_education.text() == f"{FLAG} (a plan is open)"
    for form in forms[1:]:
        assert form.home_education.isHidden(), form.child.full_name
        assert form.home_education.text() == ""
