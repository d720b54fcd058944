"""Reading one conference out of the store as the file's content (plain JSON values)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from iro_desktop.services.conference_file.document import Content, normalise
from iro_desktop.services.conference_file.spec import PART_BY_NAME, Kind
from iro_desktop.store.models import (
    AdvocacyRow,
    AgencyRow,
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    DissentRow,
    InvitationRow,
    MapItemRow,
    PersonRow,
    PlanActionRow,
    PlanHeaderRow,
    RecordRow,
    ScaleScoreRow,
)
from iro_desktop.store.repositories import ConferenceRepository, FamilyRepository


def encode(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind is Kind.DATE and isinstance(value, date):
        return value.isoformat()
    if kind is Kind.DATETIME and isinstance(value, datetime):
        return value.isoformat()
    if kind is Kind.TIME and isinstance(value, time):
        return value.isoformat()
    if kind is Kind.BOOL:
        return bool(value)
    return value


def row_dict(part_name: str, row: Any, **override: Any) -> dict[str, Any]:
    part = PART_BY_NAME[part_name]
    out = {}
    for f in part.fields:
        value = override[f.name] if f.name in override else getattr(row, f.name)
        out[f.name] = encode(f.kind, value)
    return out


def read_conference(session: Session, conference_id: str) -> Content:
    """The whole conference as the file holds it (canonical order)."""
    conf = ConferenceRepository(session).get(conference_id)
    family = FamilyRepository(session).get(conf.family_id)
    child_ids = [c.id for c in family.children]

    def rows(model: Any, *where: Any) -> list[Any]:
        return list(session.scalars(select(model).where(*where)))

    invitations = rows(InvitationRow, InvitationRow.conference_id == conference_id)
    person_ids = {i.person_id for i in invitations}
    people = rows(PersonRow, or_(PersonRow.family_id == family.id, PersonRow.id.in_(person_ids)))
    agency_ids = {p.agency_id for p in people if p.agency_id}
    agencies = rows(AgencyRow, AgencyRow.id.in_(agency_ids))
    decisions = rows(ChildDecisionRow, ChildDecisionRow.conference_id == conference_id)
    history = rows(ChildPlanHistoryRow, ChildPlanHistoryRow.child_id.in_(child_ids))
    links = rows(ChildPlanHistoryLinkRow, ChildPlanHistoryLinkRow.history_id.in_([h.id for h in history]))
    header = session.get(PlanHeaderRow, conference_id)
    record = session.scalars(select(RecordRow).where(RecordRow.conference_id == conference_id)).first()

    content: Content = {
        "details": row_dict("details", conf),
        "family": row_dict("family", family),
        "children": [row_dict("children", c) for c in family.children],
        "agencies": [row_dict("agencies", a) for a in agencies],
        "people": [row_dict("people", p) for p in people],
        "invitations": [row_dict("invitations", i) for i in invitations],
        "advocacy": [
            row_dict("advocacy", a) for a in rows(AdvocacyRow, AdvocacyRow.conference_id == conference_id)
        ],
        "map_items": [
            row_dict("map_items", m) for m in rows(MapItemRow, MapItemRow.conference_id == conference_id)
        ],
        "scale_scores": [
            row_dict("scale_scores", s)
            for s in rows(ScaleScoreRow, ScaleScoreRow.conference_id == conference_id)
        ],
        "decisions": [
            row_dict("decisions", d, factors=[f.factor_code for f in d.factors]) for d in decisions
        ],
        "dissents": [
            row_dict("dissents", d) for d in rows(DissentRow, DissentRow.conference_id == conference_id)
        ],
        "plan": row_dict("plan", header) if header is not None else None,
        "plan_actions": [
            row_dict("plan_actions", a)
            for a in rows(PlanActionRow, PlanActionRow.conference_id == conference_id)
        ],
        "plan_history": [row_dict("plan_history", h) for h in history],
        "plan_history_links": [row_dict("plan_history_links", link, id=link.history_id) for link in links],
        "record": row_dict("record", record) if record is not None else None,
        "record_sections": [row_dict("record_sections", s) for s in record.sections] if record else [],
        "recipients": [row_dict("recipients", r) for r in record.recipients] if record else [],
        "record_versions": [row_dict("record_versions", v) for v in record.versions] if record else [],
    }
    return normalise(content)
