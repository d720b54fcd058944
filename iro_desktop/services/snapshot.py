"""The content of a conference as one plain dict: what a locked version stores and its documents show.

The snapshot holds whole rows (so a version's PDF can be rebuilt from it), but what its fingerprint
covers is declared, field by field, in `iro_desktop.domain.lock`; `fingerprint_now` recomputes it from
the store. Rows are read in a stable order (by their keys, never insertion order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from iro_desktop.domain.lock import SNAPSHOT_VERSION, Scope, canonical_text, fingerprint, sha256_hex
from iro_desktop.store.models import DissentRow, InvitationRow, MapItemRow, PlanActionRow, ScaleScoreRow
from iro_desktop.store.models.base import Base
from iro_desktop.store.session import Session
from iro_desktop.store.snapshot_repository import SnapshotRepository

SnapshotPart = Callable[[SnapshotRepository, str], Any]
_PARTS: dict[str, SnapshotPart] = {}


def register_part(name: str, part: SnapshotPart) -> None:
    _PARTS[name] = part


def _conference_part(store: SnapshotRepository, conference_id: str) -> dict[str, Any]:
    row, family = store.conference(conference_id)
    return {
        "type": row.conference_type,
        "date": row.scheduled_date.isoformat(),
        "venue": row.venue,
        "chair": row.chair_name,
        # Issue 19: shown in the version's documents; covered from the lock's declaration version 3.
        "chair_role": row.chair_role,
        "chair_took_part_in_enquiry": row.chair_took_part_in_enquiry,
        "chair_held_case": row.chair_held_case,
        "chair_reason": row.chair_reason,
        "family": {"id": family.id, "reference": family.reference, "name": family.name},
        "children": [
            {
                "id": c.id,
                "unborn": bool(c.unborn),
                "name": f"{c.given_name} {c.family_name}",
                "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
                "expected_date": c.expected_date.isoformat() if c.expected_date else None,
            }
            for c in sorted(family.children, key=lambda c: (c.sort_order, c.id))
        ],
    }


register_part("conference", _conference_part)

# Columns that say when a row was touched, not what the record says.
_NOT_CONTENT = frozenset({"conference_id", "updated_at", "created_at"})


def _plain(row: Base) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in _NOT_CONTENT}


def _rows_part(model: type[Base], *order: str) -> SnapshotPart:
    """A part holding every row of `model` for the conference, in a stable order."""

    def part(store: SnapshotRepository, conference_id: str) -> list[dict[str, Any]]:
        return [_plain(row) for row in store.rows(model, conference_id, order)]

    return part


def _decisions_part(store: SnapshotRepository, conference_id: str) -> list[dict[str, Any]]:
    return [
        {**_plain(r), "factors": [f.factor_code for f in sorted(r.factors, key=lambda f: f.sort_order)]}
        for r in store.decisions(conference_id)
    ]


def _plan_header_part(store: SnapshotRepository, conference_id: str) -> dict[str, Any] | None:
    row = store.plan_header(conference_id)
    return _plain(row) if row is not None else None


def _sections_part(store: SnapshotRepository, conference_id: str) -> list[dict[str, Any]]:
    row = store.record(conference_id)
    if row is None:
        return []
    return [
        {
            "key": s.key,
            "agency": s.agency,
            "text": s.text,
            "sort_order": s.sort_order,
            # who may read it (issue 18): kept so an earlier version's copies hold it back too
            "audience_kind": s.audience_kind,
            "audience_excluded": s.audience_excluded,
            "audience_reason": s.audience_reason,
            "audience_reason_words": s.audience_reason_words,
        }
        for s in sorted(row.sections, key=lambda s: (s.key, s.agency))
    ]


def _recipients_part(store: SnapshotRepository, conference_id: str) -> list[dict[str, Any]]:
    row = store.record(conference_id)
    if row is None:
        return []
    return [
        {"id": r.id, "name": r.name, "role": r.role, "method": r.method, "sent_on": r.sent_on}
        for r in sorted(row.recipients, key=lambda r: r.id)
    ]


def _plan_history_part(store: SnapshotRepository, conference_id: str) -> list[dict[str, Any]]:
    """What this conference did to plan periods: started, ended or re-categorised them."""
    out: list[dict[str, Any]] = []
    for link, period in store.plan_links(conference_id):
        base = {"history_id": period.id, "child_id": period.child_id}
        if link.started_conference_id == conference_id:
            out.append({**base, "event": "started", "started_on": period.started_on})
        if link.ended_conference_id == conference_id:
            out.append(
                {**base, "event": "ended", "ended_on": period.ended_on, "end_reason": period.end_reason}
            )
        if link.recategorised_conference_id == conference_id:
            out.append({**base, "event": "recategorised", "category_before": link.category_before})
    return out


register_part("record_sections", _sections_part)
register_part("recipients", _recipients_part)
register_part("plan_history", _plan_history_part)
register_part("map_items", _rows_part(MapItemRow, "section", "sort_order", "id"))
register_part("map_scales", _rows_part(ScaleScoreRow, "danger_id", "participant", "id"))
register_part("decisions", _decisions_part)
register_part("dissent", _rows_part(DissentRow, "sort_order", "id"))
register_part("plan_header", _plan_header_part)
register_part("plan_actions", _rows_part(PlanActionRow, "sort_order", "id"))
register_part("attendance", _rows_part(InvitationRow, "person_id", "id"))


def snapshot(session: Session, conference_id: str, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Every part, or `only` those named (a record locked before a part existed is checked on the parts
    it was locked with), read in the caller's session (`uow.session`)."""
    names = set(_PARTS) if only is None else set(only) & set(_PARTS)
    store = SnapshotRepository(session)
    return {name: _PARTS[name](store, conference_id) for name in sorted(names)}


def canonical_json(data: dict[str, Any]) -> str:
    return canonical_text(data)


def content_hash(text: str) -> str:
    return sha256_hex(text)


def fingerprint_now(
    session: Session, conference_id: str, scope: Scope, version: int = SNAPSHOT_VERSION
) -> str:
    """The declared fingerprint of what the store holds now, over the shared rows `scope` names."""
    return fingerprint(snapshot(session, conference_id), version, scope)
