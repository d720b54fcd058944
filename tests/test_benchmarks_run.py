"""Every benchmark still runs end to end (two had quietly stopped when the booking rules grew). Only that
they run and print their figures is checked here: speed targets are judged by the benchmarks themselves,
never by timed tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# (module, arguments for a short run, a line the run must print)
SHORT_RUNS = [
    ("benchmarks.startup", ["--runs", "1"], "ratio"),
    ("benchmarks.mapping", [], "Target under 16 ms per keystroke"),
    ("benchmarks.decisions", ["--runs", "3"], "record a decision"),
    ("benchmarks.export", ["--repeat", "1"], "export record"),
    ("benchmarks.conference_file", ["--repeat", "1"], "round trip byte-identical: True"),
    ("benchmarks.report", ["--years", "2", "--runs", "1"], "report from store"),
    ("benchmarks.history_import", ["--years", "1"], "second import"),
    ("benchmarks.clocks", [], "today and due"),
    ("benchmarks.encryption", ["--runs", "1", "--years", "1"], "worst ratio"),
    ("benchmarks.projector", ["--keys", "20"], "Target relayout p99 under 16 ms"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("module", "args", "expected"), SHORT_RUNS, ids=[m for m, _a, _e in SHORT_RUNS])
def test_benchmark_runs(module, args, expected, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert expected in result.stdout
