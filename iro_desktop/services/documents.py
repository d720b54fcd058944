"""The PDFs of a conference from the store: fill the document, render it, write it, audit the export.

Reading needs the VIEW permission and exporting the EXPORT permission (domain/roles). An export appends
an "exported" audit event naming the document type and version, never a name or a file path.
`render_pdf` touches no database, so the GUI runs it in a worker thread.
"""

from __future__ import annotations

import enum
import errno
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.conference import Conference, ConferenceStatus
from iro_desktop.domain.errors import EnvironmentProblem, NotFound
from iro_desktop.domain.roles import Action, require
from iro_desktop.export.documents import ConferenceDocument
from iro_desktop.private_files import private_folder, write_private
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.decisions import DecisionService
from iro_desktop.services.document_builder import (
    Sources,
    assemble,
    build_document,
    child_name,
    long_date,
    read_content,
)
from iro_desktop.services.mapping import MappingService
from iro_desktop.services.permissions import requires
from iro_desktop.services.plans import PlanService
from iro_desktop.services.policy import factors_in
from iro_desktop.services.records import ensure_lock_holds
from iro_desktop.services.version_changes import Change, Names, compare
from iro_desktop.services.version_document import fallback_note, person_ids, read_version
from iro_desktop.store.audit_anchor import current_anchor
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.document_repository import DocumentRepository
from iro_desktop.store.people_repositories import person_to_domain
from iro_desktop.store.repositories import (
    ConferenceRepository,
    FamilyRepository,
    conference_to_domain,
    family_to_domain,
)

Progress = Callable[[str, int], None]


class DocumentKind(enum.StrEnum):
    """The four PDFs; the values are `export.pdf.DOCUMENTS` keys and appear in file names."""

    HANDOUT = "mapping-handout"
    PLAN = "plan"
    RECORD = "record"
    FAMILY = "family-version"

    @property
    def label(self) -> str:
        return {
            "mapping-handout": "Mapping handout",
            "plan": "Child protection plan",
            "record": "Conference record",
            "family-version": "Family version",
        }[self.value]


# Short names, as the command line (`export pdf --kind`) and the meeting's Handouts step use them.
KIND_NAMES: dict[str, DocumentKind] = {
    "handout": DocumentKind.HANDOUT,
    "plan": DocumentKind.PLAN,
    "record": DocumentKind.RECORD,
    "family": DocumentKind.FAMILY,
}


class ExportFailed(EnvironmentProblem):
    """The PDF could not be written (folder not writable, disk full...). Nothing half-written is left."""

    title = "The PDF could not be saved"


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    author: str
    reason: str


def file_name(doc: ConferenceDocument, kind: DocumentKind) -> str:
    """Family reference, document type, conference date; version and DRAFT when they apply. Never a
    child's name. e.g. "DEMO-0001_record_2026-11-25_DRAFT.pdf"."""
    h = doc.header
    reference = re.sub(r"[^A-Za-z0-9._-]+", "-", h.family_reference).strip("-.") or "conference"
    name = f"{reference}_{kind.value}_{h.conference_date:%Y-%m-%d}"
    if h.version_number is not None:
        name += f"_v{h.version_number}"
    if not h.is_final:
        name += "_DRAFT"
    return name + ".pdf"


def render_pdf(kind: DocumentKind, doc: ConferenceDocument, progress: Progress | None = None) -> bytes:
    """The PDF's bytes (no database, no widgets: safe in a worker thread)."""
    from iro_desktop.export.pdf import DOCUMENTS

    return DOCUMENTS[kind.value](doc, progress=progress)


def write_file(path: Path, data: bytes) -> Path:
    """Write beside the target and rename, so a failure never leaves a half-written PDF; the file is
    0600 from its first byte and a folder made for it 0700 (iro_desktop.private_files)."""
    try:
        write_private(private_folder(path.parent) / path.name, data)
    except OSError as error:
        raise export_problem(error, path.parent) from error
    return path


