"""Integrity check of an open store (the `check` command)."""

from __future__ import annotations

from sqlalchemy import text

from iro_desktop.store import migrations
from iro_desktop.store.audit_anchor import check_anchor
from iro_desktop.store.opening import Store


def check_store(store: Store) -> list[str]:
    """Problems found; an empty list means the store is sound."""
    problems: list[str] = []
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            result = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).fetchall()]
            if result != ["ok"]:
                problems.extend(f"integrity: {line}" for line in result)
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            problems.extend(f"broken reference in table {row[0]} (row {row[1]})" for row in broken)
        current = migrations.current_revision(conn)
    head = migrations.head_revision()
    if current != head:
        problems.append(f"schema at revision {current}, expected {head}")
    else:  # issue 13: the audit trail's end, against its anchor outside the table
        with store.uow() as uow:
            problems.extend(f"audit trail {p}" for p in check_anchor(uow.session))
    return problems
