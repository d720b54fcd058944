"""Invitations and attendance: who was invited and when, what happened on the day, their reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from iro_desktop.domain.attendance import (
    Attendance,
    Invitation,
    TookPart,
    validate_attendance,
    validate_interpreter,
    validate_invited_on,
    validate_supporter,
    validate_times,
)
from iro_desktop.domain.concurrency import ReadAs, merged
from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.store.audience_columns import capture_audience
from iro_desktop.store.models import InvitationRow
from iro_desktop.store.people_repositories import InvitationRepository, PersonRepository, invitation_to_domain
from iro_desktop.store.repositories import ConferenceRepository
from iro_desktop.store.session import Session


def _utcnow() -> datetime:
    """The decisions' clock (naive UTC, whole seconds), so joins and leaves compare with decided_at."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class AttendanceService:
    def __init__(self, ctx: ServiceContext, now: Callable[[], datetime] = _utcnow) -> None:
        self.ctx = ctx
        self.now = now

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
    def set_invited_on(
        self, invitation_id: str, invited_on: date | None, read: ReadAs | None = None
    ) -> Invitation:
        """With `read` (issue 16): a different date stored since raises EditConflict with both."""
        with self.ctx.uow() as uow:
            row = InvitationRepository(uow.session).get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.BOOK_CONFERENCE)
            invited_on = _rebased(row, read, "invitation", {"invited_on": invited_on})["invited_on"]
            conference = ConferenceRepository(uow.session).get(row.conference_id)
            raise_if(validate_invited_on(invited_on, self.ctx.today(), conference.scheduled_date))
            row.invited_on = invited_on
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def set_attendance(
        self, invitation_id: str, attendance: Attendance, reason: str = "", read: ReadAs | None = None
    ) -> Invitation:
        """One click on the day: attended, apologies, sent a report, not invited, excluded (with reason).
        With `read` (the version, attendance and reason on screen, issue 16), someone else's different
        choice since raises EditConflict with both (nothing stored); a reason-only change of theirs is
        kept under a new choice that keeps the person excluded."""
        raise_if(validate_attendance(attendance, reason))
        with self.ctx.uow() as uow:
            row = InvitationRepository(uow.session).get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MINUTES)
            if read is not None:
                chosen = _rebased(
                    row, read, "attendance", {"attendance": attendance, "exclusion_reason": reason.strip()}
                )
                attendance, reason = chosen["attendance"], chosen["exclusion_reason"]
                raise_if(validate_attendance(attendance, reason))
            row.attendance = attendance.value
            note = reason.strip() if attendance is Attendance.EXCLUDED else ""
            if note != row.exclusion_reason:
                capture_audience(uow.session, row.conference_id, row)
            row.exclusion_reason = note
            if attendance is Attendance.NOT_INVITED:
                row.invited_on = None
            uow.flush()  # the version returned is the one stored
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def set_report_received(
        self, invitation_id: str, received_on: date | None, read: ReadAs | None = None
    ) -> Invitation:
        """With `read` (issue 16): a different date stored since raises EditConflict with both."""
        if received_on is not None and received_on > self.ctx.today():
            raise ValidationError([Problem("report_received_on", "This date is in the future.")])
        with self.ctx.uow() as uow:
            row = InvitationRepository(uow.session).get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MINUTES)
            mine = {"report_received_on": received_on}
            row.report_received_on = _rebased(row, read, "report", mine)["report_received_on"]
            uow.flush()
            uow.commit()
            return invitation_to_domain(row)

    # Issue 19: attendance as it happens ----------------------------------------------------------------

    @requires(Action.EDIT_MINUTES)
    def set_took_part(
        self, invitation_id: str, took_part: TookPart, read: ReadAs | None = None
    ) -> Invitation:
        """In the room, video, phone or a written report only. Taking part in the meeting marks the
        person attended; a written report only marks them as having sent a report. With `read` (the
        mode and mark on screen, issue 16): a different mode since, or a different mark than the one
        this mode implies, raises EditConflict with both (nothing stored)."""
        mine: dict[str, Any] = {"took_part": took_part}
        if took_part is TookPart.WRITTEN:
            mine["attendance"] = Attendance.SENT_REPORT
        elif took_part is not TookPart.NOT_RECORDED:
            mine["attendance"] = Attendance.ATTENDED
        with self.ctx.uow() as uow:
            row = _editable(uow.session, invitation_id, self.ctx)
            chosen = _rebased(row, read, "attendance", mine)
            row.took_part = chosen["took_part"].value
            if "attendance" in chosen:
                row.attendance = chosen["attendance"].value
            uow.flush()
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def joined_now(self, invitation_id: str, read: ReadAs | None = None) -> Invitation:
        """One keystroke in the meeting: the person joins now (and is marked attended)."""
        return self.set_times(invitation_id, joined_at=self.now(), keep_left=False, read=read)

    @requires(Action.EDIT_MINUTES)
    def left_now(self, invitation_id: str, read: ReadAs | None = None) -> Invitation:
        """One keystroke in the meeting: the person leaves now (when they joined stays as stored)."""
        current = self.get(invitation_id)
        return self.set_times(invitation_id, joined_at=current.joined_at, left_at=self.now(), read=read)

    @requires(Action.EDIT_MINUTES)
    def set_times(
        self,
        invitation_id: str,
        joined_at: datetime | None,
        left_at: datetime | None = None,
        *,
        keep_left: bool = False,
        read: ReadAs | None = None,
    ) -> Invitation:
        """Set (or correct, or undo) when the person joined and left. `keep_left`: leave left_at as is.
        With `read` (the times and mark on screen, issue 16): a different time stored since, or a
        different mark when joining marks them attended, raises EditConflict with both; a change of
        the other time since is kept."""
        with self.ctx.uow() as uow:
            row = _editable(uow.session, invitation_id, self.ctx)
            left = row.left_at if keep_left else left_at
            mine: dict[str, Any] = {"joined_at": joined_at, "left_at": left}
            if joined_at is not None:
                mine["attendance"] = Attendance.ATTENDED
            chosen = _rebased(row, read, "times", mine)
            joined_at, left = chosen["joined_at"], chosen["left_at"]
            raise_if(validate_times(joined_at, left))
            row.joined_at = joined_at
            row.left_at = left
            if joined_at is not None and row.attendance != Attendance.ATTENDED.value:
                row.attendance = Attendance.ATTENDED.value
            if joined_at is not None and row.took_part == TookPart.WRITTEN.value:
                row.took_part = TookPart.NOT_RECORDED.value
            uow.flush()
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def set_interpreter(
        self, invitation_id: str, language: str, not_family: bool, read: ReadAs | None = None
    ) -> Invitation:
        """The interpreter's language and the confirmation that they are not a family member. With
        `read` (issue 16): someone else's change of the other one since is kept; a different change of
        the same one raises EditConflict with both."""
        raise_if(validate_interpreter(language, not_family))
        with self.ctx.uow() as uow:
            row = _editable(uow.session, invitation_id, self.ctx)
            mine = {"interpreter_language": language.strip(), "interpreter_not_family": not_family}
            chosen = _rebased(row, read, "interpreter", mine)
            raise_if(validate_interpreter(chosen["interpreter_language"], chosen["interpreter_not_family"]))
            row.interpreter_language = chosen["interpreter_language"]
            row.interpreter_not_family = chosen["interpreter_not_family"]
            uow.flush()
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def clear_interpreter(self, invitation_id: str) -> Invitation:
        """The interpreter's details not recorded again (undoing the first time they were)."""
        with self.ctx.uow() as uow:
            row = _editable(uow.session, invitation_id, self.ctx)
            row.interpreter_language = ""
            row.interpreter_not_family = False
            uow.flush()
            uow.commit()
            return invitation_to_domain(row)

    @requires(Action.EDIT_MINUTES)
    def set_supports(
        self, invitation_id: str, supported_person_id: str | None, read: ReadAs | None = None
    ) -> Invitation:
        """An advocate or supporter for a parent on the same list (None: supports no one). With `read`
        (issue 16): a different parent chosen since raises EditConflict with both."""
        with self.ctx.uow() as uow:
            row = _editable(uow.session, invitation_id, self.ctx)
            mine = {"supports_person_id": supported_person_id}
            supported_person_id = _rebased(row, read, "supporter", mine)["supports_person_id"]
            supported = None
            if supported_person_id is not None:
                found = InvitationRepository(uow.session).find(row.conference_id, supported_person_id)
                if found is None:
                    raise ValidationError(
                        [
                            Problem(
                                "supports_person_id", "The parent supported is not on this conference's list."
                            )
                        ]
                    )
                supported = invitation_to_domain(found)
            raise_if(validate_supporter(invitation_to_domain(row), supported))
            row.supports_person_id = supported_person_id
            uow.flush()
            uow.commit()
            uow.session.refresh(row)
            return invitation_to_domain(row)

    @requires(Action.BOOK_CONFERENCE)
    def remove(self, invitation_id: str) -> None:
        with self.ctx.uow() as uow:
            repo = InvitationRepository(uow.session)
            row = repo.get(invitation_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.BOOK_CONFERENCE)
            repo.delete(row)
            uow.commit()


def _editable(session: Session, invitation_id: str, ctx: ServiceContext) -> InvitationRow:
    """The invitation, after the guard for minutes edits (locked records, another desktop's edit)."""
    row = InvitationRepository(session).get(invitation_id)
    guard_change(ctx, session, row.conference_id, Action.EDIT_MINUTES)
    return row


def _rebased(row: InvitationRow, read: ReadAs | None, what: str, mine: dict[str, Any]) -> dict[str, Any]:
    """`mine` (the fields an edit of the person's row sets, as domain values) as it applies to the row
    stored now, for an edit based on `read` (issue 16): the fields it changed put on top of what is
    stored, so someone else's change of another field stays. EditConflict (nothing stored) when they
    changed one of the same fields differently. No `read` (undo, redo): `mine` as it is."""
    if read is None:
        return mine
    stored = invitation_to_domain(row)
    current = {name: getattr(stored, name) for name in mine}
    return merged(f"{stored.person_name}’s {what}", read, mine, current, row.version)
