"""The records behind a figure, as rows a person can read: family reference, child, date, type.

Pure: takes the facts and a `Names` directory (family references, child names, code labels) that
the store fills; the figure objects already carry the ids (`child_ids`, `conference_ids`,
`plan_ids`, and each breakdown row's `ids`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from iro_desktop.reports.annual import AnnualReport
from iro_desktop.reports.facts import CATEGORIES, CONFERENCE_TYPES, ReportFacts
from iro_desktop.reports.figure import CHILDREN, PLANS, Figure, Row


@dataclass(frozen=True)
class Names:
    """What the report shows instead of ids and codes. Empty maps show the ids and codes."""

    family_references: Mapping[str, str] = field(default_factory=dict)  # family id -> reference
    child_names: Mapping[str, str] = field(default_factory=dict)  # child id -> "Given Family"
    reason_labels: Mapping[str, str] = field(default_factory=dict)  # stood-down / end reason code -> label


@dataclass(frozen=True)
class DrillRow:
    """One record behind a figure."""

    kind: str  # "Conference", "Child" or "Plan"
    record_id: str
    family_reference: str
    child: str  # child name(s)
    day: date | None
    type_label: str  # conference type, plan category, or the child's age/status line
    status: str = ""


def _child_names(child_ids: Iterable[str], names: Names) -> str:
    return ", ".join(names.child_names.get(c, c) for c in child_ids)


class Drill:
    """Look-ups over the facts for turning ids into rows (built once per report)."""

    def __init__(self, facts: ReportFacts, names: Names) -> None:
        self.names = names
        self.children = {c.id: c for c in facts.children}
        self.conferences = {c.id: c for c in facts.conferences}
        self.plans = {p.id: p for p in facts.plans}

    def _family(self, family_id: str) -> str:
        return self.names.family_references.get(family_id, family_id)

    def conference_rows(self, conference_ids: Iterable[str]) -> list[DrillRow]:
        rows = []
        for cid in conference_ids:
            c = self.conferences.get(cid)
            if c is None:
                continue
            status = c.status.replace("_", " ")
            if c.stood_down_reason:
                status += f": {self.names.reason_labels.get(c.stood_down_reason, c.stood_down_reason)}"
            rows.append(
                DrillRow(
                    "Conference",
                    c.id,
                    self._family(c.family_id),
                    _child_names(c.child_ids, self.names),
                    c.day,
                    CONFERENCE_TYPES.get(c.conference_type, c.conference_type),
                    status,
                )
            )
        return rows

    def child_rows(self, child_ids: Iterable[str]) -> list[DrillRow]:
        rows = []
        for child_id in child_ids:
            child = self.children.get(child_id)
            if child is None:
                continue
            born = child.date_of_birth
            rows.append(
                DrillRow(
                    "Child",
                    child.id,
                    self._family(child.family_id),
                    self.names.child_names.get(child.id, child.id),
                    born if born is not None else child.expected_date,
                    "Born (date of birth)" if born is not None else "Unborn (expected date)",
                )
            )
        return rows

    def plan_rows(self, plan_ids: Iterable[str]) -> list[DrillRow]:
        rows = []
        for plan_id in plan_ids:
            plan = self.plans.get(plan_id)
            if plan is None:
                continue
            child = self.children.get(plan.child_id)
            ended = ""
            if plan.ended_on is not None:
                reason = self.names.reason_labels.get(plan.end_reason or "", plan.end_reason or "")
                ended = f"ended {plan.ended_on.isoformat()}" + (f" ({reason})" if reason else "")
            rows.append(
                DrillRow(
                    "Plan",
                    plan.id,
                    self._family(child.family_id) if child else "",
                    self.names.child_names.get(plan.child_id, plan.child_id),
                    plan.started_on,
                    f"Plan: {CATEGORIES.get(plan.category, plan.category or 'category not recorded')}",
                    ended or "open",
                )
            )
        return rows

    def for_figure(self, figure: Figure, row: Row | None = None) -> list[DrillRow]:
        """The records behind the figure's headline, or behind one line of its breakdown (a line's
        ids may be children, conferences or plans; each is looked up where it is found)."""
        if row is not None:
            chosen: tuple[str, ...] = row.ids
        elif figure.unit == PLANS:
            chosen = figure.plan_ids or figure.child_ids
        elif figure.unit == CHILDREN:
            chosen = figure.child_ids + figure.conference_ids
        else:
            chosen = figure.conference_ids or figure.child_ids or figure.plan_ids
        rows = self.plan_rows(chosen) + self.conference_rows(chosen) + self.child_rows(chosen)
        return sorted(rows, key=_order)


def _order(row: DrillRow) -> tuple[str, str, date, str]:
    return (row.kind, row.family_reference, row.day or date.min, row.child)


def relabel(report: AnnualReport, labels: Mapping[str, str]) -> AnnualReport:
    """The report with breakdown labels that are codes (stood-down and end reasons) shown as words."""
    if not labels:
        return report

    def fix(figure: Figure) -> Figure:
        if figure.key not in ("conferences_stood_down", "plans_ended"):
            return figure
        rows = tuple(replace(r, label=labels.get(r.label, r.label)) for r in figure.rows)
        return replace(figure, rows=rows)

    return replace(
        report,
        figures=tuple(fix(f) for f in report.figures),
        previous_figures=tuple(fix(f) for f in report.previous_figures),
    )
