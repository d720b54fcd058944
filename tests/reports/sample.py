"""A small hand-built council, worked out by hand for the reporting year 2025-26 (1 April 2025 to
31 March 2026; previous year 2024-25).

Bank holidays that matter: 2025-04-18, 2025-04-21, 2025-05-05, 2025-05-26, 2025-08-25, 2025-12-25/26,
2026-01-01. Working-day deadlines are worked out next to each conference.

Families and what each one exercises:
- A: a plan spanning the year end (started Nov 2024, still open); reviews in time; chair changes once.
- B: two children; B2's plan starts and ends in the same year (at the first review); B1 turns 5 on
  31 March 2026, the reference date (band 5-9), and B2 turns 16 that day (band 16+).
- C: a pre-birth conference; the child is born during the plan (age band 0-4 at the year end,
  unborn at the plan start).
- D: a pre-birth conference stood down, then held later (late, reason recorded); still unborn at the
  year end.
- E: a transfer-in conference (late, left out of the initial-conference figure); a repeat plan more
  than 24 months after the last one.
- F: a repeat plan within 24 months; category Multiple; dissent.
- G: an initial conference where one child is not made subject to a plan; the other child's plan ends
  within 3 months, not at a conference.
- H: a plan that had lasted over 2 years when it ended, at a late review.
"""

from __future__ import annotations

from datetime import date as d

from iro_desktop.reports.facts import ChildFact, ConferenceFact, PlanFact, ReportFacts

CHILDREN = (
    ChildFact("A1", "fam-a", d(2015, 6, 10), gender="female", ethnicity_code="WBRI"),
    ChildFact("B1", "fam-b", d(2021, 3, 31), gender="male", ethnicity_code="MWBC"),
    ChildFact("B2", "fam-b", d(2010, 3, 31), gender="female", ethnicity_code="MWBC", disability=True),
    ChildFact("C1", "fam-c", d(2025, 7, 15), expected_date=d(2025, 7, 20), gender="male"),
    ChildFact("D1", "fam-d", None, expected_date=d(2026, 5, 1), unborn=True),
    ChildFact("E1", "fam-e", d(2018, 9, 1), gender="male", ethnicity_code="BAFR"),
    ChildFact("F1", "fam-f", d(2012, 1, 20), gender="female", ethnicity_code="APKN", disability=True),
    ChildFact("G1", "fam-g", d(2019, 2, 14), gender="female", ethnicity_code="CHNE"),
    ChildFact("G2", "fam-g", d(2016, 7, 1), gender="male", ethnicity_code="CHNE"),
    ChildFact("H1", "fam-h", d(2014, 5, 5), gender="male", ethnicity_code="WOTH"),
)


def _held(cid, family, kind, day, children, chair, **kw):
    return ConferenceFact(cid, family, kind, day, "held", day, chair_id=chair, child_ids=children, **kw)


