"""A version of a final record as readable HTML for the version viewer: who attended, the discussion
summary, the map by section, the decisions per child, the plan. Pure: takes the document's plain data."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from iro_desktop.export.documents import ChildLine, ConferenceDocument
from iro_desktop.services.document_builder import long_date
from iro_desktop.services.version_changes import short_text


def _iso(name: str) -> str:
    """A name bidi-isolated, so an Arabic-script name does not reorder the text around it."""
    return f"\u2068{name}\u2069"


def _p(text: str) -> str:
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"


def _list(items: Iterable[str]) -> str:
    rows = [f"<li>{escape(i)}</li>" for i in items]
    return f"<ul>{''.join(rows)}</ul>" if rows else "<p><i>None recorded.</i></p>"


def _child(c: ChildLine) -> str:
    """The child's name and age, and the home-education flag as the record held it (issue 19)."""
    line = f"{_iso(c.name)}, {c.age_text}" if c.age_text else _iso(c.name)
    return f"{line} ({c.home_education_flag})" if c.home_education_flag else line


def version_html(doc: ConferenceDocument) -> str:
    h = doc.header
    out = [
        f"<h2>{escape(h.family_name)} ({escape(h.family_reference)}): {escape(h.conference_type_label)}</h2>"
    ]
    out.append(
        _p(
            f"Held {long_date(h.conference_date)}"
            + (f" at {h.venue}" if h.venue else "")
            + f"; chair {h.chair_name}."
        )
    )
    if h.version_label:
        out.append(f"<p><b>{escape(h.version_label)}</b></p>")
    out.append(_p("Children: " + "; ".join(_child(c) for c in doc.children)))

    out.append("<h3>Who attended</h3>")
    out.append(
        _list(
            f"{_iso(p.name)} ({', '.join(x for x in (p.role, p.agency) if x)}): {p.attendance_text}"
            for p in doc.people
        )
    )

    out.append("<h3>Discussion summary</h3>")
    if doc.purpose:
        out.append(f"<h4>Purpose of the conference</h4>{_p(doc.purpose)}")
    for section in doc.summary:
        out.append(f"<h4>{escape(section.heading)}</h4>{_p(section.text)}")
    if not doc.purpose and not doc.summary:
        out.append("<p><i>None recorded.</i></p>")

    out.append("<h3>The map</h3>")
    if doc.danger_pairs:
        out.append("<h4>Danger statements and safety goals</h4>")
        out.append(
            _list(
                f"Danger: {d.danger_statement} → Safety goal: {d.safety_goal or 'not yet written'}"
                for d in doc.danger_pairs
            )
        )
    sections: dict[str, list[str]] = {}
    for item in doc.map_items:
        about = f" ({_iso(item.child_name)})" if item.child_name else ""
        said = f" [{item.source}]" if item.source else ""
        sections.setdefault(item.section_label, []).append(f"{item.text}{about}{said}")
    for label, texts in sections.items():
        out.append(f"<h4>{escape(label)}</h4>{_list(texts)}")
    scales = [("Overall safety", s) for s in doc.scales]
    scales += [(f"On “{short_text(d.danger_statement, 6)}”", s) for d in doc.danger_pairs for s in d.scales]
    if scales:
        out.append("<h4>Scaling (0 not safe, 10 safe enough to close)</h4>")
        out.append(
            _list(
                f"{about}, {s.participant}: {'declined' if s.score is None else s.score}"
                + (f" ({s.reason})" if s.reason else "")
                for about, s in scales
            )
        )

    out.append("<h3>Decisions for each child</h3>")
    for d in doc.decisions:
        category = f" Category: {d.category_label}." if d.category_label else ""
        out.append(f"<h4>{escape(d.child_name)}</h4>{_p(d.outcome_label + '.' + category)}")
        if d.significant_factors:
            out.append(_p("Significant factors: " + ", ".join(d.significant_factors)))
        if d.reasons:
            out.append(_p("Reasons: " + d.reasons))
        for dissent in d.dissent:
            out.append(_p("Dissent: " + dissent))

    out.append("<h3>The plan</h3>")
    if doc.plan.bottom_lines:
        out.append(f"<h4>Bottom lines</h4>{_list(doc.plan.bottom_lines)}")
    if doc.plan.contingency:
        out.append(f"<h4>Contingency plan</h4>{_p(doc.plan.contingency)}")
    out.append("<h4>Actions</h4>")
    out.append(
        _list(
            f"{a.what}: {_iso(a.who)}"
            + (f" ({a.agency})" if a.agency else "")
            + (f", by {long_date(a.by_when)}" if a.by_when else ", ongoing")
            + (f". How we will know: {a.how_we_will_know}" if a.how_we_will_know else "")
            for a in doc.actions
        )
    )
    return "\n".join(out)
