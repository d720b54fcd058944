"""Feedback after the conference: a short questionnaire for parents and family members and one for
agencies. Anonymous: a form is kept with its conference type and date only, never a person or a
conference id."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, date_problems

MAX_COMMENT = 1000


class Questionnaire(enum.StrEnum):
    FAMILY = "family"
    AGENCY = "agency"

    @property
    def label(self) -> str:
        return {"family": "Parents and family members", "agency": "Agencies"}[self.value]


class Answer(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Source(enum.StrEnum):
    LAPTOP = "laptop"  # answered on the chair's laptop at the end of the meeting
    PAPER = "paper"  # typed in later from a paper form


@dataclass(frozen=True)
class Question:
    code: str
    text: str


QUESTIONS: dict[Questionnaire, tuple[Question, ...]] = {
    Questionnaire.FAMILY: (
        Question("why_we_met", "Did you understand why we met?"),
        Question("listened_to", "Were you listened to?"),
        Question("understand_plan", "Do you understand the plan?"),
    ),
    Questionnaire.AGENCY: (
        Question("purpose_clear", "Was the purpose of the conference clear?"),
        Question("views_heard", "Were your agency's views heard?"),
        Question("role_in_plan", "Is it clear what your agency must do in the plan?"),
    ),
}


@dataclass(frozen=True)
class FeedbackForm:
    questionnaire: Questionnaire
    conference_type: ConferenceType
    conference_date: date | None
    answers: dict[str, Answer]  # question code -> answer; a question left out was not answered
    comment: str = ""
    source: Source = Source.LAPTOP
    id: str = ""


def validate_feedback(form: FeedbackForm, today: date) -> list[Problem]:
    problems = character_problems({"comment": form.comment}, multi=("comment",))
    codes = {q.code for q in QUESTIONS[form.questionnaire]}
    if set(form.answers) - codes:
        problems.append(Problem("answers", "An answer is for a question not on this form."))
    if not form.answers and not form.comment.strip():
        problems.append(Problem("answers", "Answer at least one question, or write a comment."))
    if len(form.comment) > MAX_COMMENT:
        problems.append(Problem("comment", f"Use at most {MAX_COMMENT} characters."))
    if form.conference_date is None:
        problems.append(Problem("conference_date", "Enter the date of the conference."))
    else:
        problems += date_problems("conference_date", form.conference_date, "The conference date")
        if form.conference_date > today:
            problems.append(Problem("conference_date", "The conference date cannot be in the future."))
    return problems
