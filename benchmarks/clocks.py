"""Benchmark: 'Today and due' over a large caseload. Run: python -m benchmarks.clocks [--history]

Default: the time to compute the overview for N families with a held initial conference and a booked
review each, against a baseline measured in the same run (listing the same conferences without clocks).

--history: a store holding ten years of a large council's history (benchmarks/history_import.py's
fictional extract through the import service: ~3,200 families, ~12,000 conferences), on a day three
weeks after the extract's last conference (so the pickers' recent window is full). Times what a chair
meets on day one: Today and due (beside the straightforward computation of every clock of every
conference, as the app did before), the families register (search with no filter, and the area's
refresh), the conference pickers of the meeting and decisions areas, and everything a "conferences"
announcement refreshes during a meeting (the Today page hidden); the baseline is listing every
conference (services.conferences.all()).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store

TODAY = date(2026, 11, 23)
HISTORY_TODAY = date(2026, 4, 20)  # the generated extract ends on 31 Mar 2026
TARGET_MS = 100


def _median_ms(run: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(families: int = 200, runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(resolve_location(Path(tmp) / "data", environ={}))
        services = Services.build(
            ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        for n in range(families):
            family = services.families.create_family(
                f"B-{n:05d}", f"Family {n}", [ChildInput("Zoë", "Brontë", date(2020, 1, 1))]
            )
            held = TODAY - timedelta(days=20 + n % 60)
            first = services.conferences.book(
                family.id, ConferenceType.INITIAL, held, clock_start=held - timedelta(days=14)
            )
            services.conferences.mark_held(first.id, held, "benchmark")
            services.conferences.book(
                family.id, ConferenceType.FIRST_REVIEW, held + timedelta(days=80), lateness_reason="b"
            )
        baseline, measured = [], []
        for _ in range(runs):
            start = time.perf_counter()
            services.conferences.all()
            baseline.append(time.perf_counter() - start)
            start = time.perf_counter()
            overview = services.clocks.today_and_due()
            measured.append(time.perf_counter() - start)
        store.close()
    print(f"families={families} conferences={2 * families} upcoming={len(overview.upcoming)}")
    print(f"baseline (list conferences): median {statistics.median(baseline) * 1000:.1f} ms")
    print(f"today and due (all clocks):  median {statistics.median(measured) * 1000:.1f} ms")


def history(years: int = 10, runs: int = 5) -> None:
    """Day one after importing `years` of history: every figure beside the same run's baseline."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.history_import import generate

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate(work / "extract", years=years)
        store = open_store(resolve_location(work / "data", environ={}))
        try:
            # Imported as of the generator's day (nothing in it is in the future), then looked at three
            # weeks after its last conference.
            importer = Services.build(
                ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
            )
            imported = importer.history_import.import_history(work / "extract")
            assert imported.imported, imported.problems[:5]
            late = importer.clocks.today_and_due()
            later = (
                f"{'today and due on ' + f'{TODAY:%d %b %Y}':<38}: "
                f"{_median_ms(importer.clocks.today_and_due, runs):7.1f} ms  "
                f"({len(late.out_of_timescale)} reviews not booked, eight months after the extract)"
            )
            services = Services.build(
                ServiceContext(uow=store.uow, today=lambda: HISTORY_TODAY, session=SignedIn(SYSTEM_USER))
            )
            _history_figures(services, work, imported.added.text(), runs, later)
        finally:
            store.close()


def _history_figures(services: Services, work: Path, added: str, runs: int, later: str) -> None:
    from PySide6.QtWidgets import QApplication

    from iro_desktop.ui.areas.families import FamiliesArea
    from iro_desktop.ui.areas.meeting import MeetingArea
    from iro_desktop.ui.areas.today import TodayArea
    from iro_desktop.ui.events import ChangeHub
    from iro_desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    hub = ChangeHub()
    today_area = TodayArea(services, hub)
    families_area = FamiliesArea(services, hub)
    meeting = MeetingArea(services, hub, Settings.at(work / "settings.ini"))
    overview = services.clocks.today_and_due()
    figures: list[tuple[str, float]] = [
        ("today and due (service)", _median_ms(services.clocks.today_and_due, runs)),
        ("today and due area refresh", _median_ms(today_area.refresh, runs)),
        ("families.search() (no filter)", _median_ms(services.families.search, runs)),
        ("families area refresh", _median_ms(families_area.refresh, runs)),
        ("meeting picker refresh", _median_ms(meeting.refresh, runs)),
        ("decisions picker refresh", _median_ms(meeting.decisions.refresh, runs)),
        ("'conferences' announced, in a meeting", _median_ms(lambda: _announce(hub, app), runs)),
    ]
    baseline = _median_ms(services.conferences.all, runs)
    everything = _straightforward(services, runs)
    print(f"history store      : {added}; day {HISTORY_TODAY:%d %b %Y}")
    print(
        f"today and due      : {len(overview.upcoming)} coming up, {len(overview.out_of_timescale)} out of "
        f"timescale or due, {len(overview.records_due)} records; meeting picker {meeting.picker.count() - 1} "
        f"conferences (older ones behind 'Show older conferences')"
    )
    print(f"{'baseline: conferences.all()':<38}: {baseline:7.1f} ms  (every conference, no clocks)")
    if everything is not None:
        print(f"{'before: every clock of every one':<38}: {everything:7.1f} ms  (Today and due as it was)")
    for name, ms in figures:
        verdict = "met" if ms < TARGET_MS else "MISSED"
        print(
            f"{name:<38}: {ms:7.1f} ms  = {ms / baseline:4.2f}x baseline  (target {TARGET_MS} ms: {verdict})"
        )
    print(later)


def _announce(hub: Any, app: Any) -> None:
    hub.announce("conferences")
    app.processEvents()


def _straightforward(services: Services, runs: int) -> float | None:
    """The overview the way it was computed before (tests/services/today_reference.py), if present."""
    try:
        from tests.services.today_reference import today_and_due_everything
    except ImportError:
        return None
    assert today_and_due_everything(services.ctx) == services.clocks.today_and_due()
    return _median_ms(lambda: today_and_due_everything(services.ctx), runs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--history", action="store_true", help="a store with ten years of imported history")
    parser.add_argument("--years", type=int, default=10, help="years of history (with --history)")
    args = parser.parse_args()
    if args.history:
        history(args.years)
    else:
        main()
