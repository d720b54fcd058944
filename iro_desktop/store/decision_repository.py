"""Queries and row-to-domain mapping for the decisions for each child at a conference and their dissent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import Decision, Outcome
from iro_desktop.domain.dissent import Dissent
from iro_desktop.domain.errors import NotFound
from iro_desktop.store.audience_columns import read_audience
from iro_desktop.store.models import ChildDecisionFactorRow, ChildDecisionRow, ChildRow, DissentRow


def dissent_to_domain(row: DissentRow) -> Dissent:
    return Dissent(
        id=row.id,
        conference_id=row.conference_id,
        child_id=row.child_id,
        name=row.name,
        agency=row.agency,
        view=row.view,
        reason=row.reason,
        chair_response=row.chair_response,
        sort_order=row.sort_order,
        audience=read_audience(row),
        version=row.version,
    )


def decision_to_domain(row: ChildDecisionRow, dissents: Sequence[Dissent] = ()) -> Decision:
    return Decision(
        id=row.id,
        conference_id=row.conference_id,
        child_id=row.child_id,
        outcome=Outcome(row.outcome),
        category=Category(row.category) if row.category else None,
        multiple_reason=row.multiple_reason,
        significant_factors=tuple(f.factor_code for f in row.factors),
        cin_meeting_date=row.cin_meeting_date,
        rationale=row.rationale,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        dissents=tuple(dissents),
        audience=read_audience(row),
        version=row.version,
    )


class DecisionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_conference(self, conference_id: str) -> list[ChildDecisionRow]:
        stmt = select(ChildDecisionRow).where(ChildDecisionRow.conference_id == conference_id)
        return list(self.session.scalars(stmt))

    def find(self, conference_id: str, child_id: str) -> ChildDecisionRow | None:
        """The decision recorded for the child at this conference (None: none yet)."""
        return self.session.scalars(
            select(ChildDecisionRow).where(
                ChildDecisionRow.conference_id == conference_id, ChildDecisionRow.child_id == child_id
            )
        ).first()

    def child(self, child_id: str) -> ChildRow | None:
        """The child a decision would be for (None: no longer in the records)."""
        return self.session.get(ChildRow, child_id)

    def add(self, row: ChildDecisionRow) -> ChildDecisionRow:
        self.session.add(row)
        return row

    def remove(self, row: ChildDecisionRow) -> None:
        self.session.delete(row)

    def replace_factors(self, row: ChildDecisionRow, codes: Iterable[str]) -> None:
        """The decision's significant factors become `codes`, in that order (the old ones are written
        away first, so a factor kept does not meet itself in the table)."""
        row.factors.clear()
        self.session.flush()
        for order, code in enumerate(codes):
            row.factors.append(ChildDecisionFactorRow(factor_code=code, sort_order=order))


class DissentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, dissent_id: str) -> DissentRow:
        row = self.session.get(DissentRow, dissent_id)
        if row is None:
            raise NotFound("That dissent is no longer in the record.")
        return row

    def for_conference(self, conference_id: str) -> list[DissentRow]:
        """All dissent at the conference, in the order it was added (the id settles ties)."""
        stmt = (
            select(DissentRow)
            .where(DissentRow.conference_id == conference_id)
            .order_by(DissentRow.sort_order, DissentRow.id)
        )
        return list(self.session.scalars(stmt))

    def add(self, row: DissentRow) -> DissentRow:
        self.session.add(row)
        return row

    def remove(self, row: DissentRow) -> None:
        self.session.delete(row)
