"""The Children in Need census's child protection rules, checked over the report's plain facts, and
the census's child protection module as rows.

The rule numbers are the DfE's validation rules (as the councils' open-source CIN validator implements
them); the messages are ours, in words a clerk can act on. A plan belongs to a child; its initial
conference is the one that started it (`started_at_conference_id`); its reviews are the child's review
conferences held from its start to its end.

Rule 8730 (NumberOfPreviousCPP present and valid) cannot fail here: the number is worked out from the
child's plans on record (those that ended on or before the plan started), never typed; the module's
rows carry it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from iro_desktop.reports.facts import (
    ICPC_TYPES,
    INITIAL_TYPES,
    REVIEW_TYPES,
    ConferenceFact,
    PlanFact,
    ReportFacts,
)
from iro_desktop.reports.periods import Period

# The census's category of abuse codes, from the app's plan category codes.
CENSUS_CATEGORY: dict[str, str] = {"N": "NEG", "P": "PHY", "S": "SAB", "E": "EMO", "M": "MUL"}

CensusCell = date | int | str | None

# The census's own item names, in the order the module lists them (plus the ids that join the rows).
MODULE_COLUMNS = (
    "LAchildID",
    "CPPID",
    "CPPstartDate",
    "CPPendDate",
    "InitialCategoryOfAbuse",
    "LatestCategoryOfAbuse",
    "NumberOfPreviousCPP",
    "CPPreviewDate",
    "DateOfInitialCPC",
)

RULES: dict[str, str] = {
    "2885": "The plan should start on the date of the initial conference that made it",
    "8840": "A plan cannot start and end on the same day",
    "8925": "A plan cannot end before it starts",
    "8935": "A child can have only one open plan",
    "8940": "A child's plans cannot overlap",
    "8841": "A review conference must fall after the plan's start",
    "8875": "An initial conference cannot be held on a weekend",
    "8905": "The initial category of abuse is missing or not one of the census's codes",
    "8910": "The latest category of abuse is missing or not one of the census's codes",
}


@dataclass(frozen=True)
class CensusProblem:
    """One rule broken by one child's record: the rule's number and words, and what to open."""

    rule: str
    message: str
    child_id: str
    plan_id: str | None = None
    conference_id: str | None = None

    @property
    def title(self) -> str:
        return RULES[self.rule]


def _on(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "no date"


def _plan_reviews(
    plan: PlanFact, reviews: Iterable[ConferenceFact], others: Iterable[PlanFact]
) -> list[ConferenceFact]:
    """The child's review conferences of this plan: held from its start to its end (the conference that
    ended it included), less one that ended another of the child's plans (held on the day this one
    started, it was that plan's review)."""
    ended_others = {p.ended_at_conference_id for p in others if p.id != plan.id and p.ended_at_conference_id}
    out = []
    for conference in reviews:
        assert conference.held_on is not None
        if conference.id == plan.ended_at_conference_id:
            out.append(conference)
        elif conference.id in ended_others:
            continue
        elif plan.started_on <= conference.held_on and (
            plan.ended_on is None or conference.held_on <= plan.ended_on
        ):
            out.append(conference)
    return out


class _Lookup:
    def __init__(self, facts: ReportFacts) -> None:
        self.conferences = {c.id: c for c in facts.conferences}
        self.plans_by_child: dict[str, list[PlanFact]] = defaultdict(list)
        for plan in sorted(facts.plans, key=lambda p: (p.started_on, p.id)):
            self.plans_by_child[plan.child_id].append(plan)
        self.reviews_by_child: dict[str, list[ConferenceFact]] = defaultdict(list)
        for conference in facts.conferences:
            if conference.is_held and conference.conference_type in REVIEW_TYPES:
                for child in conference.child_ids:
                    self.reviews_by_child[child].append(conference)

    def initial_conference(self, plan: PlanFact) -> ConferenceFact | None:
        found = self.conferences.get(plan.started_at_conference_id or "")
        if found is None or not found.is_held or found.conference_type not in INITIAL_TYPES:
            return None
        return found

    def previous_plans(self, plan: PlanFact) -> int:
        """Plans of the child that ended on or before this one started."""
        return sum(
            1
            for other in self.plans_by_child[plan.child_id]
            if other.id != plan.id and other.ended_on is not None and other.ended_on <= plan.started_on
        )


