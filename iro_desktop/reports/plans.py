"""Plan figures: children on plans, plans started and ended, outcomes of initial conferences,
categories, repeat plans, and how long plans last."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from iro_desktop.domain.calendar import add_months
from iro_desktop.reports.facts import CATEGORIES, FIRST_REVIEW, INITIAL_TYPES, TRANSFER_IN, PlanFact
from iro_desktop.reports.figure import CHILDREN, PLANS, Figure, Row, ids, rate, rows_from, share
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.periods import Period
from iro_desktop.reports.rules import ReportRules


def _category_label(code: str) -> str:
    return CATEGORIES.get(code, f"Not recorded ({code})" if code else "Not recorded")


_CATEGORY_ORDER = list(CATEGORIES.values())


def children_on_plans_at(index: FactIndex, day: date, key: str = "children_on_plans_at_end") -> Figure:
    """Children on a plan at the end of `day`'s reference: start <= day and (no end or end > day)."""
    plans = index.plans_open_on(day)
    children = ids(p.child_id for p in plans)
    return Figure(
        key,
        f"Children on a plan on {day:%d %B %Y}",
        "Children subject to a child protection plan on the reference date: a plan that started on or "
        "before that date and had not ended by it (a plan ending on the date no longer counts). Each "
        "child is counted once.",
        CHILDREN,
        len(children),
        child_ids=children,
        plan_ids=ids(p.id for p in plans),
    )


def children_on_plans_during(index: FactIndex, period: Period) -> Figure:
    """Children on a plan at any time in the period (not only at its end)."""
    plans = [p for p in index.facts.plans if p.is_open_during(period.start, period.end)]
    children = ids(p.child_id for p in plans)
    return Figure(
        "children_on_plans_during_period",
        "Children on a plan at any time in the period",
        "Children subject to a child protection plan on at least one day of the period: a plan that "
        "started on or before the period's last day and had not ended by its first day (a plan ending "
        "on the first day does not count). Each child is counted once, however many plans.",
        CHILDREN,
        len(children),
        child_ids=children,
        plan_ids=ids(p.id for p in plans),
    )


def plans_started(index: FactIndex, period: Period) -> list[Figure]:
    started = [p for p in index.facts.plans if period.contains(p.started_on)]
    by_category: dict[str, list[str]] = defaultdict(list)
    for plan in started:
        by_category[_category_label(plan.category)].append(plan.id)
    children = ids(p.child_id for p in started)
    return [
        Figure(
            "plans_started",
            "Plans started",
            "Child protection plans whose start date falls in the period (value: plans). A child with "
            "two plans starting in the period is counted twice here and once in 'children starting a "
            "plan'. Breakdown: category at the start.",
            PLANS,
            len(started),
            rows=rows_from(by_category, len(started), _CATEGORY_ORDER),
            child_ids=children,
            plan_ids=ids(p.id for p in started),
        ),
        Figure(
            "children_starting_plan",
            "Children who became subject to a plan",
            "Children with at least one plan starting in the period, each counted once.",
            CHILDREN,
            len(children),
            child_ids=children,
            plan_ids=ids(p.id for p in started),
        ),
    ]


def plans_ended(index: FactIndex, period: Period) -> list[Figure]:
    ended = [p for p in index.facts.plans if period.contains(p.ended_on)]
    by_reason: dict[str, list[str]] = defaultdict(list)
    for plan in ended:
        by_reason[plan.end_reason or "Not recorded"].append(plan.id)
    children = ids(p.child_id for p in ended)
    return [
        Figure(
            "plans_ended",
            "Plans ended",
            "Child protection plans whose end date falls in the period (value: plans). Breakdown: the "
            "reason the plan ended.",
            PLANS,
            len(ended),
            rows=rows_from(by_reason, len(ended)),
            child_ids=children,
            plan_ids=ids(p.id for p in ended),
        ),
        Figure(
            "children_ceasing_plan",
            "Children who ceased to be subject to a plan",
            "Children with at least one plan ending in the period, each counted once.",
            CHILDREN,
            len(children),
            child_ids=children,
            plan_ids=ids(p.id for p in ended),
        ),
    ]


def _made_subject(index: FactIndex, child_id: str, conference_id: str, held_on: date) -> bool:
    for plan in index.plans_by_child.get(child_id, ()):
        if plan.started_at_conference_id == conference_id:
            return True
        if plan.started_at_conference_id is None and plan.started_on == held_on:
            return True
    return False


