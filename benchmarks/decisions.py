"""Recording a decision (validation, decision row, factors, plan history) and saving one plan action,
against a baseline measured in the same run: one bare single-row UPDATE and commit on the same store.

Run: `python -m benchmarks.decisions [--runs N]`. Target: each user action well under 50 ms, so a chair
never waits on a click while the family is in the room.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.plan import PlanActionInput
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.2f} ms, max {max(samples) * 1000:.2f} ms"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(resolve_location(Path(tmp) / "data", environ={}))
        try:
            services = Services.build(
                ServiceContext(uow=store.uow, today=lambda: date(2026, 11, 23), session=SignedIn(SYSTEM_USER))
            )
            family = services.families.create_family(
                "B-1", "Brontë family", [ChildInput("Zoë", "Brontë", date(2015, 1, 1))]
            )
            child = family.children[0]
            conf = services.conferences.book(
                family.id,
                ConferenceType.INITIAL,
                date(2026, 11, 23),
                clock_start=date(2026, 11, 9),
                advocacy={c.id: ("accepted", "") for c in family.children},
            )
            action = services.plans.add_action(conf.id, PlanActionInput("Mum to attend the programme"))
            baseline, record, edit = [], [], []
            categories = [Category.NEGLECT, Category.EMOTIONAL]
            for n in range(args.runs):
                start = time.perf_counter()
                with store.engine.begin() as conn:
                    conn.execute(
                        text("UPDATE families SET name = :n WHERE id = :i"), {"n": f"B{n}", "i": family.id}
                    )
                baseline.append(time.perf_counter() - start)
                data = DecisionInput(
                    Outcome.PLAN_MADE,
                    "Priya Raman",
                    categories[n % 2],
                    significant_factors=("domestic_abuse", "parental_mental_health"),
                )
                start = time.perf_counter()
                services.decisions.record(conf.id, child.id, data)
                record.append(time.perf_counter() - start)
                start = time.perf_counter()
                services.plans.update_action(action.id, PlanActionInput(action.what, f"Worker {n}", "Health"))
                edit.append(time.perf_counter() - start)
            print(f"runs: {args.runs}")
            print(f"baseline (bare UPDATE + commit): {_ms(baseline)}")
            print(f"record a decision:               {_ms(record)}")
            print(f"edit a plan action:              {_ms(edit)}")
            ratio = statistics.median(record) / statistics.median(baseline)
            print(f"record / baseline ratio: {ratio:.1f}")
        finally:
            store.close()


if __name__ == "__main__":
    main()
