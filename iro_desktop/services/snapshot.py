"""The content of a conference as one plain dict: what a final record locks and hashes.

Each area contributes a part (register, map, decisions, plan...) through `register_part`, so the
snapshot grows with the app without this module knowing every table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.store.models import (
    ChildDecisionRow,
    DissentRow,
    InvitationRow,
    MapItemRow,
    PlanActionRow,
    PlanHeaderRow,
    ScaleScoreRow,
)
from iro_desktop.store.models.base import Base
from iro_desktop.store.repositories import ConferenceRepository, FamilyRepository

SnapshotPart = Callable[[Session, str], Any]
_PARTS: dict[str, SnapshotPart] = {}


def register_part(name: str, part: SnapshotPart) -> None:
    _PARTS[name] = part


def _conference_part(session: Session, conference_id: str) -> dict[str, Any]:
    row = ConferenceRepository(session).get(conference_id)
    family = FamilyRepository(session).get(row.family_id)
    return {
        "type": row.conference_type,
        "date": row.scheduled_date.isoformat(),
        "venue": row.venue,
        "chair": row.chair_name,
        "family": {"reference": family.reference, "name": family.name},
        "children": [
            {
                "name": f"{c.given_name} {c.family_name}",
                "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
                "expected_date": c.expected_date.isoformat() if c.expected_date else None,
            }
            for c in family.children
        ],
    }


register_part("conference", _conference_part)

# Columns that say when a row was touched, not what the record says.
_NOT_CONTENT = frozenset({"conference_id", "updated_at", "created_at"})


def _plain(row: Base) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in _NOT_CONTENT}


def _rows_part(model: type[Base], *order: str) -> SnapshotPart:
    """A part holding every row of `model` for the conference, in a stable order."""

    def part(session: Session, conference_id: str) -> list[dict[str, Any]]:
        columns = [getattr(model, name) for name in order]
        rows = session.scalars(
            select(model).where(model.conference_id == conference_id).order_by(*columns)  # type: ignore[attr-defined]
        )
        return [_plain(row) for row in rows]

    return part


def _decisions_part(session: Session, conference_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(ChildDecisionRow)
        .where(ChildDecisionRow.conference_id == conference_id)
        .order_by(ChildDecisionRow.child_id)
    )
    return [{**_plain(r), "factors": [f.factor_code for f in r.factors]} for r in rows]


def _plan_header_part(session: Session, conference_id: str) -> dict[str, Any] | None:
    row = session.get(PlanHeaderRow, conference_id)
    return _plain(row) if row is not None else None


register_part("map_items", _rows_part(MapItemRow, "section", "sort_order", "id"))
register_part("map_scales", _rows_part(ScaleScoreRow, "danger_id", "participant", "id"))
register_part("decisions", _decisions_part)
register_part("dissent", _rows_part(DissentRow, "sort_order", "id"))
register_part("plan_header", _plan_header_part)
register_part("plan_actions", _rows_part(PlanActionRow, "sort_order", "id"))
register_part("attendance", _rows_part(InvitationRow, "person_id", "id"))


def snapshot(session: Session, conference_id: str, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Every part, or `only` those named (a record locked before a part existed is checked on the parts
    it was locked with)."""
    names = set(_PARTS) if only is None else set(only) & set(_PARTS)
    return {name: _PARTS[name](session, conference_id) for name in sorted(names)}


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
