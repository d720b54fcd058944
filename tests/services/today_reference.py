"""The straightforward 'Today and due', as it was before the fast path: every conference of every
family loaded and every clock computed. Kept for the tests to compare the fast path against; the app
never uses it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from iro_desktop.domain.attendance import Attendance, Invitation, children_needing_advocacy
from iro_desktop.domain.clocks import ClockKind, ClockRules, ClockState, conference_clocks
from iro_desktop.domain.conference import Conference, ConferenceStatus
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.family import Family
from iro_desktop.domain.people import AgencyKind
from iro_desktop.domain.today import DueItem, TodayOverview, UpcomingConference
from iro_desktop.services.clocks import facts_for
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.models import ChildDecisionRow, ConferenceRow
from iro_desktop.store.people_repositories import (
    AdvocacyRepository,
    InvitationRepository,
    invitation_to_domain,
)
from iro_desktop.store.repositories import FamilyRepository, conference_to_domain, family_to_domain
from iro_desktop.store.uow import UnitOfWork


def today_and_due_everything(ctx: ServiceContext, horizon_days: int = 60) -> TodayOverview:
    """Every conference, in booking order (ties by id), through every clock."""
    today = ctx.today()
    with ctx.uow() as uow:
        rules = load_rules(uow).clocks
        families = {f.id: family_to_domain(f) for f in FamilyRepository(uow.session).search()}
        stmt = select(ConferenceRow).order_by(
            ConferenceRow.scheduled_date, ConferenceRow.start_time, ConferenceRow.id
        )
        conferences = [conference_to_domain(r) for r in uow.session.scalars(stmt)]
        invitations: dict[str, list[Invitation]] = {c.id: [] for c in conferences}
        for r in InvitationRepository(uow.session).for_conferences(list(invitations)):
            invitations[r.conference_id].append(invitation_to_domain(r))
        return _overview(uow, today, rules, families, conferences, invitations, horizon_days)


def _plans_go_on(uow: UnitOfWork) -> dict[str, bool]:
    """For each conference with decisions recorded: whether any child is on a plan after it (a
    conference without decisions is not in the map: a review is assumed due)."""
    out: dict[str, bool] = {}
    for conference_id, outcome in uow.session.execute(
        select(ChildDecisionRow.conference_id, ChildDecisionRow.outcome)
    ):
        out[conference_id] = out.get(conference_id, False) or Outcome(outcome).child_on_plan_after
    return out


def _overview(
    uow: UnitOfWork,
    today: date,
    rules: ClockRules,
    families: dict[str, Family],
    conferences: list[Conference],
    invitations: dict[str, list[Invitation]],
    horizon_days: int,
) -> TodayOverview:
    by_family: dict[str, list[Conference]] = {}
    for c in conferences:
        by_family.setdefault(c.family_id, []).append(c)
    upcoming: list[UpcomingConference] = []
    late: list[DueItem] = []
    records: list[DueItem] = []
    answered_by_conference = AdvocacyRepository(uow.session).answered([c.id for c in conferences])
    plans_go_on = _plans_go_on(uow)  # issue 8: no review is due once every plan has ended
    for c in conferences:
        family = families.get(c.family_id)
        name, ref = (family.name, family.reference) if family else ("", "")
        invs = invitations.get(c.id, [])
        clocks = conference_clocks(facts_for(c, invs, by_family[c.family_id]), rules, CALENDAR, today)
        by_kind = {k.kind: k for k in clocks}
        if c.status in (ConferenceStatus.SCHEDULED, ConferenceStatus.IN_PROGRESS, ConferenceStatus.ADJOURNED):
            conf_clock = by_kind[ClockKind.CONFERENCE]
            if c.scheduled_date >= today and (c.scheduled_date - today).days <= horizon_days:
                listed = [i for i in invs if i.attendance is not Attendance.NOT_INVITED]
                professionals = [
                    i for i in listed if i.agency_id and i.agency_kind is not AgencyKind.CHILDRENS_SOCIAL_CARE
                ]
                answered = answered_by_conference.get(c.id, set())
                needing = children_needing_advocacy(family.children if family else (), c.scheduled_date)
                prep_kinds = (
                    ClockKind.REPORT_TO_PARENTS,
                    ClockKind.REPORT_TO_CHAIR,
                    ClockKind.POLICE_INVITATION,
                )
                upcoming.append(
                    UpcomingConference(
                        conference=c,
                        family_name=name,
                        family_reference=ref,
                        invited=sum(1 for i in listed if i.invited_on is not None),
                        on_list=len(listed),
                        agency_reports=sum(1 for i in professionals if i.report_received_on is not None),
                        agency_reports_expected=len(professionals),
                        clocks=(conf_clock, *(by_kind[k] for k in prep_kinds)),
                        advocacy_missing=sum(1 for ch in needing if ch.id not in answered),
                    )
                )
            if conf_clock.state in (ClockState.LATE, ClockState.OVERDUE):
                late.append(
                    DueItem(
                        c.id,
                        name,
                        ref,
                        c.conference_type.label,
                        conf_clock.due,
                        conf_clock.state,
                        conf_clock.detail,
                    )
                )
            elif c.scheduled_date < today:
                late.append(
                    DueItem(
                        c.id,
                        name,
                        ref,
                        c.conference_type.label,
                        c.scheduled_date,
                        ClockState.OVERDUE,
                        "Date has passed: record whether it was held",
                    )
                )
        if c.status is ConferenceStatus.HELD:
            review = by_kind.get(ClockKind.NEXT_REVIEW)
            later_booked = any(
                o.date > c.date and o.status is not ConferenceStatus.STOOD_DOWN
                for o in by_family[c.family_id]
            )
            if (
                review
                and not later_booked
                and plans_go_on.get(c.id, True)
                and review.state in (ClockState.OVERDUE, ClockState.DUE_SOON)
            ):
                late.append(
                    DueItem(
                        c.id,
                        name,
                        ref,
                        "Review conference not booked",
                        review.due,
                        review.state,
                        "Book the review",
                    )
                )
            record = by_kind.get(ClockKind.RECORD_DISTRIBUTION)
            if record and record.done_on is None:
                records.append(
                    DueItem(
                        c.id,
                        name,
                        ref,
                        f"Record of {c.conference_type.label.lower()} on {c.date:%d %b %Y}",
                        record.due,
                        record.state,
                        record.detail,
                    )
                )
    order = {
        s: n
        for n, s in enumerate((ClockState.OVERDUE, ClockState.LATE, ClockState.DUE_SOON, ClockState.PENDING))
    }
    late.sort(key=lambda i: (order.get(i.state, 9), i.due or today))
    records.sort(key=lambda i: (order.get(i.state, 9), i.due or today))
    return TodayOverview(today, tuple(upcoming), tuple(late), tuple(records))
