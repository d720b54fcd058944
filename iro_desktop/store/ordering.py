"""ORDER BY terms that give the same order on SQLite and on PostgreSQL (issue 16).

What a fingerprint, a hand-off or a report is made of must come out in one order whatever the database:
text by code point (SQLite's BINARY collation; PostgreSQL's "C", not the server's locale, which sorts
"dad" before "Mum" and ignores hyphens) and NULL before any value (SQLite's rule; PostgreSQL puts NULL
last). Lists people read (names, agencies) keep the database's own collation.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, nulls_first
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class CodepointText(ColumnElement[Any]):
    """A text column compared by code point (COLLATE "C" on PostgreSQL; as it is on SQLite)."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(CodepointText)
def _as_it_is(element: CodepointText, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(CodepointText, "postgresql")
def _c_collation(element: CodepointText, compiler: SQLCompiler, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "C"'


def stable_order(*columns: Any) -> list[Any]:
    """ORDER BY terms for `columns`, ascending, in the same order on every database."""
    terms = []
    for column in columns:
        term = CodepointText(column) if isinstance(getattr(column, "type", None), String) else column
        terms.append(nulls_first(term))
    return terms
