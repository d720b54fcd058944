"""The text a family copy prints, passage by passage with its place, for the check before release
(domain.disclosure). Reads the document as the family version and the handout print it (`for_everyone`).

Left out: the children's own names and dates (the family's), the chair's and the professionals' names and
roles, and the "Who to contact" table (professionals' work contacts, put there on purpose).
"""

from __future__ import annotations

from iro_desktop.domain.disclosure import Passage, Target
from iro_desktop.export.documents import ConferenceDocument, Question

_QUESTION_WORDS = {
    Question.WORRIED: "What we are worried about",
    Question.WORKING_WELL: "What is going well",
    Question.NEEDS_TO_HAPPEN: "What needs to happen",
    Question.CHILDS_VOICE: "What the children told us",
    Question.NETWORK: "The people around the family",
    Question.OTHER: "Other things we talked about",
}


def _target(kind: str, content_id: str) -> Target:
    """Where a passage can be held back (none when the line does not say which row it came from)."""
    return Target(kind, content_id) if content_id else Target()


def family_passages(doc: ConferenceDocument) -> list[Passage]:
    """Every passage of free text in the family version and handout, in the order they print it."""
    doc = doc.for_everyone()
    out: list[Passage] = []
    h = doc.header
    if h.venue:
        out.append(Passage("Meeting details: where", h.venue))
    family_people = [p for p in doc.people if p.is_family]
    for p in doc.people:
        if p.attended or p.apologies:
            if p.is_family:
                out.append(Passage("Who came to the meeting", p.name))
            if p.attendance_note:
                out.append(
                    Passage(
                        f"Who came to the meeting: note about {p.role or 'someone'}",
                        p.attendance_note,
                        _target("attendance_note", p.invitation_id),
                    )
                )
    del family_people
    for n, pair in enumerate(doc.danger_pairs, start=1):
        out.append(
            Passage(f"Danger statement {n}", pair.danger_statement, Target("map_item", pair.danger_id))
        )
        if pair.safety_goal:
            out.append(Passage(f"Safety goal {n}", pair.safety_goal, Target("map_item", pair.goal_id)))
        for scale in pair.scales:
            if scale.reason:
                out.append(Passage(f"Danger statement {n}: scaling reason", scale.reason))
    for question in Question:
        for n, item in enumerate(doc.items_for(question), start=1):
            where = f"{_QUESTION_WORDS[question]}, item {n}"
            out.append(
                Passage(where, item.text, Target("map_item", item.item_id) if item.item_id else Target())
            )
            if item.source:
                out.append(Passage(f"{where}: who said it", item.source))
    for n, scale in enumerate(doc.scales, start=1):
        if scale.reason:
            out.append(Passage(f"Scaling {n}: reason", scale.reason))
    for d in doc.decisions:
        child = d.child_name or "a child"
        if d.reasons:
            out.append(
                Passage(f"Decision for {child}: reasons", d.reasons, _target("decision_reasons", d.child_id))
            )
        ids = d.dissent_ids or ("",) * len(d.dissent)
        for n, (text, dissent_id) in enumerate(zip(d.dissent, ids, strict=False), start=1):
            out.append(
                Passage(
                    f"Decision for {child}: not everyone agreed {n}", text, _target("dissent", dissent_id)
                )
            )
    for n, a in enumerate(doc.actions, start=1):
        text = " ".join(t for t in (a.what, a.how_we_will_know, a.goal) if t)
        out.append(Passage(f"Plan action {n}", text, _target("plan_action", a.action_id)))
    for n, line in enumerate(doc.plan.bottom_lines, start=1):
        out.append(Passage(f"Plan: must happen {n}", line))
    if doc.plan.contingency:
        out.append(Passage("Plan: if the plan is not working", doc.plan.contingency))
    for m in doc.next_meetings:
        if m.venue:
            out.append(Passage(f"What happens next: {m.label}", m.venue))
    return [p for p in out if p.text.strip()]
