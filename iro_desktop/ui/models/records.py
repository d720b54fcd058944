"""Table models for the clerk's queue, the distribution list and record versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.disclosure import Answer, Flag
from iro_desktop.domain.distribution import CopyAudience, LogEntry
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
            Column("Copy", lambda r: f"{CopyAudience(r.audience).label} copy"),
        ]
    )


@dataclass(frozen=True)
class FlagRow:
    """One flag of the check with its answer (None: not answered yet)."""

    flag: Flag
    answer: Answer | None


def flag_model() -> ObjectTableModel[FlagRow]:
    return ObjectTableModel[FlagRow](
        [
            Column("Answer", lambda r: r.answer.label if r.answer else "⚠ Not answered"),
            Column("What", lambda r: r.flag.kind.label),
            Column("Found", lambda r: r.flag.found),
            Column("Where", lambda r: r.flag.place),
        ]
    )


def log_model() -> ObjectTableModel[LogEntry]:
    return ObjectTableModel[LogEntry](
        [
            Column("Sent", lambda e: _d(e.sent_on)),
            Column("To", lambda e: e.recipient_name),
            Column("Document", lambda e: e.document_label),
            Column("Version", lambda e: str(e.version) if e.version else "Draft"),
            Column("Audience", lambda e: e.audience.label),
            Column("How", lambda e: e.method.replace("_", " ").capitalize()),
            Column(
                "Checked",
                lambda e: (
                    ("Yes" if e.checked else "Not needed")
                    + (f", signed off by {e.signed_off_by}" if e.signed_off_by else "")
                ),
            ),
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
