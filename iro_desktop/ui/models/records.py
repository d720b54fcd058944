"""Table models for the clerk's queue, the distribution list and record versions."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.record import QueueEntry, Recipient, RecordVersion
from iro_desktop.ui.models.table import Column, ObjectTableModel


def _d(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def queue_model() -> ObjectTableModel[QueueEntry]:
    return ObjectTableModel[QueueEntry](
        [
            Column("Deadline", lambda e: e.due_text),
            Column("Distribute by", lambda e: _d(e.distribution_due)),
            Column("Family", lambda e: e.family_name),
            Column("Reference", lambda e: e.family_reference),
            Column("Conference", lambda e: e.conference_label),
            Column("Held", lambda e: _d(e.held_on)),
            Column("Stage", lambda e: e.state.label),
            Column("Decision letters", lambda e: e.letter_text),  # issue 18
        ]
    )


def recipient_model() -> ObjectTableModel[Recipient]:
    return ObjectTableModel[Recipient](
        [
            Column("Name", lambda r: r.name),
            Column("Role or agency", lambda r: r.role),
            Column("Method", lambda r: r.method.label),
            Column("Sent", lambda r: _d(r.sent_on) if r.sent_on else "Not yet sent"),
        ]
    )


def version_model() -> ObjectTableModel[RecordVersion]:
    return ObjectTableModel[RecordVersion](
        [
            Column("Version", lambda v: str(v.number)),
            Column("When", lambda v: v.created_at.strftime("%d %b %Y %H:%M")),
            Column("By", lambda v: v.author),
            Column("Why", lambda v: v.reason),
            Column("Fingerprint", lambda v: v.content_hash[:12]),
        ]
    )
