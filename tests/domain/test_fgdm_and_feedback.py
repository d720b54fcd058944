"""Family group decision-making: what may be recorded, the 9-month prompt; the feedback form's rules;
the home-education flag."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.feedback import Answer, FeedbackForm, Questionnaire, validate_feedback
from iro_desktop.domain.fgdm import Fgdm, FgdmInput, FgdmResponse, fgdm_prompt, validate_fgdm
from iro_desktop.domain.home_education import ChildStanding

TODAY = date(2026, 12, 1)


def _fields(data: FgdmInput) -> list[str]:
    return [p.field for p in validate_fgdm(data, TODAY)]


def test_offer_answer_meeting_and_not_offered():
    assert _fields(FgdmInput()) == []
    good = FgdmInput(
        date(2026, 10, 1), "Both parents", FgdmResponse.ACCEPTED, date(2026, 10, 20), "FGC service"
    )
    assert _fields(good) == []
    assert _fields(FgdmInput(date(2026, 10, 1))) == ["offered_to"]
    assert _fields(FgdmInput(response=FgdmResponse.DECLINED)) == ["response"]
    assert _fields(
        FgdmInput(date(2026, 10, 1), "Mother", FgdmResponse.DECLINED, date(2026, 10, 20), "X")
    ) == ["held_on"]
    assert _fields(FgdmInput(date(2026, 10, 1), "Mother", FgdmResponse.ACCEPTED, date(2026, 9, 1), "X")) == [
        "held_on"
    ]
    assert _fields(FgdmInput(date(2026, 10, 1), "Mother", FgdmResponse.ACCEPTED, date(2026, 10, 9))) == [
        "facilitated_by"
    ]
    assert _fields(FgdmInput(date(2026, 10, 1), "Mother", not_offered_reason="Risk")) == [
        "not_offered_reason"
    ]
    assert _fields(FgdmInput(not_offered_reason="Risk of violence at the meeting")) == []
    assert _fields(FgdmInput(letter_before_proceedings_on=date(2027, 1, 1))) == [
        "letter_before_proceedings_on"
    ]


def test_nine_month_prompt():
    start = date(2026, 3, 1)
    assert fgdm_prompt(None, TODAY, None) == ""
    assert fgdm_prompt(start, date(2026, 11, 30), None) == ""  # 8 months and 29 days
    assert "9 months" in fgdm_prompt(start, date(2026, 12, 1), None)  # 9 months to the day
    offered = Fgdm(offered_on=date(2026, 6, 1), offered_to="Mother")
    assert fgdm_prompt(start, TODAY, offered) == ""
    assert fgdm_prompt(start, TODAY, Fgdm(not_offered_reason="Not safe")) == ""
    assert fgdm_prompt(start, TODAY, Fgdm()) != ""
    assert offered.outcome == "offered"
    assert (
        Fgdm(offered_on=date(2026, 6, 1), offered_to="M", response=FgdmResponse.ACCEPTED).outcome
        == "accepted"
    )


def test_feedback_form_rules_and_anonymity():
    form = FeedbackForm(Questionnaire.FAMILY, ConferenceType.REVIEW, TODAY, {"why_we_met": Answer.YES})
    assert validate_feedback(form, TODAY) == []
    assert not hasattr(form, "person_id")
    assert not hasattr(form, "conference_id")
    empty = FeedbackForm(Questionnaire.FAMILY, ConferenceType.REVIEW, TODAY, {})
    assert [p.field for p in validate_feedback(empty, TODAY)] == ["answers"]
    wrong = FeedbackForm(Questionnaire.AGENCY, ConferenceType.REVIEW, None, {"why_we_met": Answer.NO})
    assert {p.field for p in validate_feedback(wrong, TODAY)} == {"answers", "conference_date"}


def test_home_education_flag():
    assert ChildStanding("c", False, False).text == ""
    assert ChildStanding("c", True, False).text.endswith("(a plan is open)")
    assert ChildStanding("c", False, True).consent_needed
