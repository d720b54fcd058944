"""Every figure of the annual report for one period, in report order."""

from __future__ import annotations

from iro_desktop.reports import activity, demographics, participation, plans, timeliness
from iro_desktop.reports.facts import ReportFacts
from iro_desktop.reports.figure import Figure
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.periods import Period
from iro_desktop.reports.quality import quality_figures, quality_keys
from iro_desktop.reports.rules import ReportRules

#: Sections of the report and the figure keys in each, in order.
SECTIONS: dict[str, tuple[str, ...]] = {
    "Conferences": (
        "conferences_held_meetings",
        "conferences_held_children",
        "conferences_stood_down",
        "conferences_stood_down_of_held",
        "stood_down_rearranged",
    ),
    "Plans": (
        "children_on_plans_at_end",
        "children_on_plans_during_period",
        "plans_started",
        "children_starting_plan",
        "plans_ended",
        "children_ceasing_plan",
        "icpc_not_made_subject",
        "category_mix_at_end",
        "category_mix_over_period",
        "category_mix_during_period",
        "repeat_plans_ever",
        "repeat_plans_within_window",
        "plans_ended_first_review_or_short",
        "plans_ended_lasting_long",
        "open_plans_by_duration",
    ),
    "Timeliness": (
        "icpc_in_timescale_meetings",
        "icpc_in_timescale_children",
        "transfer_in_in_timescale_meetings",
        "transfer_in_in_timescale_children",
        "reviews_in_timescale_meetings",
        "reviews_in_timescale_children",
        "report_to_parents_on_time",
        "report_to_chair_on_time",
        "record_distributed_on_time",
        "record_backlog_at_end",
    ),
    "Participation and practice": (
        "family_attendance",
        "family_attendance_households",
        "dissent",
        "quoracy_overrides",
        "same_chair_as_previous",
        "families_one_chair",
        # Issue 19: how people attended, who chaired.
        "attendance_remote",
        "attendance_by_agency_kind",
        "chairs_by_role",
        "chair_not_independent_reason",
    ),
    "Children on plans": ("age_bands", "gender", "ethnicity", "disability"),
    "Family group decision-making, alerts and feedback": quality_keys(),  # issue 19
}


def compute_figures(index: FactIndex | ReportFacts, period: Period, rules: ReportRules) -> tuple[Figure, ...]:
    """All figures for `period`, in the order of `SECTIONS`."""
    if isinstance(index, ReportFacts):
        index = FactIndex.build(index)
    found: list[Figure] = [
        *activity.conferences_held(index, period),
        activity.stood_down(index, period),
        activity.stood_down_of_held(index, period),
        activity.stood_down_rearranged(index, period),
        plans.children_on_plans_at(index, period.end),
        plans.children_on_plans_during(index, period),
        *plans.plans_started(index, period),
        *plans.plans_ended(index, period),
        plans.not_made_subject(index, period),
        *plans.category_mix(index, period),
        *plans.repeat_plans(index, period, rules),
        plans.short_plans(index, period, rules),
        *plans.long_plans(index, period, rules),
        *timeliness.icpc_timeliness(index, period, rules),
        *timeliness.review_timeliness(index, period, rules),
        *timeliness.report_timeliness(index, period, rules),
        *timeliness.record_distribution(index, period, rules),
        activity.family_attendance(index, period),
        activity.family_attendance_households(index, period),
        activity.dissent(index, period),
        activity.quoracy_overrides(index, period),
        *activity.chair_continuity(index, period),
        participation.ways_of_attending(index, period),
        participation.ways_by_agency_kind(index, period),
        participation.chairs_by_role(index, period),
        participation.non_independent_with_reason(index, period),
        *demographics.demographics(index, period.end, rules),
        *quality_figures(index.facts.quality, period, rules.calendar),  # issue 19
    ]
    by_key = {f.key: f for f in found}
    order = [key for keys in SECTIONS.values() for key in keys]
    assert set(order) == set(by_key), set(order) ^ set(by_key)
    return tuple(by_key[key] for key in order)
