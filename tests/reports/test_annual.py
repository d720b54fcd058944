"""Every figure of the hand-built council in `sample.py`, worked out by hand for 2025-26 (and a few
for 2024-25, the previous period). The working is in the comments; `sample.py` shows each
conference's deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.annual import AnnualReport
from iro_desktop.reports.demographics import age_band
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.plans import children_on_plans_at
from iro_desktop.reports.rules import ReportRules
from tests.reports.sample import FACTS


@pytest.fixture(scope="module")
def report() -> AnnualReport:
    return annual_report(FACTS, reporting_year(2025))


def counts(figure) -> dict[str, int]:
    return {row.label: row.count for row in figure.rows}


def test_periods(report):
    assert (report.period.start, report.period.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert (report.previous_period.start, report.previous_period.end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert report.period.label == "2025-26"


def test_conferences_held_by_type_meetings_and_children(report):
    # Held in 2025-26: 12 (the stood-down booking and next year's booking are not held).
    # initial: cB-icpc, cG-icpc, cF-icpc = 3 meetings, 2 + 2 + 1 = 5 children
    # pre-birth: cC-icpc, cD-icpc = 2 / 2; transfer: cE-tr = 1 / 1
    # first review: cB-fr (2 children), cC-fr = 2 / 3; review: cH-rev, cA-rev1, cA-rev2, cB-rev = 4 / 4
    meetings = report.figure("conferences_held_meetings")
    assert meetings.value == 12
    assert counts(meetings) == {
        "Initial conference": 3,
        "Initial pre-birth conference": 2,
        "Receiving-in (transfer) conference": 1,
        "Re-convened initial conference": 0,
        "First review conference": 2,
        "Review conference": 4,
    }
    children = report.figure("conferences_held_children")
    assert children.value == 15
    assert counts(children)["Initial conference"] == 5
    assert counts(children)["First review conference"] == 3
    # 2024-25: cA-icpc, cA-fr, cH-rev0, cF-end.
    assert report.previous("conferences_held_meetings").value == 4


def test_stood_down_and_held_later(report):
    # cD-sd stood down on 9 Feb 2026 (interpreter), cD-icpc held 16 Feb: 1 stood down of 13 booked for
    # a day in the year and held/stood down = 7.7%; the held one is among the 12 held.
    figure = report.figure("conferences_stood_down")
    assert (figure.numerator, figure.denominator, figure.percentage) == (1, 13, 7.7)
    assert counts(figure) == {"interpreter_unavailable": 1}
    assert figure.conference_ids == ("cD-sd",)
    assert "cD-icpc" in report.figure("conferences_held_meetings").conference_ids


def test_children_on_plans_at_year_end(report):
    # Open on 31 March 2026: pA1 (spans the year end), pB1, pC1, pD1, pE1, pF1 = 6 children.
    # pB2 (ended Aug 2025), pG1 (Nov 2025), pH1 (Apr 2025) have ended.
    figure = report.figure("children_on_plans_at_end")
    assert figure.value == 6
    assert figure.child_ids == ("A1", "B1", "C1", "D1", "E1", "F1")
    # 31 March 2025: pA1, and pH1 (ends 28 April 2025) = 2.
    assert report.previous("children_on_plans_at_end").child_ids == ("A1", "H1")


def test_plan_ending_on_the_date_is_off_the_plan():
    index = FactIndex.build(FACTS)
    # pH1 ends 28 April 2025: on a plan on the 27th, not on the 28th.
    assert "H1" in children_on_plans_at(index, date(2025, 4, 27)).child_ids
    assert "H1" not in children_on_plans_at(index, date(2025, 4, 28)).child_ids


def test_plans_started_and_ended(report):
    # Started: pB1, pB2 (starts and ends this year), pC1, pD1, pE1, pF1, pG1 = 7 plans, 7 children.
    started = report.figure("plans_started")
    assert started.value == 7
    assert counts(started) == {
        "Neglect": 3,  # pC1, pD1, pG1
        "Physical abuse": 1,  # pB1
        "Emotional abuse": 2,  # pB2, pE1
        "Sexual abuse": 0,
        "Multiple": 1,  # pF1
    }
    assert report.figure("children_starting_plan").value == 7
    # Ended: pH1 (28 Apr 2025), pB2 (11 Aug 2025), pG1 (10 Nov 2025) = 3.
    ended = report.figure("plans_ended")
    assert ended.plan_ids == ("pB2", "pG1", "pH1")
    assert counts(ended) == {"moved_out": 1, "step_down_cin": 2}
    assert report.figure("children_ceasing_plan").value == 3
    # 2024-25: started pA1; ended pF1old.
    assert report.previous("plans_started").plan_ids == ("pA1",)
    assert report.previous("plans_ended").plan_ids == ("pF1old",)


def test_not_made_subject_at_initial_conference(report):
    # Children at initial conferences this year: cB-icpc 2, cC-icpc 1, cG-icpc 2, cF-icpc 1, cD-icpc 1,
    # and the transfer cE-tr 1 (issue 17: transfers in are counted) = 8. G2 got no plan: 1 / 8 = 12.5%.
    figure = report.figure("icpc_not_made_subject")
    assert (figure.numerator, figure.denominator, figure.percentage) == (1, 8, 12.5)
    assert figure.child_ids == ("G2",)
    # The transfer-in line: E1 at cE-tr, made subject (pE1 started there).
    assert counts(figure) == {
        "Made subject to a plan": 7,
        "Not made subject to a plan": 1,
        "Discussed at a transfer-in conference": 1,
        "Transfer in, not made subject to a plan": 0,
    }


def test_children_on_plans_at_any_time_in_the_period(report):
    # 1 Apr 2025 - 31 Mar 2026: pA1, pB1, pB2, pC1, pD1, pE1, pF1, pG1, and pH1 (ends 28 Apr 2025).
    # pF1old (ended Jun 2024) and pE1old (2022) are out. 9 children.
    figure = report.figure("children_on_plans_during_period")
    assert figure.child_ids == ("A1", "B1", "B2", "C1", "D1", "E1", "F1", "G1", "H1")
    assert figure.value == 9
    # Their plans by latest category: N pA1 pC1 pD1 pG1 pH1 = 5, P pB1, E pB2 pE1 = 2, M pF1.
    mix = report.figure("category_mix_during_period")
    assert counts(mix) == {
        "Neglect": 5,
        "Physical abuse": 1,
        "Emotional abuse": 2,
        "Sexual abuse": 0,
        "Multiple": 1,
    }
    assert (mix.numerator, mix.denominator) == (1, 9)
    assert mix.counts == "Plans open during the period with category Multiple"


def test_stood_down_as_a_share_of_conferences_held(report):
    # 1 stood down (cD-sd) over 12 held = 8.3%, beside 1 of 13 booked (7.7%).
    figure = report.figure("conferences_stood_down_of_held")
    assert (figure.numerator, figure.denominator, figure.percentage) == (1, 12, 8.3)
    assert figure.conference_ids == ("cD-sd",)


def test_category_mix(report):
    # At 31 March 2026, 6 open plans: N pA1 pC1 pD1 = 3 (50%), P pB1 (16.7), E pE1 (16.7), M pF1 (16.7).
    at_end = report.figure("category_mix_at_end")
    assert at_end.value == 6
    assert counts(at_end) == {
        "Neglect": 3,
        "Physical abuse": 1,
        "Emotional abuse": 1,
        "Sexual abuse": 0,
        "Multiple": 1,
    }
    assert [r.percentage for r in at_end.rows] == [50.0, 16.7, 16.7, 0.0, 16.7]
    # The headline share is 'Multiple': 1 of 6.
    assert at_end.percentage == 16.7
    # Over the year (plans started): N 3, P 1, E 2, S 0, M 1 of 7.
    over = report.figure("category_mix_over_period")
    assert counts(over) == {
        "Neglect": 3,
        "Physical abuse": 1,
        "Emotional abuse": 2,
        "Sexual abuse": 0,
        "Multiple": 1,
    }


def test_repeat_plans_within_and_beyond_24_months(report):
    # pE1 (6 Oct 2025): E1's pE1old ended 1 March 2022, 43 months earlier -> repeat, not within 24.
    # pF1 (3 Nov 2025): F1's pF1old ended 3 June 2024, 17 months earlier -> repeat within 24.
    ever = report.figure("repeat_plans_ever")
    assert (ever.numerator, ever.denominator, ever.percentage) == (2, 7, 28.6)
    assert ever.plan_ids == ("pE1", "pF1")
    assert ever.child_ids == ("E1", "F1")
    within = report.figure("repeat_plans_within_window")
    assert (within.numerator, within.denominator, within.percentage) == (1, 7, 14.3)
    assert within.plan_ids == ("pF1",)


def test_plans_ended_at_first_review_or_within_3_months(report):
    # Of 3 ended: pB2 ended at cB-fr (a first review); pG1 ran 15 Sept - 10 Nov (< 3 months, no
    # conference); pH1 ran two years. 2 / 3 = 66.7%.
    figure = report.figure("plans_ended_first_review_or_short")
    assert (figure.numerator, figure.denominator, figure.percentage) == (2, 3, 66.7)
    assert figure.plan_ids == ("pB2", "pG1")
    assert [r.count for r in figure.rows] == [1, 1]


def test_long_plans(report):
    # pH1: 3 April 2023 to 28 April 2025, on or after 3 April 2025 -> 2 years or more. 1 of 3 ended.
    ended = report.figure("plans_ended_lasting_long")
    assert (ended.numerator, ended.denominator, ended.plan_ids) == (1, 3, ("pH1",))
    # Open at 31 March 2026 (6): pA1 from 4 Nov 2024 is past 9, 12 and 15 months (18 would be
    # 4 May 2026); pB1 from 12 May 2025 past 9 (12 Feb 2026); pC1 from 2 June 2025 past 9 (2 March 2026);
    # pD1, pE1, pF1 under 9 months.
    open_plans = report.figure("open_plans_by_duration")
    assert counts(open_plans) == {
        "Open 9 months or more": 3,
        "Open 12 months or more": 1,
        "Open 15 months or more": 1,
        "Open 18 months or more": 0,
        "Open 24 months or more": 0,
    }
    assert open_plans.row("Open 9 months or more").ids == ("pA1", "pB1", "pC1")
    assert (open_plans.value, open_plans.denominator, open_plans.percentage) == (3, 6, 50.0)


def test_initial_conferences_within_15_working_days_without_transfers(report):
    # cB-icpc, cC-icpc, cG-icpc, cF-icpc in time; cD-icpc late (deadline 9 Feb, held 16 Feb).
    # The transfer cE-tr (late) is not in this figure.
    meetings = report.figure("icpc_in_timescale_meetings")
    assert (meetings.numerator, meetings.denominator, meetings.percentage) == (4, 5, 80.0)
    assert "cE-tr" not in meetings.conference_ids
    assert counts(meetings) == {"Within timescale": 4, "Late - late_request": 1}
    # By child: 2 + 1 + 2 + 1 in time, D1 late: 6 / 7 = 85.7%.
    children = report.figure("icpc_in_timescale_children")
    assert (children.numerator, children.denominator, children.percentage) == (6, 7, 85.7)
    assert "D1" not in children.child_ids
    # Transfers separately: cE-tr clock 1 Sept, deadline 22 Sept, held 6 Oct: 0 of 1.
    transfers = report.figure("transfer_in_in_timescale_meetings")
    assert (transfers.numerator, transfers.denominator) == (0, 1)
    assert counts(transfers) == {"Within timescale": 0, "Late - reason not recorded": 1}


def test_reviews_within_timescale(report):
    # cH-rev late (due 21 Apr, held 28 Apr); cA-rev1, cB-fr, cC-fr, cA-rev2, cB-rev in time.
    meetings = report.figure("reviews_in_timescale_meetings")
    assert (meetings.numerator, meetings.denominator, meetings.percentage) == (5, 6, 83.3)
    assert counts(meetings)["Late - chair_unavailable"] == 1
    # By child: cB-fr has 2 children: 6 / 7.
    children = report.figure("reviews_in_timescale_children")
    assert (children.numerator, children.denominator) == (6, 7)
    # 2024-25: cA-fr in time (due 4 Feb 2025); cH-rev0 and cF-end have no earlier conference on record.
    previous = report.previous("reviews_in_timescale_meetings")
    assert (previous.numerator, previous.denominator) == (1, 1)
    assert counts(previous)["Not judged: date missing"] == 2


def test_reports_to_parents_and_chair(report):
    # Parents: on time 1,3,4,5,6,8,9,12 = 8; late cA-rev2 (22 Jan > 21 Jan); none for cC-icpc, cG-icpc,
    # cB-rev. 8 / 12 = 66.7%.
    parents = report.figure("report_to_parents_on_time")
    assert (parents.numerator, parents.denominator, parents.percentage) == (8, 12, 66.7)
    assert counts(parents) == {"On time": 8, "Late": 1, "No date recorded": 3}
    # Chair: late cH-rev (24 > 23 Apr), cB-fr (8 > 6 Aug); none for cG-icpc, cB-rev, cD-icpc. 7 / 12.
    chair = report.figure("report_to_chair_on_time")
    assert (chair.numerator, chair.denominator, chair.percentage) == (7, 12, 58.3)
    assert counts(chair) == {"On time": 7, "Late": 2, "No date recorded": 3}


def test_record_distribution_and_backlog(report):
    # On time: cB-icpc, cH-rev, cB-fr, cC-fr, cG-icpc, cE-tr = 6; late: cC-icpc, cA-rev2;
    # not distributed: cA-rev1, cF-icpc, cB-rev, cD-icpc. 6 / 12 = 50%.
    timely = report.figure("record_distributed_on_time")
    assert (timely.numerator, timely.denominator, timely.percentage) == (6, 12, 50.0)
    assert counts(timely) == {"On time": 6, "Late": 2, "Not distributed": 4}
    # Backlog on 31 March 2026: the 4 not distributed, all past their deadline.
    backlog = report.figure("record_backlog_at_end")
    assert backlog.conference_ids == ("cA-rev1", "cB-rev", "cD-icpc", "cF-icpc")
    assert counts(backlog) == {"Past the deadline": 4, "Still within timescale": 0}
    # On 31 March 2025: cH-rev0 (distributed only on 10 April 2025).
    assert report.previous("record_backlog_at_end").conference_ids == ("cH-rev0",)
    # 2024-25 timeliness: cA-icpc, cA-fr, cF-end on time; cH-rev0 late: 3 / 4.
    assert report.previous("record_distributed_on_time").percentage == 75.0


def test_family_attendance(report):
    # Initial (cB 2/2, cC 1/2, cG 3/3, cE 1/1, cF 1/2, cD 2/2) = 10 of 12;
    # reviews (cH 0/1, cA1 2/2, cBfr 2/2, cCfr 2/2, cA2 2/2, cBrev 1/2) = 9 of 11; 19 / 23 = 82.6%.
    figure = report.figure("family_attendance")
    assert (figure.numerator, figure.denominator, figure.percentage) == (19, 23, 82.6)
    assert [r.count for r in figure.rows] == [10, 9]


def test_dissent_and_quoracy(report):
    # Dissent at cC-icpc (1) and cF-icpc (2): 2 of 12 conferences, 3 dissents.
    dissent = report.figure("dissent")
    assert (dissent.numerator, dissent.denominator, dissent.conference_ids) == (2, 12, ("cC-icpc", "cF-icpc"))
    assert dissent.rows[0].count == 3
    # Quoracy override at cA-rev1: 1 / 12 = 8.3%.
    quoracy = report.figure("quoracy_overrides")
    assert (quoracy.numerator, quoracy.percentage, quoracy.conference_ids) == (1, 8.3, ("cA-rev1",))


def test_same_chair(report):
    # Previous family conference's chair: cA-rev1 ch1 vs ch2 (different), cA-rev2 same, cB-fr same,
    # cB-rev ch2 vs ch1 (different), cC-fr same, cF-icpc same as cF-end (2024), cH-rev same as cH-rev0.
    # First conferences of a family (cB-icpc, cC-icpc, cD-icpc, cE-tr, cG-icpc) are not counted. 5 / 7.
    meetings = report.figure("same_chair_as_previous")
    assert (meetings.numerator, meetings.denominator, meetings.percentage) == (5, 7, 71.4)
    assert meetings.row("Different chair").ids == ("cA-rev1", "cB-rev")
    # Families with 2+ conferences this year: A (ch1, ch1) one chair; B (ch1, ch1, ch2) not; C one.
    families = report.figure("families_one_chair")
    assert (families.numerator, families.denominator) == (2, 3)


def test_age_bands_with_birthday_on_the_reference_date(report):
    # On 31 March 2026: A1 10 (10-15); B1 born 31 March 2021 turns 5 that day (5-9, not 0-4);
    # C1 born during the plan, 0 (0-4); D1 unborn; E1 7 (5-9); F1 14 (10-15).
    figure = report.figure("age_bands")
    assert counts(figure) == {"Unborn": 1, "0-4": 1, "5-9": 2, "10-15": 2, "16+": 0}
    assert figure.row("5-9").ids == ("B1", "E1")
    children = {c.id: c for c in FACTS.children}
    rules = ReportRules()
    reference = date(2026, 3, 31)
    assert age_band(children["B1"], reference, rules) == "5-9"
    assert age_band(children["B1"], date(2026, 3, 30), rules) == "0-4"
    # B2 born 31 March 2010 turns 16 on the reference date.
    assert age_band(children["B2"], reference, rules) == "16+"
    assert age_band(children["B2"], date(2026, 3, 30), rules) == "10-15"


def test_child_born_during_a_plan_that_began_before_birth():
    # C1's plan began at the pre-birth conference on 2 June 2025; C1 was born on 15 July 2025.
    index = FactIndex.build(FACTS)
    rules = ReportRules()
    c1 = index.children["C1"]
    assert age_band(c1, date(2025, 6, 2), rules) == "Unborn"
    assert age_band(c1, date(2025, 7, 15), rules) == "0-4"
    june = annual_report(FACTS, reporting_year(2025)).figure("age_bands")
    assert "C1" in june.row("0-4").ids
    # The same child, one id, before and after birth: on a plan throughout.
    assert "C1" in children_on_plans_at(index, date(2025, 6, 30)).child_ids
    assert "C1" in children_on_plans_at(index, date(2025, 8, 31)).child_ids


def test_gender_ethnicity_disability(report):
    # A1 F, B1 M, C1 M, D1 unknown, E1 M, F1 F.
    assert counts(report.figure("gender")) == {"Female": 2, "Male": 3, "Other": 0, "Not known": 1}
    # WBRI White, MWBC Mixed, C1 and D1 blank, BAFR Black, APKN Asian.
    assert counts(report.figure("ethnicity")) == {
        "White": 1,
        "Mixed": 1,
        "Asian or Asian British": 1,
        "Black or Black British": 1,
        "Other ethnic group": 0,
        "Not known": 2,
    }
    # F1 disabled (B2 is too, but B2's plan ended): 1 / 6.
    disability = report.figure("disability")
    assert (disability.numerator, disability.denominator, disability.child_ids) == (1, 6, ("F1",))


def test_every_figure_has_a_definition_and_previous_value(report):
    for _title, pairs in report.sections():
        for figure, previous in pairs:
            assert figure.key == previous.key
            assert len(figure.definition) > 40
            if figure.denominator is not None:
                assert figure.numerator is not None
                assert figure.numerator <= figure.denominator


def test_rules_are_configurable():
    # With 20 working days, cD-icpc (16 Feb; clock 19 Jan) is in time: 5 / 5.
    report = annual_report(FACTS, reporting_year(2025), ReportRules(icpc_working_days=20))
    assert report.figure("icpc_in_timescale_meetings").percentage == 100.0
    # With a 48-month window pE1 (previous ended 43 months before) is a repeat within the window too.
    report = annual_report(FACTS, reporting_year(2025), ReportRules(repeat_window_months=48))
    assert report.figure("repeat_plans_within_window").plan_ids == ("pE1", "pF1")


def test_quarter_with_previous_quarter():
    from iro_desktop.reports import quarter

    # Q4 2025-26 (Jan-Mar 2026): cA-rev2, cB-rev, cD-icpc held; cD-sd stood down.
    # Q3 (Oct-Dec 2025): cE-tr, cF-icpc.
    report = annual_report(FACTS, quarter(2025, 4))
    assert report.figure("conferences_held_meetings").conference_ids == ("cA-rev2", "cB-rev", "cD-icpc")
    assert report.previous_period.label == "Q3 2025-26"
    assert report.previous("conferences_held_meetings").conference_ids == ("cE-tr", "cF-icpc")
    assert report.figure("conferences_stood_down").value == 1
    # Children on plans at 31 Dec 2025: pA1, pB1, pC1, pE1, pF1 (pG1 ended 10 Nov; pD1 not started).
    assert report.previous("children_on_plans_at_end").child_ids == ("A1", "B1", "C1", "E1", "F1")


def test_custom_age_bands():
    from iro_desktop.reports.rules import AgeBand

    rules = ReportRules(
        age_bands=(AgeBand(0, 0), AgeBand(1, 4), AgeBand(5, 10), AgeBand(11, 15), AgeBand(16, 17))
    )
    # On 31 March 2026: C1 0; B1 5, E1 7 (5-10); A1 10 (5-10); F1 14 (11-15); D1 unborn.
    figure = annual_report(FACTS, reporting_year(2025), rules).figure("age_bands")
    assert counts(figure) == {"Unborn": 1, "0-0": 1, "1-4": 0, "5-10": 3, "11-15": 1, "16-17": 0}


def test_no_facts_gives_zeros_and_no_percentages():
    from iro_desktop.reports.facts import ReportFacts

    report = annual_report(ReportFacts(), reporting_year(2025))
    for figure in report.figures:
        assert figure.value == 0
        assert figure.percentage is None
