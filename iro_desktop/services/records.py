"""The record after the meeting: the clerk's queue, the discussion summary, approval and the final lock,
amendments, and the distribution list. Permissions are enforced here, not only in the UI.

A record is locked once it has a locked version (whatever its state column says). Every locked version
is fingerprinted as `domain.lock` declares and signed by its author's key; `lock_problems` checks both,
and the record's approval against version 1, each time a record is read, exported, imported or checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.clocks import decision_letter_due
from iro_desktop.domain.concurrency import EditConflict, ReadAs, rebase
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import NotFound, Problem, ValidationError, raise_if
from iro_desktop.domain.history.ids import is_imported
from iro_desktop.domain.letters import letters_not_owed
from iro_desktop.domain.local_time import clock_text
from iro_desktop.domain.lock import (
    DECLARATIONS,
    SNAPSHOT_VERSION,
    LockBroken,
    RecordIntegrity,
    Scope,
    SignedVersion,
    covered,
    fingerprint,
    fingerprint_of,
    scope_of,
)
from iro_desktop.domain.people import Role as PersonRole
from iro_desktop.domain.record import (
    TRANSITIONS,
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
    recipient_problems,
    section_problems,
)
from iro_desktop.domain.roles import Action, User, require
from iro_desktop.services.approval_signing import known_signer, may_sign, public_hex, sign, signature_valid
from iro_desktop.services.checkouts import ensure_not_checked_out, ensure_not_out_for_approval
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.rules import load_rules
from iro_desktop.services.snapshot import canonical_json, snapshot
from iro_desktop.store.audience_columns import capture_audience, read_audience
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.letter_repository import LetterRepository
from iro_desktop.store.models import RecipientRow, RecordRow, RecordSectionRow, RecordVersionRow
from iro_desktop.store.models.base import utcnow
from iro_desktop.store.people_repositories import InvitationRepository
from iro_desktop.store.record_repository import RecordRepository
from iro_desktop.store.repositories import ConferenceRepository
from iro_desktop.store.row_locks import family_records_for_edit, record_for_approval, record_for_edit
from iro_desktop.store.session import Session
from iro_desktop.store.uow import UnitOfWork

DEFAULT_DISTRIBUTION_WORKING_DAYS = 15
_CALENDAR = WorkingDayCalendar()

# Which permission each move needs.
_MOVE_PERMISSION = {
    RecordState.WITH_CLERK: Action.SUBMIT_FOR_APPROVAL,
    RecordState.AWAITING_APPROVAL: Action.SUBMIT_FOR_APPROVAL,
    RecordState.FINAL: Action.APPROVE_RECORD,
    RecordState.DISTRIBUTED: Action.EDIT_DISTRIBUTION,
}


def state_of(row: RecordRow) -> RecordState:
    """The record's state; one this app never writes reads as final (locked), `lock_problems` says why."""
    return RecordState(row.state) if row.state in set(RecordState) else RecordState.FINAL


def _state_locked(row: RecordRow) -> bool:
    return state_of(row).locked


def is_locked_row(row: RecordRow | None) -> bool:
    """Final by its state, or holding a locked version (a state column set back by hand unlocks nothing)."""
    return row is not None and (_state_locked(row) or bool(row.versions))


def ensure_not_final(session: Session, conference_id: str) -> RecordRow | None:
    """Guard for every service that changes what a record holds (map, decisions, plan, summary). It takes
    the record's row lock (store/row_locks): an approval in progress is waited for, and then refuses.
    Returns the record (None: not opened yet)."""
    row = record_for_edit(session, conference_id)
    if is_locked_row(row):
        raise RecordLocked(approved_meanwhile(row))
    return row


def approved_row(row: RecordRow | None) -> bool:
    return row is not None and (row.approved_at is not None or bool(row.versions))


