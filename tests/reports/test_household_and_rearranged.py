"""Issue 17 item 5, the figures the import now feeds, on small hand-built facts (values by hand):
family attendance per household, stood-down conferences rearranged and held, disability "not known"
left out of the base, ethnicity held only at the group level."""

from __future__ import annotations

from datetime import date

from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.facts import ChildFact, ConferenceFact, PlanFact, ReportFacts
from iro_desktop.reports.figure import headline_text

YEAR = reporting_year(2025)


def _held(cid: str, day: date, kind: str = "review", **kw: object) -> ConferenceFact:
    return ConferenceFact(cid, "fam", kind, day, "held", day, chair_id="ch", child_ids=("K1",), **kw)  # type: ignore[arg-type]


def test_family_attendance_per_household():
    facts = ReportFacts(
        (),
        (
            # Two households invited, one represented (mother and grandmother together; father apart).
            _held(
                "a",
                date(2025, 5, 6),
                "initial",
                family_invited=3,
                family_attended=2,
                households_invited=2,
                households_attended=1,
            ),
            # One household, both parents came: one of one.
            _held(
                "b",
                date(2025, 8, 5),
                family_invited=2,
                family_attended=2,
                households_invited=1,
                households_attended=1,
            ),
            # Nobody from the family on the list: not recorded, not a failure.
            _held("c", date(2025, 11, 4)),
        ),
    )
    figure = annual_report(facts, YEAR).figure("family_attendance_households")
    assert (figure.numerator, figure.denominator, figure.percentage, figure.not_recorded) == (2, 3, 66.7, 1)
    assert [(r.label, r.count) for r in figure.rows] == [
        ("Initial conferences: 1 of 2 households invited", 1),
        ("Review conferences: 1 of 1 households invited", 1),
        ("Not recorded", 1),
    ]
    assert headline_text(figure, "2", "3") == "2 of 3 (66.7%); not recorded for 1"
    assert annual_report(facts, YEAR).figure("family_attendance").numerator == 4  # of 5 people


def test_stood_down_rearranged_follows_the_replacement_link():
    facts = ReportFacts(
        (),
        (
            ConferenceFact(
                "sd1", "fam", "review", date(2025, 6, 2), "stood_down", stood_down_reason="weather"
            ),
            _held("held1", date(2025, 6, 9), replaces_id="sd1"),
            ConferenceFact(
                "sd2", "fam", "review", date(2025, 9, 1), "stood_down", stood_down_reason="weather"
            ),
            ConferenceFact("booked2", "fam", "review", date(2025, 9, 8), "scheduled", replaces_id="sd2"),
            ConferenceFact(
                "sd3", "fam", "review", date(2025, 12, 1), "stood_down", stood_down_reason="other"
            ),
        ),
    )
    figure = annual_report(facts, YEAR).figure("stood_down_rearranged")
    assert (figure.numerator, figure.denominator, figure.conference_ids) == (1, 3, ("sd1",))
    assert {r.label: r.ids for r in figure.rows} == {
        "Rearranged conference held": ("sd1",),
        "Rearranged, not held": ("sd2",),
        "No rearranged conference recorded": ("sd3",),
    }


def test_disability_not_known_is_left_out_and_group_codes_roll_up():
    children = (
        ChildFact("K1", "fam", date(2015, 1, 1), ethnicity_code="WHIT", disability=True),
        ChildFact("K2", "fam", date(2016, 1, 1), ethnicity_code="BLAC", disability=False),
        ChildFact("K3", "fam", date(2017, 1, 1), ethnicity_code="UNCL", disability_known=False),
        ChildFact("K4", "fam", date(2018, 1, 1), ethnicity_code="AOEG", disability_known=False),
    )
    plans = tuple(PlanFact(f"p{n}", c.id, date(2025, 1, 6), "N") for n, c in enumerate(children))
    report = annual_report(ReportFacts(children, (), plans), YEAR)
    disability = report.figure("disability")
    assert (disability.numerator, disability.denominator, disability.percentage) == (1, 2, 50.0)
    assert disability.not_recorded == 2
    assert disability.row("Not known").ids == ("K3", "K4")
    assert disability.row("Not known").percentage is None
    groups = {r.label: r.count for r in report.figure("ethnicity").rows}
    assert (groups["White"], groups["Black or Black British"], groups["Other ethnic group"]) == (1, 1, 1)
    assert groups["Not known"] == 1


def test_a_plan_transferred_out_is_an_ended_plan_with_its_reason():
    plans = (
        PlanFact("p1", "K1", date(2024, 6, 3), "E", date(2025, 10, 15), "transferred_out"),
        PlanFact("p2", "K2", date(2024, 6, 3), "N", date(2025, 11, 3), "ends_cin"),
    )
    report = annual_report(ReportFacts((), (), plans), YEAR)
    ended = report.figure("plans_ended")
    assert ended.value == 2
    assert {r.label: r.ids for r in ended.rows} == {"transferred_out": ("p1",), "ends_cin": ("p2",)}
    assert plans[0].transferred_out
    assert not plans[1].transferred_out
