"""A subject-access bundle as CSV: one row per item held (disclosed) and per item withheld (issue 18).

Columns: status (disclosed / withheld), conference, kind, where, reference, text (disclosed only),
reason (withheld only). A withheld row never carries the item's words.
"""

from __future__ import annotations

from typing import IO

from iro_desktop.export.letters import SubjectAccessBundle
from iro_desktop.export.report_csv import Cell, write_csv

COLUMNS = ("status", "conference", "kind", "where", "reference", "text", "reason")


def bundle_rows(bundle: SubjectAccessBundle) -> list[dict[str, Cell]]:
    rows: list[dict[str, Cell]] = [
        {"status": "disclosed", "conference": h.conference, "kind": h.kind, "where": h.where, "text": h.text}
        for h in bundle.held
    ]
    rows += [
        {
            "status": "withheld",
            "conference": w.conference,
            "kind": w.kind,
            "where": w.where,
            "reference": w.reference,
            "reason": w.reason,
        }
        for w in bundle.withheld
    ]
    return rows


def write_bundle_csv(bundle: SubjectAccessBundle, stream: IO[str]) -> int:
    """Write the bundle's rows; returns how many."""
    return write_csv(bundle_rows(bundle), COLUMNS, stream)
