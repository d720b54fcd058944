"""The hand-off's field-by-field comparison: three versions of one conference's content (the version both
sides started from, mine, theirs), keyed by ids, never by list positions. Pure: plain dicts in and out.

- changed only in the file: theirs is taken; changed only here: mine is kept; changed on both sides to
  different values: a conflict;
- a row added on one side is added; a row removed on one side (and untouched on the other) is removed,
  except family, children, people and agencies, which a hand-off never removes (other conferences share
  them); removed on one side and edited on the other: a conflict;
- with no common version (`base` None) every field that differs is a conflict and rows are never removed;
- a link to another conference that the file has empty is kept (the file cannot know a conference that
  was never in its store).
After the choices, references to rows that are gone follow the store's own rules (cleared or removed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from iro_desktop.services.conference_file.document import Content, normalise
from iro_desktop.services.conference_file.spec import PARTS, Field, Kind, OnDelete, Part

Side = Literal["mine", "theirs"]
Keyed = dict[str, dict[str, dict[str, Any]]]  # part -> key -> row ("" for a single part)


@dataclass(frozen=True)
class Conflict:
    """One place where both sides changed differently. `field` None: the whole row (removed on one side)."""

    path: str  # e.g. "map_items[<id>].text", "plan.contingency", "plan_actions[<id>]"
    part: str
    key: str
    field: str | None
    label: str  # what a person reads: "Signs of Safety map “Zoë could…”: text"
    base: Any
    mine: Any
    theirs: Any


@dataclass
class MergePlan:
    merged: Keyed  # with every conflict provisionally resolved as "mine"
    conflicts: list[Conflict] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # paths taken from the file
    kept: list[str] = field(default_factory=list)  # paths changed only here
    notices: list[str] = field(default_factory=list)

    def result(self, choices: dict[str, Side]) -> Content:
        """The merged content with a choice made for every conflict (KeyError if one is missing)."""
        merged = json.loads(json.dumps(self.merged))
        for conflict in self.conflicts:
            if choices[conflict.path] != "theirs":
                continue
            rows = merged.setdefault(conflict.part, {})
            if conflict.field is None:
                if conflict.theirs is None:
                    rows.pop(conflict.key, None)
                else:
                    rows[conflict.key] = json.loads(json.dumps(conflict.theirs))
            elif conflict.key in rows:
                rows[conflict.key][conflict.field] = conflict.theirs
        return unkeyed(settle_references(merged))


def keyed(content: Content | None) -> Keyed:
    out: Keyed = {}
    for part in PARTS:
        value = content.get(part.name) if content else None
        if part.single:
            out[part.name] = {"": value} if isinstance(value, dict) else {}
        else:
            out[part.name] = {row["id"]: row for row in value or []}
    return out


def unkeyed(rows: Keyed) -> Content:
    content: Content = {}
    for part in PARTS:
        values = rows.get(part.name, {})
        content[part.name] = values.get("") if part.single else list(values.values())
    return normalise(content)


def _short(value: Any, limit: int = 40) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(part: Part, row: dict[str, Any] | None, f: Field | None) -> str:
    what = part.title
    if part.label_field and row is not None:
        what += f" “{_short(row.get(part.label_field, ''))}”"
    return f"{what}: {f.title}" if f is not None else what


def _path(part: Part, key: str, name: str | None = None) -> str:
    head = part.name if part.single else f"{part.name}[{key}]"
    return f"{head}.{name}" if name else head


# Rows that are the same thing when these fields match, even if each side created its own (one decision
# per child, one invitation per person, one summary per section and agency).
NATURAL_KEYS = {
    "invitations": ("person_id",),
    "advocacy": ("child_id",),
    "decisions": ("child_id",),
    "record_sections": ("key", "agency"),
}


def _match_natural_keys(m_all: Keyed, t_all: Keyed) -> None:
    for name, fields in NATURAL_KEYS.items():
        mine, theirs = m_all[name], t_all[name]
        by_key = {tuple(r[f] for f in fields): key for key, r in mine.items() if key not in theirs}
        for key, row in list(theirs.items()):
            same = by_key.get(tuple(row[f] for f in fields))
            if key not in mine and same is not None:
                del theirs[key]
                theirs[same] = {**row, "id": same}


def three_way(base: Content | None, mine: Content, theirs: Content) -> MergePlan:
    """Compare field by field; every conflict listed, everything else merged."""
    b_all, m_all, t_all = keyed(base), keyed(mine), keyed(theirs)
    _match_natural_keys(m_all, t_all)
    plan = MergePlan(merged={})
    for part in PARTS:
        b_rows = b_all[part.name] if base is not None else None
        m_rows, t_rows = m_all[part.name], t_all[part.name]
        out: dict[str, dict[str, Any]] = {}
        for key in sorted(set(m_rows) | set(t_rows) | set(b_rows or {})):
            m, t = m_rows.get(key), t_rows.get(key)
            b = b_rows.get(key) if b_rows is not None else None
            in_base = b_rows is not None and key in b_rows
            if m is not None and t is not None:
                out[key] = _merge_row(plan, part, key, b, m, t)
            elif m is not None:
                if not in_base:
                    out[key] = m  # added here (or no common version): kept
                elif m == b and part.deletable:
                    plan.taken.append(_path(part, key))  # removed in the file
                elif m == b:
                    out[key] = m
                    plan.notices.append(f"{_label(part, m, None)} is not in the file; it stays here.")
                else:
                    out[key] = m
                    _conflict(plan, part, key, None, b, m, None, row=m)
            elif t is not None:
                if not in_base:
                    out[key] = t  # added in the file
                    plan.taken.append(_path(part, key))
                elif t == b:
                    plan.kept.append(_path(part, key))  # removed here
                else:
                    _conflict(plan, part, key, None, b, None, t, row=t)
        plan.merged[part.name] = out
    return plan


def _merge_row(
    plan: MergePlan, part: Part, key: str, b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any]
) -> dict[str, Any]:
    row = dict(m)
    for f in part.fields:
        mv, tv = m.get(f.name), t.get(f.name)
        if mv == tv or (f.kind is Kind.ID and part.single):
            continue  # (a record each side started on its own: this store's id is kept)
        bv = b.get(f.name) if b is not None else None
        if b is not None and mv == bv:
            row[f.name] = tv
            plan.taken.append(_path(part, key, f.name))
        elif b is not None and tv == bv:
            plan.kept.append(_path(part, key, f.name))
        elif f.kind is Kind.EXTERNAL and tv is None:
            continue  # the file's store does not hold that conference: keep the link
        else:
            _conflict(plan, part, key, f, bv, mv, tv, row=m)
    return row


def _conflict(
    plan: MergePlan, part: Part, key: str, f: Field | None, b: Any, m: Any, t: Any, *, row: dict[str, Any]
) -> None:
    plan.conflicts.append(
        Conflict(
            _path(part, key, f.name if f else None),
            part.name,
            key,
            f.name if f else None,
            _label(part, row, f),
            b,
            m,
            t,
        )
    )


def settle_references(rows: Keyed) -> Keyed:
    """References to rows no longer there: cleared or the referring row removed, as the store does."""
    ids: dict[str, set[str]] = {}
    changed = True
    while changed:
        changed = False
        for part in PARTS:
            own = rows.get(part.name, {})
            ids[part.name] = {r["id"] for r in own.values() if "id" in r}
        for part in PARTS:
            own = rows.get(part.name, {})
            for key, row in list(own.items()):
                for f in part.fields:
                    value = row.get(f.name)
                    if f.kind is not Kind.REF or value is None or value in ids.get(f.ref, set()):
                        continue
                    if f.on_delete is OnDelete.NULL and f.nullable:
                        row[f.name] = None
                    else:
                        del own[key]
                        changed = True
                        break
    if not rows.get("record"):
        for name in ("record_sections", "recipients", "record_versions"):
            rows[name] = {}
    return rows
