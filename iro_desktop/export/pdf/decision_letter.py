"""The decision letter to one parent or carer, sent within a working day of the conference (issue 18).

Larger type (the family's styles); the same page frame as every PDF: OFFICIAL-SENSITIVE at the top and
bottom of every page, and whom it was made for in every page's title. The letter is built from a
`DecisionLetter` already filtered for its reader: it prints nothing else.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from iro_desktop.export.letters import DecisionLetter
from iro_desktop.export.pdf.page import PageFrame
from iro_desktop.export.pdf.parts import data_table, fixed, key_values, long_date, para, produced_text
from iro_desktop.export.pdf.styles import StyleSet, family_styles

TITLE = "Decision letter"


def frame(letter: DecisionLetter) -> PageFrame:
    title = f"{TITLE} - {letter.made_for}"
    return PageFrame(
        title, letter.family_reference, True, family_styles(), produced_text(letter.generated_at)
    )


def _children(letter: DecisionLetter, s: StyleSet) -> list[Flowable]:
    if not letter.children:
        return [fixed("No decision was recorded.", s.note)]
    rows = [
        [
            c.name,
            f"{c.plain_outcome}\n({c.outcome})" if c.plain_outcome else c.outcome,
            c.category or "None",
        ]
        for c in letter.children
    ]
    return [data_table(("Child", "What was decided", "Category"), rows, (0.24, 0.52, 0.24), s)]


def _plan(letter: DecisionLetter, s: StyleSet) -> list[Flowable]:
    if not letter.actions:
        return [fixed("There is no plan to outline.", s.note)]
    rows = [
        [a.what + (f"\nTowards: {a.goal}" if a.goal else ""), a.who, long_date(a.by_when, "No date set")]
        for a in letter.actions
    ]
    intro = fixed("The plan in outline. The full plan comes with the record.", s.body)
    return [intro, data_table(("What will happen", "Who", "By when"), rows, (0.56, 0.22, 0.22), s)]


def story(letter: DecisionLetter) -> list[Flowable]:
    s = family_styles()
    held = long_date(letter.conference_date)
    chair = letter.chair_name or "the chair"
    out: list[Flowable] = [
        fixed(TITLE, s.title),
        para(f"{letter.family_name}, {letter.conference_label}, {held}", s.subtitle),
        para(f"Dear {letter.recipient_name},", s.body),
        para(
            f"This letter tells you what the {letter.conference_label.lower()} held on {held} and chaired "
            f"by {chair} decided for each child. You will be sent the full record of the meeting.",
            s.body,
        ),
        fixed("What was decided for each child", s.h2),
        *_children(letter, s),
        fixed("The plan", s.h2),
        *_plan(letter, s),
        fixed("Dates", s.h2),
        key_values(
            [
                ("Core group meeting", long_date(letter.core_group_date)),
                ("Review conference", long_date(letter.review_date)),
                ("The record will be sent by", long_date(letter.record_due)),
            ],
            s,
            label_fraction=0.4,
        ),
        fixed("If something is wrong", s.h2),
        para(
            "If you think something in this letter or in the record is wrong, tell us within "
            f"{letter.corrections_wd} working days of receiving the record. Contact the chair or your "
            "social worker, say what is wrong and what it should say. We will write down your request, "
            "tell you whether it is accepted and why, and if it is, the record will be amended.",
            s.body,
        ),
        fixed("How to complain", s.h2),
        para(
            "If you are unhappy with how the conference was run or with a decision it made, you can "
            "complain under the council's child protection conference complaints procedure. Ask the chair "
            "or your social worker for a copy, or contact the council's complaints team. Complaining will "
            "not change the help you and the children are offered.",
            s.body,
        ),
        Spacer(1, 8),
        para("Yours sincerely,", s.body),
        para(chair, s.body),
        fixed("Independent chair", s.note),
    ]
    return out
