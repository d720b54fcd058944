"""Properties that hold for any facts (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.facts import (
    CONFERENCE_TYPES,
    ChildFact,
    ConferenceFact,
    PlanFact,
    ReportFacts,
)
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.plans import children_on_plans_at

START = date(2022, 1, 1)
CHILD_IDS = [f"c{i}" for i in range(8)]


@st.composite
def plans(draw) -> PlanFact:
    start = START + timedelta(days=draw(st.integers(0, 1600)))
    length = draw(st.one_of(st.none(), st.integers(0, 900)))
    return PlanFact(
        f"p{draw(st.integers(0, 10**9))}",
        draw(st.sampled_from(CHILD_IDS)),
        start,
        draw(st.sampled_from("NPESM")),
        None if length is None else start + timedelta(days=length),
    )


@st.composite
def conferences(draw) -> ConferenceFact:
    day = START + timedelta(days=draw(st.integers(0, 1600)))
    status = draw(st.sampled_from(["held", "held", "stood_down", "adjourned", "scheduled"]))
    maybe_date = st.one_of(st.none(), st.integers(-20, 40).map(lambda n: day + timedelta(days=n)))
    invited = draw(st.integers(0, 4))
    return ConferenceFact(
        f"k{draw(st.integers(0, 10**9))}",
        draw(st.sampled_from(["f1", "f2", "f3"])),
        draw(st.sampled_from(sorted(CONFERENCE_TYPES))),
        day,
        status,
        day if status == "held" else None,
        clock_start=draw(st.one_of(st.none(), st.integers(0, 40).map(lambda n: day - timedelta(days=n)))),
        chair_id=draw(st.sampled_from([None, "x", "y"])),
        child_ids=tuple(draw(st.sets(st.sampled_from(CHILD_IDS), min_size=1, max_size=3))),
        report_to_parents_on=draw(maybe_date),
        report_to_chair_on=draw(maybe_date),
        record_distributed_on=draw(maybe_date),
        family_invited=invited,
        family_attended=draw(st.integers(0, invited)),
        dissent_count=draw(st.integers(0, 2)),
        quoracy_override=draw(st.booleans()),
    )


children = st.just(
    tuple(
        ChildFact(c, "f1", START - timedelta(days=400 * i), gender="male", ethnicity_code="WBRI")
        for i, c in enumerate(CHILD_IDS)
    )
)
facts = st.builds(
    ReportFacts,
    children,
    st.lists(conferences(), max_size=25, unique_by=lambda c: c.id).map(tuple),
    st.lists(plans(), max_size=20, unique_by=lambda p: p.id).map(tuple),
)


@given(st.lists(plans(), max_size=30, unique_by=lambda p: p.id), st.dates(START, date(2027, 1, 1)))
def test_children_on_plans_matches_the_definition(plan_list, day):
    index = FactIndex.build(ReportFacts(plans=tuple(plan_list)))
    expected = {
        p.child_id for p in plan_list if p.started_on <= day and (p.ended_on is None or p.ended_on > day)
    }
    assert set(children_on_plans_at(index, day).child_ids) == expected


@settings(max_examples=60)
@given(facts, st.integers(2022, 2025))
def test_report_invariants(fact_set, year):
    report = annual_report(fact_set, reporting_year(year))
    for figures in (report.figures, report.previous_figures):
        by_key = {f.key: f for f in figures}
        # Category shares: counts add up to the plans counted, shares to about 100%.
        for key in (
            "category_mix_at_end",
            "category_mix_over_period",
            "category_mix_during_period",
            "plans_started",
        ):
            figure = by_key[key]
            assert sum(r.count for r in figure.rows) == figure.value
            if figure.value:
                assert abs(sum(r.percentage or 0 for r in figure.rows) - 100) < 0.3
        # Breakdowns of the demographics cover the whole cohort.
        on_plans = by_key["children_on_plans_at_end"].value
        for key in ("age_bands", "gender", "ethnicity"):
            assert sum(r.count for r in by_key[key].rows) == on_plans
        # Timeliness rows: in time + late = denominator.
        # Stood down over held is the one share that may pass 100% (more stood down than held): it
        # shares its numerator with the share of all booked and its denominator with the meetings held.
        of_held = by_key["conferences_stood_down_of_held"]
        assert of_held.numerator == by_key["conferences_stood_down"].numerator
        assert of_held.denominator == by_key["conferences_held_meetings"].value
        for key, figure in by_key.items():
            if figure.denominator is not None and key != "conferences_stood_down_of_held":
                assert 0 <= figure.numerator <= figure.denominator, key  # type: ignore[operator]
            if "timescale" in key:
                judged = sum(r.count for r in figure.rows if not r.label.startswith("Not judged"))
                assert judged == figure.denominator, key
        # Conferences by children = sum of children over meetings.
        assert by_key["conferences_held_children"].value >= by_key["conferences_held_meetings"].value
        for key in ("report_to_parents_on_time", "report_to_chair_on_time", "record_distributed_on_time"):
            judged_rows = [r for r in by_key[key].rows if r.label != "Not recorded"]
            assert sum(r.count for r in judged_rows) == by_key[key].denominator
            unknown = [r.count for r in by_key[key].rows if r.label == "Not recorded"]
            assert sum(unknown) == by_key[key].not_recorded
