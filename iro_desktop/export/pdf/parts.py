"""Story pieces shared by the documents: formatting, tables, the map, scaling, the plan.

Every table cell is a Paragraph so text wraps inside its column; column widths are fractions of the
frame width, so no table runs off the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from iro_desktop.domain.calendar import long_date as calendar_long_date
from iro_desktop.export.documents import (
    ConferenceDocument,
    ContactLine,
    DangerPairLine,
    MapItemLine,
    PlanActionLine,
    Question,
    ScaleLine,
)
from iro_desktop.export.pdf.fonts import SANS_BOLD, markup
from iro_desktop.export.pdf.page import content_width
from iro_desktop.export.pdf.styles import (
    QUESTION_COLOURS,
    StyleSet,
    grid_table,
    key_value_table,
    question_band,
)

MARK_GLYPH = "\u2298"  # beside a held-back item, with its words (DejaVu Sans has it)

Words = Callable[[str], str]  # text rewriting applied to user text (identity, or plain language)


def same(text: str) -> str:
    return text


def long_date(day: date | None, missing: str = "Not set") -> str:
    if day is None:
        return missing
    return calendar_long_date(day)


def clock(at: time | None) -> str:
    return at.strftime("%H:%M") if at is not None else ""


def produced_text(at: datetime) -> str:
    return f"Produced {long_date(at.date())} at {at.strftime('%H:%M')}"


def when_text(day: date | None, at: time | None) -> str:
    text = long_date(day)
    return f"{text} at {clock(at)}" if at is not None and day is not None else text


def para(text: str, style: ParagraphStyle, words: Words = same) -> Paragraph:
    """A paragraph of user text (escaped and shaped)."""
    return Paragraph(markup(words(text), bold=style.fontName == SANS_BOLD), style)


def fixed(markup_text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of the document's own markup (already safe)."""
    return Paragraph(markup_text, style)


def bullets(texts: Iterable[str], s: StyleSet, words: Words = same) -> list[Flowable]:
    return [Paragraph(markup(words(t)), s.bullet, bulletText="\u2022") for t in texts]


