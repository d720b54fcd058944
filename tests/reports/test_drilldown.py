"""Drill-down: the records behind a figure or one line of it, by family reference, child, date and type;
reason codes shown as words (worked sample of tests/reports/sample.py, year 2025-26)."""

from __future__ import annotations

from datetime import date

from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.drilldown import Drill, Names, relabel
from tests.reports.sample import FACTS

NAMES = Names(
    {"fam-b": "R-B", "fam-d": "R-D", "fam-e": "R-E", "fam-g": "R-G"},
    {
        "B1": "Bo Bell",
        "B2": "Bea Bell",
        "D1": "Baby Dunn",
        "E1": "Eli East",
        "G1": "Gia Gale",
        "G2": "Gil Gale",
    },
    {"interpreter_unavailable": "Interpreter not available", "step_down_cin": "Step down to child in need"},
)
REPORT = annual_report(FACTS, reporting_year(2025))


def test_stood_down_booking_drills_to_the_conference_with_its_reason():
    (row,) = Drill(FACTS, NAMES).for_figure(REPORT.figure("conferences_stood_down"))
    assert (row.kind, row.record_id, row.family_reference, row.child, row.day) == (
        "Conference",
        "cD-sd",
        "R-D",
        "Baby Dunn",
        date(2026, 2, 9),
    )
    assert row.type_label == "Initial pre-birth conference"
    assert row.status == "stood down: Interpreter not available"


def test_plans_drill_to_plans_and_a_line_to_its_own_plans():
    drill = Drill(FACTS, NAMES)
    ended = REPORT.figure("plans_ended")
    rows = drill.for_figure(ended)
    assert {r.record_id for r in rows} == set(ended.plan_ids)
    assert all(r.kind == "Plan" for r in rows)
    b2 = next(r for r in rows if r.record_id == "pB2")
    assert (b2.family_reference, b2.child, b2.day, b2.type_label) == (
        "R-B",
        "Bea Bell",
        date(2025, 5, 12),
        "Plan: Emotional abuse",
    )
    assert b2.status == "ended 2025-08-11 (Step down to child in need)"
    line = ended.row("moved_out")
    assert [r.record_id for r in drill.for_figure(ended, line)] == ["pG1"]


def test_children_drill_shows_birth_or_expected_date():
    drill = Drill(FACTS, NAMES)
    unborn = REPORT.previous("age_bands")  # nobody unborn at 31 March 2025
    assert unborn.row("Unborn").ids == ()
    rows = drill.child_rows(["D1", "B1"])
    assert [(r.child, r.type_label) for r in rows] == [
        ("Baby Dunn", "Unborn (expected date)"),
        ("Bo Bell", "Born (date of birth)"),
    ]
    assert rows[0].day == date(2026, 5, 1)


def test_unknown_ids_and_missing_names_fall_back_to_ids():
    drill = Drill(FACTS, Names())
    assert drill.conference_rows(["no-such-id"]) == []
    (row,) = drill.conference_rows(["cD-sd"])
    assert (row.family_reference, row.child) == ("fam-d", "D1")


def test_relabel_shows_reason_codes_as_words_in_both_periods():
    labelled = relabel(REPORT, NAMES.reason_labels)
    assert [r.label for r in labelled.figure("conferences_stood_down").rows] == ["Interpreter not available"]
    assert "Step down to child in need" in [r.label for r in labelled.figure("plans_ended").rows]
    assert "Step down to child in need" in [r.label for r in labelled.previous("plans_ended").rows]
    assert labelled.figure("age_bands") == REPORT.figure("age_bands")
    assert relabel(REPORT, {}) is REPORT
