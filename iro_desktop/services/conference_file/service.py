"""Exporting a conference as a file and importing one (a new conference, or the hand-off of one that is
already here, compared field by field): permissions, audit, one unit of work per act."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import DomainError, Problem, ValidationError
from iro_desktop.domain.record import RecordLocked, RecordState
from iro_desktop.domain.roles import Action, User, can, require
from iro_desktop.private_files import write_private
from iro_desktop.services.conference_file import snapshots
from iro_desktop.services.conference_file.document import (
    Content,
    FileProblem,
    file_text,
    normalise,
    parse,
    revision_of,
)
from iro_desktop.services.conference_file.merge import Conflict, MergePlan, Side, keyed, three_way
from iro_desktop.services.conference_file.passphrases import passphrase_problem
from iro_desktop.services.conference_file.reading import read_conference, row_dict
from iro_desktop.services.conference_file.sealing import is_sealed, opened, seal
from iro_desktop.services.conference_file.spec import FORMAT, PARTS, VERSION, with_defaults
from iro_desktop.services.conference_file.validation import pointer, validate_document
from iro_desktop.services.conference_file.writing import write_conference
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.services.records import (
    ensure_lock_holds,
    import_path,
    keeping_locks,
    move_permission,
    settle_imported_approval,
)
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.conference_file_repository import ConferenceFileRepository, HandoffRepository
from iro_desktop.store.models import FamilyRow


class FileRejected(DomainError):
    """The file cannot be imported; nothing was changed. Carries every problem with its place."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(problems)} problem(s) in the conference file")


class HandoffConflicts(DomainError):
    """Both sides changed the same things: a person must choose (see `ImportPlan.conflicts`)."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(f"{len(plan.conflicts)} conflict(s) need a choice before the file can be imported")


@dataclass(frozen=True)
class ExportResult:
    conference_id: str
    revision: str
    text: str


@dataclass(frozen=True)
class ImportResult:
    conference_id: str
    family_name: str
    revision: str
    created: bool
    taken: int = 0
    kept: int = 0
    conflicts: int = 0
    approval_note: str = ""  # why the file's approval was not accepted (the record awaits approval)


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do, worked out before anything changes."""

    doc: dict[str, Any]
    exists: bool  # the conference is already here: a hand-off
    base_found: bool  # the version both sides started from is known here (three-way compare)
    mine_revision: str
    merge: MergePlan
    sealed: bool = False  # the file was encrypted to a passphrase

    @property
    def conflicts(self) -> list[Conflict]:
        return self.merge.conflicts

    @property
    def conference_id(self) -> str:
        return str(self.doc["conference"]["details"]["id"])

    @property
    def family_name(self) -> str:
        return str(self.doc["conference"]["family"]["name"])

    @property
    def up_to_date(self) -> bool:
        return self.exists and self.mine_revision == self.doc["revision"]


