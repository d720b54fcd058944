"""Subject access (issue 18, item 6): for a named parent, relative or child, everything the store holds
that they may see, and every item withheld listed by the reason recorded for it; a PDF and a CSV, audited.
Managers and administrators only (Action.SUBJECT_ACCESS).

Each piece of content goes through `domain.letters.readable` for the person, the one test the decision
letter uses too. A withheld item is listed by where it is and why, never by its words.

Decisions:
- The person's conferences are their family's and any other whose list they were on.
- A child is read as a named person by their child id (a child on a conference's list as a person is
  chosen by that entry instead).
- The bundle holds: each conference's details, the person's own attendance, the record's summary, the
  map, each child's decision and its reasons and dissent, the plan, their decision letter and the
  corrections they asked for. Other people's attendance is not part of it (third-party information).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from iro_desktop.domain.audience import Reader, ReaderKind, mark_words
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.calendar import long_date
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.family import Child
from iro_desktop.domain.letters import CorrectionOutcome, audience_of, readable
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import Role
from iro_desktop.domain.record import SectionKey, SendMethod
from iro_desktop.domain.roles import Action
from iro_desktop.export.letters import HeldItem, SubjectAccessBundle, WithheldItem
from iro_desktop.private_files import private_folder, private_opener
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.decisions import DecisionService
from iro_desktop.services.document_builder import child_name
from iro_desktop.services.documents import export_problem, write_file
from iro_desktop.services.mapping import MappingService
from iro_desktop.services.permissions import requires
from iro_desktop.services.plans import PlanService
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.document_repository import DocumentRepository
from iro_desktop.store.people_repositories import InvitationRepository
from iro_desktop.store.repositories import (
    FamilyRepository,
    child_to_domain,
    conference_to_domain,
    family_to_domain,
)
from iro_desktop.store.subject_access_repository import SubjectAccessRepository


@dataclass(frozen=True)
class SubjectChoice:
    """Someone a bundle can be made for."""

    id: str
    name: str
    role_label: str
    family_reference: str
    family_name: str
    is_child: bool = False

    @property
    def text(self) -> str:
        return f"{self.name} ({self.role_label}), {self.family_name} {self.family_reference}"


@dataclass(frozen=True)
class _Subject:
    id: str
    name: str
    role_label: str
    family_id: str
    family_reference: str
    family_name: str


def _conference_label(c: Conference) -> str:
    return f"{c.conference_type.label}, {long_date(c.date)}"


class SubjectAccessService:
    def __init__(self, ctx: ServiceContext, now: Callable[[], datetime] = datetime.now) -> None:
        self.ctx = ctx
        self.now = now

    @requires(Action.SUBJECT_ACCESS)
    def people(self, text: str = "") -> list[SubjectChoice]:
        """Family members and children whose name (or family reference, for children) holds `text`."""
        with self.ctx.uow() as uow:
            repo = SubjectAccessRepository(uow.session)
            out = [
                SubjectChoice(p.id, p.name, Role(p.role).label, f.reference, f.name)
                for p, f in repo.family_people(text.strip())
            ]
            out += [
                SubjectChoice(
                    c.id, child_name(child_to_domain(c)), "Child", f.reference, f.name, is_child=True
                )
                for c, f in repo.children(text.strip())
            ]
        return sorted(out, key=lambda s: (s.name.casefold(), s.family_reference))

    @requires(Action.SUBJECT_ACCESS)
    def bundle(self, subject_id: str) -> SubjectAccessBundle:
        """Everything the store holds that the person may see, and what is withheld and why."""
        subject = self._subject(subject_id)
        reader = Reader(ReaderKind.PERSON, subject.id)
        held: list[HeldItem] = []
        withheld: list[WithheldItem] = []
        with self.ctx.uow() as uow:
            repo = SubjectAccessRepository(uow.session)
            conferences = [conference_to_domain(r) for r in repo.conferences(subject.family_id, subject.id)]
            letters = {cid: (r.sent_on, SendMethod(r.method)) for cid, r in repo.letters(subject.id).items()}
            corrections = [
                (r.received_on, r.what, CorrectionOutcome(r.outcome), r.outcome_reason)
                for r in repo.corrections(subject.id)
            ]
        for conference in conferences:
            label = _conference_label(conference)
            found, kept = self._conference(conference, reader, label, letters)
            held += found
            withheld += kept
        for received_on, what, outcome, outcome_reason in corrections:
            text = f"Received {long_date(received_on)}: {what}\nOutcome: {outcome.label}"
            if outcome_reason:
                text += f" ({outcome_reason})"
            held.append(HeldItem("Their requests", "Correction request", "Asked for by them", text))
        return SubjectAccessBundle(
            person_name=subject.name,
            person_role=subject.role_label,
            family_reference=subject.family_reference,
            family_name=subject.family_name,
            generated_at=self.now(),
            generated_by=self.ctx.session.actor_name,
            held=tuple(held),
            withheld=tuple(withheld),
        )

    @requires(Action.SUBJECT_ACCESS)
    def export(self, subject_id: str, folder: Path) -> tuple[Path, Path]:
        """The bundle as a PDF and a CSV in `folder` (named by family reference and a short id, never a
        name); audited with the counts, never the content."""
        from iro_desktop.export.pdf import subject_access_pdf
        from iro_desktop.export.subject_access_csv import write_bundle_csv

        bundle = self.bundle(subject_id)
        reference = re.sub(r"[^A-Za-z0-9._-]+", "-", bundle.family_reference).strip("-.") or "family"
        stem = f"{reference}_subject-access_{subject_id[:8]}_{bundle.generated_at:%Y-%m-%d}"
        pdf = write_file(folder / f"{stem}.pdf", subject_access_pdf(bundle))
        csv_path = folder / f"{stem}.csv"
        try:
            with open(
                private_folder(folder) / csv_path.name,
                "w",
                encoding="utf-8-sig",
                newline="",
                opener=private_opener,
            ) as stream:
                write_bundle_csv(bundle, stream)
        except OSError as error:
            raise export_problem(error, folder) from error
        with self.ctx.uow() as uow:
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.EXPORTED,
                "subject_access",
                subject_id,
                after={
                    "document": "subject-access",
                    "disclosed": len(bundle.held),
                    "withheld": len(bundle.withheld),
                },
            )
            uow.commit()
        return pdf, csv_path

    # --- helpers -----------------------------------------------------------------------------------

    def _subject(self, subject_id: str) -> _Subject:
        with self.ctx.uow() as uow:
            repo = SubjectAccessRepository(uow.session)
            person = repo.person(subject_id)
            if person is not None and person.family_id is not None and Role(person.role).is_family:
                family = repo.family(person.family_id)
                assert family is not None
                return _Subject(
                    person.id, person.name, Role(person.role).label, family.id, family.reference, family.name
                )
            child = repo.child(subject_id)
            if child is not None:
                family = repo.family(child.family_id)
                assert family is not None
                return _Subject(
                    child.id,
                    child_name(child_to_domain(child)),
                    "Child",
                    family.id,
                    family.reference,
                    family.name,
                )
        raise NotFound("Choose a parent, relative or child in the store.")

    def _conference(
        self, conference: Conference, reader: Reader, label: str, letters: dict[str, tuple[date, SendMethod]]
    ) -> tuple[list[HeldItem], list[WithheldItem]]:
        held: list[HeldItem] = []
        withheld: list[WithheldItem] = []
        cid = conference.id
        with self.ctx.uow() as uow:
            invitations = InvitationRepository(uow.session).for_conference(cid)
            names = {i.person_id: i.person.name for i in invitations}
            own = next(
                ((i.attendance, i.exclusion_reason) for i in invitations if i.person_id == reader.person_id),
                None,
            )
            record = DocumentRepository(uow.session).record(cid)
            sections = [(SectionKey(s.key), s.agency, s.text) for s in record.sections] if record else []
        children = {c.id: c for c in self._children(conference.family_id)}

        def keep(content: object, kind: str, where: str, text: str, ref: str) -> None:
            if readable(content, reader):
                held.append(HeldItem(label, kind, where, text))
            else:
                reason = mark_words(audience_of(content), names)
                withheld.append(WithheldItem(label, kind, where, f"{kind.lower()} {ref[:8]}", reason))

        venue, chair = conference.venue or "not set", conference.chair_name or "not set"
        details = f"{conference.status.label}; venue: {venue}; chair: {chair}"
        held.append(HeldItem(label, "Conference", "Details", details))
        if own is not None:
            attendance, exclusion = own
            note = f" ({exclusion})" if exclusion else ""
            held.append(HeldItem(label, "Attendance", "Their own", attendance.replace("_", " ") + note))
        for key, agency, text in sections:
            if text.strip():
                where = f"{key.label}: {agency}" if agency else key.label
                held.append(HeldItem(label, "Record section", where, text))
        board = MappingService(self.ctx).board(cid)
        for section in Section:
            for item in board.section(section):
                if item.text.strip():
                    keep(item, "Map item", section.label, item.text, item.id)
        for child_id, decision in DecisionService(self.ctx).for_conference(cid).items():
            who = child_name(children[child_id]) if child_id in children else "A child"
            outcome = decision.outcome.label + (
                f"; category: {decision.category.label}" if decision.category else ""
            )
            held.append(HeldItem(label, "Decision", who, outcome))
            if decision.rationale.strip():
                keep(decision, "Decision reasons", who, decision.rationale, decision.id)
            for dissent in decision.dissents:
                text = f"{dissent.name}: {dissent.view}. Why: {dissent.reason}"
                keep(dissent, "Dissent", who, text, dissent.id)
        plans = PlanService(self.ctx)
        header = plans.header(cid)
        if header.bottom_lines.strip() or header.contingency.strip():
            text = "\n".join(t for t in (header.bottom_lines, header.contingency) if t.strip())
            keep(header, "Plan", "Bottom lines and contingency", text, cid)
        for action in plans.actions(cid):
            by = f" by {long_date(action.by_when)}" if action.by_when else ""
            keep(action, "Plan action", action.owner or "No one named", f"{action.what}{by}", action.id)
        if cid in letters:
            sent_on, method = letters[cid]
            text = f"Sent {long_date(sent_on)} ({method.label.lower()})"
            held.append(HeldItem(label, "Decision letter", "Sent to them", text))
        return held, withheld

    def _children(self, family_id: str) -> list[Child]:
        with self.ctx.uow() as uow:
            return list(family_to_domain(FamilyRepository(uow.session).get(family_id)).children)
