"""The content of a conference as one plain dict: what a final record locks and hashes.

Each area contributes a part (register, map, decisions, plan...) through `register_part`, so the
snapshot grows with the app without this module knowing every table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

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


def snapshot(session: Session, conference_id: str) -> dict[str, Any]:
    return {name: part(session, conference_id) for name, part in sorted(_PARTS.items())}


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
