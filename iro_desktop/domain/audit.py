"""The audit trail as data: append-only events, hash-chained so a change behind the app's back shows."""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


class AuditAction(enum.StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"
    VIEWED = "viewed"
    EXPORTED = "exported"
    IMPORTED = "imported"  # a conference file, or a historical extract (counts only)
    APPROVED = "approved"
    AMENDED = "amended"
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    CHECKED_OUT = "checked_out"  # issue 16: a conference taken onto a laptop
    CHECKED_IN = "checked_in"  # ... brought back to the team store
    CHECKOUT_CANCELLED = "checkout_cancelled"  # ... released by an administrator


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: datetime
    actor: str
    action: AuditAction
    entity_type: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str


def canonical(value: dict[str, Any] | None) -> str:
    """Stable JSON text for a before/after snapshot."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    before_json: str,
    after_json: str,
) -> str:
    payload = "\x1f".join(
        [prev_hash, str(seq), at.isoformat(), actor, action, entity_type, entity_id, before_json, after_json]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def verify_chain(
    rows: list[tuple[int, datetime, str, str, str, str, str, str, str, str]],
) -> list[ChainBreak]:
    """Rows as (seq, at, actor, action, entity_type, entity_id, before_json, after_json, prev_hash, hash),
    in seq order. Returns every break found; empty when the trail is intact."""
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS
    expected_seq = 1
    for seq, at, actor, action, etype, eid, before, after, prev, digest in rows:
        if seq != expected_seq:
            breaks.append(ChainBreak(seq, f"sequence jumps from {expected_seq - 1} to {seq} (rows removed)"))
        if prev != expected_prev:
            breaks.append(ChainBreak(seq, "does not follow the previous entry"))
        if event_hash(prev, seq, at, actor, action, etype, eid, before, after) != digest:
            breaks.append(ChainBreak(seq, "content changed after it was written"))
        expected_prev = digest
        expected_seq = seq + 1
    return breaks
