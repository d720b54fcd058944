"""A final record's version read back from its snapshot (services/snapshot.py) into the domain data the
documents are built from (document_builder.RecordContent), so the PDF of version N is what version N said.

Pure: no database. Each snapshot part is turned back into the store's own row type (transient, never added
to a session) and through the same row-to-domain function the store path uses, so both paths make the same
lines. A part the snapshot lacks (a version locked before that part was in the record) is taken from the
content as it is now, and `fallback_note` says so in the document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

from iro_desktop.domain.audience import from_stored
from iro_desktop.domain.conference import Conference, ConferenceType
from iro_desktop.domain.family import Child, Family, Gender
from iro_desktop.domain.mapping import Board
from iro_desktop.domain.people import Person
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.decisions import decision_to_domain, dissent_to_domain
from iro_desktop.services.document_builder import RecordContent, Sources
from iro_desktop.services.plans import action_to_domain, header_to_domain
from iro_desktop.store.mapping_repository import item_to_domain, scale_to_domain
from iro_desktop.store.models import (
    ChildDecisionFactorRow,
    ChildDecisionRow,
    ConferenceRow,
    DissentRow,
    InvitationRow,
    MapItemRow,
    PlanActionRow,
    PlanHeaderRow,
    ScaleScoreRow,
)
from iro_desktop.store.models.base import Base
from iro_desktop.store.people_repositories import chairing_to_domain, invitation_to_domain

R = TypeVar("R", bound=Base)

# What a reader calls each group of snapshot parts (in the order the fallback note names them).
PART_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("conference details", ("conference",)),
    ("discussion summary", ("record_sections",)),
    ("map", ("map_items", "map_scales")),
    ("decisions", ("decisions", "dissent")),
    ("plan", ("plan_header", "plan_actions")),
    ("attendance", ("attendance",)),
)


@dataclass(frozen=True)
class VersionContent:
    content: RecordContent
    from_now: tuple[str, ...]  # the groups taken from the record as it is now (PART_GROUPS names)


def missing_groups(snapshot: Mapping[str, Any]) -> tuple[str, ...]:
    """The groups some part of which the snapshot lacks."""
    return tuple(name for name, parts in PART_GROUPS if any(p not in snapshot for p in parts))


def fallback_note(groups: Sequence[str]) -> str:
    """e.g. "Map, decisions and plan as they are now: this version was locked before they were part of
    the record." Empty when the version holds everything."""
    if not groups:
        return ""
    listed = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]
    now, then = ("it is", "it was") if len(groups) == 1 else ("they are", "they were")
    what = f"{listed[0].upper()}{listed[1:]}"
    return f"{what} as {now} now: this version was locked before {then} part of the record."


def person_ids(snapshot: Mapping[str, Any]) -> list[str]:
    """Who the version's attendance names (the caller reads them from the people register)."""
    return [str(row["person_id"]) for row in snapshot.get("attendance", [])]


def read_version(
    snapshot: Mapping[str, Any], now: RecordContent, people: Mapping[str, Person]
) -> VersionContent:
    """The content as the snapshot holds it; `now` for the parts it lacks; `people` by id for names."""
    conference_id = now.conference.id
    conference, family = now.conference, now.family
    if "conference" in snapshot:
        conference, family = (
            _conference(snapshot["conference"], conference),
            _family(snapshot["conference"], family),
        )
    sections, section_audiences = now.sections, now.section_audiences
    if "record_sections" in snapshot:
        sections = tuple(
            (SectionKey(s["key"]), s.get("agency", ""), s.get("text", ""))
            for s in snapshot["record_sections"]
        )
        section_audiences = {
            (SectionKey(s["key"]), s.get("agency", "")): from_stored(
                s.get("audience_kind", ""),
                s.get("audience_excluded", ""),
                s.get("audience_reason", ""),
                s.get("audience_reason_words", ""),
            )
            for s in snapshot["record_sections"]
        }
    invitations = now.invitations
    if "attendance" in snapshot:
        invited = [
            invitation_to_domain(_row(InvitationRow, r, conference_id), people[r["person_id"]])
            for r in snapshot["attendance"]
            if r["person_id"] in people
        ]
        # As the register lists them: the family first, then by name.
        invitations = tuple(sorted(invited, key=lambda i: (i.role.is_family is False, i.person_name)))
    sources = _sources(snapshot, now.sources, conference)
    chairing = now.chairing
    if "conference" in snapshot and "chair_role" in snapshot["conference"]:
        chairing = chairing_to_domain(_row(ConferenceRow, snapshot["conference"], conference_id))
    content = replace(
        now,
        chairing=chairing,
        conference=conference,
        family=family,
        invitations=invitations,
        sections=sections,
        section_audiences=section_audiences,
        sources=sources,
        is_final=True,
    )
    return VersionContent(content, missing_groups(snapshot))


