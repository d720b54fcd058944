"""The child protection plan for a family: actions, dates, contacts, next review, contingency."""

from __future__ import annotations

from reportlab.platypus import Flowable

from iro_desktop.export.documents import ConferenceDocument
from iro_desktop.export.pdf.page import PageFrame
from iro_desktop.export.pdf.parts import (
    actions_story,
    bullets,
    contacts_table,
    data_table,
    fixed,
    header_block,
    key_values,
    long_date,
    para,
    produced_text,
    when_text,
)
from iro_desktop.export.pdf.styles import StyleSet, standard_styles

TITLE = "Child protection plan"


def frame(doc: ConferenceDocument) -> PageFrame:
    h = doc.header
    produced = produced_text(h.generated_at)
    return PageFrame(TITLE, h.family_reference, h.is_final, standard_styles(), produced, h.version_number)


def plan_story(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    """The plan's body, shared with the conference record."""
    plan = doc.plan
    on_plan = [
        f"{d.child_name}: {d.category_label}" if d.category_label else f"{d.child_name}: {d.outcome_label}"
        for d in doc.decisions
    ]
    pairs = [
        ("Plan start", long_date(plan.plan_start_date)),
        ("First core group", long_date(plan.core_group_date)),
        ("Next review conference", long_date(plan.next_review_date)),
    ]
    if on_plan:
        pairs.insert(0, ("Children and category", "\n".join(on_plan)))
    story: list[Flowable] = [key_values(pairs, s)]
    story.append(fixed("Bottom lines", s.h2))
    story.extend(bullets(plan.bottom_lines, s) or [fixed("None recorded.", s.note)])
    story.append(fixed("Actions", s.h2))
    story.extend(actions_story(doc.actions, s))
    story.append(fixed("Contingency plan", s.h2))
    story.append(para(plan.contingency, s.body) if plan.contingency else fixed("None recorded.", s.note))
    story.append(fixed("Contacts", s.h2))
    story.extend(contacts_table(doc.contacts, s))
    return story


def next_meetings(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    if not doc.next_meetings:
        return [fixed("None set.", s.note)]
    rows = [[m.label, when_text(m.meeting_date, m.start_time), m.venue] for m in doc.next_meetings]
    return [data_table(("Meeting", "Date and time", "Venue"), rows, (0.3, 0.3, 0.4), s)]


def story(doc: ConferenceDocument) -> list[Flowable]:
    s = standard_styles()
    return [
        *header_block(doc, TITLE, s),
        fixed("About the plan", s.h2),
        *plan_story(doc, s),
        fixed("Next meetings", s.h2),
        *next_meetings(doc, s),
    ]
