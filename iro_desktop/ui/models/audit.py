"""Table models for the audit trail and user accounts."""

from __future__ import annotations

from iro_desktop.domain.audit import AuditEvent
from iro_desktop.domain.roles import User
from iro_desktop.ui.models.table import Column, ObjectTableModel


def _change(event: AuditEvent) -> str:
    before, after = event.before or {}, event.after or {}
    keys = sorted(set(before) | set(after))
    parts = [
        f"{k}: {before.get(k, '')!s} → {after.get(k, '')!s}" for k in keys if before.get(k) != after.get(k)
    ]
    return "; ".join(parts)


def audit_model() -> ObjectTableModel[AuditEvent]:
    return ObjectTableModel[AuditEvent](
        [
            Column("#", lambda e: str(e.seq)),
            Column("When (UTC)", lambda e: e.at.strftime("%d %b %Y %H:%M:%S")),
            Column("Who", lambda e: e.actor),
            Column("Did", lambda e: e.action.value.replace("_", " ")),
            Column("What", lambda e: e.entity_type.replace("_", " ")),
            Column("Change", _change, tooltip=_change),
        ]
    )


def user_model() -> ObjectTableModel[User]:
    return ObjectTableModel[User](
        [
            Column("Username", lambda u: u.username),
            Column("Name", lambda u: u.display_name),
            Column("Role", lambda u: u.role.label),
            Column("Administrator", lambda u: "Yes" if u.is_admin else "No"),
        ]
    )
