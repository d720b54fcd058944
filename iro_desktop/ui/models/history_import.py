"""The table of problems found in an extract: file, row, column and what to do."""

from __future__ import annotations

from iro_desktop.domain.history.format import ExtractProblem
from iro_desktop.ui.models.table import Column, ObjectTableModel


def problem_model() -> ObjectTableModel[ExtractProblem]:
    return ObjectTableModel[ExtractProblem](
        [
            Column("File", lambda p: p.file),
            Column("Row", lambda p: str(p.row) if p.row else "whole file"),
            Column("Column", lambda p: p.field or "—"),
            Column("Problem", lambda p: p.message, tooltip=lambda p: p.message),
        ]
    )
