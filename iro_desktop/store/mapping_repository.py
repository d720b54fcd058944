"""Queries and row-to-domain mapping for the Signs of Safety map."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from iro_desktop.domain.audience import Audience, excluded_json, from_stored
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.mapping import MapItem, Scale, Section
from iro_desktop.store.models import ConferenceRow, MapItemRow, ScaleScoreRow


def item_to_domain(row: MapItemRow) -> MapItem:
    return MapItem(
        id=row.id,
        conference_id=row.conference_id,
        section=Section(row.section),
        text=row.text,
        order=row.sort_order,
        child_id=row.child_id,
        source=row.source,
        carried_forward=row.carried_forward,
        carried_from_id=row.carried_from_id,
        goal_id=row.goal_id,
        audience=from_stored(
            row.audience_kind, row.audience_excluded, row.audience_reason, row.audience_reason_words
        ),
        version=row.version or 0,
    )


def write_audience(row: MapItemRow, audience: Audience) -> None:
    """Put an audience into the item's columns."""
    row.audience_kind = audience.kind.value
    row.audience_excluded = excluded_json(audience)
    row.audience_reason = audience.reason.value if audience.reason else ""
    row.audience_reason_words = audience.reason_words


def scale_to_domain(row: ScaleScoreRow) -> Scale:
    return Scale(
        id=row.id,
        conference_id=row.conference_id,
        danger_id=row.danger_id,
        participant=row.participant,
        score=row.score,
        reason=row.reason,
        version=row.version,
    )


class MapItemRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, item_id: str) -> MapItemRow:
        row = self.session.get(MapItemRow, item_id)
        if row is None:
            raise NotFound("That item is no longer on the map.")
        return row

    def for_conference(self, conference_id: str) -> list[MapItemRow]:
        stmt = (
            select(MapItemRow)
            .where(MapItemRow.conference_id == conference_id)
            .order_by(MapItemRow.section, MapItemRow.sort_order)
        )
        return list(self.session.scalars(stmt))

    def in_section(self, conference_id: str, section: Section) -> list[MapItemRow]:
        stmt = (
            select(MapItemRow)
            .where(MapItemRow.conference_id == conference_id, MapItemRow.section == section.value)
            .order_by(MapItemRow.sort_order)
        )
        return list(self.session.scalars(stmt))

    def pointing_at(self, goal_id: str) -> list[MapItemRow]:
        return list(self.session.scalars(select(MapItemRow).where(MapItemRow.goal_id == goal_id)))

    def add(self, row: MapItemRow) -> MapItemRow:
        self.session.add(row)
        return row

    def remove(self, row: MapItemRow) -> None:
        self.session.delete(row)

    def renumber(self, rows: list[MapItemRow]) -> None:
        """Orders 0..n-1 in list order, touching only rows whose order changes."""
        for index, row in enumerate(rows):
            if row.sort_order != index:
                row.sort_order = index


class ScaleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_conference(self, conference_id: str) -> list[ScaleScoreRow]:
        stmt = (
            select(ScaleScoreRow)
            .where(ScaleScoreRow.conference_id == conference_id)
            .order_by(ScaleScoreRow.participant)
        )
        return list(self.session.scalars(stmt))

    def for_danger(self, danger_id: str) -> list[ScaleScoreRow]:
        return list(self.session.scalars(select(ScaleScoreRow).where(ScaleScoreRow.danger_id == danger_id)))

    def get(self, scale_id: str) -> ScaleScoreRow | None:
        return self.session.get(ScaleScoreRow, scale_id)

    def add(self, row: ScaleScoreRow) -> ScaleScoreRow:
        self.session.add(row)
        return row

    def remove(self, scale_id: str) -> None:
        self.session.execute(delete(ScaleScoreRow).where(ScaleScoreRow.id == scale_id))


def previous_conference(session: Session, conference: ConferenceRow) -> ConferenceRow | None:
    """The family's latest conference scheduled before this one."""
    stmt = (
        select(ConferenceRow)
        .where(
            ConferenceRow.family_id == conference.family_id,
            ConferenceRow.scheduled_date < conference.scheduled_date,
            ConferenceRow.id != conference.id,
        )
        .order_by(ConferenceRow.scheduled_date.desc(), ConferenceRow.created_at.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()
