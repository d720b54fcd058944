"""The shipped example extract as editable tables, written to a folder for a test."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from iro_desktop.store.models import Base

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "history"

Tables = dict[str, list[dict[str, str]]]


def example_tables() -> Tables:
    tables: Tables = {}
    for path in sorted(EXAMPLE.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            tables[path.name] = list(csv.DictReader(handle))
    return tables


def write_extract(folder: Path, tables: Tables) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            columns = list(rows[0]) if rows else list(example_tables()[name][0])
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def row_of(tables: Tables, file: str, column: str, value: str) -> tuple[int, dict[str, str]]:
    """(spreadsheet row number, row) of the first row where `column` is `value` (header is row 1)."""
    for index, row in enumerate(tables[file]):
        if row[column] == value:
            return index + 2, row
    raise KeyError(value)


def snapshot(store) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """Every row of every table, sorted, to compare the store before and after."""
    with store.uow() as uow:
        return {
            table.name: sorted(tuple(map(repr, r)) for r in uow.session.execute(select(table)))
            for table in Base.metadata.sorted_tables
        }
