"""The version for the family: larger type, everyday words, no jargon or acronyms.

The document's own words are written plainly; professionals' text is passed through `plain_words`, which
spells out the acronyms that turn up in conference notes (it cannot rewrite jargon it does not know).
"""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, KeepTogether, Spacer

from iro_desktop.export.documents import ConferenceDocument, Question
from iro_desktop.export.pdf.page import PageFrame
from iro_desktop.export.pdf.parts import (
    actions_story,
    band,
    bullets,
    danger_pair,
    data_table,
    fixed,
    grouped_items,
    key_values,
    long_date,
    para,
    produced_text,
    score_text,
    when_text,
)
from iro_desktop.export.pdf.styles import QUESTION_COLOURS, StyleSet, family_styles

TITLE = "Notes for the family"

# Longest first, so "CP plan" is spelled out before "CP".
GLOSSARY: dict[str, str] = {
    "CP plans": "child protection plans",
    "CP plan": "child protection plan",
    "CPP": "child protection plan",
    "CPPs": "child protection plans",
    "ICPC": "first child protection meeting",
    "RCPC": "review child protection meeting",
    "CPC": "child protection meeting",
    "CIN plan": "child in need plan",
    "CIN": "child in need",
    "LAC": "looked after child",
    "IRO": "independent chair",
    "ICC": "independent chair",
    "SW": "social worker",
    "TM": "team manager",
    "DA": "domestic abuse",
    "DV": "domestic abuse",
    "CSC": "children's social care",
    "CAIU": "police child abuse team",
    "PLO": "pre-proceedings legal process",
    "HV": "health visitor",
    "GP": "family doctor",
    "CAMHS": "children's mental health service",
    "CSE": "child sexual exploitation",
    "EHCP": "education, health and care plan",
    "SoS": "Signs of Safety",
    "NFA": "no further action",
    "S47": "child protection enquiry",
    "s47": "child protection enquiry",
    "LSCB": "safeguarding partnership",
    "NYAS": "advocacy service",
    "CP": "child protection",
    "core groups": "meetings to check the plan",
    "core group": "meeting to check the plan",
    "Core group": "Meeting to check the plan",
    "conferences": "meetings",
    "conference": "meeting",
    "Conference": "Meeting",
}
_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(GLOSSARY, key=len, reverse=True)) + r")(?![\w-])"
)


_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)$")


def plain_words(text: str) -> str:
    """Spell out known acronyms (whole words only); a sentence still starts with a capital."""

    def spell(match: re.Match[str]) -> str:
        words = GLOSSARY[match.group(1)]
        if _SENTENCE_START.search(text[: match.start()]):
            return words[:1].upper() + words[1:]
        return words

    return _PATTERN.sub(spell, text)


def frame(doc: ConferenceDocument) -> PageFrame:
    h = doc.header
    produced = produced_text(h.generated_at)
    return PageFrame(TITLE, h.family_reference, h.is_final, family_styles(), produced, h.version_number)


def _family(name: str) -> str:
    """ "Brontë family" stays as it is; "Brontë" becomes "Brontë family"."""
    return name if name.casefold().endswith("family") else f"{name} family"