def not_made_subject(index: FactIndex, period: Period) -> Figure:
    """Children at an initial conference (transfers in included) who were not made subject to a plan."""
    pairs = []
    not_subject = []
    transfer_pairs = []
    transfer_not_subject = []
    for conference in index.held_between(period.start, period.end):
        if conference.conference_type not in INITIAL_TYPES:
            continue
        assert conference.held_on is not None
        transfer = conference.conference_type == TRANSFER_IN
        for child_id in conference.child_ids:
            key = f"{conference.id}/{child_id}"
            pairs.append(key)
            made = _made_subject(index, child_id, conference.id, conference.held_on)
            if transfer:
                transfer_pairs.append(key)
            if not made:
                not_subject.append(child_id)
                if transfer:
                    transfer_not_subject.append(child_id)
    made_count = len(pairs) - len(not_subject)
    return Figure(
        "icpc_not_made_subject",
        "Children at an initial conference not made subject to a plan",
        "Numerator: children discussed at an initial conference (initial, pre-birth, re-convened and "
        "transfer-in conferences) held in the period for whom no plan started at that conference (a "
        "plan records the conference that started it; without that link, a plan starting on the "
        "conference day counts). Denominator: children discussed at those conferences (a child at two "
        "initial conferences counts twice). The transfer-in lines show the part of each count that was "
        "at a transfer-in conference.",
        CHILDREN,
        len(not_subject),
        len(not_subject),
        len(pairs),
        share(len(not_subject), len(pairs)),
        (
            Row("Made subject to a plan", made_count, share(made_count, len(pairs))),
            Row(
                "Not made subject to a plan",
                len(not_subject),
                share(len(not_subject), len(pairs)),
                ids(not_subject),
            ),
            Row(
                "Discussed at a transfer-in conference",
                len(transfer_pairs),
                share(len(transfer_pairs), len(pairs)),
            ),
            Row(
                "Transfer in, not made subject to a plan",
                len(transfer_not_subject),
                share(len(transfer_not_subject), len(pairs)),
                ids(transfer_not_subject),
            ),
        ),
        child_ids=ids(not_subject),
    )


def category_mix(index: FactIndex, period: Period) -> list[Figure]:
    at_end = index.plans_open_on(period.end)
    started = [p for p in index.facts.plans if period.contains(p.started_on)]
    during = [p for p in index.facts.plans if p.is_open_during(period.start, period.end)]
    out = []
    for key, title, plans, what, use_initial, counted in (
        (
            "category_mix_at_end",
            "Category of plans open at the period end",
            at_end,
            "Plans open on the last day of the period, by their current (latest) category. Shares "
            "are of all those plans, so they add up to 100%. 'Multiple' is shown on its own.",
            False,
            "Plans open at the period end",
        ),
        (
            "category_mix_over_period",
            "Category of plans started in the period",
            started,
            "Plans that started in the period, by their category at the start. Shares are of all "
            "those plans.",
            True,
            "Plans started in the period",
        ),
        (
            "category_mix_during_period",
            "Category of plans open at any time in the period",
            during,
            "Plans open on at least one day of the period (the plans of the children on a plan at any "
            "time in the period), by their current (latest) category. Shares are of all those plans.",
            False,
            "Plans open during the period",
        ),
    ):
        groups: dict[str, list[str]] = defaultdict(list)
        for plan in plans:
            code = (plan.initial_category or plan.category) if use_initial else plan.category
            groups[_category_label(code)].append(plan.id)
        multiple = len(groups.get(CATEGORIES["M"], []))
        out.append(
            Figure(
                key,
                title,
                what,
                PLANS,
                len(plans),
                multiple,
                len(plans),
                share(multiple, len(plans)),
                rows_from(groups, len(plans), _CATEGORY_ORDER),
                child_ids=ids(p.child_id for p in plans),
                plan_ids=ids(p.id for p in plans),
                counts=f"{counted} with category {CATEGORIES['M']}",  # the headline counts only these
            )
        )
    return out


def repeat_plans(index: FactIndex, period: Period, rules: ReportRules) -> list[Figure]:
    started = [p for p in index.facts.plans if period.contains(p.started_on)]
    ever: list[str] = []
    within: list[str] = []
    for plan in started:
        earlier = [q for q in index.plans_by_child.get(plan.child_id, ()) if q.started_on < plan.started_on]
        if not earlier:
            continue
        ever.append(plan.id)
        last_end = max((q.ended_on for q in earlier if q.ended_on is not None), default=None)
        window_start = add_months(plan.started_on, -rules.repeat_window_months)
        if last_end is not None and last_end >= window_start:
            within.append(plan.id)
    base = [p.id for p in started]
    child_of = {p.id: p.child_id for p in started}
    figures = []
    for key, title, hits, definition in (
        (
            "repeat_plans_ever",
            "Repeat plans (second or subsequent, at any time)",
            ever,
            "Numerator: plans started in the period for a child who had an earlier plan (started before "
            "this one) at any time - the national definition. Denominator: plans started in the period.",
        ),
        (
            "repeat_plans_within_window",
            f"Repeat plans within {rules.repeat_window_months} months",
            within,
            f"Numerator: plans started in the period within {rules.repeat_window_months} months of the "
            "end of the child's previous plan (the previous plan ended on or after the date "
            f"{rules.repeat_window_months} months before this one started). Denominator: plans started "
            "in the period.",
        ),
    ):
        figure = rate(key, title, definition, PLANS, hits, base, kind="plan_ids")
        figures.append(_with_children(figure, [child_of[h] for h in hits]))
    return figures


def _with_children(figure: Figure, child_ids: list[str]) -> Figure:
    from dataclasses import replace

    return replace(figure, child_ids=ids(child_ids))


def short_plans(index: FactIndex, period: Period, rules: ReportRules) -> Figure:
    ended = [p for p in index.facts.plans if period.contains(p.ended_on)]
    at_first_review: list[PlanFact] = []
    short: list[PlanFact] = []
    for plan in ended:
        assert plan.ended_on is not None
        ended_at = index.conferences.get(plan.ended_at_conference_id or "")
        if ended_at is not None and ended_at.conference_type == FIRST_REVIEW:
            at_first_review.append(plan)
        elif plan.ended_on < add_months(plan.started_on, rules.short_plan_months):
            short.append(plan)
    hits = at_first_review + short
    return Figure(
        "plans_ended_first_review_or_short",
        f"Plans ended at the first review or within {rules.short_plan_months} months",
        "Numerator: plans ended in the period that ended at a first review conference, or that had "
        f"lasted under {rules.short_plan_months} months when they ended. Denominator: plans ended in "
        "the period.",
        PLANS,
        len(hits),
        len(hits),
        len(ended),
        share(len(hits), len(ended)),
        (
            Row(
                "Ended at the first review",
                len(at_first_review),
                share(len(at_first_review), len(ended)),
                ids(p.id for p in at_first_review),
            ),
            Row(
                f"Ended within {rules.short_plan_months} months, not at a first review",
                len(short),
                share(len(short), len(ended)),
                ids(p.id for p in short),
            ),
        ),
        child_ids=ids(p.child_id for p in hits),
        plan_ids=ids(p.id for p in hits),
    )


def long_plans(index: FactIndex, period: Period, rules: ReportRules) -> list[Figure]:
    ended = [p for p in index.facts.plans if period.contains(p.ended_on)]
    months = rules.long_plan_months
    long_ended = [
        p for p in ended if p.ended_on is not None and p.ended_on >= add_months(p.started_on, months)
    ]
    ended_figure = Figure(
        "plans_ended_lasting_long",
        f"Plans that had lasted {months} months or more when they ended",
        f"Numerator: plans ended in the period that had lasted {months} months or more (the end date is "
        f"on or after the date {months} months after the start). Denominator: plans ended in the period.",
        PLANS,
        len(long_ended),
        len(long_ended),
        len(ended),
        share(len(long_ended), len(ended)),
        child_ids=ids(p.child_id for p in long_ended),
        plan_ids=ids(p.id for p in long_ended),
    )
    open_at_end = index.plans_open_on(period.end)
    rows = []
    for checkpoint in (*rules.open_plan_checkpoints, months):
        past = [p for p in open_at_end if add_months(p.started_on, checkpoint) <= period.end]
        rows.append(
            Row(
                f"Open {checkpoint} months or more",
                len(past),
                share(len(past), len(open_at_end)),
                ids(p.id for p in past),
            )
        )
    first = rows[0]
    first_ids = set(first.ids)
    open_figure = Figure(
        "open_plans_by_duration",
        "Open plans by how long they have lasted",
        "Plans open on the last day of the period that had by then lasted at least each checkpoint "
        "(the date that many months after the start is on or before the period end). Rows are "
        "cumulative: a plan open 19 months is in every row up to 18 months. Value: plans past the first "
        "checkpoint; shares are of all plans open at the period end.",
        PLANS,
        first.count,
        first.count,
        len(open_at_end),
        share(first.count, len(open_at_end)),
        tuple(rows),
        child_ids=ids(p.child_id for p in open_at_end if p.id in first_ids),
        plan_ids=first.ids,
    )
    return [ended_figure, open_figure]
