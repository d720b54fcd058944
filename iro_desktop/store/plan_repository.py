"""Queries and row-to-domain mapping for a conference's plan: its header and its actions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.plan import ActionStatus, PlanAction
from iro_desktop.store.audience_columns import read_audience
from iro_desktop.store.models import PlanActionRow, PlanHeaderRow


def action_to_domain(row: PlanActionRow) -> PlanAction:
    return PlanAction(
        id=row.id,
        conference_id=row.conference_id,
        sort_order=row.sort_order,
        what=row.what,
        who_person=row.who_person,
        who_agency=row.who_agency,
        by_when=row.by_when,
        done_when=row.done_when,
        safety_goal_id=row.safety_goal_id,
        status=ActionStatus(row.status),
        audience=read_audience(row),
        version=row.version,
    )


class PlanActionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, action_id: str) -> PlanActionRow:
        row = self.session.get(PlanActionRow, action_id)
        if row is None:
            raise NotFound("That action is no longer in the plan.")
        return row

    def for_conference(self, conference_id: str) -> list[PlanActionRow]:
        """The conference's actions in plan order (the id settles ties)."""
        stmt = (
            select(PlanActionRow)
            .where(PlanActionRow.conference_id == conference_id)
            .order_by(PlanActionRow.sort_order, PlanActionRow.id)
        )
        return list(self.session.scalars(stmt))

    def add(self, row: PlanActionRow) -> PlanActionRow:
        """Add and write it at once, so the next read of the plan sees it in its place."""
        self.session.add(row)
        self.session.flush()
        return row

    def remove(self, row: PlanActionRow) -> None:
        self.session.delete(row)


class PlanHeaderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conference_id: str) -> PlanHeaderRow | None:
        """The conference's plan header (None: no header saved yet)."""
        return self.session.get(PlanHeaderRow, conference_id)

    def add(self, row: PlanHeaderRow) -> PlanHeaderRow:
        self.session.add(row)
        return row
