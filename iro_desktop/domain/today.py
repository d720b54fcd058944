"""'Today and due': what a chair or clerk needs to see first, as plain data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.alerts import Alert, AlertState, RagRating, midway, plan_period
from iro_desktop.domain.attendance import Attendance, Invitation, children_needing_advocacy
from iro_desktop.domain.calendar import WorkingDayCalendar, long_date
from iro_desktop.domain.clocks import (
    Clock,
    ClockKind,
    ClockRules,
    ClockState,
    ConferenceFacts,
    conference_clocks,
)
from iro_desktop.domain.conference import Conference, ConferenceStatus
from iro_desktop.domain.family import Family
from iro_desktop.domain.people import AgencyKind

# Worst first: the order a list of states is summarised in.
SEVERITY = (
    ClockState.DATE_PROBLEM,
    ClockState.OVERDUE,
    ClockState.LATE,
    ClockState.DUE_SOON,
    ClockState.PENDING,
    ClockState.MET,
    ClockState.NOT_APPLICABLE,
    ClockState.NOT_RECORDED,
)


def worst(states: list[ClockState]) -> ClockState:
    return min(states, key=SEVERITY.index) if states else ClockState.NOT_APPLICABLE


@dataclass(frozen=True)
class UpcomingConference:
    """A booked conference and how ready it is."""

    conference: Conference
    family_name: str
    family_reference: str
    invited: int
    on_list: int
    agency_reports: int
    agency_reports_expected: int
    clocks: tuple[Clock, ...]
    advocacy_missing: int = 0

    @property
    def state(self) -> ClockState:
        return worst([c.state for c in self.clocks] + ([ClockState.OVERDUE] if self.advocacy_missing else []))

    @property
    def preparation(self) -> str:
        """Preparation in words: reports, invitations, advocacy."""
        by_kind = {c.kind: c for c in self.clocks}
        parts = []
        for kind, name in ((ClockKind.REPORT_TO_PARENTS, "parents"), (ClockKind.REPORT_TO_CHAIR, "chair")):
            clock = by_kind.get(kind)
            if clock is not None:
                mark = "✔" if clock.done_on else ("⚠" if clock.state is ClockState.OVERDUE else "…")
                parts.append(f"SW report to {name} {mark}")
        parts.append(f"invitations {self.invited}/{self.on_list} out")
        if self.agency_reports_expected:
            parts.append(f"agency reports {self.agency_reports}/{self.agency_reports_expected}")
        if self.advocacy_missing:
            parts.append(f"advocacy answer missing for {self.advocacy_missing}")
        return "; ".join(parts)

    @property
    def attention(self) -> str:
        """The most pressing thing, in words with its symbol."""
        needing = [c for c in self.clocks if c.state.needs_attention]
        if self.advocacy_missing:
            return "⚠ Advocacy not yet asked for a child aged 10+"
        if not needing:
            return "✔ On track"
        first = min(needing, key=lambda c: SEVERITY.index(c.state))
        return f"{first.state.text}: {first.label.lower()}"


@dataclass(frozen=True)
class DueItem:
    """Something past, or close to, its deadline."""

    conference_id: str
    family_name: str
    family_reference: str
    what: str
    due: date | None
    state: ClockState
    detail: str = ""


@dataclass(frozen=True)
class TodayOverview:
    today: date
    upcoming: tuple[UpcomingConference, ...]
    out_of_timescale: tuple[DueItem, ...]
    records_due: tuple[DueItem, ...]

    @property
    def summary(self) -> str:
        overdue = sum(1 for i in self.out_of_timescale if i.state is ClockState.OVERDUE) + sum(
            1 for i in self.records_due if i.state is ClockState.OVERDUE
        )
        n = len(self.upcoming)
        return (
            f"{n} conference{'s' if n != 1 else ''} coming up; "
            f"{len(self.out_of_timescale)} out of timescale or due; "
            f"{len(self.records_due)} record{'s' if len(self.records_due) != 1 else ''} to distribute"
            + (f" ({overdue} overdue)" if overdue else "")
            + "."
        )


OPEN = (ConferenceStatus.SCHEDULED, ConferenceStatus.IN_PROGRESS, ConferenceStatus.ADJOURNED)
PREPARATION = (ClockKind.REPORT_TO_PARENTS, ClockKind.REPORT_TO_CHAIR, ClockKind.POLICE_INVITATION)
# Worst first, then the earliest due date: how both lists are sorted.
_ORDER = {
    s: n
    for n, s in enumerate(
        (
            ClockState.DATE_PROBLEM,
            ClockState.OVERDUE,
            ClockState.LATE,
            ClockState.DUE_SOON,
            ClockState.PENDING,
        )
    )
}


@dataclass(frozen=True)
class Candidate:
    """A conference 'Today and due' looks at: open, held with its record not distributed, or held as the
    family's latest while a child is on a plan (`owes_review`: no later conference booked or held, and a
    child on a plan after it or no decision recorded)."""

    conference: Conference
    owes_review: bool = False


def facts_of(conference: Conference, invitations: Sequence[Invitation]) -> ConferenceFacts:
    """The clock facts of a conference (the next review held after it is not needed here: a candidate
    that owes a review has none by definition)."""
    police = tuple(
        i.invited_on for i in invitations if i.is_police and i.attendance is not Attendance.NOT_INVITED
    )
    return ConferenceFacts(
        conference_type=conference.conference_type,
        clock_start=conference.clock_start,
        scheduled_date=conference.scheduled_date,
        held_on=conference.held_on,
        stood_down=conference.status is ConferenceStatus.STOOD_DOWN,
        report_to_parents_on=conference.report_to_parents_on,
        report_to_chair_on=conference.report_to_chair_on,
        police_invited_on=police,
        core_group_on=conference.core_group_on,
        record_distributed_on=conference.record_distributed_on,
    )


def overview_of(
    today: date,
    rules: ClockRules,
    calendar: WorkingDayCalendar,
    candidates: Sequence[Candidate],
    families: Mapping[str, Family],
    invitations: Mapping[str, Sequence[Invitation]],
    answered: Mapping[str, set[str]],
    horizon_days: int = 60,
) -> TodayOverview:
    """'Today and due' from the candidates in booking order: open conferences within `horizon_days` with
    how ready they are; open conferences out of timescale or past their date; reviews owed and not booked;
    records not distributed. `invitations` and `answered` (advocacy) are needed for open conferences only."""
    upcoming: list[UpcomingConference] = []
    late: list[DueItem] = []
    records: list[DueItem] = []
    for candidate in candidates:
        c = candidate.conference
        family = families.get(c.family_id)
        name, ref = (family.name, family.reference) if family else ("", "")
        invs = invitations.get(c.id, ())
        by_kind = {k.kind: k for k in conference_clocks(facts_of(c, invs), rules, calendar, today)}
        if c.status in OPEN:
            conf_clock = by_kind[ClockKind.CONFERENCE]
            if c.scheduled_date >= today and (c.scheduled_date - today).days <= horizon_days:
                upcoming.append(_upcoming(c, name, ref, invs, by_kind, family, answered.get(c.id, set())))
            if conf_clock.state in (ClockState.LATE, ClockState.OVERDUE, ClockState.DATE_PROBLEM):
                what = c.conference_type.label
                late.append(
                    DueItem(c.id, name, ref, what, conf_clock.due, conf_clock.state, conf_clock.detail)
                )
            elif c.scheduled_date < today:
                detail = "Date has passed: record whether it was held"
                what = c.conference_type.label
                late.append(DueItem(c.id, name, ref, what, c.scheduled_date, ClockState.OVERDUE, detail))
        if c.status is ConferenceStatus.HELD:
            review = by_kind.get(ClockKind.NEXT_REVIEW)
            if candidate.owes_review and review and review.state in (ClockState.OVERDUE, ClockState.DUE_SOON):
                what, detail = "Review conference not booked", "Book the review"
                late.append(DueItem(c.id, name, ref, what, review.due, review.state, detail))
            record = by_kind.get(ClockKind.RECORD_DISTRIBUTION)
            if record and record.done_on is None:
                what = f"Record of {c.conference_type.label.lower()} on {c.date:%d %b %Y}"
                records.append(DueItem(c.id, name, ref, what, record.due, record.state, record.detail))
    late.sort(key=lambda i: (_ORDER.get(i.state, 9), i.due or today))
    records.sort(key=lambda i: (_ORDER.get(i.state, 9), i.due or today))
    return TodayOverview(today, tuple(upcoming), tuple(late), tuple(records))


def _upcoming(
    c: Conference,
    name: str,
    ref: str,
    invs: Sequence[Invitation],
    by_kind: Mapping[ClockKind, Clock],
    family: Family | None,
    answered: set[str],
) -> UpcomingConference:
    listed = [i for i in invs if i.attendance is not Attendance.NOT_INVITED]
    professionals = [
        i for i in listed if i.agency_id and i.agency_kind is not AgencyKind.CHILDRENS_SOCIAL_CARE
    ]
    needing = children_needing_advocacy(family.children if family else (), c.scheduled_date)
    return UpcomingConference(
        conference=c,
        family_name=name,
        family_reference=ref,
        invited=sum(1 for i in listed if i.invited_on is not None),
        on_list=len(listed),
        agency_reports=sum(1 for i in professionals if i.report_received_on is not None),
        agency_reports_expected=len(professionals),
        clocks=(by_kind[ClockKind.CONFERENCE], *(by_kind[k] for k in PREPARATION)),
        advocacy_missing=sum(1 for ch in needing if ch.id not in answered),
    )


def alerts_due(alerts: Sequence[Alert], today: date) -> list[Alert]:
    """Open alerts for Today and due (issue 19): those needing the chair first (overdue, not resolved,
    a response to judge), then those awaiting a response; each group by its response deadline."""
    need_chair = (AlertState.OVERDUE, AlertState.NOT_RESOLVED, AlertState.RESPONDED)
    open_ones = [a for a in alerts if a.is_open]
    return sorted(open_ones, key=lambda a: (a.state(today) not in need_chair, a.current.due_on, a.raised_on))


@dataclass(frozen=True)
class PlanDates:
    """A child on an open plan and the family's conferences: held (held on, initial?) and booked."""

    child_id: str
    child_name: str
    family_id: str
    family_name: str
    held: tuple[tuple[date, bool], ...]
    booked: tuple[date, ...] = ()


