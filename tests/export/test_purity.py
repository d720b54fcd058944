"""reports/ and export/ import neither Qt nor SQLAlchemy nor the store, services or UI (also held by
the import-linter contract in pyproject.toml; this check reads the source directly)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "iro_desktop"
FORBIDDEN = (
    "PySide6",
    "sqlalchemy",
    "alembic",
    "iro_desktop.store",
    "iro_desktop.services",
    "iro_desktop.ui",
)


@pytest.mark.parametrize("layer", ["reports", "export"])
def test_pure_layers_import_nothing_forbidden(layer):
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