def approved_meanwhile(row: RecordRow | None) -> str:
    """Why an edit of a final record is refused; when it was approved, since the editor began before."""
    at = row.approved_at if row is not None else None
    if at is None:
        return "This record is final. Changes are made only as an amendment, with a reason."
    return (
        f"The record was approved at {clock_text(at)} while you were typing: this change was not saved (your "
        "words are still on screen). A final record is changed only as an amendment, with a reason."
    )


def is_approved(session: Session, conference_id: str) -> bool:
    return approved_row(RecordRepository(session).for_conference(conference_id))


_PART_WORDS = {
    "conference": "the conference's type, date, venue, chair or the chair's independence",
    "family": "the family's name or reference",
    "children": "a child's name or date of birth",
    "unborn": "an unborn child's expected date",
    "attendance": "the attendance",
    "map_items": "the map",
    "map_scales": "the scaling",
    "decisions": "the decisions",
    "dissent": "the dissent",
    "plan_header": "the plan",
    "plan_actions": "the plan actions",
    "plan_history": "the plan history",
    "record_sections": "the discussion summary",
    "recipients": "the distribution list",
}


LEGACY_PROBLEM = "was locked before approvals were signed: amend it, with a reason, to sign it"


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def lock_problems(session: Session, row: RecordRow) -> list[str]:
    """Everything wrong with a record's lock and approval, in words (empty: intact, or not locked)."""
    versions = sorted(row.versions, key=lambda v: v.number)
    state_locked = _state_locked(row)
    if not state_locked and not versions:
        return []
    problems: list[str] = []
    try:
        state = RecordState(row.state)
    except ValueError:
        return [f"its state “{row.state}” is not one this app uses"]
    if not versions:
        return ["it is marked final but has no locked version (no fingerprint, no signed approval)"]
    if not state_locked:
        problems.append(f"it has {len(versions)} locked version(s) but is marked “{state.label}”")
    numbers = [v.number for v in versions]
    if numbers != list(range(1, len(versions) + 1)):
        problems.append(f"its locked versions are numbered {', '.join(map(str, numbers))}: one is missing")
    latest = versions[-1]
    latest_locked: tuple[dict[str, Any], Scope] | None = None
    for v in versions:
        if v.snapshot_version not in DECLARATIONS and v is not latest:
            continue  # history from before approvals were signed, sealed by the signed amendment after it
        found, locked = _version_problems(session, row.conference_id, v)
        problems.extend(found)
        if v is latest:
            latest_locked = locked  # (None when its snapshot does not hold: nothing to compare with)
    first = versions[0]
    if (
        first.number == 1
        and first.snapshot_version in DECLARATIONS
        and (row.approved_by != first.signer_name or _iso(row.approved_at) != first.signed_at)
    ):
        problems.append(
            f"its approval (“{row.approved_by or 'nobody'}”) is not the one version 1 was signed with"
        )
    if latest_locked is not None:
        before, scope = latest_locked
        now = covered(snapshot(session, row.conference_id), latest.snapshot_version, scope)
        changed = [_PART_WORDS.get(name, name) for name in before if before[name] != now.get(name)]
        if changed:
            problems.append(
                f"{', '.join(changed)} no longer match version {latest.number}'s fingerprint "
                "(changed outside the app)"
            )
    return problems


