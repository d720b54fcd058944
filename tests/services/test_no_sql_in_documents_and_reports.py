"""SQL stays in the store (issue 14 item 2): the document, report, snapshot and conference file services
import no SQLAlchemy and run no statement of their own; their queries live in store/ repositories."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[2] / "iro_desktop" / "services"
MODULES = sorted(
    [
        SERVICES / "document_builder.py",
        SERVICES / "documents.py",
        SERVICES / "report_facts.py",
        SERVICES / "snapshot.py",
        *(SERVICES / "conference_file").glob("*.py"),
        SERVICES / "history_import.py",
        SERVICES / "census.py",
    ]
)
# Session methods that run or build SQL: a service asks a repository instead.
STATEMENT_CALLS = frozenset({"execute", "scalars", "scalar", "query"})


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SERVICES)))
def test_module_imports_no_sqlalchemy(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = sorted(n for n in _imports(tree) if n == "sqlalchemy" or n.startswith("sqlalchemy."))
    assert found == [], f"{path.name} imports {found}: move the query into a store/ repository"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SERVICES)))
def test_module_runs_no_statement_on_a_session(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        f"line {node.lineno}: .{node.func.attr}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in STATEMENT_CALLS
        and "session" in ast.unparse(node.func.value)
    ]
    assert calls == [], f"{path.name} runs statements itself: {calls}"


def test_the_check_sees_an_import_and_a_statement():
    tree = ast.parse("from sqlalchemy.orm import Session\nimport sqlalchemy\nuow.session.execute(stmt)\n")
    assert _imports(tree) == {"sqlalchemy.orm", "sqlalchemy"}
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    assert call.func.attr in STATEMENT_CALLS  # type: ignore[attr-defined]
