"""What a historical import reads from and writes to the store, in bulk, inside the caller's unit of work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from iro_desktop.domain.conference import ConferenceStatus, ConferenceType
from iro_desktop.domain.history.checks import Known, KnownConference, KnownPlan
from iro_desktop.store.models import (
    ChildDecisionFactorRow,
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ChildRow,
    ConferenceRow,
    FamilyRow,
    InvitationRow,
    PersonRow,
)

CHUNK = 500
BATCH = 2000

TABLES: dict[str, Table] = {
    "families": FamilyRow.__table__,  # type: ignore[dict-item]
    "children": ChildRow.__table__,  # type: ignore[dict-item]
    "conferences": ConferenceRow.__table__,  # type: ignore[dict-item]
    "child_decisions": ChildDecisionRow.__table__,  # type: ignore[dict-item]
    "child_decision_factors": ChildDecisionFactorRow.__table__,  # type: ignore[dict-item]
    "child_plan_history": ChildPlanHistoryRow.__table__,  # type: ignore[dict-item]
    "child_plan_history_links": ChildPlanHistoryLinkRow.__table__,  # type: ignore[dict-item]
    "people": PersonRow.__table__,  # type: ignore[dict-item]
    "invitations": InvitationRow.__table__,  # type: ignore[dict-item]
}


def load_known(
    session: Session, stood_down_reasons: Iterable[str], factors: Iterable[str]
) -> tuple[Known, Counter[str]]:
    """Everything an extract may refer to, and how many children each family has already."""
    families = session.execute(select(FamilyRow.id, FamilyRow.reference)).all()
    children = session.execute(select(ChildRow.id, ChildRow.family_id)).all()
    conferences = session.execute(
        select(
            ConferenceRow.id,
            ConferenceRow.family_id,
            ConferenceRow.conference_type,
            ConferenceRow.status,
            ConferenceRow.held_on,
            ConferenceRow.scheduled_date,
        )
    ).all()
    plans: dict[str, list[KnownPlan]] = {}
    for pid, child, start, end in session.execute(
        select(
            ChildPlanHistoryRow.id,
            ChildPlanHistoryRow.child_id,
            ChildPlanHistoryRow.started_on,
            ChildPlanHistoryRow.ended_on,
        )
    ):
        plans.setdefault(child, []).append(KnownPlan(pid, start, end))
    decisions = session.execute(
        select(ChildDecisionRow.conference_id, ChildDecisionRow.child_id, ChildDecisionRow.id)
    ).all()
    invitations = session.execute(
        select(InvitationRow.conference_id, InvitationRow.person_id, InvitationRow.id)
    ).all()
    known = Known(
        family_ids=frozenset(f.id for f in families),
        references={f.reference: f.id for f in families},
        children={c.id: c.family_id for c in children},
        conferences={
            c.id: KnownConference(
                c.family_id,
                ConferenceType(c.conference_type),
                ConferenceStatus(c.status),
                c.held_on or c.scheduled_date,
            )
            for c in conferences
        },
        plans={child: tuple(p) for child, p in plans.items()},
        decisions={(d.conference_id, d.child_id): d.id for d in decisions},
        stood_down_reasons=frozenset(stood_down_reasons),
        factors=frozenset(factors),
        invitations={(i.conference_id, i.person_id): i.id for i in invitations},
    )
    return known, Counter(c.family_id for c in children)


def existing_rows(session: Session, table_name: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The rows of a table whose ids are among `ids`, as column dicts."""
    table = TABLES[table_name]
    key = table.c.history_id if table_name == "child_plan_history_links" else table.c.id
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        for row in session.execute(select(table).where(key.in_(ids[start : start + CHUNK]))).mappings():
            out[row[key.name]] = dict(row)
    return out


def factor_codes(session: Session, decision_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for start in range(0, len(decision_ids), CHUNK):
        stmt = (
            select(ChildDecisionFactorRow.decision_id, ChildDecisionFactorRow.factor_code)
            .where(ChildDecisionFactorRow.decision_id.in_(decision_ids[start : start + CHUNK]))
            .order_by(ChildDecisionFactorRow.sort_order)
        )
        for decision_id, code in session.execute(stmt):
            out.setdefault(decision_id, []).append(code)
    return out


def insert_rows(
    session: Session,
    table_name: str,
    rows: Sequence[dict[str, Any]],
    step: Callable[[int], None] | None = None,
) -> None:
    """Insert rows in batches (one executemany each)."""
    table = TABLES[table_name]
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        session.execute(table.insert(), list(batch))
        if step is not None:
            step(len(batch))


def set_conference_links(session: Session, column: str, pairs: Sequence[tuple[str, str]]) -> None:
    """Set `previous_conference_id` or `rearranged_to_id` for (conference id, linked id) pairs."""
    if not pairs:
        return
    table = TABLES["conferences"]
    stmt = update(table).where(table.c.id == bindparam("b_id")).values({column: bindparam("b_link")})
    for start in range(0, len(pairs), BATCH):
        session.connection().execute(
            stmt, [{"b_id": cid, "b_link": link} for cid, link in pairs[start : start + BATCH]]
        )
