"""The conference record: sent to every attendee and kept on the child's file."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from iro_desktop.export.documents import ChildDecisionLine, ConferenceDocument, PersonLine
from iro_desktop.export.pdf.page import PageFrame
from iro_desktop.export.pdf.parts import (
    bullets,
    data_table,
    fixed,
    header_block,
    key_values,
    long_date,
    map_story,
    marked,
    para,
    produced_text,
)
from iro_desktop.export.pdf.plan import next_meetings, plan_story
from iro_desktop.export.pdf.styles import StyleSet, standard_styles

TITLE = "Child protection conference record"


def frame(doc: ConferenceDocument) -> PageFrame:
    h = doc.header
    produced = produced_text(h.generated_at)
    return PageFrame(
        TITLE,
        h.family_reference,
        h.is_final,
        standard_styles(),
        produced,
        h.version_number,
        audit=h.audit_anchor,
    )


def _people(people: list[PersonLine], s: StyleSet) -> list[Flowable]:
    if not people:
        return [fixed("None.", s.note)]
    rows = [[p.name, p.role, p.agency, marked(p.attendance_note, p.note_audience_note)] for p in people]
    return [data_table(("Name", "Role", "Agency", "Note"), rows, (0.27, 0.25, 0.28, 0.2), s)]


def attendance(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    recorded = [p for p in doc.people if p.attendance_recorded]
    waiting = [p for p in doc.people if not p.attendance_recorded]
    attended = [p for p in recorded if p.attended]
    apologies = [p for p in recorded if not p.attended and p.apologies]
    absent = [p for p in recorded if not p.attended and not p.apologies]
    counts = (
        f"Invited: {len(doc.people)}; attended: {len(attended)}; "
        f"apologies: {len(apologies)}; did not attend: {len(absent)}"
    )
    if waiting:
        counts += f"; not recorded yet: {len(waiting)}"
    story: list[Flowable] = [fixed(counts + ".", s.body)]
    groups = [("Attended", attended), ("Apologies", apologies), ("Invited, did not attend", absent)]
    if waiting:
        groups = [(t, g) for t, g in groups if g] + [("Invited, attendance not recorded yet", waiting)]
    for title, group in groups:
        story.append(fixed(title, s.h2))
        story.extend(_people(group, s))
    return story


def _on_time(flag: bool | None, done: object) -> str:
    if done is None:
        return ""
    if flag is None:
        return "Not known"
    return "Yes" if flag else "No (late)"


def reports(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    expected = [p for p in doc.people if p.report_expected or p.report_received is not None]
    if not expected:
        return [fixed("No reports were expected.", s.note)]
    rows = [
        [
            f"{p.name}\n{p.agency or p.role}",
            long_date(p.report_received, missing="Not received"),
            _on_time(p.report_received_on_time, p.report_received),
            long_date(p.report_shared_with_parents, missing="Not recorded"),
            _on_time(p.report_shared_on_time, p.report_shared_with_parents),
        ]
        for p in expected
    ]
    head = ("Report from", "Received", "In time for the conference", "Shared with parents", "Shared in time")
    return [data_table(head, rows, (0.3, 0.17, 0.16, 0.2, 0.17), s)]


def summary(doc: ConferenceDocument, s: StyleSet) -> list[Flowable]:
    """The clerk's discussion summary, section by section; each heading stays with its text."""
    if not doc.summary:
        return [fixed("None recorded.", s.note)]
    return [
        KeepTogether([para(marked(part.heading, part.audience_note), s.h2), para(part.text, s.body)])
        for part in doc.summary
    ]


def decision(d: ChildDecisionLine, s: StyleSet, lead: list[Flowable] | None = None) -> list[Flowable]:
    pairs = [("Decision", d.outcome_label)]
    if d.category_label:
        pairs.append(("Category", d.category_label))
    if d.significant_factors:
        pairs.append(("Significant factors", "\n".join(d.significant_factors)))
    if d.reasons:
        pairs.append(("Reasons", marked(d.reasons, d.reasons_audience_note)))
    if d.quoracy_note:
        pairs.append(("Quoracy at the decision", d.quoracy_note))
    title = f"{d.child_name}, {d.age_text}" if d.age_text else d.child_name
    block: list[Flowable] = [*(lead or []), para(title, s.h2), key_values(pairs, s)]
    if d.dissent:
        block.append(fixed("Dissent", s.h3))
        notes = d.dissent_audience_notes or ("",) * len(d.dissent)
        block.extend(bullets([marked(t, n) for t, n in zip(d.dissent, notes, strict=False)], s))
    else:
        block.append(fixed("No dissent recorded.", s.note))
    return [KeepTogether(block)]


def story(doc: ConferenceDocument) -> list[Flowable]:
    s = standard_styles()
    out: list[Flowable] = [*header_block(doc, TITLE, s)]
    out += [
        fixed("Purpose of the conference", s.h1),
        para(marked(doc.purpose, doc.purpose_audience_note) if doc.purpose else "Not recorded.", s.body),
    ]
    out += [fixed("Attendance", s.h1), *attendance(doc, s)]
    out += [fixed("Reports to the conference", s.h1), *reports(doc, s)]
    out += [fixed("Summary of the discussion", s.h1), *summary(doc, s)]
    out += [fixed("The map", s.h1), *map_story(doc, s)]
    heading = fixed("Decisions for each child", s.h1)
    for n, d in enumerate(doc.decisions):
        out.extend(decision(d, s, [heading] if n == 0 else None))  # the heading stays with the first child
    if not doc.decisions:
        out += [heading, fixed("No decisions recorded.", s.note)]
    out += [fixed("The child protection plan", s.h1), *plan_story(doc, s)]
    out += [fixed("Next meetings", s.h1), *next_meetings(doc, s)]
    out.append(fixed("Distribution list", s.h1))
    if doc.distribution:
        rows = [[d.name, d.role, d.agency] for d in doc.distribution]
        out.append(data_table(("Name", "Role", "Agency"), rows, (0.34, 0.3, 0.36), s))
    else:
        out.append(fixed("None recorded.", s.note))
    return out