class ConferenceFileService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def choices(self) -> list[tuple[str, str]]:
        """(conference id, "family — type, date") for every conference, latest first."""
        from iro_desktop.domain.conference import ConferenceType

        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            rows = ConferenceFileRepository(uow.session).choices()
        return [
            (cid, f"{family} — {ConferenceType(kind).label}, {day:%d %b %Y}")
            for cid, kind, day, family in rows
        ]

    # --- export --------------------------------------------------------------------------------
    @requires(Action.EXPORT)
    def export_text(self, conference_id: str, encrypted: bool | None = None) -> ExportResult:
        """The conference as the file's text; remembered as a hand-off snapshot and audited (with
        whether the file is encrypted, when the caller writes one)."""
        require(self.ctx.session.user, Action.EXPORT)
        with self.ctx.uow() as uow:
            ensure_lock_holds(uow.session, conference_id)  # a broken lock is not handed on
            content = read_conference(ConferenceFileRepository(uow.session), conference_id)
            revision = revision_of(content)
            handoffs = HandoffRepository(uow.session)
            based_on = snapshots.based_on_for_export(handoffs, conference_id, revision)
            text = file_text(content, based_on)
            snapshots.record(
                handoffs,
                conference_id,
                content,
                revision,
                based_on,
                "exported",
                self.ctx.session.actor_name,
            )
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.EXPORTED,
                "conference",
                conference_id,
                after={"as": "conference file", "revision": revision}
                | ({} if encrypted is None else {"encrypted": encrypted}),
            )
            uow.commit()
        return ExportResult(conference_id, revision, text)

    @requires(Action.EXPORT)
    def export_file(self, conference_id: str, path: Path, *, passphrase: str | None) -> ExportResult:
        """Write the file (0600, atomically): encrypted to `passphrase` in the age format, or plain JSON
        only when the caller chose so explicitly with `passphrase=None`. A weak passphrase is refused
        (ValidationError on "passphrase") before anything is exported or audited."""
        if passphrase is not None:
            problem = passphrase_problem(passphrase)
            if problem is not None:
                raise ValidationError([Problem("passphrase", problem)])
        result = self.export_text(conference_id, encrypted=passphrase is not None)
        data = result.text.encode("utf-8") if passphrase is None else seal(result.text, passphrase)
        write_private(path, data)
        return result

    # --- import --------------------------------------------------------------------------------
    @requires(Action.VIEW)
    def check_text(
        self, text: str | bytes, passphrase: str | None = None
    ) -> tuple[dict[str, Any] | None, list[FileProblem]]:
        """The parsed document and every problem with it (none: it can be imported). An encrypted file
        is opened with `passphrase` first (PassphraseNeeded / PassphraseRefused: nothing is read)."""
        doc, problems = parse(opened(text, passphrase))
        if problems:
            return None, problems
        problems = validate_document(doc, self.ctx.today())
        if problems:
            return None, problems
        with_defaults(doc["conference"])  # an older file's missing fields (issue 18's audience): defaults
        with self.ctx.uow() as uow:
            problems = _reference_clash(ConferenceFileRepository(uow.session), doc["conference"])
        return (None, problems) if problems else (doc, [])

    @requires(Action.VIEW)
    def prepare_import(
        self, text: str | bytes, passphrase: str | None = None, *, sealed: bool | None = None
    ) -> ImportPlan:
        """Check the file and compare it with what is here; raises FileRejected listing every problem,
        PassphraseNeeded or PassphraseRefused for an encrypted file (before anything is compared).
        `sealed`: the text was opened from an encrypted file by the caller (audited as such)."""
        require(self.ctx.session.user, Action.VIEW)
        doc, problems = self.check_text(text, passphrase)
        if doc is None:
            raise FileRejected(problems)
        theirs: Content = doc["conference"]
        conference_id = theirs["details"]["id"]
        with self.ctx.uow() as uow:
            store = ConferenceFileRepository(uow.session)
            exists = store.conference_exists(conference_id)
            mine = read_conference(store, conference_id) if exists else _shared_here(store, theirs)
            handoffs = HandoffRepository(uow.session)
            base = snapshots.content_at(handoffs, conference_id, doc["based_on"]) if exists else None
        merge = three_way(base, mine, theirs)
        arrived_sealed = is_sealed(text) if sealed is None else sealed
        return ImportPlan(doc, exists, base is not None, revision_of(mine), merge, arrived_sealed)

    @requires(Action.EDIT_REGISTER)
    def apply_import(self, plan: ImportPlan, choices: dict[str, Side] | None = None) -> ImportResult:
        """Apply a prepared import with a choice for every conflict, in one unit of work."""
        choices = choices or {}
        missing = [c for c in plan.conflicts if choices.get(c.path) not in ("mine", "theirs")]
        if missing:
            raise FileRejected(
                [FileProblem(c.path, f"Choose mine or theirs for {c.label}.") for c in missing]
            )
        merged = plan.merge.result(choices)
        conference_id = plan.conference_id
        user = self.ctx.session.user
        with self.ctx.uow() as uow:
            session = uow.session
            store = ConferenceFileRepository(session)
            mine = (
                read_conference(store, conference_id)
                if plan.exists
                else _shared_here(store, plan.doc["conference"])
            )
            if revision_of(mine) != plan.mine_revision:
                raise FileRejected(
                    [FileProblem("", "The records changed while you were choosing. Import the file again.")]
                )
            actions = _actions_for_changes(mine, merged)
            for action in sorted(actions):
                if plan.exists:  # the shared guard: record still open, and approved work is the chair's
                    guard_change(self.ctx, session, conference_id, action)
                else:
                    require(user, action)
            merged_doc = {
                "format": FORMAT,
                "version": VERSION,
                "revision": revision_of(merged),
                "based_on": None,
                "conference": merged,
            }
            problems = validate_document(merged_doc, self.ctx.today()) + _reference_clash(store, merged)
            if problems:
                raise FileRejected(problems)
            before = _record_state(mine)
            problems = _state_move_problems(user, before, _record_state(merged))
            if problems:
                raise FileRejected(problems)
            try:
                with keeping_locks(session, merged["family"]["id"]):  # other final records of the family
                    write_conference(store, merged)
            except RecordLocked as locked:
                raise FileRejected([FileProblem(pointer("conference", "family"), str(locked))]) from None
            approval_note = settle_imported_approval(session, conference_id, before)
            theirs = plan.doc["conference"]
            snapshots.record(
                HandoffRepository(session),
                conference_id,
                theirs,
                plan.doc["revision"],
                plan.doc["based_on"],
                "imported",
                self.ctx.session.actor_name,
            )
            append_event(
                session,
                self.ctx.session.actor_name,
                AuditAction.IMPORTED,
                "conference",
                conference_id,
                after={
                    "as": "conference file",
                    "revision": plan.doc["revision"],
                    "based_on": plan.doc["based_on"],
                    "hand_off": plan.exists,
                    "conflicts": len(plan.conflicts),
                    "chose_theirs": sum(1 for c in plan.conflicts if choices[c.path] == "theirs"),
                    "approval": "not accepted" if approval_note else "as in the file",
                    "encrypted": plan.sealed,
                },
            )
            uow.commit()
        m = plan.merge
        return ImportResult(
            conference_id,
            plan.family_name,
            plan.doc["revision"],
            not plan.exists,
            len(m.taken),
            len(m.kept),
            len(m.conflicts),
            approval_note,
        )

    @requires(Action.EDIT_REGISTER)
    def import_text(
        self, text: str | bytes, passphrase: str | None = None, *, sealed: bool | None = None
    ) -> ImportResult:
        """Import a file whose changes merge without a choice; raises HandoffConflicts when one is needed."""
        for action in (Action.BOOK_CONFERENCE, Action.EDIT_REGISTER):
            require(self.ctx.session.user, action)
        plan = self.prepare_import(text, passphrase, sealed=sealed)
        if plan.conflicts:
            raise HandoffConflicts(plan)
        return self.apply_import(plan)


