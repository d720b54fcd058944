"""Look-ups built once from the facts and shared by every figure and both periods."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from iro_desktop.reports.facts import ChildFact, ConferenceFact, PlanFact, ReportFacts


@dataclass
class FactIndex:
    facts: ReportFacts
    children: dict[str, ChildFact]
    conferences: dict[str, ConferenceFact]
    held: list[ConferenceFact]  # held conferences in date order
    plans_by_child: dict[str, list[PlanFact]]  # each child's plans in start order
    held_by_child: dict[str, list[ConferenceFact]]  # each child's held conferences in date order
    held_by_family: dict[str, list[ConferenceFact]]  # each family's held conferences in date order
    held_days: list[date] = field(default_factory=list)  # the held conferences' days, for bisection
    _between: dict[tuple[date, date], list[ConferenceFact]] = field(default_factory=dict)

    @classmethod
    def build(cls, facts: ReportFacts) -> FactIndex:
        held = sorted((c for c in facts.conferences if c.is_held), key=lambda c: (c.day, c.id))
        plans_by_child: dict[str, list[PlanFact]] = defaultdict(list)
        for plan in sorted(facts.plans, key=lambda p: (p.started_on, p.id)):
            plans_by_child[plan.child_id].append(plan)
        held_by_child: dict[str, list[ConferenceFact]] = defaultdict(list)
        held_by_family: dict[str, list[ConferenceFact]] = defaultdict(list)
        for conference in held:
            held_by_family[conference.family_id].append(conference)
            for child_id in conference.child_ids:
                held_by_child[child_id].append(conference)
        return cls(
            facts,
            {c.id: c for c in facts.children},
            {c.id: c for c in facts.conferences},
            held,
            dict(plans_by_child),
            dict(held_by_child),
            dict(held_by_family),
            [c.day for c in held],
        )

    def held_between(self, start: date, end: date) -> list[ConferenceFact]:
        """Held conferences from `start` to `end` inclusive, in date order (a shared list: do not
        change it)."""
        key = (start, end)
        if key not in self._between:
            low, high = bisect_left(self.held_days, start), bisect_right(self.held_days, end)
            self._between[key] = self.held[low:high]
        return self._between[key]

    def previous_held_for_child(self, child_id: str, conference: ConferenceFact) -> ConferenceFact | None:
        """The child's last held conference before `conference` (earlier date, or same date and id
        ordering before it)."""
        previous = None
        for other in self.held_by_child.get(child_id, ()):
            if other.id == conference.id:
                return previous
            previous = other
        return previous

    def plans_open_on(self, day: date) -> list[PlanFact]:
        return [p for p in self.facts.plans if p.is_open_on(day)]
