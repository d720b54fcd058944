"""The layering contracts of architecture.md, checked by import-linter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "BROKEN" not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout
