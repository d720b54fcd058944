"""What a conference file reads from and writes to the store (services/conference_file/), inside the
caller's unit of work: a conference's rows and those it shares with the register (family, children,
people, agencies, plan history), the rows an import no longer has, and the hand-off snapshots.

Which rows a file holds and how its fields map to columns is the conference file's own declaration
(services/conference_file/spec.py); this module only reads, adds and removes rows as asked.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from iro_desktop.store.document_repository import record_for
from iro_desktop.store.models import (
    AgencyRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ChildRow,
    ConferenceRow,
    FamilyRow,
    HandoffSnapshotRow,
    InvitationRow,
    MapItemRow,
    PersonRow,
    PlanHeaderRow,
    RecordRow,
)
from iro_desktop.store.models.base import Base


class ConferenceFileRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- reading -----------------------------------------------------------------------------------

    def choices(self) -> list[tuple[str, str, date, str]]:
        """(conference id, type, date booked, family name) for every conference, latest first."""
        stmt = (
            select(
                ConferenceRow.id,
                ConferenceRow.conference_type,
                ConferenceRow.scheduled_date,
                FamilyRow.name,
            )
            .join(FamilyRow, FamilyRow.id == ConferenceRow.family_id)
            .order_by(ConferenceRow.scheduled_date.desc(), FamilyRow.name)
        )
        return [(cid, kind, day, family) for cid, kind, day, family in self.session.execute(stmt)]

    def get(self, model: type[Base], key: str) -> Any:
        """The row of `model` with that primary key, or None."""
        return self.session.get(model, key)

    def of_conference(self, model: type[Base], conference_id: str) -> list[Any]:
        """Every row of `model` (a table with a `conference_id`) for the conference."""
        column = model.conference_id  # type: ignore[attr-defined]
        return list(self.session.scalars(select(model).where(column == conference_id)))

    def invitations(self, conference_id: str) -> list[InvitationRow]:
        return self.of_conference(InvitationRow, conference_id)

    def people(self, family_id: str, person_ids: Collection[str]) -> list[PersonRow]:
        """The family's members and the given people (the professionals a conference invites)."""
        stmt = select(PersonRow).where(or_(PersonRow.family_id == family_id, PersonRow.id.in_(person_ids)))
        return list(self.session.scalars(stmt))

    def children(self, family_id: str, child_ids: Collection[str]) -> list[ChildRow]:
        """The family's children and the given children."""
        stmt = select(ChildRow).where(or_(ChildRow.family_id == family_id, ChildRow.id.in_(child_ids)))
        return list(self.session.scalars(stmt))

    def agencies(self, agency_ids: Collection[str]) -> list[AgencyRow]:
        return list(self.session.scalars(select(AgencyRow).where(AgencyRow.id.in_(agency_ids))))

    def agency_named(self, name: str) -> AgencyRow | None:
        return self.session.scalars(select(AgencyRow).where(AgencyRow.name == name)).first()

    def family_with_reference(self, reference: str) -> FamilyRow | None:
        return self.session.scalars(select(FamilyRow).where(FamilyRow.reference == reference)).first()

    def plan_history(self, child_ids: Collection[str]) -> list[ChildPlanHistoryRow]:
        stmt = select(ChildPlanHistoryRow).where(ChildPlanHistoryRow.child_id.in_(child_ids))
        return list(self.session.scalars(stmt))

    def plan_links(self, history_ids: Collection[str]) -> list[ChildPlanHistoryLinkRow]:
        stmt = select(ChildPlanHistoryLinkRow).where(ChildPlanHistoryLinkRow.history_id.in_(history_ids))
        return list(self.session.scalars(stmt))

    def plan_header(self, conference_id: str) -> PlanHeaderRow | None:
        return self.session.get(PlanHeaderRow, conference_id)

    def record(self, conference_id: str) -> RecordRow | None:
        return record_for(self.session, conference_id)

    def map_items(self, conference_id: str) -> list[MapItemRow]:
        return self.of_conference(MapItemRow, conference_id)

    def conference_exists(self, conference_id: str) -> bool:
        return self.session.get(ConferenceRow, conference_id) is not None

    # --- writing -----------------------------------------------------------------------------------

    def add(self, row: Base) -> None:
        self.session.add(row)

    def delete(self, row: Base) -> None:
        self.session.delete(row)

    def remove_conference_rows_except(
        self, model: type[Base], conference_id: str, keep: Iterable[str]
    ) -> None:
        """Delete the conference's rows of `model` whose id is not in `keep`."""
        self._remove_except(model, keep, model.conference_id == conference_id)  # type: ignore[attr-defined]

    def remove_record_rows_except(self, model: type[Base], record_id: str, keep: Iterable[str]) -> None:
        """Delete the record's rows of `model` (sections, recipients, versions) whose id is not in `keep`."""
        self._remove_except(model, keep, model.record_id == record_id)  # type: ignore[attr-defined]

    def remove_plan_periods_except(self, child_ids: Iterable[str], keep: Iterable[str]) -> None:
        """Delete the children's plan periods whose id is not in `keep`."""
        self._remove_except(ChildPlanHistoryRow, keep, ChildPlanHistoryRow.child_id.in_(list(child_ids)))

    def remove_plan_links_except(self, history_ids: Iterable[str], keep: Iterable[str]) -> None:
        """Delete the links of the given plan periods whose period id is not in `keep`."""
        self.session.execute(
            delete(ChildPlanHistoryLinkRow).where(
                ChildPlanHistoryLinkRow.history_id.in_(list(history_ids)),
                ChildPlanHistoryLinkRow.history_id.not_in(list(keep)),
            )
        )

    def remove_plan_header(self, conference_id: str) -> None:
        self.session.execute(delete(PlanHeaderRow).where(PlanHeaderRow.conference_id == conference_id))

    def _remove_except(self, model: type[Base], keep: Iterable[str], where: Any) -> None:
        stmt = delete(model).where(where, model.id.not_in(list(keep)))  # type: ignore[attr-defined]
        self.session.execute(stmt.execution_options(synchronize_session="fetch"))

    def flush(self) -> None:
        self.session.flush()

    def forget_loaded(self) -> None:
        """Drop what the session holds in memory, so later reads see the rows as they are now."""
        self.session.expire_all()

    def no_autoflush(self) -> AbstractContextManager[Any]:
        """A block in which reading does not first write pending changes."""
        return self.session.no_autoflush


class HandoffRepository:
    """What a conference held when it was last exported or imported as a file, numbered per conference."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def latest(self, conference_id: str) -> HandoffSnapshotRow | None:
        stmt = (
            select(HandoffSnapshotRow)
            .where(HandoffSnapshotRow.conference_id == conference_id)
            .order_by(HandoffSnapshotRow.number.desc())
            .limit(1)
        )
        return self.session.scalars(stmt).first()

    def at_revision(self, conference_id: str, revision: str) -> HandoffSnapshotRow | None:
        stmt = select(HandoffSnapshotRow).where(
            HandoffSnapshotRow.conference_id == conference_id, HandoffSnapshotRow.revision == revision
        )
        return self.session.scalars(stmt).first()

    def next_number(self, conference_id: str) -> int:
        stmt = select(func.max(HandoffSnapshotRow.number)).where(
            HandoffSnapshotRow.conference_id == conference_id
        )
        return (self.session.scalar(stmt) or 0) + 1

    def add(self, row: HandoffSnapshotRow) -> HandoffSnapshotRow:
        self.session.add(row)
        return row
