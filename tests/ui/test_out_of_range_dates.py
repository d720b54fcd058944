"""Issue 13 item 6: no screen can be broken by a value already in the store. Dates of 9999-12-31 (and
0001-01-01) written into the demo store by SQL: every view still renders, in a fresh process (so a crash
of the renderer fails this test instead of the suite), and the conference shows a date problem."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from iro_desktop.cli import VIEW_NAMES, main
from iro_desktop.store.location import resolve_location
from tests.store_files import raw_connect

FAR = "9999-12-31"
UPDATES = (
    f"UPDATE conferences SET clock_start = '{FAR}' WHERE rowid = (SELECT min(rowid) FROM conferences)",
    f"UPDATE conferences SET scheduled_date = '{FAR}' WHERE rowid = (SELECT max(rowid) FROM conferences)",
    "UPDATE conferences SET held_on = '0001-01-01' WHERE rowid = "
    "(SELECT min(rowid) FROM conferences WHERE held_on IS NOT NULL)",
    f"UPDATE children SET date_of_birth = '{FAR}' WHERE rowid = (SELECT min(rowid) FROM children)",
    f"UPDATE plan_actions SET by_when = '{FAR}'",
    f"UPDATE child_plan_history SET started_on = '{FAR}'",
)


def _far_dates_store(tmp_path: Path):
    location = resolve_location(tmp_path / "data", environ={})
    assert main(["--data-dir", str(location.data_dir), "demo"]) == 0
    conn = raw_connect(location.sqlite_path)
    try:
        for statement in UPDATES:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return location


def test_every_view_renders_with_far_dates_in_the_store(tmp_path):
    location = _far_dates_store(tmp_path)
    out = tmp_path / "shots"
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from iro_desktop.app import take_screenshot
        from iro_desktop.services.sign_in import sign_in
        from iro_desktop.store.location import resolve_location
        location = resolve_location({str(location.data_dir)!r}, environ={{}})
        def open_signed():  # as the demo chair, an administrator: every view is drawn
            opened = sign_in(location, "chair", "demo-chair-2026")
            return opened.store, opened.services
        for view in {list(VIEW_NAMES)!r}:
            shot = Path({str(out)!r}) / f"{{view}}.png"
            take_screenshot(location, shot, view, (1280, 800), open_signed=open_signed)
            print("drawn", view, flush=True)
    """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    drawn = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("drawn ")]
    assert drawn == list(VIEW_NAMES)
    for view in VIEW_NAMES:
        assert (out / f"{view}.png").stat().st_size > 1000
    assert "OverflowError" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_far_date_is_a_problem_on_its_row(tmp_path):
    from datetime import date

    from iro_desktop.domain.clocks import ClockState
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.registry import Services
    from tests.store_files import open_keyed

    location = _far_dates_store(tmp_path)
    store = open_keyed(location)
    try:
        services = Services.build(
            ServiceContext(uow=store.uow, today=lambda: date(2026, 11, 23), session=SignedIn(SYSTEM_USER))
        )
        overview = services.clocks.today_and_due()
        problems = [i for i in overview.out_of_timescale if i.state is ClockState.DATE_PROBLEM]
        assert problems, overview
        assert all("outside the dates" in i.detail for i in problems)
        assert all("9999-12-31" in i.detail or "0001-01-01" in i.detail for i in problems)
    finally:
        store.close()
