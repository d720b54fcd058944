"""Figures computed from domain data: pure functions over plain data.

Start with `annual_report(ReportFacts(...), reporting_year(2025))`; see `facts.py` for the input.
"""

from iro_desktop.reports.annual import AnnualReport, annual_report
from iro_desktop.reports.facts import ChildFact, ConferenceFact, PlanFact, ReportFacts
from iro_desktop.reports.figure import Figure, Row
from iro_desktop.reports.periods import Period, custom, month, quarter, reporting_year, year_containing
from iro_desktop.reports.rules import AgeBand, ReportRules

__all__ = [
    "AgeBand",
    "AnnualReport",
    "ChildFact",
    "ConferenceFact",
    "Figure",
    "PlanFact",
    "Period",
    "ReportFacts",
    "ReportRules",
    "Row",
    "annual_report",
    "custom",
    "month",
    "quarter",
    "reporting_year",
    "year_containing",
]