# --- the parts -------------------------------------------------------------------------------------


def _row(model: type[R], data: Mapping[str, Any], conference_id: str, **extra: Any) -> R:
    """A transient row of `model` from a snapshot dict (dates back from their ISO text)."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.key in data:
            values[column.key] = _typed(column.type, data[column.key])
    if any(c.key == "conference_id" for c in model.__table__.columns):
        values["conference_id"] = conference_id
    return model(**values, **extra)


def _typed(kind: Any, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        python_type = kind.python_type
    except NotImplementedError:
        return value
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    return value


def _sources(snapshot: Mapping[str, Any], now: Sources, conference: Conference) -> Sources:
    cid = conference.id
    board = now.board
    if "map_items" in snapshot:
        board = Board(
            conference_id=cid,
            items=tuple(item_to_domain(_row(MapItemRow, r, cid)) for r in snapshot["map_items"]),
            scales=tuple(
                scale_to_domain(_row(ScaleScoreRow, r, cid)) for r in snapshot.get("map_scales", [])
            ),
            previous_scales=now.board.previous_scales,
            previous_conference_id=now.board.previous_conference_id,
        )
    decisions = now.decisions
    if "decisions" in snapshot:
        dissents = [dissent_to_domain(_row(DissentRow, r, cid)) for r in snapshot.get("dissent", [])]
        decisions = {}
        for r in snapshot["decisions"]:
            factors = [
                ChildDecisionFactorRow(factor_code=c, sort_order=i) for i, c in enumerate(r["factors"])
            ]
            row = _row(ChildDecisionRow, r, cid, factors=factors)
            decisions[row.child_id] = decision_to_domain(
                row, [d for d in dissents if d.child_id == row.child_id]
            )
    header = now.plan_header
    if "plan_header" in snapshot:
        plan_row = snapshot["plan_header"]
        held = ConferenceRow(
            id=cid, conference_type=conference.conference_type.value, scheduled_date=conference.scheduled_date
        )
        header = header_to_domain(held, _row(PlanHeaderRow, plan_row, cid) if plan_row else None)
    actions = now.actions
    if "plan_actions" in snapshot:
        actions = tuple(action_to_domain(_row(PlanActionRow, r, cid)) for r in snapshot["plan_actions"])
    return Sources(board=board, decisions=decisions, plan_header=header, actions=actions, factors=now.factors)


def _conference(data: Mapping[str, Any], now: Conference) -> Conference:
    return replace(
        now,
        conference_type=ConferenceType(data["type"]) if data.get("type") else now.conference_type,
        scheduled_date=date.fromisoformat(data["date"]) if data.get("date") else now.scheduled_date,
        venue=data.get("venue", now.venue),
        chair_name=data.get("chair", now.chair_name),
    )


def _family(data: Mapping[str, Any], now: Family) -> Family:
    named = data.get("family", {})
    children = now.children
    if "children" in data:
        snapshot_children = data["children"]
        same_count = len(snapshot_children) == len(now.children)
        children = tuple(
            _child(c, now.children[i] if same_count else _by_name(now.children, c.get("name", "")), i)
            for i, c in enumerate(snapshot_children)
        )
    return replace(
        now,
        reference=named.get("reference", now.reference),
        name=named.get("name", now.name),
        children=children,
    )


def _by_name(children: Sequence[Child], name: str) -> Child | None:
    return next((c for c in children if c.full_name == name.strip()), None)


def _child(data: Mapping[str, Any], now: Child | None, index: int) -> Child:
    """A child as the snapshot holds them ("Given Family"; an unborn child has no given name yet), keeping
    the store's id (by position, or by name when the family has changed) so decisions and map items find
    their child."""
    born = date.fromisoformat(data["date_of_birth"]) if data.get("date_of_birth") else None
    due = date.fromisoformat(data["expected_date"]) if data.get("expected_date") else None
    raw = str(data.get("name", ""))
    given, family_name = (
        (now.given_name, now.family_name) if now and now.full_name == raw.strip() else _split(raw)
    )
    if now is None:
        now = Child(f"snapshot-child-{index}", "", "", "", None, None, False, Gender.UNKNOWN, "", False, "")
    return replace(
        now,
        given_name=given,
        family_name=family_name,
        date_of_birth=born,
        expected_date=due,
        unborn=born is None,
    )


def _split(raw: str) -> tuple[str, str]:
    given, _, family_name = raw.partition(" ")
    return given, family_name
