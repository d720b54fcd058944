"""Queries for each child's periods on a plan together with the links saying which conference started,
ended or re-categorised each one (so a decision can be taken back out of the history exactly)."""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from iro_desktop.domain.plan import PlanPeriod
from iro_desktop.store.models import ChildPlanHistoryLinkRow, ChildPlanHistoryRow


def period_to_domain(row: ChildPlanHistoryRow) -> PlanPeriod:
    return PlanPeriod(row.id, row.child_id, row.started_on, row.ended_on, row.category, row.end_reason)


class PlanPeriodRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_child(self, child_id: str) -> list[ChildPlanHistoryRow]:
        """The child's periods, oldest first (the id settles ties)."""
        stmt = (
            select(ChildPlanHistoryRow)
            .where(ChildPlanHistoryRow.child_id == child_id)
            .order_by(ChildPlanHistoryRow.started_on, ChildPlanHistoryRow.id)
        )
        return list(self.session.scalars(stmt))

    def open_period(self, child_id: str, exclude_started_by: str | None = None) -> ChildPlanHistoryRow | None:
        """The child's latest period not yet ended; `exclude_started_by`: not one this conference started."""
        stmt = (
            select(ChildPlanHistoryRow)
            .outerjoin(ChildPlanHistoryLinkRow, ChildPlanHistoryLinkRow.history_id == ChildPlanHistoryRow.id)
            .where(ChildPlanHistoryRow.child_id == child_id, ChildPlanHistoryRow.ended_on.is_(None))
            .order_by(ChildPlanHistoryRow.started_on.desc())
        )
        if exclude_started_by is not None:
            stmt = stmt.where(
                or_(
                    ChildPlanHistoryLinkRow.started_conference_id.is_(None),
                    ChildPlanHistoryLinkRow.started_conference_id != exclude_started_by,
                )
            )
        return self.session.scalars(stmt).first()

    def links_for(
        self, conference_id: str, child_id: str
    ) -> list[tuple[ChildPlanHistoryLinkRow, ChildPlanHistoryRow]]:
        """Each of the child's periods this conference started, ended or re-categorised, with its link."""
        stmt = (
            select(ChildPlanHistoryLinkRow, ChildPlanHistoryRow)
            .join(ChildPlanHistoryRow, ChildPlanHistoryLinkRow.history_id == ChildPlanHistoryRow.id)
            .where(
                ChildPlanHistoryRow.child_id == child_id,
                or_(
                    ChildPlanHistoryLinkRow.started_conference_id == conference_id,
                    ChildPlanHistoryLinkRow.ended_conference_id == conference_id,
                    ChildPlanHistoryLinkRow.recategorised_conference_id == conference_id,
                ),
            )
        )
        return [(link, period) for link, period in self.session.execute(stmt)]

    def link(self, period: ChildPlanHistoryRow) -> ChildPlanHistoryLinkRow:
        """The period's link, added (naming no conference yet) when it has none."""
        row = self.session.get(ChildPlanHistoryLinkRow, period.id)
        if row is None:
            row = ChildPlanHistoryLinkRow(history_id=period.id, category_before="")
            self.session.add(row)
        return row

    def start(self, period: ChildPlanHistoryRow, conference_id: str) -> ChildPlanHistoryRow:
        """Add a period with a link naming the conference that started it."""
        self.session.add(period)
        self.session.flush()
        self.session.add(
            ChildPlanHistoryLinkRow(
                history_id=period.id, started_conference_id=conference_id, category_before=""
            )
        )
        return period

    def remove(self, period: ChildPlanHistoryRow) -> None:
        """The period goes, with its link."""
        self.session.execute(
            delete(ChildPlanHistoryLinkRow).where(ChildPlanHistoryLinkRow.history_id == period.id)
        )
        self.session.delete(period)

    def flush_and_expire(self) -> None:
        """Write what is pending and forget every loaded row, so later reads see the history as stored."""
        self.session.flush()
        self.session.expire_all()