CONFERENCES = (
    # --- previous year (2024-25) ---
    # clock 2024-10-21 -> deadline 2024-11-11; held 2024-11-04: in time.
    _held(
        "cA-icpc",
        "fam-a",
        "initial",
        d(2024, 11, 4),
        ("A1",),
        "ch2",
        clock_start=d(2024, 10, 21),
        record_distributed_on=d(2024, 11, 8),
        family_invited=2,
        family_attended=2,
    ),
    # first review due 2025-02-04; held 2025-02-03.
    _held(
        "cA-fr", "fam-a", "first_review", d(2025, 2, 3), ("A1",), "ch2", record_distributed_on=d(2025, 2, 7)
    ),
    # distributed only on 2025-04-10: in the 2024-25 backlog at 31 March 2025.
    _held(
        "cH-rev0", "fam-h", "review", d(2024, 10, 21), ("H1",), "ch3", record_distributed_on=d(2025, 4, 10)
    ),
    _held("cF-end", "fam-f", "review", d(2024, 6, 3), ("F1",), "ch1", record_distributed_on=d(2024, 6, 10)),
    # --- this year (2025-26): 12 held, 1 stood down ---
    # 1. clock 2025-04-22 -> deadline 2025-05-14 (5 May bank holiday); held 12 May: in time.
    #    Parents by 8 May (-2 WD): 8 May on time. Chair by 9 May: on time.
    #    Record deadline 3 June (26 May bank holiday): 30 May on time.
    _held(
        "cB-icpc",
        "fam-b",
        "initial",
        d(2025, 5, 12),
        ("B1", "B2"),
        "ch1",
        clock_start=d(2025, 4, 22),
        report_to_parents_on=d(2025, 5, 8),
        report_to_chair_on=d(2025, 5, 9),
        record_distributed_on=d(2025, 5, 30),
        family_invited=2,
        family_attended=2,
    ),
    # 2. pre-birth; clock 2025-05-19 -> deadline 2025-06-10; held 2 June: in time.
    #    Parents: not recorded. Chair by 30 May (-1 WD): on time. Record deadline 23 June: 30 June late.
    _held(
        "cC-icpc",
        "fam-c",
        "initial_pre_birth",
        d(2025, 6, 2),
        ("C1",),
        "ch2",
        clock_start=d(2025, 5, 19),
        report_to_chair_on=d(2025, 5, 30),
        record_distributed_on=d(2025, 6, 30),
        family_invited=2,
        family_attended=1,
        dissent_count=1,
    ),
    # 3. review; previous 2024-10-21 + 6 months = due 2025-04-21; held 28 April: late.
    #    Parents by 23 April (-3 WD): on time. Chair 24 April: late. Record deadline 20 May: on time.
    _held(
        "cH-rev",
        "fam-h",
        "review",
        d(2025, 4, 28),
        ("H1",),
        "ch3",
        lateness_reason="chair_unavailable",
        report_to_parents_on=d(2025, 4, 23),
        report_to_chair_on=d(2025, 4, 24),
        record_distributed_on=d(2025, 5, 12),
        family_invited=1,
        family_attended=0,
    ),
    # 4. review; previous 2025-02-03 + 6 months = due 2025-08-03; held 28 July: in time.
    #    Reports by 23 July: both on time. Record not distributed. Quoracy override.
    _held(
        "cA-rev1",
        "fam-a",
        "review",
        d(2025, 7, 28),
        ("A1",),
        "ch1",
        report_to_parents_on=d(2025, 7, 22),
        report_to_chair_on=d(2025, 7, 23),
        family_invited=2,
        family_attended=2,
        quoracy_override=True,
    ),
    # 5. first review; ICPC 2025-05-12 + 3 months = due 2025-08-12; held 11 Aug: in time (2 children).
    #    Reports by 6 Aug: parents on time, chair 8 Aug late. Record deadline 2 Sept: 20 Aug on time.
    _held(
        "cB-fr",
        "fam-b",
        "first_review",
        d(2025, 8, 11),
        ("B1", "B2"),
        "ch1",
        report_to_parents_on=d(2025, 8, 6),
        report_to_chair_on=d(2025, 8, 8),
        record_distributed_on=d(2025, 8, 20),
        family_invited=2,
        family_attended=2,
    ),
    # 6. first review; due 2025-09-02; held 1 Sept: in time. Reports by 27 Aug: both on time.
    _held(
        "cC-fr",
        "fam-c",
        "first_review",
        d(2025, 9, 1),
        ("C1",),
        "ch2",
        report_to_parents_on=d(2025, 8, 27),
        report_to_chair_on=d(2025, 8, 27),
        record_distributed_on=d(2025, 9, 5),
        family_invited=2,
        family_attended=2,
    ),
    # 7. clock 2025-09-01 -> deadline 2025-09-22; held 15 Sept: in time. No reports recorded.
    _held(
        "cG-icpc",
        "fam-g",
        "initial",
        d(2025, 9, 15),
        ("G1", "G2"),
        "ch3",
        clock_start=d(2025, 9, 1),
        record_distributed_on=d(2025, 9, 19),
        family_invited=3,
        family_attended=3,
    ),
    # 8. transfer in; clock 2025-09-01 -> deadline 2025-09-22; held 6 Oct: late (no reason).
    #    Parents by 2 Oct: 1 Oct on time. Chair by 3 Oct: on time.
    _held(
        "cE-tr",
        "fam-e",
        "transfer_in",
        d(2025, 10, 6),
        ("E1",),
        "ch2",
        clock_start=d(2025, 9, 1),
        report_to_parents_on=d(2025, 10, 1),
        report_to_chair_on=d(2025, 10, 3),
        record_distributed_on=d(2025, 10, 10),
        family_invited=1,
        family_attended=1,
    ),
    # 9. clock 2025-10-20 -> deadline 2025-11-10; held 3 Nov: in time.
    #    Parents by 30 Oct, chair by 31 Oct: both on time. Record not distributed. 2 dissents.
    _held(
        "cF-icpc",
        "fam-f",
        "initial",
        d(2025, 11, 3),
        ("F1",),
        "ch1",
        clock_start=d(2025, 10, 20),
        report_to_parents_on=d(2025, 10, 30),
        report_to_chair_on=d(2025, 10, 31),
        family_invited=2,
        family_attended=1,
        dissent_count=2,
    ),
    # 10. review; previous 2025-07-28 + 6 months = due 2026-01-28; held 26 Jan: in time.
    #     Reports by 21 Jan: parents 22 Jan late, chair 21 Jan on time. Record deadline 16 Feb: late.
    _held(
        "cA-rev2",
        "fam-a",
        "review",
        d(2026, 1, 26),
        ("A1",),
        "ch1",
        report_to_parents_on=d(2026, 1, 22),
        report_to_chair_on=d(2026, 1, 21),
        record_distributed_on=d(2026, 2, 20),
        family_invited=2,
        family_attended=2,
    ),
    # 11. review; previous 2025-08-11 + 6 months = due 2026-02-11; held 9 Feb: in time. No reports.
    _held("cB-rev", "fam-b", "review", d(2026, 2, 9), ("B1",), "ch2", family_invited=2, family_attended=1),
    # Stood down on the day (9 Feb), held a week later.
    ConferenceFact(
        "cD-sd",
        "fam-d",
        "initial_pre_birth",
        d(2026, 2, 9),
        "stood_down",
        clock_start=d(2026, 1, 19),
        stood_down_reason="interpreter_unavailable",
        chair_id="ch3",
        child_ids=("D1",),
    ),
    # 12. pre-birth; clock 2026-01-19 -> deadline 2026-02-09; held 16 Feb: late (late request).
    #     Parents by 12 Feb: on time. Chair not recorded. Record deadline 9 March: not distributed.
    _held(
        "cD-icpc",
        "fam-d",
        "initial_pre_birth",
        d(2026, 2, 16),
        ("D1",),
        "ch3",
        clock_start=d(2026, 1, 19),
        lateness_reason="late_request",
        replaces_id="cD-sd",
        report_to_parents_on=d(2026, 2, 12),
        family_invited=2,
        family_attended=2,
    ),
    # --- next year: booked, not yet held ---
    ConferenceFact("cA-next", "fam-a", "review", d(2026, 7, 20), "scheduled", child_ids=("A1",)),
)

