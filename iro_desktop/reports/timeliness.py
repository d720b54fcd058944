"""Timeliness: initial conferences within 15 working days, reviews within timescale, the social
worker's report to parents and chair, and distribution of the record (with the backlog)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from iro_desktop.domain.clocks import initial_conference_due, review_conference_due
from iro_desktop.domain.history.ids import is_imported
from iro_desktop.reports.facts import ICPC_TYPES, INITIAL_TYPES, REVIEW_TYPES, TRANSFER_IN, ConferenceFact
from iro_desktop.reports.figure import CHILDREN, CONFERENCES, Figure, Row, ids, rows_from, share
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.periods import Period
from iro_desktop.reports.rules import ReportRules

NOT_RECORDED = "Not recorded"
NOT_RECEIVED = "No date recorded"


def icpc_deadline(conference: ConferenceFact, rules: ReportRules) -> date | None:
    """The last day an initial conference is in time: `icpc_working_days` after the clock start."""
    if conference.clock_start is None:
        return None
    return initial_conference_due(conference.clock_start, rules.icpc_working_days, rules.calendar)


def _timeliness_pair(
    key: str,
    title: str,
    definition: str,
    judged: Iterable[tuple[ConferenceFact, str, bool | None, str | None]],
) -> list[Figure]:
    """Meetings and children figures from (conference, child id, in time - or None when it cannot be
    judged - and lateness reason), one tuple per child at each conference."""
    items = list(judged)
    by_conf: dict[str, list[tuple[bool | None, str | None]]] = defaultdict(list)
    for conference, _child, ok, reason in items:
        by_conf[conference.id].append((ok, reason))
    meetings: list[tuple[str, str | None, str, bool | None, str | None]] = []
    for conf_id, results in by_conf.items():
        known = [r for r in results if r[0] is not None]
        late = [r for r in known if not r[0]]
        ok = None if not known else not late
        meetings.append((conf_id, None, conf_id, ok, late[0][1] if late else None))
    children = [(f"{c.id}/{child}", child, c.id, ok, reason) for c, child, ok, reason in items]
    return [
        _timeliness_figure(
            f"{key}_meetings",
            f"{title} (by meeting)",
            definition + " Counted by meeting: a meeting is in time when every child it covered was.",
            CONFERENCES,
            meetings,
        ),
        _timeliness_figure(
            f"{key}_children",
            f"{title} (by child)",
            definition + " Counted by child: each child at each conference once.",
            CHILDREN,
            children,
        ),
    ]


def _timeliness_figure(
    key: str,
    title: str,
    definition: str,
    unit: str,
    units: Sequence[tuple[str, str | None, str, bool | None, str | None]],
) -> Figure:
    """`units`: (unit id, child id or None, conference id, in time, lateness reason)."""
    groups: dict[str, list[str]] = defaultdict(list)
    base = 0
    hits = []
    for _unit_id, child, conf_id, ok, reason in units:
        drill = child if unit == CHILDREN and child is not None else conf_id
        if ok is None:
            groups["Not judged: date missing"].append(drill)
            continue
        base += 1
        if ok:
            hits.append((child, conf_id))
            groups["Within timescale"].append(drill)
        else:
            groups[f"Late - {reason or 'reason not recorded'}"].append(drill)
    return Figure(
        key,
        title,
        definition,
        unit,
        len(hits),
        len(hits),
        base,
        share(len(hits), base),
        rows_from(groups, base, ["Within timescale"]),
        child_ids=ids(c for c, _ in hits if c is not None),
        conference_ids=ids(conf for _, conf in hits),
    )


def icpc_timeliness(index: FactIndex, period: Period, rules: ReportRules) -> list[Figure]:
    held = index.held_between(period.start, period.end)
    figures = []
    for key, title, types, what in (
        (
            "icpc_in_timescale",
            f"Initial conferences within {rules.icpc_working_days} working days",
            ICPC_TYPES,
            "initial, pre-birth and re-convened initial conferences (transfers in are left out and "
            "reported separately)",
        ),
        (
            "transfer_in_in_timescale",
            f"Transfer-in conferences within {rules.icpc_working_days} working days",
            frozenset({TRANSFER_IN}),
            "receiving-in (transfer) conferences",
        ),
    ):
        judged = []
        for conference in held:
            if conference.conference_type not in types:
                continue
            deadline = icpc_deadline(conference, rules)
            assert conference.held_on is not None
            ok = None if deadline is None else conference.held_on <= deadline
            for child in conference.child_ids:
                judged.append((conference, child, ok, conference.lateness_reason))
        definition = (
            f"Numerator: {what} held in the period no later than {rules.icpc_working_days} working "
            "days after the clock start (weekends, bank holidays and closures excluded). Denominator: "
            "those conferences held in the period that have a clock start; ones without are listed "
            "as not judged."
        )
        figures += _timeliness_pair(key, title, definition, judged)
    return figures


def review_due(previous: ConferenceFact, rules: ReportRules) -> date:
    """When a review is due after `previous`: months after an initial conference or a review."""
    assert previous.held_on is not None
    return review_conference_due(
        previous.held_on,
        previous.conference_type in INITIAL_TYPES,
        rules.first_review_months,
        rules.later_review_months,
    )


def review_timeliness(index: FactIndex, period: Period, rules: ReportRules) -> list[Figure]:
    judged = []
    for conference in index.held_between(period.start, period.end):
        if conference.conference_type not in REVIEW_TYPES:
            continue
        assert conference.held_on is not None
        for child in conference.child_ids:
            previous = index.previous_held_for_child(child, conference)
            ok = None if previous is None else conference.held_on <= review_due(previous, rules)
            judged.append((conference, child, ok, conference.lateness_reason))
    definition = (
        "Numerator: review conferences held in the period on or before the day they were due: "
        f"{rules.first_review_months} months after the child's initial conference for a first review, "
        f"{rules.later_review_months} months after the child's previous review otherwise (the due date "
        "is the same day of the month, or the month's last day). Denominator: reviews held in the period "
        "for children whose previous conference is on record."
    )
    return _timeliness_pair("reviews_in_timescale", "Reviews within timescale", definition, judged)


def _report_leads(conference: ConferenceFact, rules: ReportRules) -> tuple[int, int]:
    if conference.conference_type in INITIAL_TYPES:
        return rules.report_to_parents_icpc_wd, rules.report_to_chair_icpc_wd
    return rules.report_review_wd, rules.report_review_wd


def report_timeliness(index: FactIndex, period: Period, rules: ReportRules) -> list[Figure]:
    held = index.held_between(period.start, period.end)
    figures = []
    for key, title, who, attribute, lead_of in (
        (
            "report_to_parents_on_time",
            "Social worker's report shared with parents on time",
            "parents",
            "report_to_parents_on",
            0,
        ),
        (
            "report_to_chair_on_time",
            "Social worker's report received by the chair on time",
            "the chair",
            "report_to_chair_on",
            1,
        ),
    ):
        groups: dict[str, list[str]] = defaultdict(list)
        on_time = []
        judged = 0
        for conference in held:
            assert conference.held_on is not None
            lead = _report_leads(conference, rules)[lead_of]
            latest = rules.calendar.add_working_days(conference.held_on, -lead)
            sent = getattr(conference, attribute)
            if sent is None and is_imported(conference.id):
                groups[NOT_RECORDED].append(conference.id)  # unknown, not late: out of the base
                continue
            judged += 1
            if sent is None:
                groups[NOT_RECEIVED].append(conference.id)
            elif sent <= latest:
                groups["On time"].append(conference.id)
                on_time.append(conference.id)
            else:
                groups["Late"].append(conference.id)
        if lead_of == 0:
            rule = (
                f"at least {rules.report_to_parents_icpc_wd} working days before an initial conference, "
                f"{rules.report_review_wd} before a review"
            )
        else:
            rule = (
                f"at least {rules.report_to_chair_icpc_wd} working day before an initial conference, "
                f"{rules.report_review_wd} before a review"
            )
        not_recorded = len(groups.get(NOT_RECORDED, []))
        figures.append(
            Figure(
                key,
                title,
                f"Numerator: conferences held in the period where the report reached {who} {rule}. "
                "Denominator: conferences held in the period, less those from imported history that "
                "carry no date (counted as 'Not recorded', never as late); a conference held in the app "
                "with no date recorded counts as not on time ('No date recorded').",
                CONFERENCES,
                len(on_time),
                len(on_time),
                judged,
                share(len(on_time), judged),
                _rows_with_not_recorded(groups, judged, ["On time", "Late", NOT_RECEIVED]),
                conference_ids=ids(on_time),
                not_recorded=not_recorded,
            )
        )
    return figures


def _rows_with_not_recorded(groups: dict[str, list[str]], base: int, order: list[str]) -> tuple[Row, ...]:
    """The breakdown over the judged records, then a 'Not recorded' line (no share: it is outside the
    base) when any record's fact was never recorded."""
    rows = rows_from({k: v for k, v in groups.items() if k != NOT_RECORDED}, base, order)
    missing = groups.get(NOT_RECORDED, [])
    if not missing:
        return rows
    return (*rows, Row(NOT_RECORDED, len(missing), None, ids(missing)))


