"""Benchmark: 'Today and due' over a large caseload. Run: python -m benchmarks.clocks

Prints the time to compute the overview for N families with a held initial conference and a booked
review each, against a baseline measured in the same run (listing the same conferences without clocks).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store

TODAY = date(2026, 11, 23)


def main(families: int = 200, runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(resolve_location(Path(tmp) / "data", environ={}))
        services = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY))
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


if __name__ == "__main__":
    main()