def export_problem(error: OSError, folder: Path) -> ExportFailed:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportFailed(f"The disk that holds {folder} is full. Free some space and export again.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportFailed(f"The folder {folder} cannot be written to. Choose another folder.")
    if isinstance(error, IsADirectoryError | NotADirectoryError | FileExistsError):
        return ExportFailed(f"{folder} is not a folder that a PDF can be saved in. Choose another folder.")
    reason = error.strerror or type(error).__name__
    return ExportFailed(f"Writing to {folder} failed: {reason}. Choose another folder or try again.")


class DocumentService:
    def __init__(self, ctx: ServiceContext, now: Callable[[], datetime] = datetime.now) -> None:
        self.ctx = ctx
        self.now = now

    # --- reading -----------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def document(self, conference_id: str, generated_at: datetime | None = None) -> ConferenceDocument:
        """Everything the four PDFs show for a conference, as it stands now."""
        require(self.ctx.session.user, Action.VIEW)
        sources = self._sources(conference_id)
        with self.ctx.uow() as uow:
            doc = build_document(uow, conference_id, sources, generated_at or self.now())
            versions = _versions(DocumentRepository(uow.session), conference_id)
        if doc.header.is_final and versions:
            label = f"Version {len(versions)} (the current version)"
            doc = replace(doc, header=replace(doc.header, version_label=label))
        return self._with_anchor(doc)

    def _with_anchor(self, doc: ConferenceDocument) -> ConferenceDocument:
        """The audit anchor as it is now, for the record's footer (issue 13)."""
        with self.ctx.uow() as uow:
            try:
                anchor = current_anchor(uow.session)
            except ValueError:  # a damaged anchor is `check`'s to report; the record is still produced
                anchor = None
        footer = anchor.footer() if anchor is not None else ""
        return replace(doc, header=replace(doc.header, audit_anchor=footer))

    @requires(Action.VIEW)
    def versions(self, conference_id: str) -> list[VersionInfo]:
        """The final record's versions, oldest first (none until the chair approves it)."""
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            return _versions(DocumentRepository(uow.session), conference_id)

    @requires(Action.VIEW)
    def version_document(
        self, conference_id: str, number: int, generated_at: datetime | None = None
    ) -> ConferenceDocument:
        """A version of a final record, entirely as locked: every part from that version's snapshot; a part
        an old version lacks from the record as it is now, which the document says. Marked with its
        version number."""
        require(self.ctx.session.user, Action.VIEW)
        snapshot, info, total = self._snapshot(conference_id, number)
        sources = self._sources(conference_id)
        with self.ctx.uow() as uow:
            now = read_content(uow, conference_id, sources)
            found = DocumentRepository(uow.session).people(person_ids(snapshot))
            people = {pid: person_to_domain(found[pid]) for pid in person_ids(snapshot) if pid in found}
            version = read_version(snapshot, now, people)
            doc = assemble(uow, version.content, generated_at or self.now())
        return self._with_anchor(_as_version(doc, info, total, fallback_note(version.from_now)))

    @requires(Action.VIEW)
    def compare_versions(self, conference_id: str, number: int) -> list[Change]:
        """What changed from the version before `number` to `number`, field by field, in words."""
        require(self.ctx.session.user, Action.VIEW)
        if number < 2:
            raise NotFound("Version 1 is the first version: there is no version before it to compare with.")
        before, _info, _total = self._snapshot(conference_id, number - 1)
        after, _info, _total = self._snapshot(conference_id, number)
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            family = family_to_domain(FamilyRepository(uow.session).get(conference.family_id))
            ids = set(person_ids(before)) | set(person_ids(after))
            people = {pid: row.name for pid, row in DocumentRepository(uow.session).people(ids).items()}
            factors = {f.code: f.label for f in factors_in(uow.session)}
        children = {c.id: child_name(c) for c in family.children}
        return compare(before, after, Names(children, people, factors))

    @requires(Action.VIEW)
    def conferences_for_reference(self, family_reference: str) -> list[Conference]:
        """A family's conferences (stood-down ones left out), oldest first."""
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            family = FamilyRepository(uow.session).by_reference(family_reference.strip())
            if family is None:
                raise NotFound(f"No family has the reference {family_reference.strip()!r}.")
            rows = ConferenceRepository(uow.session).for_family(family.id)
            conferences = [conference_to_domain(r) for r in rows]
        return [c for c in conferences if c.status is not ConferenceStatus.STOOD_DOWN]

    # --- exporting ---------------------------------------------------------------------------------

    @requires(Action.EXPORT)
    def note_exported(self, conference_id: str, kind: DocumentKind, version: int | None = None) -> None:
        """Audit an export: the document type and version only (no names, no path)."""
        require(self.ctx.session.user, Action.EXPORT)
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.EXPORTED,
                "conference",
                conference_id,
                after={"document": kind.value, "version": version},
            )
            uow.commit()

    @requires(Action.EXPORT)
    def export(
        self,
        conference_id: str,
        kind: DocumentKind,
        out: Path,
        *,
        version: int | None = None,
        progress: Progress | None = None,
    ) -> Path:
        """Build, render and write one PDF, then audit it. `out` is a file, or a folder for the default
        file name. Returns the file written."""
        require(self.ctx.session.user, Action.EXPORT)
        with self.ctx.uow() as uow:
            ensure_lock_holds(uow.session, conference_id)  # a final record whose lock fails is not printed
        doc = (
            self.version_document(conference_id, version)
            if version is not None
            else self.document(conference_id)
        )
        path = out / file_name(doc, kind) if out.is_dir() or not out.suffix else out
        write_file(path, render_pdf(kind, doc, progress))
        self.note_exported(conference_id, kind, version)
        return path

    # --- helpers -----------------------------------------------------------------------------------

    def _sources(self, conference_id: str) -> Sources:
        board = MappingService(self.ctx).board(conference_id)
        plans = PlanService(self.ctx)
        with self.ctx.uow() as uow:
            factors = factors_in(uow.session)
        return Sources(
            board=board,
            decisions=DecisionService(self.ctx).for_conference(conference_id),
            plan_header=plans.header(conference_id),
            actions=plans.actions(conference_id),
            factors=factors,
        )

    def _snapshot(self, conference_id: str, number: int) -> tuple[dict[str, Any], VersionInfo, int]:
        with self.ctx.uow() as uow:
            record = DocumentRepository(uow.session).record(conference_id)
            found = next((v for v in record.versions if v.number == number), None) if record else None
            total = len(record.versions) if record else 0
            if found is None:
                raise NotFound(
                    f"Version {number} of this record does not exist "
                    f"({'versions 1 to ' + str(total) if total else 'the record is not final yet'})."
                )
            snapshot: dict[str, Any] = json.loads(found.snapshot_json)
            return snapshot, VersionInfo(found.number, found.created_at, found.author, found.reason), total


def _versions(store: DocumentRepository, conference_id: str) -> list[VersionInfo]:
    record = store.record(conference_id)
    if record is None:
        return []
    return [VersionInfo(v.number, v.created_at, v.author, v.reason) for v in record.versions]


def _as_version(doc: ConferenceDocument, info: VersionInfo, total: int, note: str) -> ConferenceDocument:
    """The document marked as version `info.number` of `total`, with the fallback note if any."""
    made = f"made {long_date(info.created_at.date())} by {info.author}: “{info.reason}”"
    later = "" if info.number == total else " A later amendment replaced it."
    end = "" if info.reason.rstrip().endswith((".", "!", "?")) else "."
    label = f"Version {info.number} of {total}, {made}{end}{later}" + (f" {note}" if note else "")
    header = replace(doc.header, is_final=True, version_label=label, version_number=info.number)
    return replace(doc, header=header)
