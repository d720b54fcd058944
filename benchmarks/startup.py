"""Start-up: process start to the main window's first paint, against a bare PySide6 window.

Run: `python -m benchmarks.startup [--runs N]` (offscreen; no display needed). Target: ratio <= 2.0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and o is w:
            print(f"first-paint {time.time():.6f}", flush=True); QTimer.singleShot(0, app.quit)
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""


def _timings(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from process start to each mark the process prints ("first-paint", "ready")."""
    start = time.time()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    marks = {}
    for line in out.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("first-paint", "ready"):
            marks[name] = float(stamp) - start
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IRO_DESKTOP_EXIT_AFTER_FIRST_PAINT="1")
    with tempfile.TemporaryDirectory() as data:
        subprocess.run(
            [sys.executable, "-m", "iro_desktop", "--data-dir", data, "demo"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        app_cmd = [sys.executable, "-m", "iro_desktop", "--data-dir", data]
        bare_cmd = [sys.executable, "-c", BARE]
        _timings(bare_cmd, env)  # warm the OS file cache for both
        _timings(app_cmd, env)
        bare, app, ready = [], [], []
        for _ in range(args.runs):
            bare.append(_timings(bare_cmd, env)["first-paint"])
            marks = _timings(app_cmd, env)
            app.append(marks["first-paint"])
            ready.append(marks["ready"])
    b, a, r = statistics.median(bare), statistics.median(app), statistics.median(ready)
    for label, median, runs in (("bare PySide6 window", b, bare), ("IRO Desktop (demo) ", a, app)):
        low, high = min(runs) * 1000, max(runs) * 1000
        print(f"{label} : median {median * 1000:7.1f} ms  (min {low:.1f}, max {high:.1f})")
    print(f"ratio               : {a / b:.2f}  (target <= 2.0, aim 1.3)")
    print(f"records open, shown : median {r * 1000:7.1f} ms  (store opened and every view filled)")


if __name__ == "__main__":
    main()
