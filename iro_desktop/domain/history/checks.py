"""Checks across records: references between files and to the records already held, duplicate family
references, decisions that fit their conference, plans that start and end at their conferences, and
plans that overlap for the same child."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from iro_desktop.domain.conference import ConferenceStatus, ConferenceType
from iro_desktop.domain.decisions import outcome_problems
from iro_desktop.domain.history.format import (
    ATTENDANCE,
    CHILDREN,
    CODES,
    CONFERENCES,
    DECISIONS,
    FAMILIES,
    PLANS,
    Extract,
    ExtractProblem,
)
from iro_desktop.domain.history.ids import CHILD, CONFERENCE, FAMILY, PERSON, PLAN, IdMaker
from iro_desktop.domain.history.rows import HOUSEHOLD_ROLES, MAP_HINT
from iro_desktop.domain.people import Role

Progress = Callable[[int], None]


@dataclass(frozen=True)
class KnownConference:
    family_id: str
    conference_type: ConferenceType
    status: ConferenceStatus
    day: date


@dataclass(frozen=True)
class KnownPlan:
    id: str
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class Known:
    """What the records already hold that the extract may meet, keyed by the ids the import gives."""

    family_ids: frozenset[str] = frozenset()
    references: Mapping[str, str] = field(default_factory=dict)  # family reference -> family id
    children: Mapping[str, str] = field(default_factory=dict)  # child id -> family id
    conferences: Mapping[str, KnownConference] = field(default_factory=dict)
    plans: Mapping[str, tuple[KnownPlan, ...]] = field(default_factory=dict)  # child id -> plans
    decisions: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (conference, child) -> id
    stood_down_reasons: frozenset[str] = frozenset()
    factors: frozenset[str] = frozenset()
    invitations: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (conference, person) -> id


def _fmt(day: date | None) -> str:
    return "open" if day is None else f"{day:%d/%m/%Y}"


class _Checker:
    def __init__(self, extract: Extract, known: Known, ids: IdMaker) -> None:
        self.x, self.known, self.ids = extract, known, ids
        self.problems: list[ExtractProblem] = []
        self.source = extract.source_system
        # child id -> family id ("" when the child's family is itself missing: nothing to compare)
        self.children: dict[str, str] = dict(known.children)
        self.children.update(
            {
                ids(CHILD, c.source_id): ids(FAMILY, c.family) if self.family_known(c.family) else ""
                for c in extract.children
            }
        )
        self.conferences: dict[str, KnownConference] = dict(known.conferences)
        self.conferences.update(
            {
                ids(CONFERENCE, c.source_id): KnownConference(
                    ids(FAMILY, c.family), c.conference_type, c.status, c.day
                )
                for c in extract.conferences
            }
        )

    def family_known(self, family: str) -> bool:
        return family in self.x.seen(FAMILIES) or self.ids(FAMILY, family) in self.known.family_ids

    def add(self, file: str, row: int, column: str, message: str) -> None:
        self.problems.append(ExtractProblem(file, row, column, message))

    def exists(
        self, file: str, kind: str, source_id: str, in_records: Iterable[str] | Mapping[str, object]
    ) -> bool:
        """In this extract (even on a faulty row) or imported earlier from the same source."""
        return source_id in self.x.seen(file) or self.ids(kind, source_id) in in_records

    def missing(self, what: str, file: str, source_id: str) -> str:
        return f"No {what} “{source_id}” in {file}, nor imported before from “{self.source}”."

    def families(self) -> None:
        first: dict[str, int] = {}
        for f in self.x.families:
            key = f.reference.casefold()
            if key in first:
                self.add(
                    FAMILIES,
                    f.row,
                    "iro_family_reference",
                    f"Row {first[key]} has the same family reference.",
                )
                continue
            first[key] = f.row
            holder = self.known.references.get(f.reference)
            if holder is not None and holder != self.ids(FAMILY, f.source_id):
                self.add(
                    FAMILIES,
                    f.row,
                    "iro_family_reference",
                    f"A family with the reference “{f.reference}” is already in the records, entered in IRO "
                    "Desktop or imported under another id: the import only adds families.",
                )

    def family_exists(self, file: str, row: int, column: str, family: str) -> bool:
        if self.exists(FAMILIES, FAMILY, family, self.known.family_ids):
            return True
        self.add(file, row, column, self.missing("family", FAMILIES, family))
        return False

    def child_rows(self) -> None:
        for c in self.x.children:
            self.family_exists(CHILDREN, c.row, "fami_family_id", c.family)

    def conference_rows(self) -> None:
        replaced: dict[str, int] = {}
        for c in self.x.conferences:
            self.family_exists(CONFERENCES, c.row, "fami_family_id", c.family)
            family = self.ids(FAMILY, c.family)
            if c.stood_down_reason and c.stood_down_reason not in self.known.stood_down_reasons:
                shown = ", ".join(sorted(self.known.stood_down_reasons))
                self.add(
                    CONFERENCES,
                    c.row,
                    "iro_stood_down_reason",
                    f"Unknown code “{c.stood_down_reason}”: use one of the local stood-down reasons: "
                    f"{shown}{MAP_HINT}.",
                )
            if c.previous:
                other = self.conference(CONFERENCES, c.row, "iro_previous_conference_id", c.previous)
                if other is not None:
                    if other.family_id != family:
                        self.add(
                            CONFERENCES,
                            c.row,
                            "iro_previous_conference_id",
                            "The previous conference is another family's.",
                        )
                    elif other.status is not ConferenceStatus.HELD:
                        self.add(
                            CONFERENCES,
                            c.row,
                            "iro_previous_conference_id",
                            f"The previous conference “{c.previous}” was not held "
                            f"({other.status.label.lower()}).",
                        )
                    elif other.day > c.day:
                        self.add(
                            CONFERENCES,
                            c.row,
                            "iro_previous_conference_id",
                            f"The previous conference “{c.previous}” is later ({_fmt(other.day)}) "
                            "than this one.",
                        )
            if c.replaces:
                other = self.conference(CONFERENCES, c.row, "iro_replaces_conference_id", c.replaces)
                if other is not None:
                    if other.family_id != family:
                        self.add(
                            CONFERENCES,
                            c.row,
                            "iro_replaces_conference_id",
                            "That conference is another family's.",
                        )
                    elif other.status is not ConferenceStatus.STOOD_DOWN:
                        self.add(
                            CONFERENCES,
                            c.row,
                            "iro_replaces_conference_id",
                            f"Conference “{c.replaces}” was not stood down, so nothing replaced it.",
                        )
                    elif other.day > c.day:
                        self.add(
                            CONFERENCES,
                            c.row,
                            "iro_replaces_conference_id",
                            f"The stood-down conference “{c.replaces}” is later ({_fmt(other.day)}) "
                            "than this one.",
                        )
                if c.replaces in replaced:
                    self.add(
                        CONFERENCES,
                        c.row,
                        "iro_replaces_conference_id",
                        f"Row {replaced[c.replaces]} already replaces conference “{c.replaces}”.",
                    )
                replaced.setdefault(c.replaces, c.row)

    def conference(self, file: str, row: int, column: str, source_id: str) -> KnownConference | None:
        """The conference referred to, if known and readable; a problem when it is nowhere."""
        if not self.exists(CONFERENCES, CONFERENCE, source_id, self.conferences):
            self.add(file, row, column, self.missing("conference", CONFERENCES, source_id))
            return None
        return self.conferences.get(self.ids(CONFERENCE, source_id))

    def child(self, file: str, row: int, column: str, source_id: str) -> str | None:
        """The family of the child referred to, if known; a problem when the child is nowhere."""
        if not self.exists(CHILDREN, CHILD, source_id, self.children):
            self.add(file, row, column, self.missing("child", CHILDREN, source_id))
            return None
        return self.children.get(self.ids(CHILD, source_id))

    def decision_rows(self) -> None:
        for d in self.x.decisions:
            conference = self.conference(DECISIONS, d.row, "iro_conference_id", d.conference)
            family = self.child(DECISIONS, d.row, "pers_person_id", d.child)
            if conference is None:
                continue
            if conference.status is not ConferenceStatus.HELD:
                self.add(
                    DECISIONS,
                    d.row,
                    "iro_conference_id",
                    f"Conference “{d.conference}” was {conference.status.label.lower()}: decisions come only "
                    "from held conferences.",
                )
            if family and family != conference.family_id:
                self.add(
                    DECISIONS,
                    d.row,
                    "pers_person_id",
                    f"The child is not in the family of conference “{d.conference}”.",
                )
            for p in outcome_problems(d.outcome, conference.conference_type):
                self.add(DECISIONS, d.row, "iro_decision_outcome", p.message)
            unknown = [f for f in d.factors if f not in self.known.factors]
            if unknown:
                self.add(
                    DECISIONS,
                    d.row,
                    "iro_significant_factors",
                    f"Unknown factor code(s) {', '.join(unknown)}: use the codes of the local list "
                    f"({', '.join(sorted(self.known.factors))}), separated by “;”{MAP_HINT}.",
                )
            if d.cin_meeting_date is not None and d.cin_meeting_date < conference.day:
                self.add(
                    DECISIONS,
                    d.row,
                    "iro_cin_meeting_date",
                    "The child in need meeting cannot be before the conference.",
                )
            pair = (self.ids(CONFERENCE, d.conference), self.ids(CHILD, d.child))
            held = self.known.decisions.get(pair)
            if held is not None and held != self.ids.decision(d.conference, d.child):
                self.add(
                    DECISIONS,
                    d.row,
                    "pers_person_id",
                    "The records already hold a decision for this child at this conference, made in "
                    "IRO Desktop.",
                )

    def plan_rows(self) -> None:
        by_child: dict[str, list[_Period]] = {}
        extract_ids = {self.ids(PLAN, p.source_id) for p in self.x.plans}
        for p in self.x.plans:
            family = self.child(PLANS, p.row, "cppl_person_id", p.child)
            for column, source_id, day, what in (
                ("iro_started_at_conference_id", p.started_at, p.started_on, "start"),
                ("iro_ended_at_conference_id", p.ended_at, p.ended_on, "end"),
            ):
                if not source_id:
                    continue
                conference = self.conference(PLANS, p.row, column, source_id)
                if conference is None:
                    continue
                if family and conference.family_id != family:
                    self.add(PLANS, p.row, column, f"Conference “{source_id}” is another family's.")
                elif conference.status is not ConferenceStatus.HELD:
                    self.add(PLANS, p.row, column, f"Conference “{source_id}” was not held.")
                elif day is not None and conference.day != day:
                    self.add(
                        PLANS,
                        p.row,
                        column,
                        f"The plan's {what} date is {_fmt(day)} but conference “{source_id}” was held on "
                        f"{_fmt(conference.day)}: a plan {what}s on the day of its conference.",
                    )
            child_id = self.ids(CHILD, p.child)
            by_child.setdefault(child_id, []).append(_period(p.started_on, p.ended_on, f"row {p.row}", p.row))
        for child_id, periods in by_child.items():
            for plan in self.known.plans.get(child_id, ()):
                if plan.id not in extract_ids:
                    periods.append(_period(plan.started_on, plan.ended_on, "already in the records", 0))
            self.overlaps(periods)

    def overlaps(self, periods: list[_Period]) -> None:
        """Flag every plan of the extract that overlaps an earlier-starting (or equal) one: a sweep in
        start order, against the period reaching furthest so far. Of each overlapping pair at least
        one plan of the extract is flagged."""
        periods.sort(key=lambda p: (p.start, p.until or date.max))
        reach: _Period | None = None
        for period in periods:
            if reach is not None and (reach.until is None or reach.until > period.start):
                target, other = (period, reach) if period.row else (reach, period)
                if target.row:
                    self.add(
                        PLANS,
                        target.row,
                        "cppl_cp_plan_start_date",
                        f"Overlaps the child's plan from {_fmt(other.start)} to {_fmt(other.end)} "
                        f"({other.where}): a child is on one plan at a time.",
                    )
            if reach is None or (
                reach.until is not None and (period.until is None or period.until > reach.until)
            ):
                reach = period

    def code_rows(self) -> None:
        """codes.csv rows mapping to the council's local lists: the code must be on the list."""
        lists = {"stood_down_reason": self.known.stood_down_reasons, "significant_factor": self.known.factors}
        for mapping in self.x.codes:
            listed = lists.get(mapping.kind)
            if listed is not None and mapping.our_code not in listed:
                self.add(
                    CODES,
                    mapping.row,
                    "our_code",
                    f"“{mapping.our_code}” is not on the local list of {mapping.kind.replace('_', ' ')}s: "
                    f"use one of {', '.join(sorted(listed))} (Conferences → Local rules).",
                )

    def attendance_rows(self) -> None:
        """Each person the same on every row (name, role, household, and a family member in one family);
        a conference held, and invited no later than it."""
        # person -> (row, name, role, household, family)
        first: dict[str, tuple[int, str, str, str, str]] = {}
        for a in self.x.attendance:
            conference = self.conference(ATTENDANCE, a.row, "iro_conference_id", a.conference)
            family = ""
            if conference is not None:
                family = conference.family_id if Role(a.role) in HOUSEHOLD_ROLES | {Role.CHILD} else ""
                if conference.status is not ConferenceStatus.HELD:
                    self.add(
                        ATTENDANCE,
                        a.row,
                        "iro_conference_id",
                        f"Conference “{a.conference}” was {conference.status.label.lower()}: attendance is "
                        "recorded for held conferences only.",
                    )
                elif a.invited_on is not None and a.invited_on > conference.day:
                    self.add(
                        ATTENDANCE,
                        a.row,
                        "iro_invited_date",
                        f"Invited on {_fmt(a.invited_on)}, after the conference ({_fmt(conference.day)}).",
                    )
            pair = (self.ids(CONFERENCE, a.conference), self.ids(PERSON, a.person))
            held = self.known.invitations.get(pair)
            if held is not None and held != self.ids.invitation(a.conference, a.person):
                self.add(
                    ATTENDANCE,
                    a.row,
                    "iro_person_id",
                    "The records already list this person for this conference, added in IRO Desktop.",
                )
            seen = first.get(a.person)
            if seen is None:
                first[a.person] = (a.row, a.name, a.role, a.household, family)
                continue
            row, name, role, household, their_family = seen
            for column, was, now, what in (
                ("iro_person_name", name, a.name, "name"),
                ("iro_role", role, a.role, "role"),
                ("iro_household_id", household, a.household, "household"),
            ):
                if was != now:
                    self.add(
                        ATTENDANCE,
                        a.row,
                        column,
                        f"Row {row} gives this person the {what} “{was}”, this row “{now}”: a person is "
                        "the same on every row.",
                    )
            if family and their_family and family != their_family:
                self.add(
                    ATTENDANCE,
                    a.row,
                    "iro_conference_id",
                    f"Row {row} lists this family member at another family's conference.",
                )


@dataclass(frozen=True)
class _Period:
    start: date
    end: date | None
    until: date | None  # the end, at least one day after the start (a plan ended on its first day)
    where: str
    row: int  # 0 for a plan already in the records


def _period(start: date, end: date | None, where: str, row: int) -> _Period:
    until = None if end is None else max(end, start + timedelta(days=1))
    return _Period(start, end, until, where, row)


def check_extract(extract: Extract, known: Known, ids: IdMaker) -> list[ExtractProblem]:
    """Every problem across files and with the records already held."""
    checker = _Checker(extract, known, ids)
    checker.code_rows()
    checker.families()
    checker.child_rows()
    checker.conference_rows()
    checker.decision_rows()
    checker.plan_rows()
    checker.attendance_rows()
    return checker.problems
