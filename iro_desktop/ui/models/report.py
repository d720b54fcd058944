"""Table models of the annual report: the figures beside the previous period, a figure's breakdown,
and the records behind a figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iro_desktop.reports.annual import AnnualReport
from iro_desktop.reports.drilldown import DrillRow
from iro_desktop.reports.figure import Figure, Row, headline_text
from iro_desktop.ui.models.table import Column, ObjectTableModel


@dataclass(frozen=True)
class FigureLine:
    section: str
    figure: Figure
    previous: Figure


@dataclass(frozen=True)
class BreakdownLine:
    row: Row
    previous: Row | None


def number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def headline(figure: Figure) -> str:
    """ "12" for a count; "5 of 6 (83.3%)" for a rate; a category mix names what it counts."""
    count = number(figure.value if figure.denominator is None else figure.numerator)
    return headline_text(figure, count, number(figure.denominator or 0))


def long_date(day: date | None) -> str:
    return "" if day is None else f"{day.day} {day:%b %Y}"


def figure_lines(report: AnnualReport) -> list[FigureLine]:
    return [FigureLine(title, f, p) for title, pairs in report.sections() for f, p in pairs]


def breakdown_lines(figure: Figure, previous: Figure) -> list[BreakdownLine]:
    before = {r.label: r for r in previous.rows}
    return [BreakdownLine(r, before.get(r.label)) for r in figure.rows]


def figures_model() -> ObjectTableModel[FigureLine]:
    """Columns: figure, this period, previous period, numerator, denominator, unit, section; the
    definition is every cell's tooltip on the first three columns."""
    return ObjectTableModel(
        [
            Column("Figure", lambda x: x.figure.title, lambda x: x.figure.definition),
            Column("This period", lambda x: headline(x.figure), lambda x: x.figure.definition),
            Column("Previous period", lambda x: headline(x.previous), lambda x: x.previous.definition),
            Column("Numerator", lambda x: number(x.figure.numerator)),
            Column("Denominator", lambda x: number(x.figure.denominator)),
            Column("Counted in", lambda x: x.figure.unit),
            Column("Section", lambda x: x.section),
        ]
    )


def breakdown_model() -> ObjectTableModel[BreakdownLine]:
    return ObjectTableModel(
        [
            Column("Line", lambda x: x.row.label),
            Column("Count", lambda x: number(x.row.count)),
            Column("Share", lambda x: percent(x.row.percentage)),
            Column("Previous count", lambda x: number(x.previous.count) if x.previous else ""),
            Column("Previous share", lambda x: percent(x.previous.percentage) if x.previous else ""),
        ]
    )


def drill_model() -> ObjectTableModel[DrillRow]:
    return ObjectTableModel(
        [
            Column("Record", lambda x: x.kind),
            Column("Family reference", lambda x: x.family_reference),
            Column("Child", lambda x: x.child),
            Column("Date", lambda x: long_date(x.day)),
            Column("Type", lambda x: x.type_label),
            Column("Status", lambda x: x.status),
        ]
    )