def _version_problems(
    session: Session, conference_id: str, v: RecordVersionRow
) -> tuple[list[str], tuple[dict[str, Any], Scope] | None]:
    """What is wrong with one locked version, and (when its snapshot holds) what it covers."""
    if v.snapshot_version not in DECLARATIONS:
        return [f"version {v.number} {LEGACY_PROBLEM}"], None
    try:
        locked = json.loads(v.snapshot_json)
        scope = scope_of(locked)
        locked_covered = covered(locked, v.snapshot_version, scope)
    except (ValueError, TypeError, KeyError, AttributeError):
        return [f"the stored snapshot of version {v.number} cannot be read"], None
    if fingerprint_of(locked_covered) != v.content_hash:
        return [f"the stored snapshot of version {v.number} does not match its fingerprint"], None
    held = (locked_covered, scope)
    signed = SignedVersion(
        conference_id, v.number, v.snapshot_version, v.content_hash, v.signer_id, v.signer_name, v.signed_at
    )
    if not v.signature:
        return [f"version {v.number} is not signed"], held
    if not signature_valid(v.signer_public_key, v.signature, signed):
        return [f"version {v.number}'s signature does not verify over its fingerprint"], held
    signer = known_signer(session, v.signer_public_key, v.signer_id)
    if signer is None:
        return [
            f"version {v.number} is signed with a key this store does not know for “{v.signer_name}”"
        ], held
    if not may_sign(signer, v.number):
        what = "approve" if v.number == 1 else "amend"
        return [
            f"version {v.number} is signed by “{signer.display_name}”, whose role may not {what} a record"
        ], held
    return [], held


def integrity_of(session: Session, row: RecordRow | None) -> RecordIntegrity:
    if row is None:
        return RecordIntegrity(locked=False)
    return RecordIntegrity(locked=is_locked_row(row), problems=tuple(lock_problems(session, row)))


def ensure_lock_holds(session: Session, conference_id: str) -> None:
    """Before a final record leaves the app (PDF, conference file): its lock and approval must hold."""
    integrity = integrity_of(session, RecordRepository(session).for_conference(conference_id))
    if not integrity.ok:
        raise LockBroken(integrity)


def import_path(start: RecordState, target: RecordState) -> list[RecordState] | None:
    """The states a record passes through from `start` to `target` by allowed moves (None: no way)."""
    paths: dict[RecordState, list[RecordState]] = {start: []}
    queue = [start]
    while queue:
        here = queue.pop(0)
        for a, b in TRANSITIONS:
            if a is here and b not in paths:
                paths[b] = [*paths[here], b]
                queue.append(b)
    return paths.get(target)


def move_permission(current: RecordState, target: RecordState) -> Action:
    if current is RecordState.AWAITING_APPROVAL and target is RecordState.WITH_CLERK:
        return Action.APPROVE_RECORD  # only the chair sends it back
    return _MOVE_PERMISSION.get(target, Action.APPROVE_RECORD)


def settle_imported_approval(session: Session, conference_id: str, before: RecordState | None) -> str:
    """After an import wrote the file's record: an approval that does not verify here is not kept (the
    record is awaiting approval, its versions dropped); returns why, or "" when nothing was refused."""
    records = RecordRepository(session)
    row = records.for_conference(conference_id)
    if row is None or (before is not None and before.locked):
        return ""  # a record final here was guarded before the import wrote anything
    records.flush()
    problems = lock_problems(session, row)
    if not problems:
        return ""
    target = state_of(row)
    note = "The approval in the file was not accepted: " + "; ".join(problems) + "."
    row.state = (RecordState.AWAITING_APPROVAL if target.locked else target).value
    row.approved_by, row.approved_at, row.approval_note = "", None, note[:4000]
    for version in list(row.versions):
        row.versions.remove(version)
    records.flush()
    return note


