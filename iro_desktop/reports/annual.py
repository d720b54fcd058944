"""The annual report: every figure for a period beside the same figure for the previous period."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.reports.facts import ReportFacts
from iro_desktop.reports.figure import Figure
from iro_desktop.reports.figures import SECTIONS, compute_figures
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.periods import Period
from iro_desktop.reports.rules import ReportRules


@dataclass(frozen=True)
class AnnualReport:
    period: Period
    previous_period: Period
    figures: tuple[Figure, ...]
    previous_figures: tuple[Figure, ...]
    rules: ReportRules

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def previous(self, key: str) -> Figure:
        for figure in self.previous_figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def sections(self) -> list[tuple[str, list[tuple[Figure, Figure]]]]:
        """(section title, [(figure, same figure for the previous period)]) in report order."""
        return [
            (title, [(self.figure(k), self.previous(k)) for k in keys]) for title, keys in SECTIONS.items()
        ]


def annual_report(facts: ReportFacts, period: Period, rules: ReportRules | None = None) -> AnnualReport:
    """Compute every figure for `period` and for the period of the same length before it."""
    rules = rules or ReportRules()
    index = FactIndex.build(facts)
    previous = period.previous()
    return AnnualReport(
        period,
        previous,
        compute_figures(index, period, rules),
        compute_figures(index, previous, rules),
        rules,
    )
