"""What a final record's lock covers, declared: the parts, the fields of each, the order of rows, and one
canonical encoding. Pure: plain dicts in (the snapshot the services read), text and hashes out.

A locked version stores the whole snapshot (what its documents show) but its fingerprint is computed from
the declaration of its `snapshot_version` only, so a column added to a table later changes nothing for
the locks already taken; a lock is always verified by the declaration it was taken under. New approvals
take the latest (version 3); version 1 was "every column", never signed. Declaration, version 2:

- conference: type, date, venue, chair; family: reference, name;
- children on the family when it was locked (by id): name and date of birth; a child unborn then is
  covered by its expected date only (so the birth can still be recorded);
- attendance: for each person invited (by person id): invited on, attendance, exclusion reason, report
  received on;
- map items (by id): section, text, order, child, source, carried forward, goal; scaling scores (by id):
  danger statement, participant, score, reason;
- decisions (by child, id): outcome, category, reason for several categories, CIN meeting date, rationale,
  decided by, significant factors in order; dissent (by id): child, name, agency, view, reason, chair's
  response, order;
- plan: bottom lines, contingency, core group date, next review date and reason; plan actions (by id):
  order, what, who (person and agency), by when, done when, safety goal, status;
- plan history: what this conference did to each plan period (started: child and start date; ended: end
  date and reason; re-categorised: the category before);
- discussion summary (by section key, agency): text and order;
- distribution list: each recipient on the list when it was locked (by id): name and role. Recipients
  added later, and the method and date each was sent, are the distribution itself, not the record.

Version 3 adds, on top of version 2 (issues 18 and 19):

- who may read each piece of content (audience kind, the ids kept from it, reason code and words) on map
  items, decisions (their reasons), dissent, plan actions, summary sections and attendance notes, so a
  restricted item flipped to "everyone" in the database breaks the lock;
- conference: the chair's role, independence statement (took part in the enquiry, held the case) and
  reason;
- attendance: how each person took part, when they joined and left, interpreter language and "not
  family", and whom they support (person id).

Not covered: ids of rows nobody reads, timestamps of edits, and anything another conference owns.
Encoding: JSON with keys sorted, no whitespace, UTF-8 (no ASCII escapes), dates as ISO text, booleans,
integers and text only (a float is refused: its text differs between databases); rows ordered by their
declared keys, never by insertion order.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from iro_desktop.domain.errors import DomainError

SNAPSHOT_VERSION = 3
LEGACY_VERSION = 1  # "every column": taken before locks were declared and approvals signed


@dataclass(frozen=True)
class LockPart:
    """One part of the snapshot: a single object (`single`) or rows ordered by `order`."""

    name: str
    fields: tuple[str, ...]
    order: tuple[str, ...] = ()
    single: bool = False


DECLARATIONS: dict[int, tuple[LockPart, ...]] = {
    2: (
        LockPart("conference", ("type", "date", "venue", "chair"), single=True),
        LockPart("family", ("reference", "name"), single=True),
        LockPart("children", ("id", "name", "date_of_birth"), order=("id",)),
        LockPart("unborn", ("id", "expected_date"), order=("id",)),
        LockPart(
            "attendance",
            ("person_id", "invited_on", "attendance", "exclusion_reason", "report_received_on"),
            order=("person_id",),
        ),
        LockPart(
            "map_items",
            ("id", "section", "text", "sort_order", "child_id", "source", "carried_forward", "goal_id"),
            order=("id",),
        ),
        LockPart("map_scales", ("id", "danger_id", "participant", "score", "reason"), order=("id",)),
        LockPart(
            "decisions",
            (
                "id",
                "child_id",
                "outcome",
                "category",
                "multiple_reason",
                "cin_meeting_date",
                "rationale",
                "decided_by",
                "factors",
            ),
            order=("child_id", "id"),
        ),
        LockPart(
            "dissent",
            ("id", "child_id", "name", "agency", "view", "reason", "chair_response", "sort_order"),
            order=("id",),
        ),
        LockPart(
            "plan_header",
            ("bottom_lines", "contingency", "core_group_date", "next_review_date", "next_review_reason"),
            single=True,
        ),
        LockPart(
            "plan_actions",
            (
                "id",
                "sort_order",
                "what",
                "who_person",
                "who_agency",
                "by_when",
                "done_when",
                "safety_goal_id",
                "status",
            ),
            order=("id",),
        ),
        LockPart(
            "plan_history",
            ("history_id", "event", "child_id", "started_on", "ended_on", "end_reason", "category_before"),
            order=("history_id", "event"),
        ),
        LockPart("record_sections", ("key", "agency", "text", "sort_order"), order=("key", "agency")),
        LockPart("recipients", ("id", "name", "role"), order=("id",)),
    ),
}


AUDIENCE_FIELDS = ("audience_kind", "audience_excluded", "audience_reason", "audience_reason_words")


def _extended(parts: tuple[LockPart, ...], extra: dict[str, tuple[str, ...]]) -> tuple[LockPart, ...]:
    """`parts` with more fields on the parts `extra` names (order and keys unchanged)."""
    return tuple(LockPart(p.name, p.fields + extra.get(p.name, ()), p.order, p.single) for p in parts)


DECLARATIONS[3] = _extended(
    DECLARATIONS[2],
    {
        "conference": ("chair_role", "chair_took_part_in_enquiry", "chair_held_case", "chair_reason"),
        "attendance": (
            *AUDIENCE_FIELDS,
            "took_part",
            "joined_at",
            "left_at",
            "interpreter_language",
            "interpreter_not_family",
            "supports_person_id",
        ),
        "map_items": AUDIENCE_FIELDS,
        "decisions": AUDIENCE_FIELDS,
        "dissent": AUDIENCE_FIELDS,
        "plan_actions": AUDIENCE_FIELDS,
        "record_sections": AUDIENCE_FIELDS,
    },
)


class LockUndeclared(ValueError):
    """A snapshot version with no declaration here (a legacy lock, or one from a newer app)."""


@dataclass(frozen=True)
class Scope:
    """What of the shared rows a lock covers, read from the locked snapshot itself: the children on the
    family then (and which were unborn) and the recipients on the list then."""

    children: frozenset[str]
    unborn: frozenset[str]
    recipients: frozenset[str]


def canonical_text(data: Any) -> str:
    """The one encoding every fingerprint and signature is taken over."""
    _refuse_floats(data)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_iso)


def _iso(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"{type(value).__name__} is not part of a record's canonical encoding")


def _refuse_floats(data: Any) -> None:
    if isinstance(data, float):
        raise TypeError("A float is not part of a record's canonical encoding")
    if isinstance(data, dict):
        for value in data.values():
            _refuse_floats(value)
    elif isinstance(data, list | tuple):
        for value in data:
            _refuse_floats(value)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plain(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as JSON values (dates as ISO text), as stored and as read back."""
    data: dict[str, Any] = json.loads(json.dumps(snapshot, ensure_ascii=False, default=_iso))
    return data


