"""Issue 17: a fact that imported history never recorded is unknown, never a failure. The figure's
denominator leaves those conferences out and says how many ("not recorded for N"); a conference held
in the app with no date still counts as not on time. Values worked out by hand."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.history.ids import IdMaker
from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.facts import ConferenceFact, ReportFacts
from iro_desktop.reports.figure import headline_text

ids = IdMaker("Fictional LCS extract")


def _held(cid, day, **kw):
    return ConferenceFact(cid, "fam", "review", day, "held", day, chair_id="ch", child_ids=("C1",), **kw)


# Two conferences from imported history (uuid5 ids) with no report or distribution dates; one held in
# the app on time for both; one held in the app with neither date recorded.
IMPORTED_1 = ids("conference", "LCS-1")
IMPORTED_2 = ids("conference", "LCS-2")
FACTS = ReportFacts(
    (),
    (
        _held(IMPORTED_1, date(2025, 5, 6)),
        _held(IMPORTED_2, date(2025, 6, 3)),
        _held(
            "app-on-time",
            date(2025, 9, 9),
            report_to_parents_on=date(2025, 9, 1),
            report_to_chair_on=date(2025, 9, 1),
            record_distributed_on=date(2025, 9, 12),
        ),
        _held("app-missing", date(2025, 10, 7)),
    ),
    (),
)


def test_imported_history_without_dates_is_left_out_of_the_base_and_counted():
    report = annual_report(FACTS, reporting_year(2025))
    parents = report.figure("report_to_parents_on_time")
    # Base: the two app conferences; the app one with no date is not on time. 1 of 2.
    assert (parents.numerator, parents.denominator, parents.percentage) == (1, 2, 50.0)
    assert parents.not_recorded == 2
    rows = {row.label: (row.count, row.percentage) for row in parents.rows}
    assert rows == {
        "On time": (1, 50.0),
        "Late": (0, 0.0),
        "No date recorded": (1, 50.0),
        "Not recorded": (2, None),
    }
    assert headline_text(parents, "1", "2") == "1 of 2 (50.0%); not recorded for 2"
    chair = report.figure("report_to_chair_on_time")
    assert (chair.numerator, chair.denominator, chair.not_recorded) == (1, 2, 2)
    timely = report.figure("record_distributed_on_time")
    assert (timely.numerator, timely.denominator, timely.not_recorded) == (1, 2, 2)
    assert {row.label: row.count for row in timely.rows}["Not distributed"] == 1


def test_the_backlog_holds_only_records_the_app_knows_are_undistributed():
    report = annual_report(FACTS, reporting_year(2025))
    backlog = report.figure("record_backlog_at_end")
    assert backlog.conference_ids == ("app-missing",)
    assert (backlog.value, backlog.not_recorded) == (1, 2)
    assert headline_text(backlog, "1", "") == "1; not recorded for 2"
