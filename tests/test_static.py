"""ruff and mypy are clean: part of the suite so CI enforces them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_clean():
    result = _run(str(BIN / "ruff"), "check", "iro_desktop", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean():
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
