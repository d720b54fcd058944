"""Issue 19 in the window, as a user does it: the NHS number with its inline message, the family's FGDM,
raising, answering and escalating an alert and its history, the RAG rating, open alerts in Today and
due and in the meeting strip, and the large-type feedback questionnaire used with the keyboard alone."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from iro_desktop.domain.alerts import AlertReason, AlertState, RaiseAlertInput, StageOutcome
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.feedback import Answer, Questionnaire, Source
from iro_desktop.domain.fgdm import FgdmInput, FgdmResponse
from iro_desktop.services.registry import Services
from iro_desktop.ui.areas.today import TodayArea
from iro_desktop.ui.booking.family_forms import ChildDialog
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.meeting.strip import MeetingStrip
from iro_desktop.ui.quality.alerts import (
    AlertHistoryDialog,
    ChildAlertsDialog,
    EscalateDialog,
    RaiseAlertDialog,
)
from iro_desktop.ui.quality.feedback import LARGE_POINTS, FeedbackWindow
from iro_desktop.ui.quality.fgdm import FgdmDialog
from iro_desktop.ui.quality.models import alert_model, stage_model
from tests.conftest import TODAY


def _type(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def _key(qtbot, window: QWidget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key pressed where the focus is in `window` (as a person at the keyboard does)."""
    focus = window.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key)


def _family(services: Services):  # type: ignore[no-untyped-def]
    return services.families.create_family(
        "Q-1", "Nowak family", [ChildInput("Ada", "Nowak", date(2020, 1, 1))]
    )


def test_nhs_number_wrong_check_digit_shown_under_the_field(qtbot, services):
    family = _family(services)
    dialog = ChildDialog(services, ChangeHub(), family, family.children[0])
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.fields.nhs_number, "943 476 5918")
    dialog.save()
    assert "last digit does not match" in dialog.errors.messages("nhs_number")
    assert dialog.errors.labels["nhs_number"].isVisible()
    assert services.families.get(family.id).children[0].nhs_number == ""
    _type(qtbot, dialog.fields.nhs_number, "943 476 5919")
    assert dialog.errors.messages("nhs_number") == ""  # the message goes as soon as the number is right
    dialog.save()
    assert services.families.get(family.id).children[0].nhs_number == "9434765919"


def test_fgdm_recorded_with_inline_problems(qtbot, services):
    family = _family(services)
    dialog = FgdmDialog(services, ChangeHub(), family)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.offered_on, "01/10/2026")
    dialog.response.setCurrentIndex(dialog.response.findData(FgdmResponse.ACCEPTED))
    _type(qtbot, dialog.held_on, "20/10/2026")
    dialog.save()
    assert "Say to whom" in dialog.errors.messages("offered_to")
    assert "facilitated" in dialog.errors.messages("facilitated_by")
    assert services.fgdm.get(family.id) is None
    _type(qtbot, dialog.offered_to, "Both parents")
    _type(qtbot, dialog.facilitated_by, "FGC service")
    dialog.save()
    saved = services.fgdm.get(family.id)
    assert saved is not None
    assert saved.outcome == "held"
    assert dialog.result() == dialog.DialogCode.Accepted


def test_raise_escalate_and_see_an_alerts_history(qtbot, services):
    hub = ChangeHub()
    child = _family(services).children[0]
    raising = RaiseAlertDialog(services, hub, child)
    qtbot.addWidget(raising)
    raising.show()
    raising.save()
    assert "Choose why" in raising.errors.messages("reason")
    assert "Name the manager" in raising.errors.messages("manager")
    raising.reason.setCurrentIndex(raising.reason.findData(AlertReason.NO_CORE_GROUP))
    _type(qtbot, raising.manager, "Sam Team-Manager")
    _type(qtbot, raising.raised_on, "02/11/2026")
    assert raising.deadline.text() == "9 November 2026"
    raising.save()
    [alert] = services.alerts.for_children([child.id])
    history = AlertHistoryDialog(services, hub, alert.id)
    qtbot.addWidget(history)
    history.show()
    assert history.stages.rowCount() == 1
    assert "Response overdue" in history.summary.text()
    assert history.escalate_button.isEnabled()  # no response by Mon 9 November
    history.escalate_button.click()
    escalate = history.dialog
    assert isinstance(escalate, EscalateDialog)
    _type(qtbot, escalate.manager, "Pat Service-Manager")
    _type(qtbot, escalate.on, "10/11/2026")
    escalate.save()
    assert history.stages.rowCount() == 2  # refreshed from the change relayed
    assert history.stages.data(history.stages.index(1, 3)) == "Tue 17 Nov 2026"
    assert (
        history.stages.data(history.stages.index(0, 5))
        == "Not resolved Tue 10 Nov 2026: No response by the deadline."
    )
    assert history.escalate_button.isEnabled()  # stage 2 lapsed on Tue 17 Nov too: stage 3 is offered
    assert "Response overdue" in history.summary.text()
    services.alerts.record_response(alert.id, "Core group held 20 November.", date(2026, 11, 20))
    services.alerts.record_outcome(alert.id, StageOutcome.RESOLVED, date(2026, 11, 20))
    hub.announce("alerts")
    assert "Resolved 20 November 2026, 14 working days after it was raised, after the deadline" in (
        history.summary.text()
    )