@dataclass(frozen=True)
class RagDue:
    """A plan's RAG rating due (issue 19): the midway point between conferences has come and no rating
    is recorded since the last conference held."""

    child_id: str
    child_name: str
    family_id: str
    family_name: str
    period_from: date  # the last conference held
    midway_on: date
    next_due_on: date  # the next conference booked, or the review due

    @property
    def text(self) -> str:
        return (
            f"RAG rating due since {long_date(self.midway_on)} (midway between the conference on "
            f"{long_date(self.period_from)} and {long_date(self.next_due_on)})"
        )


def rag_ratings_due(plans: Sequence[PlanDates], ratings: Sequence[RagRating], today: date) -> list[RagDue]:
    """For Today and due: each plan whose midway point is today or past with no rating recorded on or
    after the last conference held; the longest waiting first."""
    rated: dict[str, list[date]] = {}
    for r in ratings:
        rated.setdefault(r.child_id, []).append(r.rated_on)
    out = []
    for plan in plans:
        period = plan_period(list(plan.held), list(plan.booked))
        if period is None:
            continue
        start, end = period
        half = midway(start, end)
        if half > today or any(d >= start for d in rated.get(plan.child_id, [])):
            continue
        out.append(RagDue(plan.child_id, plan.child_name, plan.family_id, plan.family_name, start, half, end))
    return sorted(out, key=lambda d: (d.midway_on, d.family_name, d.child_name, d.child_id))
