"""Writing a conference's content into the store, inside the caller's unit of work.

`write_conference` makes the store hold exactly the given content for that conference: rows are
matched by id and updated or added; rows of the conference that the content no longer has are removed
(never the family, children, people or agencies, which other conferences share). Links to other
conferences are kept only when that conference is in this store (the foreign keys demand it).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from iro_desktop.services.conference_file.document import Content
from iro_desktop.services.conference_file.spec import PART_BY_NAME, Kind
from iro_desktop.store.conference_file_repository import ConferenceFileRepository
from iro_desktop.store.models import (
    AdvocacyRow,
    AgencyRow,
    ChildDecisionFactorRow,
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ChildPractitionerRow,
    ChildRow,
    ConferenceRow,
    DissentRow,
    FamilyRow,
    InvitationRow,
    MapItemRow,
    PersonRow,
    PlanActionRow,
    PlanHeaderRow,
    RecipientRow,
    RecordRow,
    RecordSectionRow,
    RecordVersionRow,
    ScaleScoreRow,
)
from iro_desktop.store.people_repositories import ChildPractitionerRepository

RECORD_MODELS: tuple[tuple[Any, str], ...] = (
    (RecordSectionRow, "record_sections"),
    (RecipientRow, "recipients"),
    (RecordVersionRow, "record_versions"),
)


def decode(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind is Kind.DATE:
        return date.fromisoformat(value)
    if kind is Kind.DATETIME:
        return datetime.fromisoformat(value)
    if kind is Kind.TIME:
        return time.fromisoformat(value)
    return value


def _assign(row: Any, part_name: str, data: dict[str, Any], skip: tuple[str, ...] = ()) -> None:
    for f in PART_BY_NAME[part_name].fields:
        if f.name == "audience_excluded":  # issue 18: the people kept from it, a JSON list in its column
            excluded = json.dumps(sorted(data[f.name]))
            if getattr(row, f.name, None) != excluded:
                setattr(row, f.name, excluded)
            continue
        if f.name in skip or f.kind is Kind.CODES:
            continue
        value = decode(f.kind, data[f.name])
        if getattr(row, f.name, None) != value:
            setattr(row, f.name, value)


def _upsert(
    store: ConferenceFileRepository, model: Any, part_name: str, data: dict[str, Any], **parent: Any
) -> Any:
    row = store.get(model, data["id"])
    if row is None:
        row = model(id=data["id"], **parent)
        store.add(row)
    else:
        for key, value in parent.items():
            setattr(row, key, value)
    _assign(row, part_name, data, skip=("id",))
    return row


def _write_practitioners(store: ConferenceFileRepository, rows: list[dict[str, Any]]) -> None:
    """Who leads for each child (issue 19), added or changed: a child's row of the same kind under
    another id gives way to the file's."""
    for data in rows:
        if store.get(ChildPractitionerRow, data["id"]) is None:
            for other in ChildPractitionerRepository(store.session).for_children([data["child_id"]]):
                if other.kind == data["kind"]:
                    store.delete(other)
            store.flush()
        _upsert(store, ChildPractitionerRow, "child_practitioners", data)