def test_child_alerts_dialog_lists_alerts_and_rag_ratings(qtbot, services, qtmodeltester):
    hub = ChangeHub()
    child = _family(services).children[0]
    services.alerts.raise_alert(
        RaiseAlertInput(child.id, AlertReason.REPORTS_NOT_SHARED, "TM", raised_on=TODAY)
    )
    dialog = ChildAlertsDialog(services, hub, child)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.alerts.rowCount() == 1
    qtmodeltester.check(dialog.alerts)
    dialog.rag_button.click()
    rag = dialog.dialog
    rag.rating.setCurrentIndex(2)  # Amber
    rag.save()
    assert "Give the reason" in rag.errors.messages("reason")
    _type(qtbot, rag.reason, "Core group late")
    rag.save()
    assert "Amber on 23 November 2026 (Core group late)" in dialog.ratings.text()


def test_models_pass_the_model_tester(qtmodeltester, services):
    child = _family(services).children[0]
    alert = services.alerts.raise_alert(
        RaiseAlertInput(child.id, AlertReason.NO_PROGRESS, "TM", raised_on=TODAY)
    )
    alerts = alert_model(lambda: TODAY)
    alerts.set_items([alert])
    stages = stage_model()
    stages.set_items(alert.stages)
    qtmodeltester.check(alerts)
    qtmodeltester.check(stages)
    assert alerts.data(alerts.index(0, 6)) == AlertState.AWAITING.text


def test_open_alerts_in_today_and_in_the_meeting_strip(qtbot, services):
    hub = ChangeHub()
    family = _family(services)
    child = family.children[0]
    services.families.add_previous_plan(child.id, date(2026, 1, 5), None, "N")
    first = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 1, 5),
        clock_start=date(2025, 12, 15),
        lateness_reason="x",
    )
    services.conferences.mark_held(first.id, date(2026, 1, 5), "x")
    review = services.conferences.book(
        family.id,
        ConferenceType.REVIEW,
        date(2026, 11, 30),
        previous_conference_id=first.id,
        lateness_reason="x",
    )
    services.alerts.raise_alert(
        RaiseAlertInput(child.id, AlertReason.NO_CORE_GROUP, "TM", raised_on=date(2026, 11, 2))
    )
    today = TodayArea(services, hub)
    qtbot.addWidget(today)
    today.show()
    today.refresh()
    assert today.alerts_model.rowCount() == 1
    assert "1 alert open" in today.summary.text()
    strip = MeetingStrip(services, hub)
    qtbot.addWidget(strip)
    strip.show()
    strip.set_conference(review.id)
    text = strip.notes.text()
    assert "family group decision-making" in text  # a plan of 10 months with no offer, at a review
    assert "Open alert about Ada Nowak" in text
    assert "Home education needs the council's consent (a plan is open)" in text
    checks = {c.kind for c in services.meeting.checks(review.id)}
    assert {"fgdm_offer", "open_alert"} <= checks


