"""Issue 19 figures on a hand-built store, against values worked by hand (the year 1 April 2026 to
31 March 2027): FGDM offers and outcomes, alerts by stage, resolved within deadline and time to
resolve, RAG ratings, feedback by question with the number of forms."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.alerts import AlertReason, Rag, RaiseAlertInput, StageOutcome
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.feedback import Answer, FeedbackForm, Questionnaire
from iro_desktop.domain.fgdm import FgdmInput, FgdmResponse
from iro_desktop.reports.periods import year_containing
from iro_desktop.reports.quality import quality_keys
from iro_desktop.services.registry import Services

YEAR = year_containing(date(2026, 11, 23))


def _child(services: Services, ref: str) -> tuple[str, str]:
    family = services.families.create_family(ref, f"Family {ref}", [ChildInput("Ada", ref, date(2020, 1, 1))])
    return family.id, family.children[0].id


def _build(services: Services) -> None:
    a, child = _child(services, "A")
    b, _ = _child(services, "B")
    c, _ = _child(services, "C")
    d, _ = _child(services, "D")
    services.fgdm.save(
        a,
        FgdmInput(date(2026, 5, 1), "Both parents", FgdmResponse.ACCEPTED, date(2026, 6, 10), "FGC service"),
    )
    services.fgdm.save(b, FgdmInput(date(2026, 7, 1), "Mother", FgdmResponse.DECLINED))
    services.fgdm.save(c, FgdmInput(date(2026, 2, 1), "Father", FgdmResponse.ACCEPTED))  # the year before
    services.fgdm.save(d, FgdmInput(not_offered_reason="Risk of violence to the mother at the meeting"))
    # Alert 1: raised Mon 2 Nov, due Mon 9 Nov, resolved Fri 6 Nov: in time, 4 working days.
    one = services.alerts.raise_alert(
        RaiseAlertInput(child, AlertReason.NO_CORE_GROUP, "TM", raised_on=date(2026, 11, 2))
    )
    services.alerts.record_response(one.id, "Booked.", date(2026, 11, 6))
    services.alerts.record_outcome(one.id, StageOutcome.RESOLVED, date(2026, 11, 6))
    # Alert 2: no response by Mon 9 Nov; stage 2 on Tue 10 Nov, due Tue 17 Nov; resolved Thu 19 Nov:
    # late, 13 working days (3-6, 9-13, 16-19 November).
    two = services.alerts.raise_alert(
        RaiseAlertInput(child, AlertReason.ACTIONS_OVERDUE, "TM", raised_on=date(2026, 11, 2))
    )
    services.alerts.escalate(two.id, "Service Manager", date(2026, 11, 10))
    services.alerts.record_response(two.id, "Reallocated.", date(2026, 11, 18))
    services.alerts.record_outcome(two.id, StageOutcome.RESOLVED, date(2026, 11, 19))
    # Alert 3: straight to stage 3 on Mon 16 Nov, still open.
    services.alerts.raise_alert(
        RaiseAlertInput(
            child, AlertReason.NO_PROGRESS, "Head of Service", stage=3, raised_on=date(2026, 11, 16)
        )
    )
    services.alerts.rate(child, Rag.RED, "No core group", date(2026, 6, 1))
    services.alerts.rate(child, Rag.AMBER, "Some actions late", date(2026, 9, 1))
    services.alerts.rate(child, Rag.GREEN, "On track", date(2026, 3, 1))  # the year before
    family = Questionnaire.FAMILY
    for questionnaire, day, answers in (
        (
            family,
            date(2026, 11, 20),
            {"why_we_met": "yes", "listened_to": "partly", "understand_plan": "yes"},
        ),
        (family, date(2026, 11, 20), {"why_we_met": "yes", "listened_to": "no"}),
        (family, date(2026, 1, 10), {"why_we_met": "no"}),  # the year before
        (
            Questionnaire.AGENCY,
            date(2026, 11, 20),
            {"purpose_clear": "yes", "views_heard": "yes", "role_in_plan": "no"},
        ),
    ):
        services.feedback.submit(
            FeedbackForm(
                questionnaire, ConferenceType.REVIEW, day, {k: Answer(v) for k, v in answers.items()}
            )
        )


def test_hand_worked_figures(services):
    _build(services)
    figures = {f.key: f for f in services.quality_report.figures(YEAR)}
    assert tuple(figures) == quality_keys()
    offers = figures["fgdm_offers"]
    assert (offers.numerator, offers.denominator, offers.percentage) == (1, 2, 50.0)
    assert [(r.label, r.count) for r in offers.rows] == [
        ("Held", 1),
        ("Accepted, not yet held", 0),
        ("Declined", 1),
        ("No answer", 0),
    ]
    assert figures["fgdm_held"].value == 1
    assert figures["fgdm_not_offered"].value == 1
    stages = figures["alerts_by_stage"]
    assert stages.value == 3
    assert [(r.label, r.count) for r in stages.rows] == [("Stage 1", 2), ("Stage 2", 1), ("Stage 3", 1)]
    in_time = figures["alerts_resolved_in_deadline"]
    assert (in_time.numerator, in_time.denominator, in_time.percentage) == (1, 2, 50.0)
    time = figures["alerts_time_to_resolve"]
    assert time.value == 9  # median of 4 and 13 is 8.5, rounded up
    assert [(r.label, r.count) for r in time.rows] == [
        ("Up to 5 working days", 1),
        ("6 to 10", 0),
        ("11 to 20", 1),
        ("More than 20", 0),
    ]
    rag = figures["rag_ratings"]
    assert (rag.numerator, rag.denominator) == (1, 2)
    assert [(r.label, r.count) for r in rag.rows] == [("Red", 1), ("Amber", 1), ("Green", 0)]
    forms = figures["feedback_forms"]
    assert forms.value == 3
    assert [(r.label, r.count) for r in forms.rows] == [("Parents and family members", 2), ("Agencies", 1)]
    why = figures["feedback_family_why_we_met"]
    assert (why.numerator, why.denominator, why.percentage) == (2, 2, 100.0)
    listened = figures["feedback_family_listened_to"]
    assert [(r.label, r.count) for r in listened.rows] == [
        ("Yes", 0),
        ("Partly", 1),
        ("No", 1),
        ("Not answered", 0),
    ]
    plan = figures["feedback_family_understand_plan"]
    assert [(r.label, r.count) for r in plan.rows] == [
        ("Yes", 1),
        ("Partly", 0),
        ("No", 0),
        ("Not answered", 1),
    ]
    assert figures["feedback_agency_role_in_plan"].row("No").count == 1
    assert all(f.definition for f in figures.values())


def test_an_empty_year_has_no_base(services):
    figures = {f.key: f for f in services.quality_report.figures(YEAR)}
    assert figures["alerts_resolved_in_deadline"].percentage is None
    assert figures["alerts_time_to_resolve"].value == 0
    assert figures["feedback_forms"].value == 0


def test_the_annual_report_and_its_pdf_carry_the_new_section(services):
    from datetime import datetime

    from iro_desktop.export.pdf.annual_report import annual_report_pdf
    from tests.export.pdftext import all_text

    _build(services)
    report = services.reports.report(YEAR).report
    figures = {f.key: f for f in report.figures}
    assert figures["alerts_resolved_in_deadline"].numerator == 1  # the same values through the report
    assert figures["feedback_forms"].value == 3
    text = all_text(annual_report_pdf(report, produced=datetime(2026, 11, 30, 9, 0)))
    assert "Family group decision-making, alerts and feedback" in text
    assert "Alerts resolved within their deadline" in text
    assert "Parents and family members: “Were you listened to?”" in text