def write_conference(store: ConferenceFileRepository, content: Content) -> None:
    """Make the store hold `content` for its conference (one unit of work; nothing is committed)."""
    details, family = content["details"], content["family"]
    conference_id = details["id"]

    def ids(part: str) -> set[str]:
        return {r["id"] for r in content[part]}

    def external(value: str | None) -> str | None:
        if value is None or value == conference_id or store.conference_exists(value):
            return value
        return None

    # Remove first what the content no longer has (unique keys may be reused by new rows).
    if store.conference_exists(conference_id):
        for model, part in (
            (InvitationRow, "invitations"),
            (AdvocacyRow, "advocacy"),
            (ScaleScoreRow, "scale_scores"),
            (ChildDecisionRow, "decisions"),
            (DissentRow, "dissents"),
            (PlanActionRow, "plan_actions"),
        ):
            store.remove_conference_rows_except(model, conference_id, ids(part))
        keep_items = ids("map_items")
        for item in store.map_items(conference_id):
            if item.id not in keep_items:
                item.goal_id = None
        store.flush()
        store.remove_conference_rows_except(MapItemRow, conference_id, keep_items)
        if content["plan"] is None:
            store.remove_plan_header(conference_id)
        record = store.record(conference_id)
        if record is not None and (content["record"] is None or content["record"]["id"] != record.id):
            store.delete(record)
        elif record is not None:
            for record_model, part in RECORD_MODELS:
                store.remove_record_rows_except(record_model, record.id, ids(part))
        # Who leads (issue 19): a conference already here was read with its leads, so the merged content
        # lacks only those removed; a first import removes none (they are the family's, not the file's).
        keep_leads = ids("child_practitioners")
        for lead in ChildPractitionerRepository(store.session).for_children(sorted(ids("children"))):
            if lead.id not in keep_leads:
                store.delete(lead)
        store.flush()
        store.forget_loaded()
    child_ids = ids("children")
    history = ids("plan_history")
    store.remove_plan_periods_except(child_ids, history)
    store.remove_plan_links_except(history, ids("plan_history_links"))
    store.flush()

    # Then add and update, parents before children.
    _upsert(store, FamilyRow, "family", family)
    store.flush()
    for child in content["children"]:
        _upsert(store, ChildRow, "children", child, family_id=family["id"])
    agency_ids: dict[str, str] = {}
    for agency in content["agencies"]:
        existing = store.get(AgencyRow, agency["id"])
        same_name = store.agency_named(agency["name"])
        if existing is None and same_name is not None:
            agency_ids[agency["id"]] = same_name.id  # the same agency under this store's id
            continue
        _upsert(store, AgencyRow, "agencies", agency)
        agency_ids[agency["id"]] = agency["id"]
    store.flush()
    for person in content["people"]:
        row = _upsert(store, PersonRow, "people", person)
        row.agency_id = (
            agency_ids.get(person["agency_id"], person["agency_id"]) if person["agency_id"] else None
        )
    store.flush()
    _write_practitioners(store, content["child_practitioners"])
    with store.no_autoflush():
        resolved = {n: external(details[n]) for n in ("previous_conference_id", "rearranged_to_id")}
    _upsert(store, ConferenceRow, "details", {**details, **resolved}, family_id=family["id"])
    store.flush()
    for model, part in ((InvitationRow, "invitations"), (AdvocacyRow, "advocacy")):
        for data in content[part]:
            _upsert(store, model, part, data, conference_id=conference_id)
    goals: dict[str, str | None] = {}
    for data in content["map_items"]:
        item = _upsert(store, MapItemRow, "map_items", {**data, "goal_id": None}, conference_id=conference_id)
        goals[item.id] = data["goal_id"]
    store.flush()
    for item_id, goal in goals.items():
        paired = store.get(MapItemRow, item_id)
        if paired is not None and paired.goal_id != goal:
            paired.goal_id = goal
    for data in content["scale_scores"]:
        _upsert(store, ScaleScoreRow, "scale_scores", data, conference_id=conference_id)
    for data in content["decisions"]:
        decision = _upsert(store, ChildDecisionRow, "decisions", data, conference_id=conference_id)
        if [f.factor_code for f in decision.factors] != data["factors"]:
            decision.factors.clear()
            store.flush()
            decision.factors.extend(
                ChildDecisionFactorRow(factor_code=code, sort_order=i)
                for i, code in enumerate(data["factors"])
            )
    for model, part in ((DissentRow, "dissents"), (PlanActionRow, "plan_actions")):
        for data in content[part]:
            _upsert(store, model, part, data, conference_id=conference_id)
    if content["plan"] is not None:
        header = store.plan_header(conference_id)
        if header is None:
            header = PlanHeaderRow(conference_id=conference_id)
            store.add(header)
        _assign(header, "plan", content["plan"])
    for data in content["plan_history"]:
        _upsert(store, ChildPlanHistoryRow, "plan_history", data)
    store.flush()
    for data in content["plan_history_links"]:
        link = store.get(ChildPlanHistoryLinkRow, data["id"])
        if link is None:
            link = ChildPlanHistoryLinkRow(history_id=data["id"])
            store.add(link)
        link.category_before = data["category_before"]
        for name in ("started_conference_id", "ended_conference_id", "recategorised_conference_id"):
            with store.no_autoflush():
                value = external(data[name])
            setattr(link, name, value)
    if content["record"] is not None:
        record = _upsert(store, RecordRow, "record", content["record"], conference_id=conference_id)
        store.flush()
        for record_model, part in RECORD_MODELS:
            for data in content[part]:
                _upsert(store, record_model, part, data, record_id=record.id)
    store.flush()