@contextmanager
def keeping_locks(session: Session, family_id: str) -> Iterator[None]:
    """Around a change to a family's shared rows (its name, reference, children's names and dates):
    refuse it if it would break the lock of one of the family's final records that held before."""
    records = RecordRepository(session)
    rows = [r for r in family_records_for_edit(session, family_id) if r.versions]
    intact = [r for r in rows if not lock_problems(session, r)]
    yield
    records.flush()
    for row in intact:
        if lock_problems(session, row):
            conf = records.conference(row.conference_id)
            label = (
                f"the {ConferenceType(conf.conference_type).label.lower()} conference on "
                f"{conf.scheduled_date:%d %B %Y}"
                if conf is not None
                else "a conference"
            )
            raise RecordLocked(
                f"This is part of the final record of {label}. It is changed only by amending that record, "
                "with a reason."
            )


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
            return is_locked_row(RecordRepository(uow.session).for_conference(conference_id))

    @requires(Action.VIEW)
    def integrity(self, conference_id: str) -> RecordIntegrity:
        """Whether the record's lock and approval hold (asks without creating a record)."""
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            return integrity_of(uow.session, RecordRepository(uow.session).for_conference(conference_id))

    @requires(Action.VIEW)
    def check_all(self) -> list[tuple[str, str, RecordIntegrity]]:
        """(conference id, "family reference — type, date", integrity) for every locked record whose lock
        fails. The label names no person: `check` prints it without anyone signed in."""
        require(self.ctx.session.user, Action.VIEW)
        out = []
        with self.ctx.uow() as uow:
            records = RecordRepository(uow.session)
            for row in records.all():
                integrity = integrity_of(uow.session, row)
                if integrity.ok:
                    continue
                conf = records.conference(row.conference_id)
                family = records.family(conf.family_id) if conf else None
                label = (
                    f"{family.reference} — {ConferenceType(conf.conference_type).label}, "
                    f"{conf.scheduled_date:%d %b %Y}"
                    if conf is not None and family is not None
                    else row.conference_id
                )
                out.append((row.conference_id, label, integrity))
        return out

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
            records = RecordRepository(uow.session)
            entries = []
            rows = records.not_distributed()
            local = load_rules(uow)
            rules = local.clocks
            letters = LetterRepository(uow.session)
            sent = letters.for_conferences(r.conference_id for r in rows)
            owed = letters.owed(r.conference_id for r in rows)
            for row in rows:
                conf = records.conference(row.conference_id)
                family = records.family(conf.family_id) if conf else None
                if conf is None or family is None:
                    continue
                due = self._due(conf.scheduled_date)
                unsent = sum(1 for p in owed.get(conf.id, []) if p not in sent[conf.id])
                held = conf.held_on or conf.scheduled_date
                not_owed = letters_not_owed(
                    held,
                    imported=is_imported(conf.id),
                    letters_from=local.letters_from,
                    any_recorded=bool(sent[conf.id]),
                )
                letter_due = (
                    decision_letter_due(held, rules, _CALENDAR)
                    if owed.get(conf.id) and not not_owed
                    else None
                )
                entries.append(
                    QueueEntry(
                        conference_id=conf.id,
                        family_name=family.name,
                        family_reference=family.reference,
                        conference_label=ConferenceType(conf.conference_type).label,
                        held_on=conf.scheduled_date,
                        state=state_of(row),
                        distribution_due=due,
                        working_days_left=_CALENDAR.working_days_between(today, due),
                        letter_due=letter_due,
                        letters_unsent=unsent,
                        letters_overdue=bool(unsent) and letter_due is not None and today > letter_due,
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
        """Whether the stored content still matches the fingerprint, and every version's signature holds."""
        return self.integrity(conference_id).ok

    # --- the clerk's edits ---------------------------------------------------------------------
    @requires(Action.EDIT_MINUTES)
    def save_section(
        self, conference_id: str, key: SectionKey, text: str, agency: str = "", read: ReadAs | None = None
    ) -> Section:
        """Store a section's words. With `read` (the version and text the editor was showing), words
        someone else saved since are never overwritten: the same words, or none changed, apply; different
        words raise EditConflict with both. Returns the section as stored (its new version)."""
        user = self.ctx.session.user
        require(user, Action.EDIT_MINUTES)
        raise_if(section_problems(agency))
        with self.ctx.uow() as uow:
            row = ensure_not_final(uow.session, conference_id) or self._ensure(uow.session, conference_id)
            ensure_not_checked_out(self.ctx, uow.session, conference_id)  # on another chair's laptop
            agency = agency.strip() if key is SectionKey.AGENCY else ""
            existing = next((s for s in row.sections if s.key == key.value and s.agency == agency), None)
            if existing is None and (read is None or read.version == 0):
                # The first words of a section: added in a savepoint, since on the team store another
                # desktop may add the same section at the same moment (then theirs is compared below).
                added = RecordRepository(uow.session).add_section(row, key.value, agency, text)
                if added is not None:
                    return self._section_saved(uow, row, key, agency, "", added)
                existing = next(s for s in row.sections if s.key == key.value and s.agency == agency)
            current = {"text": existing.text if existing is not None else ""}
            version = existing.version if existing is not None else 0
            conflicts = rebase(read, {"text": text}, current, version)
            if conflicts:
                where = f"{key.label} ({agency})" if agency else key.label
                raise EditConflict(f"“{where}”", conflicts, version)
            before = self._set_section(row, key, agency, text)
            uow.flush()
            stored = next(s for s in row.sections if s.key == key.value and s.agency == agency)
            return self._section_saved(uow, row, key, agency, before, stored)

    def _section_saved(
        self, uow: UnitOfWork, row: RecordRow, key: SectionKey, agency: str, before: str, stored: Any
    ) -> Section:
        """Audit a stored section save and commit it; the section as stored (its new version)."""
        if before != stored.text:  # written with someone out of the room: kept from them (issue 18)
            capture_audience(uow.session, row.conference_id, stored)
            uow.flush()  # the version below is the one stored
        append_event(
            uow.session,
            self.ctx.session.actor_name,
            AuditAction.CHANGED,
            "record_section",
            row.id,
            {"key": key.value, "agency": agency, "text": before},
            {"key": key.value, "agency": agency, "text": stored.text},
        )
        section = Section(key, agency, stored.text, audience=read_audience(stored), version=stored.version)
        uow.commit()
        return section

    @requires(Action.EDIT_DISTRIBUTION)
    def add_recipient(
        self,
        conference_id: str,
        name: str,
        role: str = "",
        method: SendMethod = SendMethod.SECURE_EMAIL,
        *,
        person_id: str | None = None,
        family: bool = False,
    ) -> Recipient:
        """Add someone to the distribution list. `person_id`: one of the conference's people (their copy
        follows their role: a family member's or a professional's); a name that is exactly one invited
        person's links to them. `family`: a recipient not among the people who gets a family copy
        (issue 18)."""
        require(self.ctx.session.user, Action.EDIT_DISTRIBUTION)
        raise_if(recipient_problems(name, role))
        with self.ctx.uow() as uow:
            row = self._ensure_changeable(uow.session, conference_id)
            if person_id is None:
                person_id = _person_named(uow.session, conference_id, name)
            if person_id is not None:
                family = recipient_is_family(uow.session, conference_id, person_id)
            elif _is_a_child(uow.session, conference_id, name):
                family = True  # the child: a family copy
            recipient = RecipientRow(
                name=name.strip(),
                role=role.strip(),
                method=method.value,
                sort_order=len(row.recipients),
                person_id=person_id,
                audience="family" if family else "professional",
            )
            row.recipients.append(recipient)
            uow.flush()
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CREATED,
                "recipient",
                recipient.id,
                after={"name": recipient.name, "method": method.value, "audience": recipient.audience},
            )
            uow.commit()
            return _recipient(recipient)

    @requires(Action.EDIT_DISTRIBUTION)
    def mark_sent(self, conference_id: str, recipient_id: str, sent_on: date, method: SendMethod) -> None:
        require(self.ctx.session.user, Action.EDIT_DISTRIBUTION)
        with self.ctx.uow() as uow:
            row = self._ensure_changeable(uow.session, conference_id)
            if not state_of(row).locked:
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
        with self.ctx.uow() as uow:
            record_for_approval(uow.session, conference_id)  # edits wait, then see the new state
            row = self._ensure_changeable(uow.session, conference_id)
            current = state_of(row)
            require(user, move_permission(current, target))
            if row.versions and not (current is RecordState.FINAL and target is RecordState.DISTRIBUTED):
                raise RecordLocked(
                    "This record has a locked version: it stays final. Changes are made only as an amendment."
                )
            check_transition(current, target)
            if current.locked:
                _refuse_broken(uow.session, row)
            if target is RecordState.DISTRIBUTED:
                unsent = [r.name for r in row.recipients if r.sent_on is None]
                if not row.recipients or unsent:
                    raise ValidationError(
                        [Problem("recipients", "Record the date sent for every recipient first.")]
                    )
            if target is RecordState.FINAL:
                assert user is not None
                ensure_not_out_for_approval(uow.session, conference_id)  # signed off on the team store
                at = self._add_version(uow.session, row, user, "Approved by the chair")
                row.approved_by, row.approved_at = user.display_name, at
                row.approval_note = ""
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
        raise_if(
            amendment_problems(reason) + [p for _key, agency in changes for p in section_problems(agency)]
        )
        with self.ctx.uow() as uow:
            record_for_approval(uow.session, conference_id)
            row = self._ensure_changeable(uow.session, conference_id)
            if not state_of(row).locked:
                raise ValidationError(
                    [Problem("reason", "Only a final record is amended; edit it directly.")]
                )
            _refuse_broken(uow.session, row, legacy_ok=True)
            key = self._key(uow.session, user)
            for (key_, agency), text in changes.items():
                before = self._set_section(row, key_, agency, text)
                append_event(
                    uow.session,
                    user.username,
                    AuditAction.AMENDED,
                    "record_section",
                    row.id,
                    {"key": key_.value, "agency": agency, "text": before},
                    {"key": key_.value, "agency": agency, "text": text, "reason": reason},
                )
            uow.flush()
            self._add_version(uow.session, row, user, reason.strip(), key)
            uow.commit()
            return self._to_domain(uow.session, row)

    # --- helpers -------------------------------------------------------------------------------
    def _due(self, held_on: date) -> date:
        return _CALENDAR.add_working_days(held_on, self.distribution_working_days)

    def _ensure_changeable(self, session: Session, conference_id: str) -> RecordRow:
        """The record, for a change: refused while the conference is on another chair's laptop."""
        row = self._ensure(session, conference_id)
        ensure_not_checked_out(self.ctx, session, conference_id)
        return row

    def _ensure(self, session: Session, conference_id: str) -> RecordRow:
        records = RecordRepository(session)
        row = records.for_conference(conference_id)
        if row is None:
            ConferenceRepository(session).get(conference_id)  # NotFound: no longer in the records
            row = records.add_or_existing(conference_id, RecordState.IN_MEETING.value)
        return row

    @staticmethod
    def _set_section(row: RecordRow, key: SectionKey, agency: str, text: str) -> str:
        agency = _agency(key, agency)
        existing = next((s for s in row.sections if s.key == key.value and s.agency == agency), None)
        if existing is None:
            row.sections.append(
                RecordSectionRow(key=key.value, agency=agency, text=text, sort_order=len(row.sections))
            )
            return ""
        before, existing.text = existing.text, text
        return before

    def _key(self, session: Session, user: User) -> Any:
        """The signed-in user's unlocked signing key, known to this store for that account."""
        key = self.ctx.session.signing_key(user)
        if key is None or known_signer(session, public_hex(key), user.id) is None:
            raise ValidationError(
                [
                    Problem(
                        "approval",
                        "Your signing key is not unlocked: sign out and sign in again, then try again.",
                    )
                ]
            )
        return key

    def _add_version(
        self, session: Session, row: RecordRow, user: User, reason: str, key: Any = None
    ) -> datetime:
        """Lock a new version: the snapshot, its declared fingerprint, signed by the user's key."""
        key = key if key is not None else self._key(session, user)
        RecordRepository(session).flush()
        data = snapshot(session, row.conference_id)
        number = len(row.versions) + 1
        at = utcnow().replace(microsecond=0)
        fp = fingerprint(data, SNAPSHOT_VERSION)
        signed = SignedVersion(
            row.conference_id, number, SNAPSHOT_VERSION, fp, user.id, user.display_name, at.isoformat()
        )
        row.versions.append(
            RecordVersionRow(
                number=number,
                created_at=at,
                author=user.display_name,
                reason=reason,
                content_hash=fp,
                snapshot_json=canonical_json(data),
                snapshot_version=SNAPSHOT_VERSION,
                signer_id=user.id,
                signer_name=user.display_name,
                signer_public_key=public_hex(key),
                signed_at=signed.signed_at,
                signature=sign(key, signed),
            )
        )
        return at

    def _to_domain(self, session: Session, row: RecordRow) -> ConferenceRecord:
        records = RecordRepository(session)
        conf = records.conference(row.conference_id)
        assert conf is not None
        family = records.family(conf.family_id)
        assert family is not None
        return ConferenceRecord(
            conference_id=conf.id,
            family_id=family.id,
            family_name=family.name,
            family_reference=family.reference,
            conference_label=ConferenceType(conf.conference_type).label,
            held_on=conf.scheduled_date,
            state=state_of(row),
            sections=tuple(
                Section(SectionKey(s.key), s.agency, s.text, audience=read_audience(s), version=s.version)
                for s in row.sections
            ),
            recipients=tuple(_recipient(r) for r in row.recipients),
            versions=tuple(
                RecordVersion(v.number, v.created_at, v.author, v.reason, v.content_hash, v.snapshot_json)
                for v in row.versions
            ),
            approved_by=row.approved_by,
            approved_at=row.approved_at,
            distribution_due=self._due(conf.scheduled_date),
            integrity=integrity_of(session, row),
            approval_note=row.approval_note,
        )


def _refuse_broken(session: Session, row: RecordRow, *, legacy_ok: bool = False) -> None:
    """A record whose lock does not hold is not moved or amended (that would seal the tampering); an
    amendment may sign a version locked before approvals were signed (`legacy_ok`)."""
    integrity = integrity_of(session, row)
    if legacy_ok and all(p.endswith(LEGACY_PROBLEM) for p in integrity.problems):
        return
    if not integrity.ok:
        raise RecordLocked(integrity.message + " Restore it from a backup before changing it.")


def _agency(key: SectionKey, agency: str) -> str:
    """A section's agency as stored: only an agency's contribution has one."""
    return agency.strip() if key is SectionKey.AGENCY else ""


def _recipient(row: RecipientRow) -> Recipient:
    return Recipient(
        row.id,
        row.name,
        row.role,
        SendMethod(row.method),
        row.sent_on,
        row.person_id,
        row.audience,
        row.signed_off_by,
    )


recipient_to_domain = _recipient


def _person_named(session: Session, conference_id: str, name: str) -> str | None:
    """The one invited person with this name (case and spacing aside), if exactly one."""
    wanted = " ".join(name.split()).casefold()
    found = [
        i.person_id
        for i in InvitationRepository(session).for_conference(conference_id)
        if " ".join(i.person.name.split()).casefold() == wanted
    ]
    return found[0] if len(found) == 1 else None


def _is_a_child(session: Session, conference_id: str, name: str) -> bool:
    """Whether the name is one of the family's children's (given and family name, case aside)."""
    records = RecordRepository(session)
    conference = records.conference(conference_id)
    family = records.family(conference.family_id) if conference is not None else None
    wanted = " ".join(name.split()).casefold()
    return family is not None and any(
        f"{c.given_name} {c.family_name}".casefold() == wanted for c in family.children
    )


def recipient_is_family(session: Session, conference_id: str, person_id: str) -> bool:
    """Whether one of the conference's people reads as family; refused if they are not invited."""
    invitation = InvitationRepository(session).find(conference_id, person_id)
    if invitation is None:
        raise ValidationError([Problem("person_id", "Choose someone invited to this conference.")])
    return PersonRole(invitation.person.role).is_family
