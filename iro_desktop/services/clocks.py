"""Statutory clocks for a conference, and 'Today and due' across all of them."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.attendance import Attendance, Invitation
from iro_desktop.domain.clocks import Clock, ConferenceFacts, as_not_recorded, conference_clocks
from iro_desktop.domain.conference import Conference, ConferenceStatus
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.history.ids import attendance_not_recorded, is_imported
from iro_desktop.domain.letters import LETTER_ROLES, letters_not_owed
from iro_desktop.domain.roles import Action
from iro_desktop.domain.today import OPEN, Candidate, TodayOverview, overview_of
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.letter_repository import LetterRepository
from iro_desktop.store.people_repositories import (
    AdvocacyRepository,
    InvitationRepository,
    invitation_to_domain,
)
from iro_desktop.store.repositories import (
    ConferenceRepository,
    FamilyRepository,
    conference_to_domain,
)


def facts_for(
    conference: Conference,
    invitations: list[Invitation],
    later: list[Conference],
    letters_sent: dict[str, date] | None = None,
    letters_not_owed: str = "",
) -> ConferenceFacts:
    """`letters_sent`: person id -> the day their decision letter was sent (issue 18); None: not read.
    `letters_not_owed`: why the conference owes no letters here (domain/letters.letters_not_owed)."""
    police = tuple(
        i.invited_on for i in invitations if i.is_police and i.attendance is not Attendance.NOT_INVITED
    )
    next_held = next(
        (
            c.held_on
            for c in later
            if c.held_on and c.conference_type.is_review and c.held_on > conference.date
        ),
        None,
    )
    return ConferenceFacts(
        conference_type=conference.conference_type,
        clock_start=conference.clock_start,
        scheduled_date=conference.scheduled_date,
        held_on=conference.held_on,
        stood_down=conference.status in (ConferenceStatus.STOOD_DOWN,),
        report_to_parents_on=conference.report_to_parents_on,
        report_to_chair_on=conference.report_to_chair_on,
        police_invited_on=police,
        core_group_on=conference.core_group_on,
        record_distributed_on=conference.record_distributed_on,
        next_conference_held_on=next_held,
        letters_sent_on=tuple(
            (letters_sent or {}).get(i.person_id)
            for i in invitations
            if i.role in LETTER_ROLES and i.attendance is not Attendance.NOT_INVITED
        )
        if letters_sent is not None
        else (),
        letters_not_owed=letters_not_owed,
    )


class ClockService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def for_conference(self, conference_id: str) -> list[Clock]:
        """Every clock of one conference on today's date."""
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            conference = conference_to_domain(row)
            invitations = [
                invitation_to_domain(r) for r in InvitationRepository(uow.session).for_conference(row.id)
            ]
            family = [
                conference_to_domain(r) for r in ConferenceRepository(uow.session).for_family(row.family_id)
            ]
            local = load_rules(uow)
            sent = {p: r.sent_on for p, r in LetterRepository(uow.session).for_conference(row.id).items()}
        not_owed = letters_not_owed(
            conference.held_on or conference.date,
            imported=is_imported(conference.id),
            letters_from=local.letters_from,
            any_recorded=bool(sent),
        )
        clocks = conference_clocks(
            facts_for(conference, invitations, family, sent, not_owed),
            local.clocks,
            CALENDAR,
            self.ctx.today(),
        )
        if attendance_not_recorded(conference.id, len(invitations)):
            return as_not_recorded(clocks)
        return clocks

    @requires(Action.VIEW)
    def today_and_due(self, horizon_days: int = 60) -> TodayOverview:
        """Conferences coming up (with preparation state), those out of timescale, records past target.

        Only what the overview can show is read (ConferenceRepository.for_today): open conferences, held
        ones whose record is not distributed, and each family's latest held conference while a child is
        on a plan. Ten years of imported history cost a few index look-ups, not a clock per conference.
        """
        today = self.ctx.today()
        with self.ctx.uow() as uow:
            rules = load_rules(uow).clocks
            found = ConferenceRepository(uow.session).for_today(ON_PLAN_OUTCOMES)
            candidates = [Candidate(conference_to_domain(row), owed) for row, owed in found]
            open_ = [c.conference for c in candidates if c.conference.status in OPEN]
            open_ids = [c.id for c in open_]
            # Children matter only for advocacy before an open conference; the rest need a name.
            repository = FamilyRepository(uow.session)
            with_children = {c.family_id for c in open_}
            families = {f.id: f for f in repository.by_ids(with_children)}
            others = {c.conference.family_id for c in candidates} - with_children
            families |= {f.id: f for f in repository.by_ids(others, with_children=False)}
            invitations: dict[str, list[Invitation]] = {cid: [] for cid in open_ids}
            for r in InvitationRepository(uow.session).for_conferences(open_ids):
                invitations[r.conference_id].append(invitation_to_domain(r))
            answered = AdvocacyRepository(uow.session).answered(open_ids)
        return overview_of(today, rules, CALENDAR, candidates, families, invitations, answered, horizon_days)


# Issue 8: no review is due once every child's plan has ended.
ON_PLAN_OUTCOMES = tuple(o.value for o in Outcome if o.child_on_plan_after)