def scope_of(snapshot: dict[str, Any]) -> Scope:
    data = snapshot
    children = data.get("conference", {}).get("children", [])
    return Scope(
        children=frozenset(str(c["id"]) for c in children if "id" in c),
        unborn=frozenset(
            str(c["id"]) for c in children if "id" in c and not c.get("date_of_birth") and c.get("unborn")
        ),
        recipients=frozenset(str(r["id"]) for r in data.get("recipients", []) if "id" in r),
    )


def covered(snapshot: dict[str, Any], version: int, scope: Scope | None = None) -> dict[str, Any]:
    """Exactly what version `version` of the declaration covers, canonically ordered. `scope` (from the
    locked snapshot) says which shared rows count; None: the snapshot's own."""
    declaration = DECLARATIONS.get(version)
    if declaration is None:
        raise LockUndeclared(f"snapshot version {version} is not declared")
    data = plain(snapshot)
    scope = scope or scope_of(data)
    conference = data.get("conference") or {}
    children = [c for c in conference.get("children", []) if str(c.get("id")) in scope.children]
    sources: dict[str, Any] = {
        "conference": conference,
        "family": conference.get("family") or {},
        "children": [c for c in children if c["id"] not in scope.unborn],
        "unborn": [c for c in children if c["id"] in scope.unborn],
        "recipients": [r for r in data.get("recipients", []) if str(r.get("id")) in scope.recipients],
    }
    out: dict[str, Any] = {}
    for part in declaration:
        value = sources[part.name] if part.name in sources else data.get(part.name)
        if part.single:
            out[part.name] = None if value is None else {f: value.get(f) for f in part.fields}
            continue
        rows = [{f: row.get(f) for f in part.fields} for row in value or []]
        out[part.name] = sorted(rows, key=lambda r: tuple(_sort_key(r.get(k)) for k in part.order))
    return out


def _sort_key(value: Any) -> tuple[int, str]:
    return (0, "") if value is None else (1, str(value))


def fingerprint(snapshot: dict[str, Any], version: int = SNAPSHOT_VERSION, scope: Scope | None = None) -> str:
    return fingerprint_of(covered(snapshot, version, scope))


def fingerprint_of(covered_data: dict[str, Any]) -> str:
    """The fingerprint of what `covered` returned."""
    return sha256_hex(canonical_text(covered_data))


# --- approvals --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedVersion:
    """What a locked version's signature is taken over."""

    conference_id: str
    number: int
    snapshot_version: int
    fingerprint: str
    signer_id: str
    signer_name: str
    signed_at: str  # ISO text, exactly as stored

    def message(self) -> bytes:
        return canonical_text(
            {
                "purpose": "iro-desktop record version",
                "conference_id": self.conference_id,
                "number": self.number,
                "snapshot_version": self.snapshot_version,
                "fingerprint": self.fingerprint,
                "signer_id": self.signer_id,
                "signer_name": self.signer_name,
                "signed_at": self.signed_at,
            }
        ).encode("utf-8")


@dataclass(frozen=True)
class RecordIntegrity:
    """Whether a record's lock and approval hold; `problems` say what does not, in words."""

    locked: bool
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def message(self) -> str:
        if self.ok:
            return ""
        return "This record's lock does not match what it holds: " + "; ".join(self.problems) + "."


class LockBroken(DomainError):
    """A final record whose lock or approval does not hold: not exported until it is put right."""

    def __init__(self, integrity: RecordIntegrity) -> None:
        self.integrity = integrity
        super().__init__(integrity.message)