def _intro(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    h = doc.header
    pairs = [
        ("Meeting", plain_words(h.conference_type_label)),
        ("When", when_text(h.conference_date, h.start_time)),
        ("Where", h.venue or "Not set"),
        ("Chaired by", plain_words(h.chair_name)),
    ]
    if doc.children:
        pairs.append(("Children", "\n".join(c.name for c in doc.children)))
    if h.version_label:
        pairs.append(("Version", h.version_label))
    story: list[Flowable] = [
        fixed("What we talked about and agreed", s.title),
        para(f"The meeting about the {_family(h.family_name)}", s.subtitle),
        key_values(pairs, s, label_fraction=0.25),
        Spacer(1, 6),
    ]
    if not h.is_final:
        story.append(
            fixed(
                "This is a draft. The final notes will be sent to you after the meeting. If something here "
                "is wrong, please tell your social worker.",
                s.body,
            )
        )
    return story


def _who_came(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    came = [p for p in doc.people if p.attended]
    story: list[Flowable] = [band("Who came to the meeting", QUESTION_COLOURS["other"], s)]
    if came:
        rows = [[p.name, plain_words(p.role if not p.agency else f"{p.role}, {p.agency}")] for p in came]
        story.append(data_table(("Name", "Who they are"), rows, (0.4, 0.6), s))
    sorry = [p for p in doc.people if not p.attended and p.apologies]
    if not came and not sorry:
        story.append(fixed("Not written down yet.", s.body))
    if sorry:
        story.append(Spacer(1, 6))
        story.append(para("Could not come: " + ", ".join(p.name for p in sorry) + ".", s.body))
    return story


def _worries(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    story: list[Flowable] = [band("What we are worried about", QUESTION_COLOURS["worried"], s)]
    labels = (
        "What we are worried could happen",
        "What we want to see instead",
        "How safe people think it is",
    )
    for pair in doc.danger_pairs:
        story.append(danger_pair(pair, s, plain_words, labels))
        story.append(Spacer(1, 6))
    story.extend(grouped_items(doc.items_for(Question.WORRIED), s, plain_words))
    return story


def _section(doc: ConferenceDocument, question: Question, title: str, s: StyleSet) -> list[Flowable]:
    items = doc.items_for(question)
    if not items:
        return []
    return [band(title, QUESTION_COLOURS[question.value], s), *grouped_items(items, s, plain_words, title)]


def _scaling(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    if not doc.scales:
        return []
    story: list[Flowable] = [
        band(
            "How safe people think the children are",
            QUESTION_COLOURS["scaling"],
            s,
            "Everyone gave a number from 0 to 10. 10 means the children are safe enough. "
            "0 means they are not safe.",
        )
    ]
    subjects: dict[str, list[str]] = {}
    for scale in doc.scales:
        subjects.setdefault(scale.subject, []).append(score_text(scale, plain_words))
    for subject, lines in subjects.items():
        if subject:
            story.append(para(subject, s.h3, plain_words))
        story.extend(bullets(lines, s))
    return story


def _decisions(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    heading = band("What was decided", QUESTION_COLOURS["other"], s)
    story: list[Flowable] = []
    for n, d in enumerate(doc.decisions):
        # A heading does not keep with a KeepTogether, so the first child's block carries it.
        block: list[Flowable] = [heading] if n == 0 else []
        block.append(para(d.child_name, s.h2))
        block.append(para(d.plain_outcome or d.outcome_label, s.body, plain_words))
        if d.category_label:
            block.append(para(f"The main worry is: {d.category_label.lower()}.", s.body, plain_words))
        if d.reasons:
            block.append(para(d.reasons, s.body, plain_words))
        if d.dissent:
            block.append(fixed("Not everyone agreed:", s.body))
            block.extend(bullets(d.dissent, s, plain_words))
        story.append(KeepTogether(block))
    if not doc.decisions:
        story += [heading, fixed("Nothing was decided yet.", s.body)]
    return story


def _plan(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    plan = doc.plan
    story: list[Flowable] = [
        band("The child protection plan: who will do what", QUESTION_COLOURS["needs_to_happen"], s)
    ]
    story.extend(
        actions_story(
            doc.actions,
            s,
            plain_words,
            head=("What will happen", "Who", "By when", "How we will know it has happened"),
            fractions=(0.36, 0.18, 0.17, 0.29),
            goal_prefix="So that",
        )
    )
    if plan.bottom_lines:
        story.append(fixed("Things that must happen, whatever else changes", s.h2))
        story.extend(bullets(plan.bottom_lines, s, plain_words))
    if plan.contingency:
        story.append(fixed("If the plan is not working", s.h2))
        story.append(para(plan.contingency, s.body, plain_words))
    return story


def _next(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    story: list[Flowable] = [band("What happens next", QUESTION_COLOURS["other"], s)]
    pairs = [
        (plain_words(m.label), when_text(m.meeting_date, m.start_time) + (f", {m.venue}" if m.venue else ""))
        for m in doc.next_meetings
    ]
    if not pairs:
        pairs = [
            ("Next meeting with the professionals who help you", long_date(doc.plan.core_group_date)),
            ("Next review meeting", long_date(doc.plan.next_review_date)),
        ]
    story.append(key_values(pairs, s, label_fraction=0.4))
    if doc.contacts:
        story.append(fixed("Who to contact", s.h2))
        rows = [[c.name, plain_words(c.role), c.contact] for c in doc.contacts]
        story.append(data_table(("Name", "Who they are", "How to reach them"), rows, (0.28, 0.27, 0.45), s))
    return story


def story(doc: ConferenceDocument) -> list[Flowable]:
    s = family_styles()
    return [
        *_intro(doc, s),
        *_who_came(doc, s),
        *_worries(doc, s),
        *_section(doc, Question.WORKING_WELL, "What is going well", s),
        *_section(doc, Question.NEEDS_TO_HAPPEN, "What needs to happen", s),
        *_scaling(doc, s),
        *_section(doc, Question.CHILDS_VOICE, "What the children told us", s),
        *_section(doc, Question.NETWORK, "The people around your family", s),
        *_section(doc, Question.OTHER, "Other things we talked about", s),
        *_decisions(doc, s),
        *_plan(doc, s),
        *_next(doc, s),
    ]
