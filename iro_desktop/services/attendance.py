"""Invitations and attendance: who was invited and when, what happened on the day, their reports."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.attendance import Attendance, Invitation, validate_attendance, validate_invited_on
from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.store.audience_columns import capture_audience
from iro_desktop.store.models import InvitationRow
from iro_desktop.store.people_repositories import InvitationRepository, PersonRepository, invitation_to_domain
from iro_desktop.store.repositories import ConferenceRepository


class AttendanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def invitations(self, conference_id: str) -> list[Invitation]:
        """The conference's list: family first, then professionals, by name."""
        with self.ctx.uow() as uow:
            return [
                invitation_to_domain(r)
                for r in InvitationRepository(uow.session).for_conference(conference_id)
            ]

    @requires(Action.VIEW)
    def get(self, invitation_id: str) -> Invitation:
        with self.ctx.uow() as uow:
            return invitation_to_domain(InvitationRepository(uow.session).get(invitation_id))

    @requires(Action.BOOK_CONFERENCE)
    def invite(self, conference_id: str, person_id: str, invited_on: date | None = None) -> Invitation:
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.BOOK_CONFERENCE)
            raise_if(validate_invited_on(invited_on, self.ctx.today(), conference.scheduled_date))
            PersonRepository(uow.session).get(person_id)
            repo = InvitationRepository(uow.session)
            if repo.find(conference_id, person_id) is not None:
                raise ValidationError([Problem("person_id", "This person is already on the list.")])
            row = repo.add(
                InvitationRow(conference_id=conference_id, person_id=person_id, invited_on=invited_on)
            )
            uow.commit()
            uow.session.refresh(row)
            return invitation_to_domain(row)

    @requires(Action.BOOK_CONFERENCE)
    def set_invited_on(self, invitation_id: str, invited_on: date | None) -> Invitation:
        with self.ctx.uow() as uow:
            row = InvitationRepository(uow.session).get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.BOOK_CONFERENCE)
            conference = ConferenceRepository(uow.session).get(row.conference_id)
            raise_if(validate_invited_on(invited_on, self.ctx.today(), conference.scheduled_date))
            row.invited_on = invited_on
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def set_attendance(self, invitation_id: str, attendance: Attendance, reason: str = "") -> Invitation:
        """One click on the day: attended, apologies, sent a report, not invited, excluded (with reason)."""
        raise_if(validate_attendance(attendance, reason))
        with self.ctx.uow() as uow:
            row = InvitationRepository(uow.session).get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MINUTES)
            row.attendance = attendance.value
            note = reason.strip() if attendance is Attendance.EXCLUDED else ""
            if note != row.exclusion_reason:
                capture_audience(uow.session, row.conference_id, row)
            row.exclusion_reason = note
            if attendance is Attendance.NOT_INVITED:
                row.invited_on = None
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def set_report_received(self, invitation_id: str, received_on: date | None) -> Invitation:
        if received_on is not None and received_on > self.ctx.today():
            raise ValidationError([Problem("report_received_on", "This date is in the future.")])
        with self.ctx.uow() as uow:
            row = InvitationRepository(uow.session).get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MINUTES)
            row.report_received_on = received_on
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.BOOK_CONFERENCE)
    def remove(self, invitation_id: str) -> None:
        with self.ctx.uow() as uow:
            repo = InvitationRepository(uow.session)
            row = repo.get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.BOOK_CONFERENCE)
            repo.delete(row)
            uow.commit()
