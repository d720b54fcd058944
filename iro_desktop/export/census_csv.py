"""The census's child protection module as CSV: the census's own item names (CPPstartDate, ...) and
category codes (NEG, PHY, SAB, EMO, MUL), one row per plan and review (see `reports.census`). Dates are
written as the census writes them, YYYY-MM-DD."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from iro_desktop.export.report_csv import Cell, write_csv
from iro_desktop.reports.census import MODULE_COLUMNS


def write_census_module_csv(rows: Sequence[dict[str, Cell]], stream: IO[str]) -> int:
    """Write the module's rows (from `reports.census.module_rows`); returns the number of data rows."""
    return write_csv(rows, MODULE_COLUMNS, stream)
