"""The census's child protection rules: for each rule a record that breaks it and one that doesn't,
and the module's rows with the census's item names and codes. Worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.reports import reporting_year
from iro_desktop.reports.census import MODULE_COLUMNS, census_problems, module_rows, problems_for_children
from iro_desktop.reports.facts import ConferenceFact, PlanFact, ReportFacts

MON = date(2025, 6, 2)  # a Monday
SAT = date(2025, 6, 7)


def held(cid: str, kind: str, day: date, child: str = "C1") -> ConferenceFact:
    return ConferenceFact(cid, "fam", kind, day, "held", day, child_ids=(child,))


def rules(facts: ReportFacts) -> list[str]:
    return [p.rule for p in census_problems(facts)]


def test_a_clean_record_breaks_no_rule():
    facts = ReportFacts(
        (),
        (held("icpc", "initial", MON), held("rev", "first_review", date(2025, 9, 1))),
        (
            PlanFact("old", "C1", date(2020, 1, 6), "N", date(2021, 3, 1)),
            PlanFact("p", "C1", MON, "E", started_at_conference_id="icpc"),
        ),
    )
    assert census_problems(facts) == []


@pytest.mark.parametrize(
    ("rule", "conferences", "plans", "words"),
    [
        (
            "2885",
            (held("icpc", "initial", MON),),
            (PlanFact("p", "C1", date(2025, 6, 3), "N", started_at_conference_id="icpc"),),
            "starts on 03/06/2025 but the initial conference that made it was held on 02/06/2025",
        ),
        ("8840", (), (PlanFact("p", "C1", MON, "N", MON),), "starts and ends on 02/06/2025"),
        ("8925", (), (PlanFact("p", "C1", MON, "N", date(2025, 5, 1)),), "before it starts"),
        (
            "8935",
            (),
            (PlanFact("a", "C1", date(2024, 1, 8), "N"), PlanFact("b", "C1", MON, "P")),
            "2 plans are open",
        ),
        (
            "8940",
            (),
            (PlanFact("a", "C1", date(2024, 1, 8), "N", date(2025, 7, 1)), PlanFact("b", "C1", MON, "P")),
            "overlaps",
        ),
        (
            "8841",
            (held("icpc", "initial", MON), held("rev", "review", MON)),
            (PlanFact("p", "C1", MON, "N", started_at_conference_id="icpc"),),
            "is not after the plan's start",
        ),
        (
            "8875",
            (held("icpc", "initial", SAT),),
            (PlanFact("p", "C1", SAT, "N", started_at_conference_id="icpc"),),
            "held on a Saturday 07/06/2025",
        ),
        ("8905", (), (PlanFact("p", "C1", MON, "N", initial_category="X"),), "initial category is 'X'"),
        ("8910", (), (PlanFact("p", "C1", MON, "", initial_category="N"),), "latest category is 'blank'"),
    ],
)
def test_each_rule_is_caught_with_its_words(rule, conferences, plans, words):
    problems = census_problems(ReportFacts((), conferences, plans))
    assert [p.rule for p in problems] == [rule]
    assert words in problems[0].message
    assert problems[0].child_id == "C1"


def test_back_to_back_plans_and_a_plan_ended_at_a_review_are_clean():
    facts = ReportFacts(
        (),
        (held("icpc", "initial", date(2024, 3, 4)), held("rev", "first_review", date(2024, 6, 3))),
        (
            PlanFact(
                "a",
                "C1",
                date(2024, 3, 4),
                "N",
                date(2024, 6, 3),
                started_at_conference_id="icpc",
                ended_at_conference_id="rev",
            ),
            PlanFact("b", "C1", date(2024, 6, 3), "P"),  # starts the day the first ends: no overlap
        ),
    )
    assert rules(facts) == []


def test_problems_for_the_children_of_one_record():
    facts = ReportFacts(
        (), (), (PlanFact("p", "C1", MON, "N", MON), PlanFact("q", "C2", MON, "N", date(2025, 5, 1)))
    )
    assert [p.rule for p in problems_for_children(facts, ["C2"])] == ["8925"]


def test_module_rows_carry_the_census_items_and_codes():
    facts = ReportFacts(
        (),
        (
            held("icpc", "initial", MON),
            held("rev1", "first_review", date(2025, 9, 1)),
            held("rev2", "review", date(2026, 2, 2)),
        ),
        (
            PlanFact("old", "C1", date(2019, 1, 7), "P", date(2020, 2, 3)),
            PlanFact("p", "C1", MON, "M", started_at_conference_id="icpc", initial_category="E"),
        ),
    )
    rows = module_rows(facts, reporting_year(2025))
    assert set(rows[0]) == set(MODULE_COLUMNS)
    assert [r["CPPreviewDate"] for r in rows] == [date(2025, 9, 1), date(2026, 2, 2)]
    first = rows[0]
    assert first["CPPID"] == "p"
    assert (first["InitialCategoryOfAbuse"], first["LatestCategoryOfAbuse"]) == ("EMO", "MUL")
    assert first["NumberOfPreviousCPP"] == 1
    assert first["DateOfInitialCPC"] == MON
    assert first["CPPendDate"] is None
