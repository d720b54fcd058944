"""The rows a conference's locked version is made of (services/snapshot.py turns them into its parts),
each read in a stable order: by the keys the caller names, never insertion order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from iro_desktop.store.document_repository import record_for
from iro_desktop.store.models import (
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ConferenceRow,
    FamilyRow,
    PlanHeaderRow,
    RecordRow,
)
from iro_desktop.store.models.base import Base
from iro_desktop.store.ordering import stable_order
from iro_desktop.store.repositories import ConferenceRepository, FamilyRepository


class SnapshotRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def conference(self, conference_id: str) -> tuple[ConferenceRow, FamilyRow]:
        """The conference and its family (NotFound when either is gone)."""
        row = ConferenceRepository(self.session).get(conference_id)
        return row, FamilyRepository(self.session).get(row.family_id)

    def rows(self, model: type[Base], conference_id: str, order: Sequence[str]) -> list[Any]:
        """Every row of `model` (a table with a `conference_id`) for the conference, ordered by the
        columns named in `order`, the same on every database (store.ordering)."""
        columns = [getattr(model, name) for name in order]
        stmt = select(model).where(model.conference_id == conference_id).order_by(*stable_order(*columns))  # type: ignore[attr-defined]
        return list(self.session.scalars(stmt))

    def decisions(self, conference_id: str) -> list[ChildDecisionRow]:
        """The conference's decisions by child (their factors load with them when read)."""
        stmt = (
            select(ChildDecisionRow)
            .where(ChildDecisionRow.conference_id == conference_id)
            .order_by(*stable_order(ChildDecisionRow.child_id, ChildDecisionRow.id))
        )
        return list(self.session.scalars(stmt))

    def plan_header(self, conference_id: str) -> PlanHeaderRow | None:
        return self.session.get(PlanHeaderRow, conference_id)

    def record(self, conference_id: str) -> RecordRow | None:
        return record_for(self.session, conference_id)

    def plan_links(self, conference_id: str) -> list[tuple[ChildPlanHistoryLinkRow, ChildPlanHistoryRow]]:
        """The links of plan periods this conference started, ended or re-categorised, each with its
        period, by period id (sorted here, not by the database's collation); a link whose period is
        gone is left out."""
        links = self.session.scalars(
            select(ChildPlanHistoryLinkRow).where(
                or_(
                    ChildPlanHistoryLinkRow.started_conference_id == conference_id,
                    ChildPlanHistoryLinkRow.ended_conference_id == conference_id,
                    ChildPlanHistoryLinkRow.recategorised_conference_id == conference_id,
                )
            )
        )
        out = []
        for link in sorted(links, key=lambda link: link.history_id):
            period = self.session.get(ChildPlanHistoryRow, link.history_id)
            if period is not None:
                out.append((link, period))
        return out