PLANS = (
    PlanFact("pA1", "A1", d(2024, 11, 4), "N", started_at_conference_id="cA-icpc"),
    PlanFact("pB1", "B1", d(2025, 5, 12), "P", started_at_conference_id="cB-icpc"),
    PlanFact(
        "pB2",
        "B2",
        d(2025, 5, 12),
        "E",
        d(2025, 8, 11),
        "step_down_cin",
        started_at_conference_id="cB-icpc",
        ended_at_conference_id="cB-fr",
    ),
    PlanFact("pC1", "C1", d(2025, 6, 2), "N", started_at_conference_id="cC-icpc"),
    PlanFact("pD1", "D1", d(2026, 2, 16), "N", started_at_conference_id="cD-icpc"),
    PlanFact("pE1old", "E1", d(2021, 1, 10), "P", d(2022, 3, 1), "step_down_cin"),
    PlanFact("pE1", "E1", d(2025, 10, 6), "E", started_at_conference_id="cE-tr"),
    PlanFact(
        "pF1old", "F1", d(2023, 5, 1), "N", d(2024, 6, 3), "step_down_cin", ended_at_conference_id="cF-end"
    ),
    PlanFact("pF1", "F1", d(2025, 11, 3), "M", started_at_conference_id="cF-icpc"),
    PlanFact(
        "pG1", "G1", d(2025, 9, 15), "N", d(2025, 11, 10), "moved_out", started_at_conference_id="cG-icpc"
    ),
    PlanFact(
        "pH1", "H1", d(2023, 4, 3), "N", d(2025, 4, 28), "step_down_cin", ended_at_conference_id="cH-rev"
    ),
)

FACTS = ReportFacts(CHILDREN, CONFERENCES, PLANS)
