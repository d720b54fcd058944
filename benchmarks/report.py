"""Annual report over ten years of a large council: about 1,200 conferences and 600 new plans a year.

Run: `python -m benchmarks.report [--years 10] [--seed 7] [--runs 5] [--no-store]`. Prints the time to
compute the full annual report (every figure for the last reporting year and the year before it; target
under 2 s), the time to write the CSV export, and peak memory (tracemalloc), each beside a baseline
measured in the same run: one pass over the facts that only counts them.

Then (unless --no-store) the same council is written into a real migrated SQLite store
(`benchmarks/report_store.py`; the generation time is printed apart and kept out of the measure), and
the app's path is timed: `ReportService.report` = fill the facts from the store + compute the full
annual report (target under 2 s), with its peak memory, beside a baseline that only counts the
conference rows in SQL. The historical import is timed by `python -m benchmarks.history_import`.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from iro_desktop.domain.calendar import WorkingDayCalendar, add_months
from iro_desktop.export.report_csv import export_report
from iro_desktop.reports import Period, annual_report, reporting_year
from iro_desktop.reports.facts import ChildFact, ConferenceFact, PlanFact, ReportFacts

ETHNICITY = ["WBRI"] * 14 + [
    "WOTH",
    "WROM",
    "MWBC",
    "MWAS",
    "APKN",
    "AIND",
    "ABAN",
    "BAFR",
    "BCRB",
    "CHNE",
    "OOTH",
    "",
]
REASONS = [
    "interpreter_unavailable",
    "parent_unavailable",
    "no_professionals",
    "sw_unavailable",
    "late_request",
]
END_REASONS = ["step_down_cin", "step_down_early_help", "looked_after", "moved_out"]
CAL = WorkingDayCalendar()


def generate(years: int = 10, seed: int = 7, families_per_year: int = 340) -> ReportFacts:
    """A fictional council: families arrive through the years, each with 1-4 children; most children
    are made subject to a plan at the initial conference; reviews follow at 3 then 6 months until the
    plan ends. About 1,200 conferences and 600 new plans a year with the defaults."""
    rng = random.Random(seed)
    first = date(2026 - years, 4, 1)
    last = date(2026, 3, 31)
    children: list[ChildFact] = []
    conferences: list[ConferenceFact] = []
    plans: list[PlanFact] = []
    chairs = [f"chair-{i}" for i in range(14)]
    total_days = (last - first).days
    history: dict[str, date] = {}  # child id -> last plan end (for repeat plans)

    def add_conference(
        cid: str,
        family: str,
        kind: str,
        day: date,
        kids: tuple[str, ...],
        chair: str,
        clock: date | None = None,
    ) -> date:
        """Book a conference on `day`; sometimes stand it down and hold it a week later."""
        if rng.random() < 0.03:
            conferences.append(
                ConferenceFact(
                    f"{cid}-sd",
                    family,
                    kind,
                    day,
                    "stood_down",
                    clock_start=clock,
                    stood_down_reason=rng.choice(REASONS),
                    chair_id=chair,
                    child_ids=kids,
                )
            )
            day = CAL.add_working_days(day, 5)
        lead = 3 if kind in ("first_review", "review") else 2
        sent = CAL.add_working_days(day, -rng.choice([lead + 2, lead + 1, lead, lead - 1]))
        distributed = CAL.add_working_days(day, rng.choice([5, 8, 10, 12, 14, 18, 25]))
        invited = rng.randint(1, 3)
        conferences.append(
            ConferenceFact(
                cid,
                family,
                kind,
                day,
                "held",
                day,
                clock_start=clock,
                lateness_reason=rng.choice([None, "late_request"]) if clock and rng.random() < 0.1 else None,
                chair_id=chair if rng.random() < 0.7 else rng.choice(chairs),
                child_ids=kids,
                report_to_parents_on=sent if rng.random() < 0.85 else None,
                report_to_chair_on=CAL.add_working_days(sent, 1) if rng.random() < 0.9 else None,
                record_distributed_on=distributed if distributed <= last and rng.random() < 0.97 else None,
                family_invited=invited,
                family_attended=rng.randint(0, invited) if rng.random() < 0.2 else invited,
                quoracy_override=rng.random() < 0.02,
                dissent_count=1 if rng.random() < 0.01 else 0,
            )
        )
        return day

    serial = 0
    returning: list[tuple[str, list[str]]] = []  # families that may come back for a repeat plan
    for _ in range(years * families_per_year):
        serial += 1
        family = f"fam-{serial}"
        clock = first + timedelta(days=rng.randrange(total_days - 30))
        icpc_day = CAL.add_working_days(clock, rng.choice([8, 10, 12, 14, 15, 15, 18, 22]))
        if icpc_day > last:
            continue
        if returning and rng.random() < 0.15:
            family, kids_list = returning.pop(rng.randrange(len(returning)))
        else:
            kids_list = []
            for k in range(rng.choice([1, 1, 1, 1, 2, 2, 2, 3, 3, 4])):
                child_id = f"{family}-c{k}"
                unborn = k == 0 and rng.random() < 0.08
                dob = None if unborn else icpc_day - timedelta(days=rng.randrange(1, 17 * 365))
                children.append(
                    ChildFact(
                        child_id,
                        family,
                        dob,
                        icpc_day + timedelta(days=60) if unborn else None,
                        unborn,
                        rng.choice(["female", "male"]),
                        rng.choice(ETHNICITY),
                        rng.random() < 0.05,
                    )
                )
                kids_list.append(child_id)
        kids = tuple(kids_list)
        chair = rng.choice(chairs)
        kind = rng.choices(["initial", "initial_pre_birth", "transfer_in", "reconvened"], [85, 8, 6, 1])[0]
        cid = f"k{serial}-0"
        held = add_conference(cid, family, kind, icpc_day, kids, chair, clock)
        subject = tuple(k for k in kids if rng.random() < 0.88)
        category = rng.choices("NEPSM", [53, 27, 11, 2, 7])[0]
        if not subject:
            continue
        day, number, ended = held, 1, False
        open_plans = {
            k: PlanFact(f"p{serial}-{k}", k, held, category, started_at_conference_id=cid) for k in subject
        }
        while not ended:
            due = add_months(day, 3 if number == 1 else 6)
            day = (
                due - timedelta(days=rng.choice([0, 1, 2, 3, 5, 7, 7, 14]))
                if rng.random() < 0.97
                else due + timedelta(days=9)
            )
            if day > last:
                break
            rid = f"k{serial}-{number}"
            day = add_conference(
                rid, family, "first_review" if number == 1 else "review", day, subject, chair
            )
            number += 1
            if rng.random() < (0.15 if number == 2 else 0.55):
                ended = True
                reason = rng.choice(END_REASONS)
                for k, plan in open_plans.items():
                    open_plans[k] = PlanFact(
                        plan.id,
                        k,
                        plan.started_on,
                        plan.category,
                        day,
                        reason,
                        plan.started_at_conference_id,
                        rid,
                    )
                    history[k] = day
                if rng.random() < 0.3:
                    returning.append((family, list(subject)))
        plans.extend(open_plans.values())
    return ReportFacts(tuple(children), tuple(conferences), tuple(plans))


def baseline(facts: ReportFacts) -> int:
    """One pass that only counts: held conferences in the last year and plans open at its end."""
    period = reporting_year(2025)
    held = sum(1 for c in facts.conferences if c.is_held and period.contains(c.held_on))
    open_at_end = sum(1 for p in facts.plans if p.is_open_on(period.end))
    return held + open_at_end + len(facts.children)


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _peak(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-store", action="store_true", help="skip the generated store")
    args = parser.parse_args()

    start = time.perf_counter()
    facts = generate(args.years, args.seed)
    generated = time.perf_counter() - start
    period = reporting_year(2025)
    per_year = [
        sum(1 for c in facts.conferences if reporting_year(y).contains(c.day))
        for y in range(2026 - args.years, 2026)
    ]
    new_plans = [
        sum(1 for p in facts.plans if reporting_year(y).contains(p.started_on))
        for y in range(2026 - args.years, 2026)
    ]
    print(
        f"facts              : {len(facts.children)} children, {len(facts.conferences)} conferences, "
        f"{len(facts.plans)} plans over {args.years} years (generated in {generated:.2f} s)"
    )
    print(
        f"per year           : conferences {min(per_year)}-{max(per_year)} "
        f"(mean {statistics.mean(per_year):.0f}), "
        f"new plans {min(new_plans)}-{max(new_plans)} (mean {statistics.mean(new_plans):.0f})"
    )

    annual_report(facts, period)  # warm the bank-holiday cache and imports
    base = _time(lambda: baseline(facts), args.runs)
    report_times = _time(lambda: annual_report(facts, period), args.runs)
    report = annual_report(facts, period)
    with tempfile.TemporaryDirectory() as folder:
        export_times = _time(lambda: export_report(report, facts, Path(folder)), args.runs)
    base_peak = _peak(lambda: baseline(facts))
    report_peak = _peak(lambda: annual_report(facts, period))

    b, r, e = statistics.median(base), statistics.median(report_times), statistics.median(export_times)
    print(f"baseline (count)   : median {b * 1000:8.1f} ms  peak {base_peak / 1024:8.0f} KiB")
    print(
        f"annual report      : median {r * 1000:8.1f} ms  (min {min(report_times) * 1000:.1f}, "
        f"max {max(report_times) * 1000:.1f})  peak {report_peak / 2**20:6.1f} MiB  "
        f"= {r / b:.0f}x baseline; target < 2000 ms: {'met' if r < 2 else 'MISSED'}"
    )
    print(f"CSV export         : median {e * 1000:8.1f} ms  (figures + 5 record files)")
    print(
        f"figures            : {len(report.figures)} for {report.period.label} "
        f"and {report.previous_period.label}; "
        f"children on plans at 31 March 2026: {report.figure('children_on_plans_at_end').value}; "
        f"ICPC in 15 WD: {report.figure('icpc_in_timescale_children').percentage}% of children"
    )
    if not args.no_store:
        store_benchmark(facts, period, args.runs)


#: The historical import's benchmark (issue 8 item 4), if present: a module with
#: `run(location: StoreLocation, facts: ReportFacts) -> str` that imports the history and returns a
#: line to print. Kept apart so the import work owns its own figures.
def store_benchmark(facts: ReportFacts, period: Period, runs: int) -> None:
    """Write the council into a store, then time the report from the store (and the history import,
    through its hook)."""

    from sqlalchemy import func, select

    from benchmarks.report_store import write_store
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.registry import Services
    from iro_desktop.services.report_facts import load_facts
    from iro_desktop.store.models import ConferenceRow
    from iro_desktop.store.opening import open_store

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        location, counts = write_store(facts, Path(folder) / "data")
        written = time.perf_counter() - start
        size = location.sqlite_path.stat().st_size if location.sqlite_path else 0
        print(
            f"store              : written in {written:.1f} s (not measured below), "
            f"{size / 2**20:.1f} MiB; " + ", ".join(f"{n} {name}" for name, n in counts.items())
        )
        store = open_store(location)
        try:
            services = Services.build(ServiceContext(uow=store.uow, session=SignedIn(SYSTEM_USER)))

            def count_rows() -> int:
                with store.uow() as uow:
                    return int(uow.session.scalar(select(func.count()).select_from(ConferenceRow)) or 0)

            def load_only() -> object:
                with store.uow() as uow:
                    return load_facts(uow)

            services.reports.report(period)  # warm: first connection, imports, calendar
            base = _time(count_rows, runs)
            load_times = _time(load_only, runs)
            full_times = _time(lambda: services.reports.report(period), runs)
            base_peak = _peak(count_rows)
            full_peak = _peak(lambda: services.reports.report(period))
            bundle = services.reports.report(period)
        finally:
            store.close()
        b, ld, full = statistics.median(base), statistics.median(load_times), statistics.median(full_times)
        print(f"baseline (SQL count): median {b * 1000:7.1f} ms  peak {base_peak / 1024:8.0f} KiB")
        print(f"facts from store   : median {ld * 1000:8.1f} ms")
        print(
            f"report from store  : median {full * 1000:8.1f} ms  (min {min(full_times) * 1000:.1f}, "
            f"max {max(full_times) * 1000:.1f})  peak {full_peak / 2**20:6.1f} MiB; "
            f"target < 2000 ms: {'met' if full < 2 else 'MISSED'}"
        )
        direct = annual_report(facts, period)
        both = zip(
            direct.figures + direct.previous_figures,
            bundle.report.figures + bundle.report.previous_figures,
            strict=True,
        )
        differ = [
            a.key
            for a, b in both
            if (a.value, a.numerator, a.denominator) != (b.value, b.numerator, b.denominator)
        ]
        total = 2 * len(direct.figures)
        print(
            f"check              : {total - len(differ)} of {total} figures from the store equal those "
            f"from the facts" + (f" (differ: {', '.join(differ)})" if differ else "")
        )
        print("historical import  : timed by `python -m benchmarks.history_import` (its own extract)")


if __name__ == "__main__":
    main()
