"""A copy for each reader and the check before it leaves (issue 18 items 3-4).

Each recipient on the distribution list gets the documents their audience allows (domain.distribution),
made from the record as `ConferenceDocument.for_reader` lets them read it, marked on every page with whom
it was made for. A family member's copy is checked first (domain.disclosure): every flag is answered
"fine to share" or held back there and then where it comes from (a map item's audience through
`MappingService`; a decision's reasons, a dissent, a plan action or an attendance note through
`ContentAudienceService`, so the same guards and audit apply), and, when the local rule asks, a second
person signs off. The family's documents print no summary section, so none is ever flagged. Release
writes the PDFs, the distribution log and the audit trail (codes, ids and places only, never the words
found).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.disclosure import (
    Answer,
    Flag,
    FlagKind,
    find_flags,
    names_outside,
    release_problems,
)
from iro_desktop.domain.distribution import CopyAudience, LogEntry, copy_mark, reader_for
from iro_desktop.domain.errors import NotFound, Problem, ValidationError, raise_if
from iro_desktop.domain.record import Recipient, SendMethod
from iro_desktop.domain.roles import Action, require
from iro_desktop.export.copy_check import family_passages
from iro_desktop.export.documents import ConferenceDocument
from iro_desktop.services.content_audience import ContentAudienceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.documents import DocumentKind, DocumentService, render_pdf, write_file
from iro_desktop.services.mapping import MappingService
from iro_desktop.services.permissions import requires
from iro_desktop.services.records import ensure_lock_holds, recipient_to_domain, state_of
from iro_desktop.services.rules import load_rules
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.distribution_repository import DistributionRepository
from iro_desktop.store.models import DistributionLogRow, RecipientRow, RecordRow, ReleaseAnswerRow
from iro_desktop.store.models.base import utcnow
from iro_desktop.store.record_repository import RecordRepository
from iro_desktop.store.session import Session

# The reason recorded when a flag is held back there and then.
_REASONS = {FlagKind.POSTCODE: Reason.ADDRESS, FlagKind.ADDRESS: Reason.ADDRESS}


@dataclass(frozen=True)
class ReleaseCheck:
    """The check on one recipient's copy: what was found, what is answered, what still stops release."""

    recipient: Recipient
    audience: CopyAudience
    flags: tuple[Flag, ...] = ()
    answers: dict[str, Answer] = field(default_factory=dict)
    sign_off_needed: bool = False
    signed_off_by: str = ""  # empty: not signed off, or signed off before the flags changed
    problems: tuple[Problem, ...] = ()

    @property
    def needed(self) -> bool:
        return self.audience is CopyAudience.FAMILY

    @property
    def ready(self) -> bool:
        return not self.problems


def _digest(flags: tuple[Flag, ...] | list[Flag]) -> str:
    return hashlib.sha256("\n".join(sorted(f.key for f in flags)).encode()).hexdigest()[:32]


def copy_file_name(doc: ConferenceDocument, kind: DocumentKind, recipient: Recipient, n: int) -> str:
    """e.g. "DEMO-0001_family-version_2026-12-02_v1_for-3-parent.pdf": the recipient's place on the list
    and role, never a name."""
    h = doc.header
    reference = re.sub(r"[^A-Za-z0-9._-]+", "-", h.family_reference).strip("-.") or "conference"
    role = re.sub(r"[^a-z0-9]+", "-", recipient.role.lower()).strip("-") or recipient.audience
    version = f"_v{h.version_number}" if h.version_number is not None else ""
    return f"{reference}_{kind.value}_{h.conference_date:%Y-%m-%d}{version}_for-{n}-{role[:24]}.pdf"


class DistributionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading -----------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def copy_document(self, conference_id: str, recipient_id: str) -> ConferenceDocument:
        """The document as this recipient may read it, marked with whom it is for."""
        require(self.ctx.session.user, Action.VIEW)
        recipient = self._recipient(conference_id, recipient_id)
        return self._copy(conference_id, recipient)

    @requires(Action.VIEW)
    def check(self, conference_id: str, recipient_id: str) -> ReleaseCheck:
        """The check before this recipient's copy leaves (a professional's copy needs none)."""
        require(self.ctx.session.user, Action.VIEW)
        recipient = self._recipient(conference_id, recipient_id)
        return self._check(conference_id, recipient, self._copy(conference_id, recipient))

    @requires(Action.VIEW)
    def log(self, conference_id: str) -> list[LogEntry]:
        """What went to whom, oldest first."""
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            row = RecordRepository(uow.session).for_conference(conference_id)
            if row is None:
                return []
            return [_entry(r) for r in DistributionRepository(uow.session).log(row.id)]

    # --- the clerk's answers -----------------------------------------------------------------------

    @requires(Action.EDIT_DISTRIBUTION)
    def answer(self, conference_id: str, recipient_id: str, flag_key: str, answer: Answer) -> ReleaseCheck:
        """Mark one flag fine to share, or hold its content back from this recipient there and then (the
        audience of the map item, decision reasons, dissent, plan action or attendance note it is in, set
        through the services that own them, so the usual guards and audit apply)."""
        require(self.ctx.session.user, Action.EDIT_DISTRIBUTION)
        before = self.check(conference_id, recipient_id)
        flag = next((f for f in before.flags if f.key == flag_key), None)
        if flag is None:
            raise NotFound("That detail is no longer in the copy: check it again.")
        if answer is Answer.RESTRICTED:
            self._hold_back(conference_id, flag, before.recipient)
        with self.ctx.uow() as uow:
            store = DistributionRepository(uow.session)
            row = store.answer(recipient_id, flag_key)
            if row is None:
                row = store.add_answer(
                    ReleaseAnswerRow(
                        recipient_id=recipient_id,
                        flag_key=flag_key,
                        kind=flag.kind.value,
                        place=flag.place[:200],
                        answer=answer.value,
                        answered_by=self.ctx.session.actor_name,
                    )
                )
            else:
                row.answer, row.answered_by, row.answered_at = (
                    answer.value,
                    self.ctx.session.actor_name,
                    utcnow(),
                )
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CHANGED,
                "release_check",
                recipient_id,
                after={
                    "flag": flag_key,
                    "kind": flag.kind.value,
                    "place": flag.place,
                    "answer": answer.value,
                },
            )
            uow.commit()
        return self.check(conference_id, recipient_id)

    @requires(Action.EDIT_DISTRIBUTION)
    def sign_off(self, conference_id: str, recipient_id: str) -> ReleaseCheck:
        """A second person's sign-off of the check (not someone who answered it), for its flags as they
        are now: a later change to the copy that brings a new flag needs a new sign-off."""
        user = self.ctx.session.user
        require(user, Action.EDIT_DISTRIBUTION)
        assert user is not None
        check = self.check(conference_id, recipient_id)
        if not check.needed:
            raise ValidationError([Problem("sign_off", "A professional's copy is not checked.")])
        unanswered = [p for p in check.problems if p.field == "flags"]
        raise_if(unanswered)
        with self.ctx.uow() as uow:
            answered_by = {a.answered_by for a in DistributionRepository(uow.session).answers(recipient_id)}
            if self.ctx.session.actor_name in answered_by:
                raise ValidationError(
                    [
                        Problem(
                            "sign_off",
                            "The sign-off is by a second person, not by whoever answered the check.",
                        )
                    ]
                )
            row = self._recipient_row(uow.session, conference_id, recipient_id)
            row.signed_off_by, row.signed_off_flags = user.display_name, _digest(check.flags)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.APPROVED,
                "release_check",
                recipient_id,
                after={"signed_off": True, "flags": len(check.flags)},
            )
            uow.commit()
        return self.check(conference_id, recipient_id)

    # --- release -----------------------------------------------------------------------------------

    @requires(Action.EDIT_DISTRIBUTION)
    def release(
        self, conference_id: str, recipient_id: str, out: Path, sent_on: date, method: SendMethod
    ) -> list[Path]:
        """Write this recipient's copy (each document their audience allows) into the folder `out`, log
        what went, when and how, and mark them sent. Refused until the record is final and, for a family
        member, until the check is answered (and signed off when the local rule asks)."""
        require(self.ctx.session.user, Action.EDIT_DISTRIBUTION)
        require(self.ctx.session.user, Action.EXPORT)
        if sent_on > self.ctx.today():
            raise ValidationError([Problem("sent_on", "The date sent cannot be in the future.")])
        with self.ctx.uow() as uow:
            record = self._record(uow.session, conference_id)
            if not state_of(record).locked:
                raise ValidationError(
                    [Problem("release", "Copies are released only once the chair has approved the record.")]
                )
            ensure_lock_holds(uow.session, conference_id)
        recipient = self._recipient(conference_id, recipient_id)
        doc = self._copy(conference_id, recipient)
        check = self._check(conference_id, recipient, doc)
        raise_if(list(check.problems))
        written = []
        kinds = [DocumentKind(k) for k in check.audience.documents]
        position = self._position(conference_id, recipient_id)
        for kind in kinds:
            path = out / copy_file_name(doc, kind, recipient, position)
            written.append(write_file(path, render_pdf(kind, doc)))
        with self.ctx.uow() as uow:
            record = self._record(uow.session, conference_id)
            row = self._recipient_row(uow.session, conference_id, recipient_id)
            store = DistributionRepository(uow.session)
            for kind in kinds:
                store.add_log(
                    DistributionLogRow(
                        record_id=record.id,
                        recipient_id=row.id,
                        recipient_name=row.name,
                        document=kind.value,
                        version=doc.header.version_number or len(record.versions) or None,
                        audience=check.audience.value,
                        sent_on=sent_on,
                        method=method.value,
                        made_by=self.ctx.session.actor_name,
                        checked=check.needed,
                        signed_off_by=check.signed_off_by,
                    )
                )
                append_event(
                    uow.session,
                    self.ctx.session.actor_name,
                    AuditAction.EXPORTED,
                    "recipient",
                    row.id,
                    after={
                        "document": kind.value,
                        "version": len(record.versions) or None,
                        "audience": check.audience.value,
                        "sent_on": sent_on,
                        "method": method.value,
                        "checked": check.needed,
                        "flags": len(check.flags),
                    },
                )
            row.sent_on, row.method = sent_on, method.value
            uow.commit()
        return written

    # --- helpers -----------------------------------------------------------------------------------

    def _copy(self, conference_id: str, recipient: Recipient) -> ConferenceDocument:
        kind = CopyAudience(recipient.audience)
        doc = DocumentService(self.ctx).document(conference_id)
        copy = doc.for_reader(reader_for(kind, recipient.person_id))
        if kind is CopyAudience.FAMILY:
            copy = copy.for_everyone()
        with self.ctx.uow() as uow:
            versions = len(self._record(uow.session, conference_id).versions)
        header = replace(
            copy.header,
            copy_mark=copy_mark(recipient.name, recipient.role, kind),
            version_number=versions if copy.header.is_final and versions else copy.header.version_number,
        )
        return replace(copy, header=header)

    def _check(self, conference_id: str, recipient: Recipient, doc: ConferenceDocument) -> ReleaseCheck:
        kind = CopyAudience(recipient.audience)
        if kind is not CopyAudience.FAMILY:
            return ReleaseCheck(recipient, kind)
        with self.ctx.uow() as uow:
            rules = load_rules(uow).disclosure
            store = DistributionRepository(uow.session)
            names = names_outside(store.people(conference_id), recipient.person_id)
            answers = {a.flag_key: Answer(a.answer) for a in store.answers(recipient.id)}
            row = self._recipient_row(uow.session, conference_id, recipient.id)
            signed_digest = row.signed_off_flags
        flags = tuple(find_flags(family_passages(doc), names, rules.words))
        signed_by = recipient.signed_off_by if signed_digest and signed_digest == _digest(flags) else ""
        answers = {k: v for k, v in answers.items() if k in {f.key for f in flags}}
        problems = release_problems(flags, answers, rules.second_sign_off, signed_by)
        return ReleaseCheck(
            recipient, kind, flags, answers, rules.second_sign_off, signed_by, tuple(problems)
        )

    def _hold_back(self, conference_id: str, flag: Flag, recipient: Recipient) -> None:
        if not flag.restrictable:
            raise ValidationError(
                [
                    Problem(
                        "answer",
                        f"“{flag.place}” cannot be held back on its own yet: change its words, or mark it "
                        "fine to share.",
                    )
                ]
            )
        reason = _REASONS.get(flag.kind, Reason.THIRD_PARTY)
        if recipient.person_id:
            rule = audience(AudienceKind.EXCEPT, [recipient.person_id], reason)
        else:
            rule = audience(AudienceKind.PROFESSIONALS, (), reason)
        target, audiences = flag.target, ContentAudienceService(self.ctx)
        if target.kind == "map_item":
            MappingService(self.ctx).set_audience(target.id, rule)
        elif target.kind == "decision_reasons":
            audiences.set_reasons(conference_id, target.id, rule)
        elif target.kind == "dissent":
            audiences.set_dissent(target.id, rule)
        elif target.kind == "plan_action":
            audiences.set_action(target.id, rule)
        elif target.kind == "attendance_note":
            audiences.set_attendance_note(target.id, rule)
        else:
            raise ValueError(f"no audience for content of kind {target.kind!r}")

    def _record(self, session: Session, conference_id: str) -> RecordRow:
        row = RecordRepository(session).for_conference(conference_id)
        if row is None:
            raise NotFound("This conference has no record yet.")
        return row

    def _recipient_row(self, session: Session, conference_id: str, recipient_id: str) -> RecipientRow:
        record = self._record(session, conference_id)
        row = next((r for r in record.recipients if r.id == recipient_id), None)
        if row is None:
            raise NotFound("That recipient is no longer on the list.")
        return row

    def _recipient(self, conference_id: str, recipient_id: str) -> Recipient:
        with self.ctx.uow() as uow:
            return recipient_to_domain(self._recipient_row(uow.session, conference_id, recipient_id))

    def _position(self, conference_id: str, recipient_id: str) -> int:
        with self.ctx.uow() as uow:
            ids = [r.id for r in self._record(uow.session, conference_id).recipients]
        return ids.index(recipient_id) + 1


def _entry(row: DistributionLogRow) -> LogEntry:
    return LogEntry(
        id=row.id,
        recipient_id=row.recipient_id or "",
        recipient_name=row.recipient_name,
        document=row.document,
        version=row.version,
        audience=CopyAudience(row.audience),
        sent_on=row.sent_on,
        method=row.method,
        made_at=row.made_at,
        made_by=row.made_by,
        checked=row.checked,
        signed_off_by=row.signed_off_by,
    )
