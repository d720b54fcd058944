"""Quoracy, live from the attendance list; the chair may go on without it only with a recorded reason."""

from __future__ import annotations

from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.history.ids import attendance_not_recorded
from iro_desktop.domain.quoracy import QuoracyResult, assess, not_recorded, validate_override
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.services.rules import load_rules
from iro_desktop.store.people_repositories import InvitationRepository, invitation_to_domain
from iro_desktop.store.repositories import ConferenceRepository


class QuoracyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

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
            return assess(invitations, load_rules(uow).quoracy, conference.quoracy_override_reason)

    @requires(Action.RECORD_DECISION)
    def record_override(self, conference_id: str, reason: str) -> QuoracyResult:
        """The chair goes on although the conference is not quorate, and says why."""
        raise_if(validate_override(reason))
        with self.ctx.uow() as uow:
            guard_change(self.ctx, uow.session, conference_id, Action.RECORD_DECISION)
            ConferenceRepository(uow.session).get(conference_id).quoracy_override_reason = reason.strip()
            uow.commit()
        return self.assess(conference_id)
