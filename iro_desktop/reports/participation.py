"""Issue 19 figures: how people attended (in the room or remotely, by who they are), who chaired, and
conferences chaired otherwise than independently that gave a reason."""

from __future__ import annotations

from collections import defaultdict

from iro_desktop.reports.figure import CONFERENCES, PEOPLE, Figure, Row, ids, rate, rows_from, share
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.periods import Period

#: How a person took part (the attendance list's codes).
WAYS: dict[str, str] = {
    "room": "In the room",
    "video": "Video",
    "phone": "Phone",
    "written": "Written report only",
    "": "Way not recorded",
}
REMOTE = frozenset({"video", "phone"})
IN_MEETING = frozenset({"room", "video", "phone"})

#: Who a person is for the breakdown: family, or their agency's kind (a team member: their discipline).
WHO: dict[str, str] = {
    "family": "Family",
    "csc": "Children's social care",
    "police": "Police",
    "health": "Health",
    "education": "Education",
    "probation": "Probation",
    "yos": "Youth offending service",
    "cafcass": "Cafcass",
    "housing": "Housing",
    "advocacy": "Advocacy service",
    "other_la": "Another local authority",
    "voluntary": "Voluntary sector",
    "cp_team": "Multi-agency child protection team",
    "other": "Other",
}

#: The chair's role (conference's chair_role codes).
CHAIR_ROLES: dict[str, str] = {
    "independent": "Independent chair (IRO)",
    "lcpp": "Lead Child Protection Practitioner",
}


def ways_of_attending(index: FactIndex, period: Period) -> Figure:
    held = index.held_between(period.start, period.end)
    groups: dict[str, list[str]] = defaultdict(list)
    for c in held:
        for _who, way in c.ways:
            groups[WAYS.get(way, WAYS[""])].append(c.id)
    total = sum(len(v) for v in groups.values())
    in_meeting = sum(len(groups[WAYS[w]]) for w in IN_MEETING)
    remote = sum(len(groups[WAYS[w]]) for w in REMOTE)
    return Figure(
        "attendance_remote",
        "People who attended remotely",
        "Numerator: people who took part in a conference held in the period by video or phone. "
        "Denominator: people who took part in the room, by video or by phone. Counted by "
        "person-invitation (someone at two conferences counts twice). The breakdown also lists those who "
        "sent a written report only and those who attended with the way not recorded (share of everyone "
        "listed).",
        PEOPLE,
        remote,
        remote,
        in_meeting,
        share(remote, in_meeting),
        rows_from(groups, total, WAYS.values()),
        conference_ids=ids(c.id for c in held if any(way in REMOTE for _w, way in c.ways)),
    )


def ways_by_agency_kind(index: FactIndex, period: Period) -> Figure:
    """In the room against remote for each kind of participant (family, police, health...)."""
    held = index.held_between(period.start, period.end)
    counts: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"room": [], "remote": []})
    for c in held:
        for who, way in c.ways:
            if way in IN_MEETING:
                counts[who]["remote" if way in REMOTE else "room"].append(c.id)
    base = sum(len(v["room"]) + len(v["remote"]) for v in counts.values())
    rows = []
    for code in [k for k in WHO if k in counts] + sorted(k for k in counts if k not in WHO):
        label = WHO.get(code, code)
        for part, words in (("room", "in the room"), ("remote", "remote")):
            members = counts[code][part]
            rows.append(Row(f"{label}: {words}", len(members), share(len(members), base), ids(members)))
    remote = sum(len(v["remote"]) for v in counts.values())
    return Figure(
        "attendance_by_agency_kind",
        "In the room or remote, by who attended",
        "For conferences held in the period, the people who took part in the room, by video or by phone, "
        "by who they are: family (parents, carers, the family network, the child), or the kind of agency "
        "they came from (a member of a multi-agency child protection team counts as their discipline). "
        "Headline: those remote (video or phone) of all who took part. Each row is a share of all who "
        "took part. Written reports and ways not recorded are left out.",
        PEOPLE,
        remote,
        remote,
        base,
        share(remote, base),
        tuple(rows),
        conference_ids=ids(c.id for c in held if c.ways),
    )


def chairs_by_role(index: FactIndex, period: Period) -> Figure:
    held = index.held_between(period.start, period.end)
    groups: dict[str, list[str]] = defaultdict(list)
    for c in held:
        groups[CHAIR_ROLES.get(c.chair_role, "Not recorded")].append(c.id)
    otherwise = [c.id for c in held if c.chaired_otherwise]
    rows = (*rows_from(groups, len(held), CHAIR_ROLES.values()),)
    rows += (
        Row(
            "Chaired otherwise than independently",
            len(otherwise),
            share(len(otherwise), len(held)),
            ids(otherwise),
        ),
    )
    lcpp = groups.get(CHAIR_ROLES["lcpp"], [])
    return Figure(
        "chairs_by_role",
        "Conferences chaired by a Lead Child Protection Practitioner",
        "Numerator: conferences held in the period chaired by a Lead Child Protection Practitioner. "
        "Denominator: conferences held in the period. Rows: conferences by the chair's role (a conference "
        "recorded before the role was asked is counted as independently chaired), and those chaired "
        "otherwise than independently: by a Lead Child Protection Practitioner, or by a chair who stated "
        "they took part in the section 47 enquiry or held the case.",
        CONFERENCES,
        len(lcpp),
        len(lcpp),
        len(held),
        share(len(lcpp), len(held)),
        rows,
        conference_ids=ids(lcpp),
    )


def non_independent_with_reason(index: FactIndex, period: Period) -> Figure:
    held = index.held_between(period.start, period.end)
    otherwise = [c.id for c in held if c.chaired_otherwise]
    reasoned = [c.id for c in held if c.chaired_otherwise and c.chair_reason_given]
    return rate(
        "chair_not_independent_reason",
        "Conferences not independently chaired that gave a reason",
        "Numerator: conferences held in the period chaired otherwise than independently (by a Lead Child "
        "Protection Practitioner, or by a chair who took part in the section 47 enquiry or held the case) "
        "with the reason recorded. Denominator: all conferences held in the period chaired otherwise than "
        "independently. Where local rules require an independent chair the reason is required.",
        CONFERENCES,
        reasoned,
        otherwise,
        kind="conference_ids",
    )
