"""What changed between two versions of a final record, part by part and field by field, in words.

Pure: compares two snapshot dicts (services/snapshot.py). Rows are matched by what identifies them
(a map item, scale, dissent or action by its id, a decision by its child, attendance by the person, a
summary section by its heading); ids are shown as the names or texts they stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.plan import ActionStatus
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.document_builder import long_date

NONE = "(nothing)"
WHOLE_PART = "The whole part"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")


@dataclass(frozen=True)
class Change:
    """One field of one row that differs ("Added" or "Removed" for a whole row, "The whole part" when
    one version's record did not have that part)."""

    part: str  # e.g. "Decisions"
    item: str  # e.g. "Zoë Wójcik", "Strengths: Babcia Halina collects the children"
    field: str  # e.g. "Category"
    before: str
    after: str


@dataclass(frozen=True)
class Names:
    """What ids stand for: children and people by id, significant factors by code."""

    children: Mapping[str, str]
    people: Mapping[str, str]
    factors: Mapping[str, str]


FIELD_LABELS = {
    "type": "Conference type",
    "date": "Date",
    "venue": "Venue",
    "chair": "Chair",
    "family": "Family",
    "children": "Children",
    "text": "Text",
    "section": "Section",
    "sort_order": "Order",
    "child_id": "Child",
    "source": "Who said it",
    "carried_forward": "Carried forward",
    "goal_id": "Paired safety goal",
    "danger_id": "Danger statement",
    "participant": "Who",
    "score": "Score",
    "reason": "Reason",
    "outcome": "Decision",
    "category": "Category",
    "multiple_reason": "Why more than one category",
    "cin_meeting_date": "First child in need meeting",
    "rationale": "Reasons",
    "decided_by": "Decided by",
    "decided_at": "Decided at",
    "factors": "Significant factors",
    "name": "Name",
    "agency": "Agency",
    "view": "Would have preferred",
    "chair_response": "The chair's response",
    "bottom_lines": "Bottom lines",
    "contingency": "Contingency plan",
    "core_group_date": "Core group",
    "next_review_date": "Next review conference",
    "next_review_reason": "Why the review date was changed",
    "what": "What",
    "who_person": "Who",
    "who_agency": "Their agency",
    "by_when": "By when",
    "done_when": "How we will know",
    "safety_goal_id": "Safety goal",
    "status": "Status",
    "attendance": "Attendance",
    "exclusion_reason": "Why excluded",
    "report_received_on": "Report received",
    "invited_on": "Invited on",
}
# Bookkeeping, not what the record says (or shown as the row's name instead).
_SKIP = frozenset({"id", "conference_id", "carried_from_id", "person_id", "key"})


@dataclass(frozen=True)
class _Part:
    name: str
    key: Callable[[Mapping[str, Any]], str]
    label: Callable[[Mapping[str, Any], Names, Mapping[str, str]], str]


def short_text(text: str, words: int = 8) -> str:
    parts = str(text).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _section_label(row: Mapping[str, Any], _n: Names, _t: Mapping[str, str]) -> str:
    label = SectionKey(row["key"]).label
    return f"{label}: {row['agency']}" if row.get("agency") else label


def _map_label(row: Mapping[str, Any], _n: Names, _t: Mapping[str, str]) -> str:
    return f"{Section(row['section']).label}: {short_text(row.get('text', ''))}"


def _scale_label(row: Mapping[str, Any], _n: Names, texts: Mapping[str, str]) -> str:
    about = texts.get(row.get("danger_id") or "", "overall safety")
    return f"Scaling by {row.get('participant', '')} ({short_text(about, 6)})"


def _plan_label(row: Mapping[str, Any], _n: Names, _t: Mapping[str, str]) -> str:
    return f"Action: {short_text(row.get('what', ''))}"


PARTS: tuple[_Part, ...] = (
    _Part("Discussion summary", lambda r: f"{r['key']}|{r.get('agency', '')}", _section_label),
    _Part("Map", lambda r: str(r["id"]), _map_label),
    _Part("Scaling", lambda r: str(r["id"]), _scale_label),
    _Part(
        "Decisions", lambda r: str(r["child_id"]), lambda r, n, _t: n.children.get(r["child_id"], "A child")
    ),
    _Part(
        "Dissent",
        lambda r: str(r["id"]),
        lambda r, n, _t: f"{r.get('name', '')} ({n.children.get(r['child_id'], '')})",
    ),
    _Part("Plan actions", lambda r: str(r["id"]), _plan_label),
    _Part(
        "Attendance", lambda r: str(r["person_id"]), lambda r, n, _t: n.people.get(r["person_id"], "Someone")
    ),
)
_PART_KEYS = {
    "Discussion summary": "record_sections",
    "Map": "map_items",
    "Scaling": "map_scales",
    "Decisions": "decisions",
    "Dissent": "dissent",
    "Plan actions": "plan_actions",
    "Attendance": "attendance",
}


def compare(before: Mapping[str, Any], after: Mapping[str, Any], names: Names) -> list[Change]:
    """Every difference from `before` to `after`, in the order the record reads."""
    texts = {
        str(r["id"]): str(r.get("text", "")) for snap in (before, after) for r in snap.get("map_items", [])
    }
    changes = _conference(before.get("conference"), after.get("conference"), names, texts)
    for part in PARTS:
        key = _PART_KEYS[part.name]
        if key not in before or key not in after:
            changes.extend(_part_came_or_went(part.name, before.get(key), after.get(key)))
            continue
        changes.extend(_rows(part, before[key], after[key], names, texts))
        if part.name == "Dissent":
            changes.extend(_plan_header(before, after, names, texts))
    return changes


def _part_came_or_went(name: str, before: Any, after: Any) -> list[Change]:
    if before is None and after is None:
        return []
    absent = "Not part of the record in this version"
    if before is None:
        return [Change(name, "", WHOLE_PART, absent, f"Part of the record: {_count(after)}")]
    return [Change(name, "", WHOLE_PART, f"Part of the record: {_count(before)}", absent)]


def _count(rows: Any) -> str:
    n = len(rows) if isinstance(rows, list) else 1
    return f"{n} {'entry' if n == 1 else 'entries'}"


def _conference(before: Any, after: Any, names: Names, texts: Mapping[str, str]) -> list[Change]:
    if before is None or after is None:
        return _part_came_or_went("Conference", before, after)
    return _fields("Conference", "The conference", before, after, names, texts)


def _plan_header(
    before: Mapping[str, Any], after: Mapping[str, Any], names: Names, texts: Mapping[str, str]
) -> list[Change]:
    if "plan_header" not in before or "plan_header" not in after:
        return _part_came_or_went("Plan", before.get("plan_header"), after.get("plan_header"))
    return _fields("Plan", "The plan", before["plan_header"] or {}, after["plan_header"] or {}, names, texts)


def _rows(
    part: _Part, before: list[Any], after: list[Any], names: Names, texts: Mapping[str, str]
) -> list[Change]:
    old = {part.key(r): r for r in before}
    new = {part.key(r): r for r in after}
    changes = []
    for key, row in new.items():
        label = part.label(row, names, texts)
        if key not in old:
            changes.append(
                Change(part.name, label, "Added", "(not in the version before)", _row_text(row, names, texts))
            )
        else:
            changes.extend(_fields(part.name, label, old[key], row, names, texts))
    for key, row in old.items():
        if key not in new:
            label = part.label(row, names, texts)
            changes.append(Change(part.name, label, "Removed", _row_text(row, names, texts), "(removed)"))
    return changes


def _fields(
    part: str,
    item: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    names: Names,
    texts: Mapping[str, str],
) -> list[Change]:
    changes = []
    for field in [*before, *(f for f in after if f not in before)]:
        if field in _SKIP or before.get(field) == after.get(field):
            continue
        label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
        changes.append(
            Change(
                part,
                item,
                label,
                value_text(field, before.get(field), names, texts),
                value_text(field, after.get(field), names, texts),
            )
        )
    return changes


def _row_text(row: Mapping[str, Any], names: Names, texts: Mapping[str, str]) -> str:
    """A whole row in words: its one field's value, or "Field: value; ..." for each field it has."""
    shown = {
        f: v
        for f, v in row.items()
        if f not in _SKIP and f != "sort_order" and v not in (None, "", [], False)
    }
    if len(shown) == 1:
        field, value = next(iter(shown.items()))
        return value_text(field, value, names, texts)
    return "; ".join(f"{FIELD_LABELS.get(f, f)}: {value_text(f, v, names, texts)}" for f, v in shown.items())


_ENUMS: dict[str, Callable[[str], str]] = {
    "outcome": lambda v: Outcome(v).label,
    "category": lambda v: Category(v).label,
    "section": lambda v: Section(v).label,
    "attendance": lambda v: Attendance(v).label,
    "status": lambda v: ActionStatus(v).label,
    "type": lambda v: ConferenceType(v).label,
}


def value_text(field: str, value: Any, names: Names, texts: Mapping[str, str]) -> str:
    """A snapshot value in words: labels for codes, names for ids, dates written out."""
    if value is None or value == "" or value == []:
        return NONE
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field in _ENUMS:
        try:
            return _ENUMS[field](value)
        except ValueError:
            return str(value)
    if field == "child_id":
        return names.children.get(value, "A child")
    if field in ("goal_id", "danger_id", "safety_goal_id"):
        return texts.get(value, "An item no longer on the map")
    if field == "factors":
        return ", ".join(names.factors.get(code, code) for code in value)
    if field == "family":
        return f"{value.get('name', '')} ({value.get('reference', '')})"
    if field == "children":
        return "; ".join(str(c.get("name", "")).strip() for c in value)
    return _date_text(value) if isinstance(value, str) else str(value)


def _date_text(value: str) -> str:
    if not _ISO_DATE.match(value):
        return value
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parsed = parse(value)
        except ValueError:
            continue
        if isinstance(parsed, datetime):
            return f"{long_date(parsed.date())} {parsed:%H:%M}"
        return long_date(parsed)
    return value
