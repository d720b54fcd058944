"""Reading one conference out of the store as the file's content (plain JSON values)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from iro_desktop.domain.audience import from_stored
from iro_desktop.services.conference_file.document import Content, normalise
from iro_desktop.services.conference_file.spec import PART_BY_NAME, Kind
from iro_desktop.store.conference_file_repository import ConferenceFileRepository
from iro_desktop.store.models import (
    AdvocacyRow,
    ChildDecisionRow,
    DissentRow,
    MapItemRow,
    PlanActionRow,
    ScaleScoreRow,
)
from iro_desktop.store.people_repositories import ChildPractitionerRepository
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


def from_stored_excluded(stored: str) -> list[str]:
    """The people an item is kept from, as the file lists them (the column holds a JSON list)."""
    return list(from_stored("except", stored, "", "").excluded)


def row_dict(part_name: str, row: Any, **override: Any) -> dict[str, Any]:
    part = PART_BY_NAME[part_name]
    out = {}
    for f in part.fields:
        if f.name in override:
            value = override[f.name]
        elif f.name == "audience_excluded":  # issue 18: the column holds a JSON list
            value = from_stored_excluded(getattr(row, f.name))
        else:
            value = getattr(row, f.name)
        out[f.name] = encode(f.kind, value)
    return out


def read_conference(store: ConferenceFileRepository, conference_id: str) -> Content:
    """The whole conference as the file holds it (canonical order)."""
    conf = ConferenceRepository(store.session).get(conference_id)
    family = FamilyRepository(store.session).get(conf.family_id)
    child_ids = [c.id for c in family.children]

    def rows(model: Any) -> list[Any]:
        return store.of_conference(model, conference_id)

    invitations = store.invitations(conference_id)
    practitioners = ChildPractitionerRepository(store.session).for_children(child_ids)
    person_ids = {i.person_id for i in invitations} | {p.person_id for p in practitioners}
    people = store.people(family.id, person_ids)
    agency_ids = {p.agency_id for p in people if p.agency_id}
    agencies = store.agencies(agency_ids)
    decisions = rows(ChildDecisionRow)
    history = store.plan_history(child_ids)
    links = store.plan_links([h.id for h in history])
    header = store.plan_header(conference_id)
    record = store.record(conference_id)

    content: Content = {
        "details": row_dict("details", conf),
        "family": row_dict("family", family),
        "children": [row_dict("children", c) for c in family.children],
        "agencies": [row_dict("agencies", a) for a in agencies],
        "people": [row_dict("people", p) for p in people],
        "child_practitioners": [row_dict("child_practitioners", p) for p in practitioners],
        "invitations": [row_dict("invitations", i) for i in invitations],
        "advocacy": [row_dict("advocacy", a) for a in rows(AdvocacyRow)],
        "map_items": [row_dict("map_items", m) for m in rows(MapItemRow)],
        "scale_scores": [row_dict("scale_scores", s) for s in rows(ScaleScoreRow)],
        "decisions": [
            row_dict("decisions", d, factors=[f.factor_code for f in d.factors]) for d in decisions
        ],
        "dissents": [row_dict("dissents", d) for d in rows(DissentRow)],
        "plan": row_dict("plan", header) if header is not None else None,
        "plan_actions": [row_dict("plan_actions", a) for a in rows(PlanActionRow)],
        "plan_history": [row_dict("plan_history", h) for h in history],
        "plan_history_links": [row_dict("plan_history_links", link, id=link.history_id) for link in links],
        "record": row_dict("record", record) if record is not None else None,
        "record_sections": [row_dict("record_sections", s) for s in record.sections] if record else [],
        "recipients": [row_dict("recipients", r) for r in record.recipients] if record else [],
        "record_versions": [row_dict("record_versions", v) for v in record.versions] if record else [],
    }
    return normalise(content)