def test_feedback_questionnaire_with_the_keyboard_alone(qtbot, services):
    hub = ChangeHub()
    window = FeedbackWindow(services, hub, Questionnaire.FAMILY, ConferenceType.REVIEW, date(2026, 11, 20))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert window.font().pointSize() == LARGE_POINTS
    assert window.rows["why_we_met"].label.font().pointSize() == LARGE_POINTS  # the style sheet keeps it
    first = window.rows["why_we_met"]
    first.buttons[Answer.YES].setFocus()
    _key(qtbot, window, Qt.Key.Key_Space)  # Yes
    _key(qtbot, window, Qt.Key.Key_Tab)  # to the next question
    _key(qtbot, window, Qt.Key.Key_Right)  # Yes -> Partly
    _key(qtbot, window, Qt.Key.Key_Space)
    _key(qtbot, window, Qt.Key.Key_Tab)
    _key(qtbot, window, Qt.Key.Key_Tab)  # past the third question: the comment
    assert window.focusWidget() is window.comment
    qtbot.keyClicks(window.comment, "Thank you")
    _key(qtbot, window, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.send_button
    _key(qtbot, window, Qt.Key.Key_Space)  # send
    [form] = services.feedback.forms()
    assert form.answers == {"why_we_met": Answer.YES, "listened_to": Answer.PARTLY}
    assert form.comment == "Thank you"
    assert (form.conference_type, form.conference_date, form.source) == (
        ConferenceType.REVIEW,
        date(2026, 11, 20),
        Source.LAPTOP,
    )
    assert window.pages.currentIndex() == 1
    _key(qtbot, window, Qt.Key.Key_Space)  # Next person
    assert window.pages.currentIndex() == 0
    assert first.answer() is None
    window.send()  # nothing answered: the message in place, nothing stored
    assert "Answer at least one question" in window.error.text()
    assert len(services.feedback.forms()) == 1


def test_feedback_typed_in_from_paper(qtbot, services):
    window = FeedbackWindow(
        services, ChangeHub(), Questionnaire.AGENCY, ConferenceType.REVIEW, None, Source.PAPER
    )
    qtbot.addWidget(window)
    window.show()
    window.rows["views_heard"].buttons[Answer.NO].setChecked(True)
    window.send()
    assert "Enter the date of the conference" in window.date_error.text()
    window.type_box.setCurrentIndex(window.type_box.findData(ConferenceType.INITIAL))
    _type(qtbot, window.date_field, "12/11/2026")
    window.send()
    [form] = services.feedback.forms()
    assert (form.questionnaire, form.conference_type, form.source) == (
        Questionnaire.AGENCY,
        ConferenceType.INITIAL,
        Source.PAPER,
    )


def test_alert_response_days_set_in_the_local_rules_dialog(qtbot, services):
    from iro_desktop.ui.booking.rules_dialog import LocalRulesDialog

    dialog = LocalRulesDialog(services, ChangeHub())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.alert_days.value() == 5
    dialog.alert_days.setValue(10)
    dialog.save()
    assert services.alerts.response_days() == 10
    child = _family(services).children[0]
    alert = services.alerts.raise_alert(
        RaiseAlertInput(child.id, AlertReason.NO_PROGRESS, "TM", raised_on=TODAY)
    )
    assert alert.current.due_on == date(2026, 12, 7)  # Mon 23 Nov + 10 working days


def test_families_area_box_opens_fgdm_alerts_and_both_paper_forms(qtbot, services):
    from iro_desktop.ui.areas.families import FamiliesArea

    hub = ChangeHub()
    family = _family(services)
    services.fgdm.save(family.id, FgdmInput(not_offered_reason="Risk to the mother at the meeting"))
    area = FamiliesArea(services, hub)
    qtbot.addWidget(area)
    area.show()
    area.refresh()
    assert "Not offered, not in the child's best interests" in area.quality.summary.text()
    area.quality.fgdm_button.click()
    assert isinstance(area.quality.opened, FgdmDialog)
    area.quality.alerts_button.click()
    assert isinstance(area.quality.opened, ChildAlertsDialog)
    actions = area.quality.paper_button.menu().actions()
    assert [a.text() for a in actions] == ["Parents and family members", "Agencies"]
    actions[1].trigger()
    paper = area.quality.opened
    assert isinstance(paper, FeedbackWindow)
    assert paper.questionnaire is Questionnaire.AGENCY
    assert paper.paper_row.isVisible()
    area.quality.feedback_button.click()  # no conference held: a message in place, no form
    assert "Choose a conference held or under way" in area.quality.summary.text()


def test_feedback_opened_from_the_end_of_the_meeting(qtbot, services, settings):
    from iro_desktop.services.demo import load_demo
    from iro_desktop.ui.main_window import MainWindow, WhereInfo

    load_demo(services.ctx)
    window = MainWindow(services, settings, WhereInfo("x", "y"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.meeting.open_first_conference()
    conference = services.conferences.get(window.meeting.controller.conference_id)
    window.meeting.handouts.family_feedback.click()
    form = window.meeting.feedback_window
    assert isinstance(form, FeedbackWindow)
    assert (form.questionnaire, form.conference_type) == (Questionnaire.FAMILY, conference.conference_type)
    assert form.isVisible()
    form.close()


def test_a_clerk_sees_the_alert_but_only_the_chair_raises_and_escalates(qtbot, services):
    import dataclasses

    from iro_desktop.domain.roles import Role, User
    from iro_desktop.services.context import SignedIn

    child = _family(services).children[0]
    alert = services.alerts.raise_alert(
        RaiseAlertInput(child.id, AlertReason.NO_CORE_GROUP, "TM", raised_on=date(2026, 11, 2))
    )
    clerk = Services.build(
        dataclasses.replace(services.ctx, session=SignedIn(User("k", "k", "Kim", Role.CLERK)))
    )
    dialog = ChildAlertsDialog(clerk, ChangeHub(), child)
    qtbot.addWidget(dialog)
    assert not dialog.raise_button.isEnabled()
    assert not dialog.rag_button.isEnabled()
    history = AlertHistoryDialog(clerk, ChangeHub(), alert.id)
    qtbot.addWidget(history)
    assert history.respond_button.isEnabled()  # a clerk may type in the manager's response
    assert not history.escalate_button.isEnabled()
    raising = RaiseAlertDialog(clerk, ChangeHub(), child)  # opened anyway: refused in place, no crash
    qtbot.addWidget(raising)
    raising.reason.setCurrentIndex(1)
    _type(qtbot, raising.manager, "TM")
    raising.save()
    assert "may not raise alert" in raising.errors.general.text()
    assert len(services.alerts.for_children([child.id])) == 1


def test_the_families_register_marks_each_flagged_child_by_name(qtbot, services, qtmodeltester):
    from iro_desktop.domain.home_education import FLAG
    from iro_desktop.ui.areas.families import FamiliesArea

    family = services.families.create_family(
        "Q-2",
        "Kowalski family",
        [ChildInput("Ola", "Kowalska", date(2019, 3, 1)), ChildInput("Jan", "Kowalski", date(2021, 4, 2))],
    )
    ola = next(c for c in family.children if c.given_name == "Ola")
    services.families.add_previous_plan(ola.id, date(2026, 6, 1), None, "N")
    _family(services)  # no plan, no enquiry: no mark
    area = FamiliesArea(services, ChangeHub())
    qtbot.addWidget(area)
    area.show()
    area.refresh()
    qtmodeltester.check(area.families)
    rows = {f.reference: n for n, f in enumerate(area.families.items())}
    cell = area.families.index(rows["Q-2"], 2)
    assert cell.data() == "Ola Kowalska ⚑, Jan Kowalski"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == f"Ola Kowalska: {FLAG} (a plan is open)"
    plain = area.families.index(rows["Q-1"], 2)
    assert plain.data() == "Ada Nowak"
    assert not plain.data(Qt.ItemDataRole.ToolTipRole)


def test_rag_rating_due_in_today_until_rated(qtbot, services, qtmodeltester):
    from iro_desktop.domain.alerts import Rag
    from iro_desktop.ui.quality.alerts import ChildAlertsDialog, RagDialog

    hub = ChangeHub()
    family = _family(services)
    child = family.children[0]
    services.families.add_previous_plan(child.id, date(2026, 9, 1), None, "N")
    first = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 9, 1),
        clock_start=date(2026, 8, 18),
        lateness_reason="x",
    )
    services.conferences.mark_held(first.id, date(2026, 9, 1), "x")
    services.conferences.book(
        family.id,
        ConferenceType.REVIEW,
        date(2026, 12, 1),
        previous_conference_id=first.id,
        lateness_reason="x",
    )
    today = TodayArea(services, hub)
    qtbot.addWidget(today)
    today.show()
    today.refresh()
    qtmodeltester.check(today.rag_model)
    assert today.rag_model.rowCount() == 1
    # 1 September to 1 December is 91 days: the midway point is 16 October (45 days on).
    assert today.rag_model.index(0, 2).data() == "Fri 16 Oct 2026"
    assert "RAG rating due since 16 October 2026" in today.rag_model.index(0, 2).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "1 RAG rating due" in today.summary.text()
    today.rag_table.setCurrentIndex(today.rag_model.index(0, 0))
    today.rag_table.activated.emit(today.rag_model.index(0, 0))  # Enter on the row
    assert isinstance(today.dialog, ChildAlertsDialog)
    rag = RagDialog(services, hub, child)
    qtbot.addWidget(rag)
    rag.rating.setCurrentIndex(rag.rating.findData(Rag.AMBER))
    rag.reason.setPlainText("Core group met; two actions late")
    rag.save()  # the change reaches Today through the hub, as in the app
    assert rag.result() == 1
    assert today.rag_model.rowCount() == 0
    assert "RAG rating" not in today.summary.text()