def record_distribution(index: FactIndex, period: Period, rules: ReportRules) -> list[Figure]:
    held = index.held_between(period.start, period.end)
    cal = rules.calendar
    wd = rules.record_distribution_wd
    groups: dict[str, list[str]] = defaultdict(list)
    on_time = []
    judged = 0
    for conference in held:
        assert conference.held_on is not None
        deadline = cal.add_working_days(conference.held_on, wd)
        if conference.record_distributed_on is None and is_imported(conference.id):
            groups[NOT_RECORDED].append(conference.id)
            continue
        judged += 1
        if conference.record_distributed_on is None:
            groups["Not distributed"].append(conference.id)
        elif conference.record_distributed_on <= deadline:
            groups["On time"].append(conference.id)
            on_time.append(conference.id)
        else:
            groups["Late"].append(conference.id)
    timely = Figure(
        "record_distributed_on_time",
        f"Records distributed within {wd} working days",
        f"Numerator: conferences held in the period whose record was distributed within {wd} working "
        "days of the conference. Denominator: conferences held in the period, less those from imported "
        "history with no distribution date ('Not recorded': unknown, not late); records of conferences "
        "held in the app not yet distributed are shown separately and count as not on time.",
        CONFERENCES,
        len(on_time),
        len(on_time),
        judged,
        share(len(on_time), judged),
        _rows_with_not_recorded(groups, judged, ["On time", "Late", "Not distributed"]),
        conference_ids=ids(on_time),
        not_recorded=len(groups.get(NOT_RECORDED, [])),
    )
    backlog_groups: dict[str, list[str]] = defaultdict(list)
    unknown: list[str] = []
    for conference in index.held:
        if conference.day > period.end:
            break
        distributed = conference.record_distributed_on
        if distributed is not None and distributed <= period.end:
            continue
        if distributed is None and is_imported(conference.id):
            unknown.append(conference.id)  # history brought no distribution date: not a backlog
            continue
        assert conference.held_on is not None
        deadline = cal.add_working_days(conference.held_on, wd)
        label = "Past the deadline" if deadline < period.end else "Still within timescale"
        backlog_groups[label].append(conference.id)
    backlog_ids = [i for members in backlog_groups.values() for i in members]
    backlog = Figure(
        "record_backlog_at_end",
        "Records not yet distributed at the period end",
        "Conferences held on or before the last day of the period whose record had not been "
        "distributed by that day (whenever the conference was held). Rows: past the "
        f"{wd}-working-day deadline on that day, or still within it. Conferences from imported history "
        "with no distribution date are left out and counted as not recorded.",
        CONFERENCES,
        len(backlog_ids),
        rows=rows_from(backlog_groups, len(backlog_ids), ["Past the deadline", "Still within timescale"]),
        conference_ids=ids(backlog_ids),
        not_recorded=len(unknown),
    )
    return [timely, backlog]


__all__ = [
    "icpc_deadline",
    "icpc_timeliness",
    "record_distribution",
    "report_timeliness",
    "review_due",
    "review_timeliness",
]
