"""Quoracy, live from the attendance list; the chair may go on without it only with a recorded reason.

Issue 19: judged at a moment. On the conference's day that moment is now (who has joined and not yet
left); on another day, at its last decision (or over the meeting as a whole before any decision). Each
decision is judged at its own time (`at_decisions`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.history.ids import attendance_not_recorded
from iro_desktop.domain.quoracy import QuoracyResult, assess, not_recorded, validate_override
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.services.rules import load_rules
from iro_desktop.store.decision_repository import DecisionRepository
from iro_desktop.store.people_repositories import InvitationRepository, invitation_to_domain
from iro_desktop.store.repositories import ConferenceRepository


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class QuoracyService:
    def __init__(self, ctx: ServiceContext, now: Callable[[], datetime] = _utcnow) -> None:
        self.ctx = ctx
        self.now = now

    @requires(Action.VIEW)
    def assess(self, conference_id: str) -> QuoracyResult:
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            invitations = [
                invitation_to_domain(r)
                for r in InvitationRepository(uow.session).for_conference(conference_id)
            ]
            if attendance_not_recorded(conference_id, len(invitations)):
                return not_recorded()
            day = conference.held_on or conference.scheduled_date
            decided = [r.decided_at for r in DecisionRepository(uow.session).for_conference(conference_id)]
            at = self.now() if day == self.ctx.today() else max(decided, default=None)
            return assess(invitations, load_rules(uow).quoracy, conference.quoracy_override_reason, at)

    @requires(Action.VIEW)
    def at_decisions(self, conference_id: str) -> dict[str, tuple[datetime, QuoracyResult]]:
        """Child id -> (decided at, quoracy at that moment): a police officer who left before the
        decision does not count for it."""
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            invitations = [
                invitation_to_domain(r)
                for r in InvitationRepository(uow.session).for_conference(conference_id)
            ]
            rows = DecisionRepository(uow.session).for_conference(conference_id)
            if attendance_not_recorded(conference_id, len(invitations)):
                return {r.child_id: (r.decided_at, not_recorded()) for r in rows}
            rule = load_rules(uow).quoracy
            reason = conference.quoracy_override_reason
            return {r.child_id: (r.decided_at, assess(invitations, rule, reason, r.decided_at)) for r in rows}

    @requires(Action.RECORD_DECISION)
    def record_override(self, conference_id: str, reason: str) -> QuoracyResult:
        """The chair goes on although the conference is not quorate, and says why."""
        raise_if(validate_override(reason))
        with self.ctx.uow() as uow:
            guard_change(self.ctx, uow.session, conference_id, Action.RECORD_DECISION)
            ConferenceRepository(uow.session).get(conference_id).quoracy_override_reason = reason.strip()
            uow.commit()
        return self.assess(conference_id)
