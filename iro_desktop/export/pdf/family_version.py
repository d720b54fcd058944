"""The version for the family: larger type, and the document's own headings in everyday words.

What was recorded (the map, the decisions' reasons, the plan, names and agencies) is printed exactly as it
was recorded: these are the words the family saw on the screen and agreed. Only the app's fixed labels
(headings, conference types, roles, meeting names) go through `plain_words`, which spells out the
acronyms that turn up in them. Acronyms found in the recorded text are explained at the end instead
("Words used in these notes"), so nothing the family was shown is reworded.
"""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, KeepTogether, Spacer

from iro_desktop.export.documents import ChildLine, ConferenceDocument, Question
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


# Everyday words the headings use that are not acronyms: never listed in "Words used in these notes".
_NOT_ACRONYMS = frozenset(
    {"core groups", "core group", "Core group", "conferences", "conference", "Conference"}
)
_ACRONYM = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(k) for k in sorted(set(GLOSSARY) - _NOT_ACRONYMS, key=len, reverse=True))
    + r")(?![\w-])"
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


def recorded_texts(doc: ConferenceDocument) -> list[str]:
    """Everything in the family version that was typed in, rather than written by the app."""
    texts = [doc.header.chair_name, *(i.text for i in doc.map_items)]
    for pair in doc.danger_pairs:
        texts += [pair.danger_statement, pair.safety_goal, *(sc.reason for sc in pair.scales)]
    texts += [sc.reason for sc in doc.scales]
    for d in doc.decisions:
        texts += [d.reasons, *d.dissent]
    for a in doc.actions:
        texts += [a.goal, a.what, a.who, a.agency, a.how_we_will_know]
    texts += [*doc.plan.bottom_lines, doc.plan.contingency, *(p.agency for p in doc.people)]
    return [t for t in texts if t]


def acronyms_used(doc: ConferenceDocument) -> list[tuple[str, str]]:
    """(acronym, meaning) for each known acronym in the recorded text, in order of first use."""
    found: dict[str, str] = {}
    for text in recorded_texts(doc):
        for match in _ACRONYM.finditer(text):
            found.setdefault(match.group(1), GLOSSARY[match.group(1)])
    return list(found.items())


def frame(doc: ConferenceDocument) -> PageFrame:
    h = doc.header
    produced = produced_text(h.generated_at)
    return PageFrame(TITLE, h.family_reference, h.is_final, family_styles(), produced, h.version_number)


def _family(name: str) -> str:
    """ "Brontë family" stays as it is; "Brontë" becomes "Brontë family"."""
    return name if name.casefold().endswith("family") else f"{name} family"


HOME_EDUCATION_WORDS = "If you want to educate this child at home, the council must agree first."


def _child(c: ChildLine) -> str:
    """The child's name and, where it applies, the home-education consent in plain words."""
    if not c.home_education_flag:
        return c.name
    return f"{c.name}\n{HOME_EDUCATION_WORDS}"


def _intro(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    h = doc.header
    pairs = [
        ("Meeting", plain_words(h.conference_type_label)),
        ("When", when_text(h.conference_date, h.start_time)),
        ("Where", h.venue or "Not set"),
        ("Chaired by", h.chair_name or "Not set"),
    ]
    if doc.children:
        pairs.append(("Children", "\n".join(_child(c) for c in doc.children)))
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
        rows = [[p.name, plain_words(p.role) + (f", {p.agency}" if p.agency else "")] for p in came]
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
        story.append(danger_pair(pair, s, labels=labels))
        story.append(Spacer(1, 6))
    story.extend(grouped_items(doc.items_for(Question.WORRIED), s, headings=plain_words))
    return story


def _section(doc: ConferenceDocument, question: Question, title: str, s: StyleSet) -> list[Flowable]:
    items = doc.items_for(question)
    if not items:
        return []
    return [
        band(title, QUESTION_COLOURS[question.value], s),
        *grouped_items(items, s, title=title, headings=plain_words),
    ]


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
        subjects.setdefault(scale.subject, []).append(score_text(scale))
    for subject, lines in subjects.items():
        if subject:
            story.append(para(subject, s.h3))
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
            block.append(para(d.reasons, s.body))
        if d.dissent:
            block.append(fixed("Not everyone agreed:", s.body))
            block.extend(bullets(d.dissent, s))
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
            head=("What will happen", "Who", "By when", "How we will know it has happened"),
            fractions=(0.36, 0.18, 0.17, 0.29),
            goal_prefix="So that",
        )
    )
    if plan.bottom_lines:
        story.append(fixed("Things that must happen, whatever else changes", s.h2))
        story.extend(bullets(plan.bottom_lines, s))
    if plan.contingency:
        story.append(fixed("If the plan is not working", s.h2))
        story.append(para(plan.contingency, s.body))
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


def _glossary(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    used = acronyms_used(doc)
    if not used:
        return []
    return [
        band(
            "Words used in these notes",
            QUESTION_COLOURS["other"],
            s,
            "These notes keep the words written down in the meeting. Some are short forms:",
        ),
        *bullets([f"{short}: {meaning}" for short, meaning in used], s),
    ]


def story(doc: ConferenceDocument) -> list[Flowable]:
    """For the family: only what everyone may read (issue 18)."""
    doc = doc.for_everyone()
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
        *_glossary(doc, s),
    ]