def data_table(
    head: Sequence[str], rows: Sequence[Sequence[str]], fractions: Sequence[float], s: StyleSet
) -> Table:
    """A table of user text with a header row repeated on each page; cells wrap."""
    width = content_width()
    data: list[list[Flowable]] = [[Paragraph(markup(h, bold=True), s.cell_head) for h in head]]
    data.extend([Paragraph(markup(cell), s.cell) for cell in row] for row in rows)
    table = Table(data, colWidths=[f * width for f in fractions], repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(grid_table())
    return table


def key_values(pairs: Sequence[tuple[str, str]], s: StyleSet, label_fraction: float = 0.28) -> Table:
    width = content_width()
    data = [[Paragraph(markup(k, bold=True), s.label), Paragraph(markup(v), s.cell)] for k, v in pairs]
    table = Table(
        data, colWidths=[label_fraction * width, (1 - label_fraction) * width], hAlign="LEFT", splitInRow=1
    )
    table.setStyle(key_value_table())
    return table


def band(title: str, colour: Color, s: StyleSet, subtitle: str = "") -> Table:
    """A question heading with a coloured bar; kept with what follows."""
    cell: list[Flowable] = [Paragraph(markup(title), s.h1)]
    if subtitle:
        cell.append(Paragraph(markup(subtitle), s.note))
    table = Table(
        [[cell]], colWidths=[content_width()], hAlign="LEFT", spaceBefore=s.body.fontSize, spaceAfter=2
    )
    table.setStyle(question_band(colour))
    table.keepWithNext = 1
    return table


def marked(text: str, note: str) -> str:
    """Text followed by its mark in words and the symbol (issue 18), e.g. "... [⊘ Professionals only:
    police information]"; the text alone when everyone may read it."""
    return f"{text} [{MARK_GLYPH} {note}]" if note else text


def item_markup(item: MapItemLine, words: Words = same, with_child: bool = True) -> str:
    details = []
    if with_child and item.child_name:
        details.append(f"about {item.child_name}")
    if item.source:
        details.append(f"from {item.source}")
    if item.carried_forward:
        details.append("carried forward from last time")
    text = markup(words(item.text))
    if details:
        text += f' <font size="-1" color="#555555">({markup(words("; ".join(details)))})</font>'
    if item.audience_note:
        text += f" <b>[{markup(MARK_GLYPH + ' ' + item.audience_note)}]</b>"
    return text


def _words_of(text: str) -> str:
    return " ".join(re.findall(r"[a-z']+", text.lower().replace("\u2019", "'")))


def grouped_items(
    items: Sequence[MapItemLine],
    s: StyleSet,
    words: Words = same,
    title: str = "",
    headings: Words = same,
) -> list[Flowable]:
    """Items under their section headings, sections in order of first appearance. `words` rewrites the
    items' text, `headings` only the app's own section headings (the family version keeps what was
    recorded as it was recorded and puts only the headings in plain language).

    A section heading that only repeats the question's title (e.g. "The child's voice") is left out.
    """
    sections: dict[str, tuple[str, list[MapItemLine]]] = {}
    for item in items:
        sections.setdefault(item.section_code, (item.section_label, []))[1].append(item)
    story: list[Flowable] = []
    show_labels = len(sections) > 1 or any(label for label, _ in sections.values())
    for label, section_items in sections.values():
        repeats_title = len(sections) == 1 and _words_of(label) in _words_of(title)
        if show_labels and label and not repeats_title:
            story.append(para(label, s.h3, headings))
        story.extend(
            Paragraph(item_markup(item, words), s.bullet, bulletText="\u2022") for item in section_items
        )
    return story


def score_text(scale: ScaleLine, words: Words = same) -> str:
    score = "not given" if scale.score is None else f"{scale.score} out of 10"
    text = f"{scale.participant}: {score}"
    if scale.previous_score is not None:
        text += f" (last time {scale.previous_score})"
    if scale.reason:
        text += f" \u2014 {scale.reason}"
    return words(text)


def danger_pair(pair: DangerPairLine, s: StyleSet, words: Words = same, labels: Sequence[str] = ()) -> Table:
    """A danger statement, its safety goal and the scaling against it, as one boxed block."""
    danger_label, goal_label, scale_label = labels or ("Danger statement", "Safety goal", "Scaling")
    width = content_width()
    danger_text = pair.danger_statement
    if pair.child_name:
        danger_text = f"{danger_text} ({words('about')} {pair.child_name})"
    if pair.audience_note:
        danger_text = f"{danger_text} [{MARK_GLYPH} {pair.audience_note}]"
    goal_text = pair.safety_goal or "Not yet agreed"
    if pair.goal_audience_note and pair.safety_goal:
        goal_text = f"{goal_text} [{MARK_GLYPH} {pair.goal_audience_note}]"
    rows: list[list[Flowable | list[Flowable]]] = [
        [Paragraph(markup(danger_label), s.label), para(danger_text, s.cell, words)],
    ]
    if pair.goal_shown:
        rows.append([Paragraph(markup(goal_label), s.label), para(goal_text, s.cell, words)])
    if pair.scales:
        subjects = {scale.subject for scale in pair.scales}
        cell: list[Flowable] = []
        if len(subjects) == 1 and pair.scales[0].subject:
            cell.append(para(pair.scales[0].subject, s.note, words))
        for scale in pair.scales:
            cell.append(Paragraph(markup(score_text(scale, words)), s.cell))
        rows.append([Paragraph(markup(scale_label), s.label), cell])
    table = Table(rows, colWidths=[0.22 * width, 0.78 * width], hAlign="LEFT", splitInRow=1)
    table.setStyle(key_value_table())
    return table


def scales_table(scales: Sequence[ScaleLine], s: StyleSet, words: Words = same) -> list[Flowable]:
    """One table per scaling question: who, score, last time, why."""
    by_subject: dict[str, list[ScaleLine]] = {}
    for scale in scales:
        by_subject.setdefault(scale.subject, []).append(scale)
    story: list[Flowable] = []
    for subject, group in by_subject.items():
        if subject:
            story.append(para(subject, s.h3, words))
        rows = [
            [
                sc.participant,
                "Not given" if sc.score is None else f"{sc.score} / 10",
                "" if sc.previous_score is None else f"{sc.previous_score} / 10",
                words(sc.reason),
            ]
            for sc in group
        ]
        story.append(data_table(("Who", "Score", "Last time", "Why"), rows, (0.3, 0.12, 0.12, 0.46), s))
    return story


def map_story(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    """The map under the three questions, then scaling, the child's voice and the family network."""
    story: list[Flowable] = []
    worried = doc.items_for(Question.WORRIED)
    story.append(band("What are we worried about?", QUESTION_COLOURS["worried"], s))
    if doc.danger_pairs:
        story.append(fixed("Danger statements and safety goals", s.h2))
        for pair in doc.danger_pairs:
            story.append(danger_pair(pair, s))
            story.append(Spacer(1, 8))
    story.extend(grouped_items(worried, s))
    if not worried and not doc.danger_pairs:
        story.append(fixed("Nothing recorded.", s.note))
    for question, title in (
        (Question.WORKING_WELL, "What's working well?"),
        (Question.NEEDS_TO_HAPPEN, "What needs to happen?"),
    ):
        items = doc.items_for(question)
        story.append(band(title, QUESTION_COLOURS[question.value], s))
        story.extend(grouped_items(items, s, title=title) or [fixed("Nothing recorded.", s.note)])
    if doc.scales:
        story.append(band("Scaling", QUESTION_COLOURS["scaling"], s, "Each person's answer from 0 to 10"))
        story.extend(scales_table(doc.scales, s))
    for question, title in (
        (Question.CHILDS_VOICE, "The child's voice"),
        (Question.NETWORK, "The family network"),
        (Question.OTHER, "Other notes"),
    ):
        items = doc.items_for(question)
        if items or question is not Question.OTHER:
            story.append(band(title, QUESTION_COLOURS[question.value], s))
            story.extend(grouped_items(items, s, title=title) or [fixed("Nothing recorded.", s.note)])
    return story


def by_when(action: PlanActionLine) -> str:
    if action.by_when_text:
        return action.by_when_text
    return long_date(action.by_when, missing="No date set")


def actions_story(
    actions: Sequence[PlanActionLine],
    s: StyleSet,
    words: Words = same,
    head: Sequence[str] = ("What needs to happen", "Who", "Agency", "By when", "How we will know"),
    fractions: Sequence[float] = (0.3, 0.15, 0.14, 0.13, 0.28),
    goal_prefix: str = "Safety goal",
) -> list[Flowable]:
    """Actions grouped by the safety goal they work towards, one wrapping table per goal."""
    if not actions:
        return [fixed("No actions recorded.", s.note)]
    groups: dict[tuple[str, str], list[PlanActionLine]] = {}
    for action in actions:
        groups.setdefault((action.goal, action.goal_audience_note), []).append(action)
    with_agency = len(head) == 5
    story: list[Flowable] = []
    for (goal, note), group in groups.items():
        if goal or len(groups) > 1:
            mark = f" [{MARK_GLYPH} {note}]" if goal and note else ""
            story.append(para(f"{goal_prefix}: {goal}{mark}" if goal else "Other actions", s.h3, words))
        rows = []
        for action in group:
            what = action.what if not action.child_name else f"{action.what} (for {action.child_name})"
            what = marked(what, action.audience_note)
            row = [words(what), words(action.who)]
            if with_agency:
                row.append(words(action.agency))
            row += [by_when(action), words(action.how_we_will_know)]
            rows.append(row)
        story.append(data_table(head, rows, fractions, s))
        story.append(Spacer(1, 4))
    return story


def contacts_table(contacts: Sequence[ContactLine], s: StyleSet, words: Words = same) -> list[Flowable]:
    if not contacts:
        return [fixed("No contacts recorded.", s.note)]
    rows = [[c.name, words(c.role), words(c.agency), c.contact] for c in contacts]
    return [data_table(("Name", "Role", "Agency", "Contact"), rows, (0.22, 0.18, 0.26, 0.34), s)]


def header_block(doc: ConferenceDocument, title: str, s: StyleSet) -> list[Flowable]:
    """The document title and the conference's details."""
    h = doc.header
    pairs = [
        ("Family", h.family_name),
        ("Family reference", h.family_reference),
        ("Conference", h.conference_type_label),
        ("Date and time", when_text(h.conference_date, h.start_time)),
        ("Venue", h.venue or "Not set"),
        ("Chair", h.chair_name or "Not set"),
    ]
    if h.chair_statement:
        pairs.append(("Chair's role and independence", h.chair_statement))
    if doc.children:
        pairs.append(("Children", "\n".join(c.text for c in doc.children)))
    if h.local_authority:
        pairs.append(("Local authority", h.local_authority))
    pairs.append(("Status", "Final" if h.is_final else "DRAFT - not yet final"))
    if h.version_label:
        pairs.append(("Version", h.version_label))
    return [fixed(title, s.title), para(h.family_name, s.subtitle), key_values(pairs, s), Spacer(1, 6)]


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))
