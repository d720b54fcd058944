"""The record after the meeting: the clerk's queue, the discussion summary, approval and the final lock,
amendments, and the distribution list. Permissions are enforced here, not only in the UI."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import NotFound, Problem, ValidationError, raise_if
from iro_desktop.domain.record import (
    ConferenceRecord,
    QueueEntry,
    Recipient,
    RecordLocked,
    RecordState,
    RecordVersion,
    Section,
    SectionKey,
    SendMethod,
    amendment_problems,
    check_transition,
)
from iro_desktop.domain.roles import Action, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.snapshot import canonical_json, content_hash, register_part, snapshot
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.models import (
    ConferenceRow,
    FamilyRow,
    RecipientRow,
    RecordRow,
    RecordSectionRow,
    RecordVersionRow,
)
from iro_desktop.store.models.base import utcnow

DEFAULT_DISTRIBUTION_WORKING_DAYS = 15
_CALENDAR = WorkingDayCalendar()

# Which permission each move needs.
_MOVE_PERMISSION = {
    RecordState.WITH_CLERK: Action.SUBMIT_FOR_APPROVAL,
    RecordState.AWAITING_APPROVAL: Action.SUBMIT_FOR_APPROVAL,
    RecordState.FINAL: Action.APPROVE_RECORD,
    RecordState.DISTRIBUTED: Action.EDIT_DISTRIBUTION,
}


def record_row(session: Session, conference_id: str) -> RecordRow | None:
    return session.scalars(select(RecordRow).where(RecordRow.conference_id == conference_id)).first()


def ensure_not_final(session: Session, conference_id: str) -> None:
    """Guard for every service that changes what a record holds (map, decisions, plan, summary)."""
    row = record_row(session, conference_id)
    if row is not None and RecordState(row.state).locked:
        raise RecordLocked("This record is final. Changes are made only as an amendment, with a reason.")


def is_approved(session: Session, conference_id: str) -> bool:
    row = record_row(session, conference_id)
    return row is not None and row.approved_at is not None


def _sections_part(session: Session, conference_id: str) -> list[dict[str, str]]:
    row = record_row(session, conference_id)
    if row is None:
        return []
    return [{"key": s.key, "agency": s.agency, "text": s.text} for s in row.sections]


register_part("record_sections", _sections_part)


class RecordService:
    def __init__(
        self, ctx: ServiceContext, distribution_working_days: int = DEFAULT_DISTRIBUTION_WORKING_DAYS
    ):
        self.ctx = ctx
        self.distribution_working_days = distribution_working_days

    # --- reading -------------------------------------------------------------------------------
    @requires(Action.VIEW)
    def get(self, conference_id: str) -> ConferenceRecord:
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            uow.commit()
            return self._to_domain(uow.session, row)

    @requires(Action.VIEW)
    def is_locked(self, conference_id: str) -> bool:
        """Whether the conference's record is final (asks without creating a record)."""
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            row = record_row(uow.session, conference_id)
            return row is not None and RecordState(row.state).locked

    @requires(Action.VIEW)
    def note_viewed(self, conference_id: str) -> None:
        """Audit that the signed-in user opened this record."""
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            append_event(uow.session, self.ctx.session.actor_name, AuditAction.VIEWED, "record", row.id)
            uow.commit()

    @requires(Action.VIEW)
    def queue(self) -> list[QueueEntry]:
        """Records to finalise or distribute, soonest distribution deadline first."""
        require(self.ctx.session.user, Action.VIEW)
        today = self.ctx.today()
        with self.ctx.uow() as uow:
            rows = uow.session.scalars(
                select(RecordRow).where(RecordRow.state != RecordState.DISTRIBUTED.value)
            ).all()
            entries = []
            for row in rows:
                conf = uow.session.get(ConferenceRow, row.conference_id)
                family = uow.session.get(FamilyRow, conf.family_id) if conf else None
                if conf is None or family is None:
                    continue
                due = self._due(conf.scheduled_date)
                entries.append(
                    QueueEntry(
                        conference_id=conf.id,
                        family_name=family.name,
                        family_reference=family.reference,
                        conference_label=ConferenceType(conf.conference_type).label,
                        held_on=conf.scheduled_date,
                        state=RecordState(row.state),
                        distribution_due=due,
                        working_days_left=_CALENDAR.working_days_between(today, due),
                    )
                )
        return sorted(entries, key=lambda e: (e.distribution_due, e.family_name))

    @requires(Action.VIEW)
    def version_snapshot(self, conference_id: str, number: int) -> dict[str, Any]:
        record = self.get(conference_id)
        for version in record.versions:
            if version.number == number:
                data: dict[str, Any] = json.loads(version.snapshot_json)
                return data
        raise NotFound(f"Version {number} of this record does not exist.")

    @requires(Action.VIEW)
    def lock_intact(self, conference_id: str) -> bool:
        """Whether the stored content still matches the hash taken when it was made final."""
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            if not row.versions:
                return True
            locked = row.versions[-1]
            parts = json.loads(locked.snapshot_json).keys()
            now = content_hash(canonical_json(snapshot(uow.session, conference_id, only=parts)))
            return now == locked.content_hash

    # --- the clerk's edits ---------------------------------------------------------------------
    @requires(Action.EDIT_MINUTES)
    def save_section(self, conference_id: str, key: SectionKey, text: str, agency: str = "") -> None:
        user = self.ctx.session.user
        require(user, Action.EDIT_MINUTES)
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            ensure_not_final(uow.session, conference_id)
            before = self._set_section(row, key, agency, text)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CHANGED,
                "record_section",
                row.id,
                {"key": key.value, "agency": agency, "text": before},
                {"key": key.value, "agency": agency, "text": text},
            )
            uow.commit()

    @requires(Action.EDIT_DISTRIBUTION)
    def add_recipient(
        self, conference_id: str, name: str, role: str = "", method: SendMethod = SendMethod.SECURE_EMAIL
    ) -> Recipient:
        require(self.ctx.session.user, Action.EDIT_DISTRIBUTION)
        if not name.strip():
            raise ValidationError([Problem("name", "Enter who the record goes to.")])
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            recipient = RecipientRow(
                name=name.strip(), role=role.strip(), method=method.value, sort_order=len(row.recipients)
            )
            row.recipients.append(recipient)
            uow.session.flush()
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CREATED,
                "recipient",
                recipient.id,
                after={"name": recipient.name, "method": method.value},
            )
            uow.commit()
            return _recipient(recipient)

    @requires(Action.EDIT_DISTRIBUTION)
    def mark_sent(self, conference_id: str, recipient_id: str, sent_on: date, method: SendMethod) -> None:
        require(self.ctx.session.user, Action.EDIT_DISTRIBUTION)
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            if not RecordState(row.state).locked:
                raise ValidationError(
                    [Problem("sent_on", "The record can be sent only once the chair has approved it.")]
                )
            recipient = next((r for r in row.recipients if r.id == recipient_id), None)
            if recipient is None:
                raise NotFound("That recipient is no longer on the list.")
            if sent_on > self.ctx.today():
                raise ValidationError([Problem("sent_on", "The date sent cannot be in the future.")])
            before = {"sent_on": recipient.sent_on, "method": recipient.method}
            recipient.sent_on, recipient.method = sent_on, method.value
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CHANGED,
                "recipient",
                recipient.id,
                before,
                {"sent_on": sent_on, "method": method.value},
            )
            uow.commit()

    # --- lifecycle -----------------------------------------------------------------------------
    @requires(Action.SUBMIT_FOR_APPROVAL)
    def move(self, conference_id: str, target: RecordState) -> ConferenceRecord:
        user = self.ctx.session.user
        permission = _MOVE_PERMISSION.get(target, Action.APPROVE_RECORD)
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            current = RecordState(row.state)
            if current is RecordState.AWAITING_APPROVAL and target is RecordState.WITH_CLERK:
                permission = Action.APPROVE_RECORD  # only the chair sends it back
            require(user, permission)
            check_transition(current, target)
            if target is RecordState.DISTRIBUTED:
                unsent = [r.name for r in row.recipients if r.sent_on is None]
                if not row.recipients or unsent:
                    raise ValidationError(
                        [Problem("recipients", "Record the date sent for every recipient first.")]
                    )
            if target is RecordState.FINAL:
                assert user is not None
                row.approved_by = user.display_name
                row.approved_at = utcnow()
                self._add_version(uow.session, row, user.display_name, "Approved by the chair")
            row.state = target.value
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.APPROVED if target is RecordState.FINAL else AuditAction.CHANGED,
                "record",
                row.id,
                {"state": current.value},
                {"state": target.value},
            )
            uow.commit()
            return self._to_domain(uow.session, row)

    @requires(Action.AMEND_FINAL_RECORD)
    def amend(
        self, conference_id: str, changes: dict[tuple[SectionKey, str], str], reason: str
    ) -> ConferenceRecord:
        """Change a final record: applies the section changes and locks a new version with the reason."""
        user = self.ctx.session.user
        require(user, Action.AMEND_FINAL_RECORD)
        assert user is not None
        raise_if(amendment_problems(reason))
        with self.ctx.uow() as uow:
            row = self._ensure(uow.session, conference_id)
            if not RecordState(row.state).locked:
                raise ValidationError(
                    [Problem("reason", "Only a final record is amended; edit it directly.")]
                )
            for (key, agency), text in changes.items():
                before = self._set_section(row, key, agency, text)
                append_event(
                    uow.session,
                    user.username,
                    AuditAction.AMENDED,
                    "record_section",
                    row.id,
                    {"key": key.value, "agency": agency, "text": before},
                    {"key": key.value, "agency": agency, "text": text, "reason": reason},
                )
            uow.session.flush()
            self._add_version(uow.session, row, user.display_name, reason.strip())
            uow.commit()
            return self._to_domain(uow.session, row)

    # --- helpers -------------------------------------------------------------------------------
    def _due(self, held_on: date) -> date:
        return _CALENDAR.add_working_days(held_on, self.distribution_working_days)

    def _ensure(self, session: Session, conference_id: str) -> RecordRow:
        row = record_row(session, conference_id)
        if row is None:
            if session.get(ConferenceRow, conference_id) is None:
                raise NotFound("That conference is no longer in the records.")
            row = RecordRow(conference_id=conference_id, state=RecordState.IN_MEETING.value)
            session.add(row)
            session.flush()
        return row

    @staticmethod
    def _set_section(row: RecordRow, key: SectionKey, agency: str, text: str) -> str:
        agency = agency.strip() if key is SectionKey.AGENCY else ""
        existing = next((s for s in row.sections if s.key == key.value and s.agency == agency), None)
        if existing is None:
            row.sections.append(
                RecordSectionRow(key=key.value, agency=agency, text=text, sort_order=len(row.sections))
            )
            return ""
        before, existing.text = existing.text, text
        return before

    def _add_version(self, session: Session, row: RecordRow, author: str, reason: str) -> None:
        session.flush()
        text = canonical_json(snapshot(session, row.conference_id))
        row.versions.append(
            RecordVersionRow(
                number=len(row.versions) + 1,
                author=author,
                reason=reason,
                content_hash=content_hash(text),
                snapshot_json=text,
            )
        )

    def _to_domain(self, session: Session, row: RecordRow) -> ConferenceRecord:
        conf = session.get(ConferenceRow, row.conference_id)
        assert conf is not None
        family = session.get(FamilyRow, conf.family_id)
        assert family is not None
        return ConferenceRecord(
            conference_id=conf.id,
            family_id=family.id,
            family_name=family.name,
            family_reference=family.reference,
            conference_label=ConferenceType(conf.conference_type).label,
            held_on=conf.scheduled_date,
            state=RecordState(row.state),
            sections=tuple(Section(SectionKey(s.key), s.agency, s.text) for s in row.sections),
            recipients=tuple(_recipient(r) for r in row.recipients),
            versions=tuple(
                RecordVersion(v.number, v.created_at, v.author, v.reason, v.content_hash, v.snapshot_json)
                for v in row.versions
            ),
            approved_by=row.approved_by,
            approved_at=row.approved_at,
            distribution_due=self._due(conf.scheduled_date),
        )


def _recipient(row: RecipientRow) -> Recipient:
    return Recipient(row.id, row.name, row.role, SendMethod(row.method), row.sent_on)
