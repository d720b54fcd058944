"""Activity: conferences held, stood down, family attendance, dissent, quoracy overrides and chair
continuity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from iro_desktop.reports.facts import ADJOURNED, CONFERENCE_TYPES, INITIAL_TYPES, STOOD_DOWN
from iro_desktop.reports.figure import (
    CHILDREN,
    CONFERENCES,
    FAMILIES,
    PEOPLE,
    Figure,
    Row,
    ids,
    rows_from,
    share,
)
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.periods import Period


def conferences_held(index: FactIndex, period: Period) -> list[Figure]:
    held = index.held_between(period.start, period.end)
    order = list(CONFERENCE_TYPES.values())
    meetings: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for conference in held:
        label = CONFERENCE_TYPES.get(conference.conference_type, conference.conference_type)
        meetings[label].append(conference.id)
        children[label].extend(conference.child_ids)
    child_total = sum(len(c.child_ids) for c in held)
    return [
        Figure(
            "conferences_held_meetings",
            "Conferences held (meetings)",
            "Conferences held in the period (stood-down and adjourned ones are left out), by type. Each "
            "meeting counts once however many children it covered.",
            CONFERENCES,
            len(held),
            rows=rows_from(meetings, len(held), order),
            conference_ids=ids(c.id for c in held),
        ),
        Figure(
            "conferences_held_children",
            "Conferences held (children)",
            "Children discussed at conferences held in the period, by type: a child at two conferences "
            "counts twice, so this is child-conferences, not distinct children.",
            CHILDREN,
            child_total,
            rows=rows_from(children, child_total, order),
            child_ids=ids(child for c in held for child in c.child_ids),
            conference_ids=ids(c.id for c in held),
        ),
    ]


def stood_down(index: FactIndex, period: Period) -> Figure:
    due = [
        c
        for c in index.facts.conferences
        if period.contains(c.day) and (c.is_held or c.status in (STOOD_DOWN, ADJOURNED))
    ]
    down = [c for c in due if c.status == STOOD_DOWN]
    reasons: dict[str, list[str]] = defaultdict(list)
    for conference in down:
        reasons[conference.stood_down_reason or "Not recorded"].append(conference.id)
    return Figure(
        "conferences_stood_down",
        "Conferences stood down",
        "Numerator: conferences booked for a day in the period and stood down. Denominator: conferences "
        "booked for a day in the period that were held, stood down or adjourned. A conference stood down "
        "and held later counts once in each: the stood-down booking here, the later meeting as held. "
        "Breakdown: the reason recorded.",
        CONFERENCES,
        len(down),
        len(down),
        len(due),
        share(len(down), len(due)),
        rows_from(reasons, len(down)),
        conference_ids=ids(c.id for c in down),
    )


def stood_down_of_held(index: FactIndex, period: Period) -> Figure:
    """Stood-down conferences as a share of conferences held, as published annual reports give it."""
    down = [c for c in index.facts.conferences if period.contains(c.day) and c.status == STOOD_DOWN]
    held = index.held_between(period.start, period.end)
    return Figure(
        "conferences_stood_down_of_held",
        "Conferences stood down, as a share of conferences held",
        "Numerator: conferences booked for a day in the period and stood down. Denominator: "
        "conferences held in the period (as published annual reports give it; the figure above gives "
        "the share of all conferences booked). The share can pass 100% in a period with more stood "
        "down than held.",
        CONFERENCES,
        len(down),
        len(down),
        len(held),
        share(len(down), len(held)),
        conference_ids=ids(c.id for c in down),
    )


def _attendance_by_type(
    held: list[Any], invited_of: Callable[[Any], int], attended_of: Callable[[Any], int], noun: str
) -> tuple[int, int, list[Row]]:
    """Attended against invited, in all and split into initial and review conferences; attendance
    beyond the number invited is capped at it. `noun` names what was invited ("households invited")."""
    invited = attended = 0
    rows = []
    for label, predicate in (
        ("Initial conferences", lambda t: t in INITIAL_TYPES),
        ("Review conferences", lambda t: t not in INITIAL_TYPES),
    ):
        part = [c for c in held if predicate(c.conference_type)]
        part_invited = sum(invited_of(c) for c in part)
        part_attended = sum(min(attended_of(c), invited_of(c)) for c in part)
        invited += part_invited
        attended += part_attended
        rows.append(
            Row(
                f"{label}: {part_attended} of {part_invited} {noun}",
                part_attended,
                share(part_attended, part_invited),
                ids(c.id for c in part),
            )
        )
    return invited, attended, rows


def family_attendance(index: FactIndex, period: Period) -> Figure:
    held = index.held_between(period.start, period.end)
    invited, attended, rows = _attendance_by_type(
        held, lambda c: c.family_invited, lambda c: c.family_attended, "invited"
    )
    return Figure(
        "family_attendance",
        "Family members attending against invitations",
        "Numerator: parents, carers and family members who attended conferences held in the period. "
        "Denominator: those invited to them. Counted by person-invitation (someone at two conferences "
        "counts twice); attendance beyond the number invited is capped at it.",
        PEOPLE,
        attended,
        attended,
        invited,
        share(attended, invited),
        tuple(rows),
        conference_ids=ids(c.id for c in held),
    )


def family_attendance_households(index: FactIndex, period: Period) -> Figure:
    """Family attendance counted per household, as published annual reports give it: a household with
    two parents invited counts once, and is represented when either attended."""
    held = index.held_between(period.start, period.end)
    listed = [c for c in held if c.households_invited]
    invited, attended, rows = _attendance_by_type(
        listed, lambda c: c.households_invited, lambda c: c.households_attended, "households invited"
    )
    missing = [c for c in held if not c.households_invited]
    rows.append(Row("Not recorded", len(missing), None, ids(c.id for c in missing)))
    return Figure(
        "family_attendance_households",
        "Family households represented at conferences",
        "Numerator: households with at least one parent, carer or family network member attending a "
        "conference held in the period. Denominator: households with a member invited to it (family "
        "members living together are one household; a member with no household recorded is in the "
        "family's one household). Counted per conference: a household at two conferences counts twice. "
        "Conferences held with no family member on the list are left out and counted as not recorded.",
        FAMILIES,
        attended,
        attended,
        invited,
        share(attended, invited),
        tuple(rows),
        conference_ids=ids(c.id for c in listed),
        not_recorded=len(missing),
    )


def stood_down_rearranged(index: FactIndex, period: Period) -> Figure:
    """Stood-down conferences whose rearranged conference has been held (the link a replacement
    conference keeps to the booking it replaced)."""
    down = [c for c in index.facts.conferences if period.contains(c.day) and c.status == STOOD_DOWN]
    replacement = {c.replaces_id: c for c in index.facts.conferences if c.replaces_id}
    groups: dict[str, list[str]] = defaultdict(list)
    for conference in down:
        other = replacement.get(conference.id)
        if other is None:
            groups["No rearranged conference recorded"].append(conference.id)
        elif other.is_held:
            groups["Rearranged conference held"].append(conference.id)
        else:
            groups["Rearranged, not held"].append(conference.id)
    done = groups.get("Rearranged conference held", [])
    return Figure(
        "stood_down_rearranged",
        "Stood-down conferences rearranged and held",
        "Numerator: conferences booked for a day in the period and stood down whose rearranged "
        "conference (the one recorded as replacing it) has been held, whenever. Denominator: conferences "
        "booked for a day in the period and stood down. Breakdown: rearranged and held, rearranged but "
        "not held (booked, stood down again or adjourned), no rearranged conference recorded.",
        CONFERENCES,
        len(done),
        len(done),
        len(down),
        share(len(done), len(down)),
        rows_from(
            groups,
            len(down),
            ["Rearranged conference held", "Rearranged, not held", "No rearranged conference recorded"],
        ),
        conference_ids=ids(done),
    )


def dissent(index: FactIndex, period: Period) -> Figure:
    held = index.held_between(period.start, period.end)
    with_dissent = [c for c in held if c.dissent_count > 0]
    total = sum(c.dissent_count for c in with_dissent)
    return Figure(
        "dissent",
        "Conferences with a recorded dissent",
        "Numerator: conferences held in the period where at least one dissent from the decision was "
        "recorded. Denominator: conferences held in the period. The row gives the number of dissents.",
        CONFERENCES,
        len(with_dissent),
        len(with_dissent),
        len(held),
        share(len(with_dissent), len(held)),
        (Row("Dissents recorded", total, None, ids(c.id for c in with_dissent)),),
        conference_ids=ids(c.id for c in with_dissent),
    )


def quoracy_overrides(index: FactIndex, period: Period) -> Figure:
    held = index.held_between(period.start, period.end)
    overridden = [c for c in held if c.quoracy_override]
    return Figure(
        "quoracy_overrides",
        "Conferences held although not quorate (chair's override)",
        "Numerator: conferences held in the period where the chair recorded an override of the quoracy "
        "rule. Denominator: conferences held in the period.",
        CONFERENCES,
        len(overridden),
        len(overridden),
        len(held),
        share(len(overridden), len(held)),
        conference_ids=ids(c.id for c in overridden),
    )


def chair_continuity(index: FactIndex, period: Period) -> list[Figure]:
    same: list[str] = []
    different: list[str] = []
    unknown: list[str] = []
    for conference in index.held_between(period.start, period.end):
        history = index.held_by_family.get(conference.family_id, [])
        position = history.index(conference)
        if position == 0:
            continue
        previous = history[position - 1]
        if conference.chair_id is None or previous.chair_id is None:
            unknown.append(conference.id)
        elif conference.chair_id == previous.chair_id:
            same.append(conference.id)
        else:
            different.append(conference.id)
    base = len(same) + len(different)
    meetings = Figure(
        "same_chair_as_previous",
        "Conferences chaired by the family's previous chair",
        "Numerator: conferences held in the period chaired by the same person as the family's previous "
        "held conference. Denominator: conferences held in the period that had a previous conference for "
        "the family, both with a chair recorded (those missing a chair are shown separately).",
        CONFERENCES,
        len(same),
        len(same),
        base,
        share(len(same), base),
        (
            Row("Same chair", len(same), share(len(same), base), ids(same)),
            Row("Different chair", len(different), share(len(different), base), ids(different)),
            Row("Chair not recorded", len(unknown), None, ids(unknown)),
        ),
        conference_ids=ids(same),
    )
    families_one_chair: list[str] = []
    families_base: list[str] = []
    by_family: dict[str, list[str | None]] = defaultdict(list)
    for conference in index.held_between(period.start, period.end):
        by_family[conference.family_id].append(conference.chair_id)
    for family_id, chairs in by_family.items():
        if len(chairs) < 2 or None in chairs:
            continue
        families_base.append(family_id)
        if len(set(chairs)) == 1:
            families_one_chair.append(family_id)
    families = Figure(
        "families_one_chair",
        "Families whose conferences all had the same chair",
        "Numerator: families with two or more conferences held in the period, all chaired by the same "
        "person. Denominator: families with two or more conferences held in the period, each with a "
        "chair recorded. Drill-down lists the families' conferences.",
        FAMILIES,
        len(families_one_chair),
        len(families_one_chair),
        len(families_base),
        share(len(families_one_chair), len(families_base)),
        conference_ids=ids(
            c.id
            for c in index.held_between(period.start, period.end)
            if c.family_id in set(families_one_chair)
        ),
    )
    return [meetings, families]
