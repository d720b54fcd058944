"""The store rows an extract becomes: one dict of column values per row, keyed by its derived id, and the
extract column each store column came from (to name it when a re-import disagrees with the records)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from iro_desktop.domain.history.checks import KnownConference
from iro_desktop.domain.history.format import (
    ATTENDANCE,
    CHILDREN,
    CONFERENCES,
    DECISIONS,
    FAMILIES,
    PLANS,
    Extract,
)
from iro_desktop.domain.history.ids import CHILD, CONFERENCE, FACTOR, FAMILY, PERSON, PLAN, IdMaker
from iro_desktop.domain.history.rows import HOUSEHOLD_ROLES
from iro_desktop.domain.people import Role

Row = dict[str, Any]

# Store column -> extract column, per table (for messages).
SOURCE_COLUMNS: dict[str, dict[str, str]] = {
    "families": {"reference": "iro_family_reference", "name": "iro_family_name"},
    "children": {
        "family_id": "fami_family_id",
        "given_name": "pers_forename",
        "family_name": "pers_surname",
        "date_of_birth": "pers_dob",
        "expected_date": "pers_expected_dob",
        "unborn": "pers_dob",
        "gender": "pers_sex",
        "ethnicity_code": "pers_ethnicity",
        "disability": "iro_disabled",
        "disability_known": "iro_disabled",
        "case_number": "iro_case_number",
    },
    "conferences": {
        "family_id": "fami_family_id",
        "conference_type": "iro_conference_type",
        "status": "iro_status",
        "scheduled_date": "iro_scheduled_date",
        "held_on": "iro_held_date",
        "clock_start": "iro_clock_start_date",
        "clock_start_kind": "iro_clock_start_kind",
        "previous_conference_id": "iro_previous_conference_id",
        "stood_down_reason": "iro_stood_down_reason",
        "status_note": "iro_status_note",
        "chair_name": "iro_chair_name",
        "lateness_reason": "iro_lateness_reason",
        "report_to_parents_on": "iro_report_to_parents_date",
        "report_to_chair_on": "iro_report_to_chair_date",
        "record_distributed_on": "iro_record_distributed_date",
        "quoracy_override_reason": "iro_quoracy_override_reason",
    },
    "child_decisions": {
        "outcome": "iro_decision_outcome",
        "category": "iro_category",
        "multiple_reason": "iro_multiple_reason",
        "cin_meeting_date": "iro_cin_meeting_date",
        "rationale": "iro_rationale",
        "decided_by": "iro_decided_by",
        "decided_at": "iro_conference_id",
        "factors": "iro_significant_factors",
    },
    "child_plan_history": {
        "child_id": "cppl_person_id",
        "started_on": "cppl_cp_plan_start_date",
        "ended_on": "cppl_cp_plan_end_date",
        "category": "cppl_cp_plan_latest_category",
        "end_reason": "iro_plan_end_reason",
        "started_conference_id": "iro_started_at_conference_id",
        "ended_conference_id": "iro_ended_at_conference_id",
    },
    "people": {
        "name": "iro_person_name",
        "role": "iro_role",
        "household": "iro_household_id",
        "family_id": "iro_conference_id",
    },
    "invitations": {
        "invited_on": "iro_invited_date",
        "attendance": "iro_attendance",
        "exclusion_reason": "iro_exclusion_reason",
        "report_received_on": "iro_report_received_date",
    },
}
FILE_OF_TABLE = {
    "families": FAMILIES,
    "children": CHILDREN,
    "conferences": CONFERENCES,
    "child_decisions": DECISIONS,
    "child_plan_history": PLANS,
    "people": ATTENDANCE,
    "invitations": ATTENDANCE,
}


@dataclass
class Planned:
    """Every row the extract becomes, by table and id, with the extract row it came from."""

    rows: dict[str, dict[str, Row]] = field(default_factory=dict)
    source_rows: dict[str, dict[str, int]] = field(default_factory=dict)
    factors: dict[str, list[Row]] = field(default_factory=dict)  # decision id -> factor rows
    links: dict[str, Row] = field(default_factory=dict)  # plan id -> link row
    rearranged: list[tuple[str, str, int]] = field(default_factory=list)  # (stood down, replacement, row)

    def put(self, table: str, row_number: int, row: Row) -> None:
        self.rows.setdefault(table, {})[row["id"]] = row
        self.source_rows.setdefault(table, {})[row["id"]] = row_number


def plan_rows(
    extract: Extract,
    ids: IdMaker,
    known_conferences: Mapping[str, KnownConference],
    children_in_family: Mapping[str, int],
) -> Planned:
    """The rows to store for a clean extract. `children_in_family` counts each family's children already
    in the records, so imported children are listed after them."""
    planned = Planned()
    for f in extract.families:
        planned.put(
            "families", f.row, {"id": ids(FAMILY, f.source_id), "reference": f.reference, "name": f.name}
        )
    order: dict[str, int] = dict(children_in_family)
    for child in extract.children:
        family_id = ids(FAMILY, child.family)
        sort_order = order.get(family_id, 0)
        order[family_id] = sort_order + 1
        planned.put(
            "children",
            child.row,
            {
                "id": ids(CHILD, child.source_id),
                "family_id": family_id,
                "given_name": child.given_name,
                "family_name": child.family_name,
                "date_of_birth": child.date_of_birth,
                "expected_date": child.expected_date,
                "unborn": child.unborn,
                "gender": child.gender.value,
                "ethnicity_code": child.ethnicity_code,
                "disability": child.disability,
                "disability_known": child.disability_known,
                "case_number": child.case_number,
                "sort_order": sort_order,
            },
        )
    chairs: dict[str, str] = {}
    days: dict[str, date] = {cid: k.day for cid, k in known_conferences.items()}
    families: dict[str, str] = {cid: k.family_id for cid, k in known_conferences.items()}
    for c in extract.conferences:
        cid = ids(CONFERENCE, c.source_id)
        chairs[cid], days[cid], families[cid] = c.chair_name, c.day, ids(FAMILY, c.family)
        planned.put(
            "conferences",
            c.row,
            {
                "id": cid,
                "family_id": ids(FAMILY, c.family),
                "conference_type": c.conference_type.value,
                "clock_start": c.clock_start,
                "scheduled_date": c.scheduled_date,
                "status": c.status.value,
                "chair_name": c.chair_name,
                "clock_start_kind": c.clock_start_kind.value if c.clock_start_kind else None,
                "previous_conference_id": ids(CONFERENCE, c.previous) if c.previous else None,
                "held_on": c.held_on,
                "lateness_reason": c.lateness_reason,
                "stood_down_reason": c.stood_down_reason,
                "status_note": c.status_note,
                "report_to_parents_on": c.report_to_parents_on,
                "report_to_chair_on": c.report_to_chair_on,
                "quoracy_override_reason": c.quoracy_override_reason,
                "record_distributed_on": c.record_distributed_on,
            },
        )
        if c.replaces:
            planned.rearranged.append((ids(CONFERENCE, c.replaces), cid, c.row))
    for d in extract.decisions:
        conference_id = ids(CONFERENCE, d.conference)
        decision_id = ids.decision(d.conference, d.child)
        day = days.get(conference_id, date.min)
        decided_by = d.decided_by or chairs.get(conference_id, "") or f"Imported from {extract.source_system}"
        planned.put(
            "child_decisions",
            d.row,
            {
                "id": decision_id,
                "conference_id": conference_id,
                "child_id": ids(CHILD, d.child),
                "outcome": d.outcome.value,
                "category": d.category.value if d.category else None,
                "multiple_reason": d.multiple_reason,
                "cin_meeting_date": d.cin_meeting_date,
                "rationale": d.rationale,
                "decided_by": decided_by[:120],
                "decided_at": datetime.combine(day, time()),
            },
        )
        planned.factors[decision_id] = [
            {
                "id": ids(FACTOR, f"{decision_id}\x1f{code}"),
                "decision_id": decision_id,
                "factor_code": code,
                "sort_order": n,
            }
            for n, code in enumerate(d.factors)
        ]
    for p in extract.plans:
        plan_id = ids(PLAN, p.source_id)
        planned.put(
            "child_plan_history",
            p.row,
            {
                "id": plan_id,
                "child_id": ids(CHILD, p.child),
                "started_on": p.started_on,
                "ended_on": p.ended_on,
                "category": p.category.value,
                "end_reason": p.end_reason,
            },
        )
        if p.started_at or p.ended_at:
            planned.links[plan_id] = {
                "history_id": plan_id,
                "started_conference_id": ids(CONFERENCE, p.started_at) if p.started_at else None,
                "ended_conference_id": ids(CONFERENCE, p.ended_at) if p.ended_at else None,
                "recategorised_conference_id": None,
                "category_before": "",
            }
    for a in extract.attendance:
        person_id = ids(PERSON, a.person)
        conference_id = ids(CONFERENCE, a.conference)
        role = Role(a.role)
        if person_id not in planned.rows.get("people", {}):
            planned.put(
                "people",
                a.row,
                {
                    "id": person_id,
                    "name": a.name,
                    "role": a.role,
                    "agency_id": None,
                    "family_id": families.get(conference_id) if role.is_family else None,
                    "contact": "",
                    "parental_responsibility": False,
                    "household": a.household if role in HOUSEHOLD_ROLES else "",
                },
            )
        planned.put(
            "invitations",
            a.row,
            {
                "id": ids.invitation(a.conference, a.person),
                "conference_id": conference_id,
                "person_id": person_id,
                "invited_on": a.invited_on,
                "attendance": a.attendance,
                "exclusion_reason": a.exclusion_reason,
                "report_received_on": a.report_received_on,
            },
        )
    return planned


def differences(table: str, wanted: Row, held: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(extract column, value in the records, value in the extract) for every column that differs."""
    out = []
    for column, source in SOURCE_COLUMNS[table].items():
        if column in wanted and column in held and _norm(held[column]) != _norm(wanted[column]):
            out.append((source, held[column], wanted[column]))
    return out


def _norm(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if value is None:
        return None
    if isinstance(value, bool | int):
        return bool(value) if isinstance(value, bool) else value
    return value


def shown(value: Any) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool):
        return "Y" if value else "N"
    return f"“{value}”"
