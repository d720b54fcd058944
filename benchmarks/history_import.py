"""Historical import of ten years of a large council: about 1,200 conferences and 600 new plans a year,
with the attendance at each held conference (parents by household, social worker, police) and the
council's own codes mapped by codes.csv.

Run: `python -m benchmarks.history_import [--years 10] [--seed 7] [--keep DIR]`. Generates a fictional,
seeded extract (docs/historical-import.md format), then prints: the time to check it (dry run) and to
import it into an empty migrated store, the time of a second import of the same extract (adds nothing),
and the peak Python memory of an import (tracemalloc), beside a baseline measured in the same run:
csv.DictReader reading every row of the same files.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from iro_desktop.domain.calendar import WorkingDayCalendar, add_months

CAL = WorkingDayCalendar()
TODAY = date(2026, 11, 23)
SURNAMES = [
    "Abara", "Brennan", "Castellano", "Dlamini", "Eriksen", "Farouk", "Gallagher", "Hallström", "Iwu",
    "Jankowski", "Kaur", "Lindqvist", "Mbeki", "Nakamura", "O'Rourke", "Petrakis", "Quinlan", "Rossi",
    "Sandoval", "Thorne", "Underwood", "Varga", "Whitlock", "Xu", "Yilmaz", "Zielinski", "Achebe",
    "Bianchi", "Cooper", "Dvořák", "Ó Súilleabháin", "Popescu", "Ramsay", "Szabo", "Tembo", "Novak",
]  # fmt: skip
GIVEN = [
    "Ada", "Ben", "Cara", "Dev", "Ela", "Finn", "Gia", "Hal", "Isla", "Jude", "Kai", "Lena", "Milo", "Nia",
    "Omar", "Pia", "Quin", "Rhea", "Sami", "Tia", "Uma", "Vik", "Wren", "Yara", "Zoë", "Aled", "Bea",
]  # fmt: skip
# Detailed codes, a few held only at the DfE major-group level (WHIT, ASIA, BLAC), refused and not known.
ETHNICITY = ["WBRI"] * 13 + ["WOTH", "WROM", "MWBC", "MWAS", "APKN", "AIND", "ABAN", "BAFR", "BCRB", ""] + [
    "WHIT", "ASIA", "BLAC", "REFU", "NOBT",
]  # fmt: skip
# The council's own stood-down reason codes, mapped in codes.csv.
REASONS = ["INT", "PAR", "NOPRO", "SWU"]
CODES = [
    ("stood_down_reason", "INT", "interpreter_unavailable"),
    ("stood_down_reason", "PAR", "parent_unavailable"),
    ("stood_down_reason", "NOPRO", "no_professionals"),
    ("stood_down_reason", "SWU", "social_worker_unavailable"),
    ("role", "MUM", "parent"),
    ("role", "DAD", "parent"),
    ("role", "SW", "social_worker"),
    ("role", "POL", "police"),
    ("attendance", "ATT", "attended"),
    ("attendance", "APOL", "apologies"),
    ("attendance", "RPT", "sent_report"),
    ("plan_end_reason", "TO", "transferred_out"),
]
SOCIAL_WORKERS = [f"{g} {s}" for g, s in zip(GIVEN[5:25], SURNAMES[:20], strict=True)]
POLICE = [f"DC {s}" for s in SURNAMES[10:22]]
ENDS = ["ends_cin", "ends_early_help", "ends_looked_after", "ends_moved_area", "ends_nfa"]
CHAIRS = [f"{g} {s}" for g, s in zip(GIVEN[:14], SURNAMES[-14:], strict=True)]

HEADERS = {
    "extract.csv": ["source_system", "extracted_on"],
    "codes.csv": ["kind", "their_code", "our_code"],
    "families.csv": ["fami_family_id", "iro_family_reference", "iro_family_name"],
    "children.csv": [
        "pers_person_id", "fami_family_id", "pers_forename", "pers_surname", "pers_dob", "pers_expected_dob",
        "pers_sex", "pers_ethnicity", "iro_disabled",
    ],
    "conferences.csv": [
        "iro_conference_id", "fami_family_id", "iro_conference_type", "iro_status", "iro_scheduled_date",
        "iro_held_date", "iro_clock_start_date", "iro_previous_conference_id", "iro_replaces_conference_id",
        "iro_stood_down_reason", "iro_chair_name", "iro_report_to_parents_date", "iro_report_to_chair_date",
        "iro_record_distributed_date",
    ],
    "decisions.csv": [
        "iro_conference_id", "pers_person_id", "iro_decision_outcome", "iro_category",
        "iro_significant_factors", "iro_cin_meeting_date",
    ],
    "plans.csv": [
        "cppl_cp_plan_id", "cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date",
        "cppl_cp_plan_latest_category", "iro_plan_end_reason", "iro_started_at_conference_id",
        "iro_ended_at_conference_id",
    ],
    "attendance.csv": [
        "iro_conference_id", "iro_person_id", "iro_person_name", "iro_role", "iro_household_id",
        "iro_invited_date", "iro_attendance",
    ],
}  # fmt: skip


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _uk(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


class _Council:
    """Families arrive through the years; most children are made subject to a plan at the initial
    conference; reviews follow at 3 then 6 months until the plan ends; some families come back later
    for a repeat plan. Conference dates are written DD/MM/YYYY, the rest ISO."""

    def __init__(self, years: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.first, self.last = date(2026 - years, 4, 1), date(2026, 3, 31)
        self.rows: dict[str, list[list[str]]] = {name: [] for name in HEADERS}
        self.rows["extract.csv"].append(["Benchmark council LCS (fictional)", "2026-04-30"])
        self.rows["codes.csv"].extend([list(c) for c in CODES])
        self.serial = 0
        self.household: list[tuple[str, str, str, str]] = []  # the family's people: id, name, role, home

    def attend(self, cid: str, day: date) -> None:
        """The list of a held conference: the family's parents (by household), a social worker and, at
        most initial conferences, the police; invited ten working days before."""
        rng = self.rng
        invited = _uk(CAL.add_working_days(day, -10))
        for pid, name, role, home in self.household:
            came = rng.random() < (0.8 if role == "MUM" else 0.55)
            self.rows["attendance.csv"].append(
                [cid, pid, name, role, home, invited, "ATT" if came else "APOL"]
            )
        worker = rng.randrange(len(SOCIAL_WORKERS))
        self.rows["attendance.csv"].append(
            [cid, f"SW{worker:03d}", SOCIAL_WORKERS[worker], "SW", "", invited, "ATT"]
        )
        if rng.random() < 0.6:
            officer = rng.randrange(len(POLICE))
            self.rows["attendance.csv"].append(
                [cid, f"PC{officer:03d}", POLICE[officer], "POL", "", invited, rng.choice(["ATT", "RPT"])]
            )

    def conference(
        self, family: str, kind: str, day: date, chair: str, previous: str, clock: date | None = None
    ) -> tuple[str, date]:
        """Book a conference; 3% are stood down and held a week later. Returns (id, day held)."""
        rng = self.rng
        self.serial += 1
        cid = f"M{self.serial:07d}"
        replaces = ""
        if rng.random() < 0.03:
            replaces = f"{cid}S"
            self.rows["conferences.csv"].append(
                [replaces, family, kind, "stood_down", _uk(day), "", _uk(clock), previous, "",
                 rng.choice(REASONS), chair, "", "", ""]
            )  # fmt: skip
            day = CAL.add_working_days(day, 5)
        lead = 3 if "review" in kind else 2
        sent = CAL.add_working_days(day, -rng.choice([lead + 1, lead, lead, lead - 1]))
        distributed = CAL.add_working_days(day, rng.choice([5, 8, 10, 12, 15, 20]))
        self.rows["conferences.csv"].append(
            [cid, family, kind, "held", _uk(day), _uk(day), _uk(clock), previous, replaces, "", chair,
             _uk(sent), _uk(CAL.add_working_days(sent, 1)),
             _uk(distributed if distributed <= TODAY else None)]
        )  # fmt: skip
        self.attend(cid, day)
        return cid, day

    def family(self, number: int) -> None:
        rng, rows = self.rng, self.rows
        fid, surname = f"F{number:06d}", rng.choice(SURNAMES)
        rows["families.csv"].append([fid, f"BM-{number:06d}", surname])
        arrival = self.first + timedelta(days=rng.randrange((self.last - self.first).days))
        kids: list[str] = []
        pre_birth = rng.random() < 0.07
        for k in range(rng.choice([1, 1, 1, 1, 2, 2, 2, 3, 3, 4])):
            pid = f"P{number:06d}{k}"
            if k == 0 and pre_birth:
                expected = arrival + timedelta(days=rng.randrange(40, 90))
                born = expected - timedelta(days=rng.randrange(0, 10))
                dob, name = (born if born <= TODAY else None), rng.choice(GIVEN)
            else:
                expected, dob, name = (
                    None,
                    arrival - timedelta(days=rng.randrange(30, 17 * 365)),
                    rng.choice(GIVEN),
                )
            rows["children.csv"].append(
                [pid, fid, name if dob else "", surname, _iso(dob), _iso(expected), rng.choice("FFMMU"),
                 rng.choice(ETHNICITY), rng.choices("YNU", [5, 92, 3])[0]]
            )  # fmt: skip
            kids.append(pid)
        self.household = [(f"{fid}-M", f"{rng.choice(GIVEN)} {surname}", "MUM", "H1")]
        if rng.random() < 0.7:
            apart = rng.random() < 0.4
            self.household.append(
                (f"{fid}-D", f"{rng.choice(GIVEN)} {surname}", "DAD", "H2" if apart else "H1")
            )
        chair = rng.choice(CHAIRS)
        clock = arrival
        kind = (
            "initial_pre_birth"
            if pre_birth
            else rng.choices(["initial", "transfer_in", "reconvened"], [92, 7, 1])[0]
        )
        episode = 0
        while True:
            episode += 1
            day = CAL.add_working_days(clock, rng.choice([8, 10, 12, 14, 15, 15, 18, 22]))
            if day > self.last:
                return
            cid, day = self.conference(fid, kind, day, chair, "", clock)
            subject = [k for k in kids if rng.random() < 0.88]
            category = rng.choices("NEPSM", [53, 27, 11, 2, 7])[0]
            factors = ";".join(
                rng.sample(
                    ["domestic_abuse", "parental_mental_health", "parental_substance_misuse"],
                    rng.randint(0, 2),
                )
            )
            for k in kids:
                if k in subject:
                    rows["decisions.csv"].append([cid, k, "plan_made", category, factors, ""])
                elif rng.random() < 0.5:
                    rows["decisions.csv"].append(
                        [cid, k, "not_made_cin", "", "", _iso(CAL.add_working_days(day, 5))]
                    )
                else:
                    rows["decisions.csv"].append([cid, k, "not_made_nfa", "", "", ""])
            if not subject:
                return
            started, start_id, previous, number = day, cid, cid, 1
            end_day, end_id, end_reason = None, "", ""
            while True:
                due = add_months(day, 3 if number == 1 else 6)
                review = due - timedelta(days=rng.choice([0, 1, 2, 3, 5, 7, 7, 14]))
                if review > self.last:
                    break
                if rng.random() < 0.02:  # the family moves away: the receiving authority takes the plan over
                    moved = min(day + timedelta(days=rng.randrange(20, 60)), self.last)
                    end_day, end_id, end_reason = moved, "", "TO"
                    break
                rid, day = self.conference(
                    fid, "first_review" if number == 1 else "review", review, chair, previous
                )
                ends = rng.random() < (0.2 if number == 1 else 0.5)
                change = not ends and rng.random() < 0.04
                if change:
                    category = rng.choice([c for c in "NEPS" if c != category])
                outcome = rng.choice(ENDS) if ends else ("change_of_category" if change else "plan_continues")
                for k in subject:
                    rows["decisions.csv"].append(
                        [rid, k, outcome, "" if ends else category, "",
                         _iso(CAL.add_working_days(day, 7)) if outcome == "ends_cin" else ""]
                    )  # fmt: skip
                previous, number = rid, number + 1
                if ends:
                    end_day, end_id, end_reason = day, rid, outcome
                    break
            for k in subject:
                rows["plans.csv"].append(
                    [
                        f"{k}-{episode}",
                        k,
                        _iso(started),
                        _iso(end_day),
                        category,
                        end_reason,
                        start_id,
                        end_id,
                    ]
                )
            if end_day is None or rng.random() > 0.15:
                return
            clock, kind = end_day + timedelta(days=rng.randrange(90, 900)), "initial"


def generate(folder: Path, years: int = 10, seed: int = 7, families_per_year: int = 320) -> dict[str, int]:
    """Write the extract into `folder`; returns the row count of each file."""
    council = _Council(years, seed)
    for number in range(years * families_per_year):
        council.family(number)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in council.rows.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS[name])
            writer.writerows(rows)
    return {name: len(rows) for name, rows in council.rows.items()}


def baseline(folder: Path) -> int:
    """csv.DictReader over every file: reading the rows and nothing else."""
    count = 0
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            count += len(list(csv.DictReader(handle)))
    return count


def _fresh_services(root: Path) -> tuple[Any, Any]:
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.registry import Services
    from iro_desktop.store.location import resolve_location
    from iro_desktop.store.opening import open_store

    shutil.rmtree(root, ignore_errors=True)
    store = open_store(resolve_location(root, environ={}))
    return store, Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )


def _timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def _peak(run: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="also copy the generated extract into this folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        extract = work / "extract"
        generated, counts = _timed(lambda: generate(extract, args.years, args.seed))
        if args.keep:
            shutil.copytree(extract, args.keep, dirs_exist_ok=True)

        def reporting_year(day: date) -> int:
            return day.year if day.month >= 4 else day.year - 1

        with (extract / "conferences.csv").open(encoding="utf-8") as handle:
            held = [
                reporting_year(date(int(r["iro_held_date"][6:]), int(r["iro_held_date"][3:5]), 1))
                for r in csv.DictReader(handle)
                if r["iro_held_date"]
            ]
        with (extract / "plans.csv").open(encoding="utf-8") as handle:
            starts = [
                reporting_year(date.fromisoformat(r["cppl_cp_plan_start_date"]))
                for r in csv.DictReader(handle)
            ]
        span = range(2026 - args.years, 2026)
        per_year = [held.count(y) for y in span]
        new_plans = [starts.count(y) for y in span]
        sizes = ", ".join(f"{n} {k[:-4]}" for k, n in counts.items() if k != "extract.csv")
        print(f"extract            : {sizes} ({generated:.1f} s to generate)")
        print(
            f"per year (Apr-Mar) : conferences held {min(per_year)}-{max(per_year)} "
            f"(mean {statistics.mean(per_year):.0f}), new plans {min(new_plans)}-{max(new_plans)} "
            f"(mean {statistics.mean(new_plans):.0f})"
        )
        base, rows = _timed(lambda: baseline(extract))
        store, services = _fresh_services(work / "store")
        try:
            check, checked = _timed(lambda: services.history_import.check(extract))
            if not checked.ok:
                raise SystemExit("\n".join(str(p) for p in checked.problems[:20]))
            first, imported = _timed(lambda: services.history_import.import_history(extract))
            # Every row adds one record, but extract.csv and codes.csv (none) and the people on the
            # attendance lists (one each, however many lists).
            assert imported.added.total - imported.added.people == rows - 1 - counts["codes.csv"], imported
            second, again = _timed(lambda: services.history_import.import_history(extract))
            assert again.present == imported.added, again
        finally:
            store.close()
        base_peak = _peak(lambda: baseline(extract))
        store, services = _fresh_services(work / "store2")
        try:
            import_peak = _peak(lambda: services.history_import.import_history(extract))
        finally:
            store.close()
    print(f"baseline DictReader: {base:7.2f} s  peak {base_peak / 2**20:6.1f} MiB  ({rows} rows)")
    print(f"check (dry run)    : {check:7.2f} s  = {check / base:.0f}x baseline")
    print(
        f"import, empty store: {first:7.2f} s  = {first / base:.0f}x baseline; "
        f"peak {import_peak / 2**20:6.1f} MiB (tracemalloc)  added {imported.added.text()}"
    )
    print(
        f"second import      : {second:7.2f} s  added {again.added.total}, "
        f"already present {again.present.total}"
    )
    total = first
    print(f"target a few tens of seconds for the import: {'met' if total < 30 else 'MISSED'} ({total:.1f} s)")


if __name__ == "__main__":
    main()
