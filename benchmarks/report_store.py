"""A generated store for the report benchmark: the fictional council of `benchmarks.report.generate`
written as rows of a real migrated SQLite store, in bulk through the store's tables (no services, so
ten years load in seconds).

Every fact becomes the rows the app itself would have written: families and children; conferences
with status, dates, chair, report and distribution dates, quoracy override and the stood-down booking
pointing at its rearrangement; a decision per child at each held conference (plan made or not, plan
continues or ends); plan history with its conference links; family members invited and attending;
dissents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from iro_desktop.reports.facts import INITIAL_TYPES, ReportFacts
from iro_desktop.store.location import StoreLocation, resolve_location
from iro_desktop.store.models import (
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ChildRow,
    ConferenceRow,
    DissentRow,
    FamilyRow,
    InvitationRow,
    PersonRow,
)
from iro_desktop.store.opening import Store, open_store

GIVEN = [
    "Ada",
    "Ben",
    "Cara",
    "Dev",
    "Eve",
    "Finn",
    "Gus",
    "Hana",
    "Ida",
    "Jay",
    "Kit",
    "Lola",
    "Max",
    "Noor",
]
FAMILY = ["Adams", "Brown", "Cole", "Dale", "Ellis", "Ford", "Gray", "Hill", "Ince", "Jones", "Khan", "Lund"]
DECIDED_AT = datetime(2026, 1, 1, 12, 0)
CHUNK = 5000


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _insert(store: Store, table: Any, rows: Iterable[dict[str, Any]]) -> int:
    rows = list(rows)
    with store.uow() as uow:
        for chunk in _chunks(rows):
            uow.session.execute(insert(table), chunk)
        uow.commit()
    return len(rows)


def write_store(facts: ReportFacts, folder: Path, key: Any = None) -> tuple[StoreLocation, dict[str, int]]:
    """Write `facts` into a new migrated store in `folder` (encrypted with `key`, a store.cipher.DataKey,
    when given); return its location and row counts."""
    location = resolve_location(folder, environ={})
    store = open_store(location, key=key)
    counts: dict[str, int] = {}
    try:
        families = sorted({c.family_id for c in facts.children} | {c.family_id for c in facts.conferences})
        counts["families"] = _insert(
            store,
            FamilyRow,
            (
                {"id": fid, "reference": f"BM-{n:06d}", "name": f"{FAMILY[n % len(FAMILY)]} family"}
                for n, fid in enumerate(families)
            ),
        )
        counts["children"] = _insert(
            store,
            ChildRow,
            (
                {
                    "id": c.id,
                    "family_id": c.family_id,
                    "given_name": "" if c.date_of_birth is None else GIVEN[n % len(GIVEN)],
                    "family_name": FAMILY[n % len(FAMILY)],
                    "date_of_birth": c.date_of_birth,
                    "expected_date": c.expected_date,
                    "unborn": c.date_of_birth is None,
                    "gender": c.gender,
                    "ethnicity_code": c.ethnicity_code,
                    "disability": c.disability,
                    "case_number": "",
                    "sort_order": n,
                }
                for n, c in enumerate(facts.children)
            ),
        )
        rearranged = {c.replaces_id: c.id for c in facts.conferences if c.replaces_id}
        for c in facts.conferences:  # the generator names a stood-down booking "<id>-sd"
            if c.status == "stood_down" and c.id.endswith("-sd"):
                rearranged.setdefault(c.id, c.id[: -len("-sd")])
        counts["conferences"] = _insert(
            store,
            ConferenceRow,
            (
                {
                    "id": c.id,
                    "family_id": c.family_id,
                    "conference_type": c.conference_type,
                    "clock_start": c.clock_start,
                    "scheduled_date": c.scheduled_on,
                    "status": c.status,
                    "chair_name": c.chair_id or "",
                    "held_on": c.held_on,
                    "lateness_reason": c.lateness_reason or "",
                    "stood_down_reason": c.stood_down_reason or "",
                    "rearranged_to_id": rearranged.get(c.id),
                    "report_to_parents_on": c.report_to_parents_on,
                    "report_to_chair_on": c.report_to_chair_on,
                    "quoracy_override_reason": "Chair went on: police report received"
                    if c.quoracy_override
                    else "",
                    "record_distributed_on": c.record_distributed_on,
                }
                for c in sorted(facts.conferences, key=lambda c: c.id.endswith("-sd"))  # targets first
            ),
        )
        started = {(p.started_at_conference_id, p.child_id): p for p in facts.plans}
        ended = {(p.ended_at_conference_id, p.child_id): p for p in facts.plans}
        plans_of: dict[str, list[Any]] = defaultdict(list)
        for p in facts.plans:
            plans_of[p.child_id].append(p)
        decisions = []
        for c in facts.conferences:
            if not c.is_held:
                continue
            for child in c.child_ids:
                plan = started.get((c.id, child))
                if c.conference_type in INITIAL_TYPES:
                    outcome, category = ("plan_made", plan.category) if plan else ("not_made_nfa", None)
                elif (c.id, child) in ended:
                    outcome, category = "ends_cin", None
                else:
                    day = c.day
                    current = [
                        p for p in plans_of[child] if p.started_on <= day and (p.ended_on or day) >= day
                    ]
                    outcome, category = "plan_continues", current[0].category if current else None
                decisions.append(
                    {
                        "id": f"{c.id}/{child}"[-36:],
                        "conference_id": c.id,
                        "child_id": child,
                        "outcome": outcome,
                        "category": category,
                        "decided_by": c.chair_id or "Chair",
                        "decided_at": DECIDED_AT,
                    }
                )
        counts["child_decisions"] = _insert(store, ChildDecisionRow, decisions)
        counts["child_plan_history"] = _insert(
            store,
            ChildPlanHistoryRow,
            (
                {
                    "id": p.id,
                    "child_id": p.child_id,
                    "started_on": p.started_on,
                    "ended_on": p.ended_on,
                    "category": p.category,
                    "end_reason": "ends_cin" if p.ended_on else "",
                }
                for p in facts.plans
            ),
        )
        _insert(
            store,
            ChildPlanHistoryLinkRow,
            (
                {
                    "history_id": p.id,
                    "started_conference_id": p.started_at_conference_id,
                    "ended_conference_id": p.ended_at_conference_id,
                    "recategorised_conference_id": None,
                    "category_before": "",
                }
                for p in facts.plans
            ),
        )
        # Family members: as many as the most ever invited to one of the family's conferences.
        most: dict[str, int] = defaultdict(int)
        for c in facts.conferences:
            most[c.family_id] = max(most[c.family_id], c.family_invited)
        people = {fid: [f"{fid}-m{i}"[-36:] for i in range(n)] for fid, n in most.items()}
        counts["people"] = _insert(
            store,
            PersonRow,
            (
                {"id": pid, "name": f"Parent {i + 1}", "role": "parent", "family_id": fid, "contact": ""}
                for fid, ids in people.items()
                for i, pid in enumerate(ids)
            ),
        )
        counts["invitations"] = _insert(
            store,
            InvitationRow,
            (
                {
                    "id": f"{c.id}/{pid}"[-36:],
                    "conference_id": c.id,
                    "person_id": pid,
                    "attendance": "attended" if i < c.family_attended else "apologies",
                    "exclusion_reason": "",
                }
                for c in facts.conferences
                if c.is_held
                for i, pid in enumerate(people.get(c.family_id, [])[: c.family_invited])
            ),
        )
        counts["dissents"] = _insert(
            store,
            DissentRow,
            (
                {
                    "id": f"{c.id}/d{i}"[-36:],
                    "conference_id": c.id,
                    "child_id": c.child_ids[0],
                    "name": "A professional",
                    "agency": "Health",
                    "view": "No plan needed",
                    "reason": "Progress made",
                    "sort_order": i,
                }
                for c in facts.conferences
                if c.is_held and c.child_ids
                for i in range(c.dissent_count)
            ),
        )
    finally:
        store.close()
    return location, counts