def _plan_problems(plan: PlanFact, look: _Lookup) -> list[CensusProblem]:
    out: list[CensusProblem] = []

    def add(rule: str, message: str, conference_id: str | None = None) -> None:
        # Without a conference of its own, the problem opens at the conference that started the plan.
        where = conference_id or plan.started_at_conference_id
        out.append(CensusProblem(rule, message, plan.child_id, plan.id, where))

    initial = look.initial_conference(plan)
    if initial is not None and initial.held_on != plan.started_on:
        add(
            "2885",
            f"The plan starts on {_on(plan.started_on)} but the initial conference that made it was held on "
            f"{_on(initial.held_on)}.",
            initial.id,
        )
    if plan.ended_on is not None and plan.ended_on == plan.started_on:
        add("8840", f"The plan starts and ends on {_on(plan.started_on)}.")
    if plan.ended_on is not None and plan.ended_on < plan.started_on:
        add("8925", f"The plan ends on {_on(plan.ended_on)}, before it starts on {_on(plan.started_on)}.")
    for review in _plan_reviews(
        plan, look.reviews_by_child[plan.child_id], look.plans_by_child[plan.child_id]
    ):
        if review.held_on is not None and review.held_on <= plan.started_on:
            add(
                "8841",
                f"A review conference on {_on(review.held_on)} is not after the plan's start on "
                f"{_on(plan.started_on)}.",
                review.id,
            )
    initial_code = plan.initial_category or plan.category
    if initial_code not in CENSUS_CATEGORY:
        add(
            "8905",
            f"The initial category is '{initial_code or 'blank'}'; use neglect, physical, sexual, "
            "emotional abuse or multiple.",
        )
    if plan.category not in CENSUS_CATEGORY:
        add(
            "8910",
            f"The latest category is '{plan.category or 'blank'}'; use neglect, physical, sexual, "
            "emotional abuse or multiple.",
        )
    return out


def _child_problems(child_id: str, plans: list[PlanFact]) -> list[CensusProblem]:
    out: list[CensusProblem] = []
    open_plans = [p for p in plans if p.ended_on is None]
    if len(open_plans) > 1:
        starts = ", ".join(_on(p.started_on) for p in open_plans)
        for plan in open_plans[1:]:
            out.append(
                CensusProblem(
                    "8935", f"{len(open_plans)} plans are open (started {starts}).", child_id, plan.id
                )
            )
    for i, first in enumerate(plans):
        for second in plans[i + 1 :]:
            if first.ended_on is None and second.ended_on is None:
                continue  # reported once, as more than one open plan (8935)
            first_end = first.ended_on or date.max
            second_end = second.ended_on or date.max
            if first.started_on < second_end and second.started_on < first_end:
                out.append(
                    CensusProblem(
                        "8940",
                        f"The plan from {_on(first.started_on)} to {_on(first.ended_on)} overlaps the plan "
                        f"from {_on(second.started_on)} to {_on(second.ended_on)}.",
                        child_id,
                        second.id,
                    )
                )
    return out


def census_problems(facts: ReportFacts) -> list[CensusProblem]:
    """Every child protection census rule each child's record breaks, by child then rule."""
    look = _Lookup(facts)
    out: list[CensusProblem] = []
    for child_id, plans in look.plans_by_child.items():
        for plan in plans:
            out += _plan_problems(plan, look)
        out += _child_problems(child_id, plans)
    for conference in facts.conferences:
        held = conference.held_on
        if conference.is_held and conference.conference_type in ICPC_TYPES and held and held.weekday() >= 5:
            day = f"{held:%A} {_on(held)}"
            for child in conference.child_ids:
                message = f"The initial conference was held on a {day}."
                out.append(CensusProblem("8875", message, child, None, conference.id))
    return sorted(out, key=lambda p: (p.child_id, p.rule, p.plan_id or "", p.conference_id or ""))


def problems_for_children(facts: ReportFacts, child_ids: Iterable[str]) -> list[CensusProblem]:
    """The problems of some children only (a record about to be made final)."""
    wanted = set(child_ids)
    return [p for p in census_problems(facts) if p.child_id in wanted]


def module_rows(facts: ReportFacts, period: Period) -> list[dict[str, CensusCell]]:
    """The child protection module for a census year: one row per plan open at any time in `period`,
    and one more per further review conference in the period (the census repeats CPPreviewDate; each
    row carries the plan's items). Categories are census codes (NEG, PHY, SAB, EMO, MUL)."""
    look = _Lookup(facts)
    rows: list[dict[str, CensusCell]] = []
    for child_id, plans in sorted(look.plans_by_child.items()):
        for plan in plans:
            if not plan.is_open_during(period.start, period.end):
                continue
            initial = look.initial_conference(plan)
            base: dict[str, CensusCell] = {
                "LAchildID": child_id,
                "CPPID": plan.id,
                "CPPstartDate": plan.started_on,
                "CPPendDate": plan.ended_on if plan.ended_on and plan.ended_on <= period.end else None,
                "InitialCategoryOfAbuse": CENSUS_CATEGORY.get(plan.initial_category or plan.category, ""),
                "LatestCategoryOfAbuse": CENSUS_CATEGORY.get(plan.category, ""),
                "NumberOfPreviousCPP": look.previous_plans(plan),
                "DateOfInitialCPC": initial.held_on if initial else None,
            }
            reviews = sorted(
                (r.held_on for r in _plan_reviews(plan, look.reviews_by_child[child_id], plans) if r.held_on),
            )
            in_period: list[date | None] = [d for d in reviews if period.contains(d)]
            for review in in_period or [None]:
                rows.append(base | {"CPPreviewDate": review})
    return rows


__all__ = [
    "CENSUS_CATEGORY",
    "CensusCell",
    "MODULE_COLUMNS",
    "RULES",
    "CensusProblem",
    "census_problems",
    "module_rows",
    "problems_for_children",
]
