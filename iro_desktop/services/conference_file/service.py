"""Exporting a conference as a file and importing one: permissions, audit, one unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import DomainError
from iro_desktop.domain.roles import Action, require
from iro_desktop.services.conference_file.document import Content, FileProblem, file_text, parse, revision_of
from iro_desktop.services.conference_file.reading import read_conference
from iro_desktop.services.conference_file.spec import PART_BY_NAME
from iro_desktop.services.conference_file.validation import pointer, validate_document
from iro_desktop.services.conference_file.writing import write_conference
from iro_desktop.services.context import ServiceContext
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.models import AgencyRow, ChildRow, ConferenceRow, FamilyRow, PersonRow

# Parts shared with the rest of the records (other conferences of the family use them too).
SHARED_PARTS = (("family", FamilyRow), ("children", ChildRow), ("people", PersonRow), ("agencies", AgencyRow))


class FileRejected(DomainError):
    """The file cannot be imported; nothing was changed. Carries every problem with its place."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(problems)} problem(s) in the conference file")


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


class ConferenceFileService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def choices(self) -> list[tuple[str, str]]:
        """(conference id, "family — type, date") for every conference, latest first."""
        from iro_desktop.domain.conference import ConferenceType

        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            rows = uow.session.execute(
                select(
                    ConferenceRow.id,
                    ConferenceRow.conference_type,
                    ConferenceRow.scheduled_date,
                    FamilyRow.name,
                )
                .join(FamilyRow, FamilyRow.id == ConferenceRow.family_id)
                .order_by(ConferenceRow.scheduled_date.desc(), FamilyRow.name)
            ).all()
        return [
            (cid, f"{family} — {ConferenceType(kind).label}, {day:%d %b %Y}")
            for cid, kind, day, family in rows
        ]

    # --- export --------------------------------------------------------------------------------
    def export_text(self, conference_id: str) -> ExportResult:
        """The conference as the file's text (audited as an export)."""
        require(self.ctx.session.user, Action.EXPORT)
        with self.ctx.uow() as uow:
            content = read_conference(uow.session, conference_id)
            based_on = self._based_on(uow.session, conference_id, content)
            text = file_text(content, based_on)
            revision = revision_of(content)
            self._after_export(uow.session, conference_id, content, revision, based_on)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.EXPORTED,
                "conference",
                conference_id,
                after={"as": "conference file", "revision": revision},
            )
            uow.commit()
        return ExportResult(conference_id, revision, text)

    def export_file(self, conference_id: str, path: Path) -> ExportResult:
        result = self.export_text(conference_id)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(result.text, encoding="utf-8", newline="\n")
        tmp.replace(path)
        return result

    # --- import --------------------------------------------------------------------------------
    def check_text(self, text: str | bytes) -> tuple[dict[str, Any] | None, list[FileProblem]]:
        """The parsed document and every problem with it (none: it can be imported)."""
        doc, problems = parse(text)
        if problems:
            return None, problems
        problems = validate_document(doc, self.ctx.today())
        if problems:
            return None, problems
        with self.ctx.uow() as uow:
            problems = self._store_problems(uow.session, doc["conference"])
        return (None, problems) if problems else (doc, [])

    def import_text(self, text: str | bytes) -> ImportResult:
        """Check the file and add its conference, or raise FileRejected with every problem."""
        user = self.ctx.session.user
        for action in (Action.BOOK_CONFERENCE, Action.EDIT_REGISTER, Action.EDIT_MAP, Action.EDIT_MINUTES):
            require(user, action)
        doc, problems = self.check_text(text)
        if doc is None:
            raise FileRejected(problems)
        content: Content = doc["conference"]
        with self.ctx.uow() as uow:
            problems = self._store_problems(uow.session, content)
            if problems:
                raise FileRejected(problems)
            write_conference(uow.session, content)
            self._after_import(uow.session, content, doc)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.IMPORTED,
                "conference",
                content["details"]["id"],
                after={"as": "conference file", "revision": doc["revision"], "merged": False},
            )
            uow.commit()
        return ImportResult(content["details"]["id"], content["family"]["name"], doc["revision"], True)

    def import_file(self, path: Path) -> ImportResult:
        return self.import_text(path.read_bytes())

    # --- checks against this store -------------------------------------------------------------
    def _store_problems(self, session: Session, content: Content) -> list[FileProblem]:
        problems: list[FileProblem] = []
        conference_id = content["details"]["id"]
        if session.get(ConferenceRow, conference_id) is not None:
            problems.append(
                FileProblem(
                    pointer("conference", "details", "id"),
                    "This conference is already in the records. Merging a conference that is already here "
                    "is not available yet; nothing was changed.",
                )
            )
        family = content["family"]
        clash = session.scalars(select(FamilyRow).where(FamilyRow.reference == family["reference"])).first()
        if clash is not None and clash.id != family["id"]:
            problems.append(
                FileProblem(
                    pointer("conference", "family", "reference"),
                    f"Another family in the records already has the reference “{family['reference']}”.",
                )
            )
        problems += shared_differences(session, content)
        return problems

    # Hand-off snapshots (Part B) hook in here.
    def _based_on(self, session: Session, conference_id: str, content: Content) -> str | None:
        return None

    def _after_export(
        self, session: Session, conference_id: str, content: Content, revision: str, based_on: str | None
    ) -> None:
        return None

    def _after_import(self, session: Session, content: Content, doc: dict[str, Any]) -> None:
        return None


def shared_differences(session: Session, content: Content) -> list[FileProblem]:
    """Rows the file shares with these records (same id) whose details differ here."""
    from iro_desktop.services.conference_file.reading import row_dict

    problems = []
    for part_name, model in SHARED_PARTS:
        rows = [content[part_name]] if PART_BY_NAME[part_name].single else content[part_name]
        for index, data in enumerate(rows):
            local = session.get(model, data["id"])
            if local is None:
                continue
            mine = row_dict(part_name, local)
            place = (
                pointer("conference", part_name)
                if PART_BY_NAME[part_name].single
                else pointer("conference", part_name, index)
            )
            for name, value in data.items():
                if name in mine and mine[name] != value:
                    problems.append(
                        FileProblem(
                            f"{place}/{name}",
                            f"Already in the records with a different value ({mine[name]!r}); "
                            "nothing was changed.",
                        )
                    )
    return problems
