"""The layering contracts of architecture.md, checked by import-linter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "BROKEN" not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


# Issue 14: these services keep their queries in store/ repositories (decision_repository,
# plan_period_repository, plan_repository, record_repository, draft_repository, policy_repository).
SQL_FREE_SERVICES = ("decisions", "plans", "records", "drafts", "guards", "policy")


def _imported_modules(tree: ast.AST) -> list[str]:
    """Every module a file imports, anywhere in it (functions and TYPE_CHECKING blocks included)."""
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    return names + [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0]


def _database_session_calls(tree: ast.AST) -> list[str]:
    """Methods called on the database session itself (`session.x`, `uow.session.x`), not passing it on."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        value = node.value
        direct = isinstance(value, ast.Name) and value.id == "session"
        via_uow = (
            isinstance(value, ast.Attribute)
            and value.attr == "session"
            and isinstance(value.value, ast.Name)
            and value.value.id == "uow"
        )
        if direct or via_uow:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


@pytest.mark.parametrize("name", SQL_FREE_SERVICES)
def test_service_keeps_its_sql_in_the_store(name):
    path = ROOT / "iro_desktop" / "services" / f"{name}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    assert [m for m in _imported_modules(tree) if m.split(".")[0] == "sqlalchemy"] == []
    assert _database_session_calls(tree) == []
