"""Launch the app many times under Xvfb and count how each launch ended, with what each left in the logs
folder (issue 14 item 5: two of about 50 launches had died with SIGABRT before their window appeared).

Run: `python -m benchmarks.launches [--launches 50] [--reset]`. Each launch signs in with the demo chair
(the start-up's test hook), shows the main window filled, and quits. `--reset` starts Xvfb without
`-noreset`, as the launches that aborted had it (see `benchmarks.startup.x_display`); `--bare` launches
a bare PySide6 window instead of the app (the same aborts, without the app).
"""

from __future__ import annotations

import argparse
import collections
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.startup import BARE, DEMO_SIGN_IN, ROOT, x_display


def _ending(code: int) -> str:
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit {code}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--launches", type=int, default=50)
    parser.add_argument("--reset", action="store_true", help="Xvfb without -noreset (as before)")
    parser.add_argument("--bare", action="store_true", help="a bare PySide6 window instead of the app")
    args = parser.parse_args()
    endings: collections.Counter[str] = collections.Counter()
    logs: list[str] = []
    with x_display(reset=args.reset) as (env, where), tempfile.TemporaryDirectory() as data:
        subprocess.run(
            [sys.executable, "-m", "iro_desktop", "--data-dir", data, "demo"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**env, "QT_QPA_PLATFORM": "offscreen"},
        )
        app_env = {**env, "IRO_DESKTOP_STARTUP_MARKS": "quit", "IRO_DESKTOP_TEST_SIGN_IN": DEMO_SIGN_IN}
        cmd = (
            [sys.executable, "-c", BARE]
            if args.bare
            else [sys.executable, "-m", "iro_desktop", "--data-dir", data]
        )
        for n in range(args.launches):
            result = subprocess.run(
                cmd, cwd=ROOT, env=app_env, capture_output=True, text=True, check=False, timeout=300
            )
            ending = _ending(result.returncode)
            endings[ending] += 1
            if result.returncode != 0:
                left = sorted((Path(data) / "logs").glob("native-crash-*.log"))
                text = left[-1].read_text(encoding="utf-8") if left else "(no native-crash log)"
                stderr = result.stderr.strip().splitlines()[-3:]
                logs.append(f"launch {n + 1}: {ending}\n  stderr: {' | '.join(stderr)}\n  log: {text[:600]}")
    print(f"{args.launches} launches of {'a bare window' if args.bare else 'IRO Desktop'} on {where}:")
    for ending, count in endings.most_common():
        print(f"  {ending}: {count}")
    for entry in logs:
        print(entry)


if __name__ == "__main__":
    main()