def _record_state(content: Content) -> RecordState | None:
    record = content.get("record")
    return RecordState(record["state"]) if record else None


def _state_move_problems(
    user: User | None, before: RecordState | None, after: RecordState | None
) -> list[FileProblem]:
    """An import moves a record only along the moves the importing person's role allows; the approval
    itself is the signer's (checked by its signature after writing), not the importer's."""
    if after is None or after is before:
        return []
    start = before or RecordState.IN_MEETING
    path = import_path(start, after)
    where = pointer("conference", "record", "state")
    if path is None:
        return [
            FileProblem(
                where, f"The file would move the record from “{start.label}” back to “{after.label}”."
            )
        ]
    here = start
    for step in path:
        if step is not RecordState.FINAL and not can(user, move_permission(here, step)):
            who = user.role.label.lower() if user else "nobody"
            return [FileProblem(where, f"A {who} may not move a record to “{step.label}”.")]
        here = step
    return []


def _actions_for_changes(mine: Content, merged: Content) -> set[Action]:
    before, after = keyed(mine), keyed(merged)
    return {Action(p.area) for p in PARTS if before[p.name] != after[p.name]}


def _reference_clash(store: ConferenceFileRepository, content: Content) -> list[FileProblem]:
    family = content["family"]
    clash = store.family_with_reference(family["reference"])
    if clash is not None and clash.id != family["id"]:
        return [
            FileProblem(
                pointer("conference", "family", "reference"),
                f"Another family in the records already has the reference “{family['reference']}”.",
            )
        ]
    return []


def _shared_here(store: ConferenceFileRepository, theirs: Content) -> Content:
    """For a conference new here: the rows it shares with these records (family, children, people,
    agencies, plan history), so they are compared rather than overwritten."""
    family_id = theirs["family"]["id"]
    family = store.get(FamilyRow, family_id)
    children = store.children(family_id, [c["id"] for c in theirs["children"]])
    people = store.people(family_id, [p["id"] for p in theirs["people"]])
    agencies = store.agencies([a["id"] for a in theirs["agencies"]])
    history = store.plan_history([c.id for c in children])
    links = store.plan_links([h.id for h in history])
    content: Content = {p.name: None if p.single else [] for p in PARTS}
    content.update(
        family=row_dict("family", family) if family else None,
        children=[row_dict("children", c) for c in children],
        people=[row_dict("people", p) for p in people],
        agencies=[row_dict("agencies", a) for a in agencies],
        plan_history=[row_dict("plan_history", h) for h in history],
        plan_history_links=[row_dict("plan_history_links", link, id=link.history_id) for link in links],
    )
    return normalise(content)
