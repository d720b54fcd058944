"""Who may read each kind of content besides map items (issue 18): a decision's reasons, dissent, a record
summary section, a plan action and an attendance note; and the parts of a meeting a person spends out of
the room, during which whatever is captured is kept from them.

Every mark goes through the shared guard (refused on a final record) and is audited with ids and codes
only, never the content's words. The people kept from content must be on this conference's list.
Each setter returns the audience before, so an undo command can put it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from iro_desktop.domain.audience import Audience, validate_audience
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import Problem, raise_if
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.store.audience_columns import (
    HasAudience,
    RoomAbsenceRepository,
    out_of_room,
    read_audience,
    write_audience,
)
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.decision_repository import DecisionRepository, DissentRepository
from iro_desktop.store.models import RecordRow, RecordSectionRow
from iro_desktop.store.people_repositories import InvitationRepository
from iro_desktop.store.plan_repository import PlanActionRepository
from iro_desktop.store.record_repository import RecordRepository
from iro_desktop.store.repositories import ConferenceRepository


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class Absence:
    """A part of the meeting one person spent (or is spending) out of the room."""

    id: str
    person_id: str
    started_at: datetime
    ended_at: datetime | None = None

    @property
    def open(self) -> bool:
        return self.ended_at is None


def audience_json(audience: Audience) -> dict[str, object]:
    """What the audit keeps of an audience: codes and person ids, never words."""
    return {
        "kind": audience.kind.value,
        "excluded": list(audience.excluded),
        "reason": audience.reason.value if audience.reason else "",
    }


class ContentAudienceService:
    def __init__(self, ctx: ServiceContext, now: Callable[[], datetime] = _utcnow) -> None:
        self.ctx = ctx
        self.now = now

    # --- marks -----------------------------------------------------------------------------------

    @requires(Action.RECORD_DECISION)
    def set_reasons(self, conference_id: str, child_id: str, audience: Audience) -> tuple[Audience, Audience]:
        """Who may read the reasons for a child's decision (the decision must be recorded)."""
        with self.ctx.uow() as uow:
            row = DecisionRepository(uow.session).find(conference_id, child_id)
            if row is None:
                raise_if(
                    [Problem("audience", "Record the decision before marking who may read its reasons.")]
                )
            assert row is not None
            return self._set(
                uow, row, conference_id, Action.RECORD_DECISION, "decision_reasons", row.id, audience
            )

    @requires(Action.RECORD_DECISION)
    def set_dissent(self, dissent_id: str, audience: Audience) -> tuple[Audience, Audience]:
        with self.ctx.uow() as uow:
            row = DissentRepository(uow.session).get(dissent_id)
            return self._set(uow, row, row.conference_id, Action.RECORD_DECISION, "dissent", row.id, audience)

    @requires(Action.EDIT_PLAN)
    def set_action(self, action_id: str, audience: Audience) -> tuple[Audience, Audience]:
        with self.ctx.uow() as uow:
            row = PlanActionRepository(uow.session).get(action_id)
            return self._set(uow, row, row.conference_id, Action.EDIT_PLAN, "plan_action", row.id, audience)

    @requires(Action.EDIT_MINUTES)
    def set_attendance_note(self, invitation_id: str, audience: Audience) -> tuple[Audience, Audience]:
        """Who may read the note on a person's attendance (e.g. why they were excluded)."""
        with self.ctx.uow() as uow:
            row = InvitationRepository(uow.session).get(invitation_id)
            return self._set(
                uow, row, row.conference_id, Action.EDIT_MINUTES, "attendance_note", row.id, audience
            )

    @requires(Action.EDIT_MINUTES)
    def set_section(
        self, conference_id: str, key: SectionKey, audience: Audience, agency: str = ""
    ) -> tuple[Audience, Audience]:
        """Who may read one section of the record's summary (made, empty, if not written yet)."""
        agency = agency.strip() if key is SectionKey.AGENCY else ""
        with self.ctx.uow() as uow:
            session = uow.session
            guard_change(self.ctx, session, conference_id, Action.EDIT_MINUTES)
            records = RecordRepository(session)
            record = records.for_conference(conference_id)
            if record is None:
                ConferenceRepository(session).get(conference_id)
                record = records.add(
                    RecordRow(conference_id=conference_id, state=RecordState.IN_MEETING.value)
                )
            row = next((s for s in record.sections if s.key == key.value and s.agency == agency), None)
            if row is None:
                row = RecordSectionRow(key=key.value, agency=agency, text="", sort_order=len(record.sections))
                record.sections.append(row)
            records.flush()
            return self._set(uow, row, conference_id, Action.EDIT_MINUTES, "record_section", row.id, audience)

    def _set(
        self,
        uow: Any,
        row: HasAudience,
        conference_id: str,
        action: Action,
        kind: str,
        row_id: str,
        audience: Audience,
    ) -> tuple[Audience, Audience]:
        session = uow.session
        guard_change(self.ctx, session, conference_id, action)
        people = [i.person_id for i in InvitationRepository(session).for_conference(conference_id)]
        raise_if(validate_audience(audience, people))
        before = read_audience(row)
        if before != audience:
            write_audience(row, audience)
            append_event(
                session,
                self.ctx.session.actor_name,
                AuditAction.CHANGED,
                f"{kind}_audience",
                row_id,
                before=audience_json(before),
                after=audience_json(audience),
            )
            uow.commit()
        return audience, before

    # --- out of the room -----------------------------------------------------------------------

    @requires(Action.VIEW)
    def absences(self, conference_id: str) -> list[Absence]:
        with self.ctx.uow() as uow:
            return [
                Absence(r.id, r.person_id, r.started_at, r.ended_at)
                for r in RoomAbsenceRepository(uow.session).for_conference(conference_id)
            ]

    @requires(Action.VIEW)
    def out_of_room(self, conference_id: str) -> list[str]:
        with self.ctx.uow() as uow:
            return out_of_room(uow.session, conference_id)

    @requires(Action.EDIT_MINUTES)
    def step_out(self, conference_id: str, person_id: str) -> Absence:
        """ "Excluded from now": the person leaves the room; what is captured until they are back is kept
        from them. The person must be on this conference's list."""
        with self.ctx.uow() as uow:
            session = uow.session
            guard_change(self.ctx, session, conference_id, Action.EDIT_MINUTES)
            if InvitationRepository(session).find(conference_id, person_id) is None:
                raise_if([Problem("person", "Choose someone on this conference's list.")])
            repo = RoomAbsenceRepository(session)
            current = next((r for r in repo.open_for(conference_id) if r.person_id == person_id), None)
            if current is not None:
                return Absence(current.id, current.person_id, current.started_at)
            row = repo.add(conference_id, person_id, self.now())
            session.flush()
            append_event(
                session,
                self.ctx.session.actor_name,
                AuditAction.CREATED,
                "room_absence",
                row.id,
                after={"person": person_id, "conference": conference_id},
            )
            uow.commit()
            return Absence(row.id, row.person_id, row.started_at)

    @requires(Action.EDIT_MINUTES)
    def back_in(self, conference_id: str, person_id: str) -> Absence | None:
        """ "Back in the room": what is captured from now is no longer kept from them automatically.
        None: they were not out."""
        with self.ctx.uow() as uow:
            session = uow.session
            guard_change(self.ctx, session, conference_id, Action.EDIT_MINUTES)
            current = next(
                (
                    r
                    for r in RoomAbsenceRepository(session).open_for(conference_id)
                    if r.person_id == person_id
                ),
                None,
            )
            if current is None:
                return None
            current.ended_at = max(self.now(), current.started_at)
            append_event(
                session,
                self.ctx.session.actor_name,
                AuditAction.CHANGED,
                "room_absence",
                current.id,
                after={"person": person_id, "ended": True},
            )
            uow.commit()
            return Absence(current.id, current.person_id, current.started_at, current.ended_at)
