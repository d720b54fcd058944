"""The decision letter to each parent or carer (issue 18, item 5): built for its reader, exported as a
PDF, recorded as sent (date, method), audited.

What a parent may read is decided in one place, `letter_for`, through `domain.letters.readable` on each
piece of content: today the map's safety goals carry an audience; plan actions, decisions and the rest
are read through the same test as they gain one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from iro_desktop.domain.attendance import Attendance, Invitation
from iro_desktop.domain.audience import Reader, ReaderKind
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.clocks import ClockRules, decision_letter_due, record_distribution_due
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.decisions import Decision
from iro_desktop.domain.errors import NotFound, Problem, ValidationError
from iro_desktop.domain.family import Family
from iro_desktop.domain.history.ids import is_imported
from iro_desktop.domain.letters import LETTER_ROLES, LetterStatus, letters_not_owed, readable
from iro_desktop.domain.mapping import Board
from iro_desktop.domain.plan import PlanAction, PlanHeader
from iro_desktop.domain.record import SendMethod
from iro_desktop.domain.roles import Action
from iro_desktop.export.letters import DecisionLetter, LetterActionLine, LetterChildLine
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.decisions import DecisionService
from iro_desktop.services.document_builder import PLAIN_OUTCOMES, child_name
from iro_desktop.services.documents import write_file
from iro_desktop.services.mapping import MappingService
from iro_desktop.services.permissions import requires
from iro_desktop.services.plans import PlanService
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.letter_repository import LetterRepository
from iro_desktop.store.models import DecisionLetterRow
from iro_desktop.store.people_repositories import InvitationRepository, invitation_to_domain
from iro_desktop.store.repositories import (
    ConferenceRepository,
    FamilyRepository,
    conference_to_domain,
    family_to_domain,
)


def owed_letters(invitations: list[Invitation]) -> list[Invitation]:
    """The parents and carers on the list, each owed a letter."""
    return [i for i in invitations if i.role in LETTER_ROLES and i.attendance is not Attendance.NOT_INVITED]


def reader_of(invitation: Invitation) -> Reader:
    return Reader(ReaderKind.PERSON, invitation.person_id)


@dataclass(frozen=True)
class LetterSources:
    """What one conference's letters are made of, as domain data."""

    conference: Conference
    family: Family
    decisions: dict[str, Decision]  # child id -> its decision
    board: Board
    header: PlanHeader
    actions: tuple[PlanAction, ...]
    rules: ClockRules


def letter_for(
    src: LetterSources, parent: Invitation, generated_at: datetime, local_authority: str = ""
) -> DecisionLetter:
    """The letter to one parent: every piece of content put through `readable` for that parent; what
    they may not read is left out without a trace."""
    reader = reader_of(parent)
    conference, family = src.conference, src.family
    children = []
    for child in family.children:
        decision = src.decisions.get(child.id)
        if decision is None or not readable(decision, reader):
            continue
        outcome, category = decision.outcome, decision.category
        children.append(
            LetterChildLine(
                child_name(child), outcome.label, PLAIN_OUTCOMES[outcome], category.label if category else ""
            )
        )
    actions = []
    for action in src.actions:
        if not readable(action, reader):
            continue
        goal = src.board.item(action.safety_goal_id) if action.safety_goal_id else None
        goal_text = goal.text if goal is not None and readable(goal, reader) else ""
        actions.append(LetterActionLine(action.what, action.owner, action.by_when, goal_text))
    on_plan = any(d.outcome.child_on_plan_after for d in src.decisions.values())
    held = conference.held_on or conference.date
    return DecisionLetter(
        family_reference=family.reference,
        family_name=family.name,
        conference_label=conference.conference_type.label,
        conference_date=held,
        chair_name=conference.chair_name,
        recipient_name=parent.person_name,
        recipient_role=parent.role.label,
        generated_at=generated_at,
        children=tuple(children),
        actions=tuple(actions) if on_plan else (),
        core_group_date=(src.header.core_group_date or conference.core_group_on) if on_plan else None,
        review_date=src.header.effective_review_date if on_plan else None,
        record_due=record_distribution_due(held, src.rules, CALENDAR),
        corrections_wd=src.rules.corrections_wd,
        local_authority=local_authority,
    )


def letter_file_name(letter: DecisionLetter, person_id: str) -> str:
    """Family reference, "decision-letter", the date, and a short person reference: never a name."""
    reference = re.sub(r"[^A-Za-z0-9._-]+", "-", letter.family_reference).strip("-.") or "conference"
    return f"{reference}_decision-letter_{letter.conference_date:%Y-%m-%d}_{person_id[:8]}.pdf"


class DecisionLetterService:
    def __init__(self, ctx: ServiceContext, now: Callable[[], datetime] = datetime.now) -> None:
        self.ctx = ctx
        self.now = now

    @requires(Action.VIEW)
    def statuses(self, conference_id: str) -> list[LetterStatus]:
        """Each parent or carer owed a letter, its due date and whether it was sent."""
        with self.ctx.uow() as uow:
            conference = conference_to_domain(ConferenceRepository(uow.session).get(conference_id))
            invitations = [
                invitation_to_domain(r)
                for r in InvitationRepository(uow.session).for_conference(conference_id)
            ]
            sent = {
                p: (r.sent_on, SendMethod(r.method))
                for p, r in LetterRepository(uow.session).for_conference(conference_id).items()
            }
            local = load_rules(uow)
        held = conference.held_on or conference.date
        due = decision_letter_due(held, local.clocks, CALENDAR)
        not_owed = letters_not_owed(
            held,
            imported=is_imported(conference_id),
            letters_from=local.letters_from,
            any_recorded=bool(sent),
        )
        out = []
        for inv in owed_letters(invitations):
            sent_on, method = sent.get(inv.person_id, (None, None))
            out.append(
                LetterStatus(
                    conference_id, inv.person_id, inv.person_name, inv.role, due, sent_on, method, not_owed
                )
            )
        return out

    @requires(Action.VIEW)
    def letter(
        self, conference_id: str, person_id: str, generated_at: datetime | None = None
    ) -> DecisionLetter:
        """The letter to one parent or carer, as the store holds the decisions and plan now."""
        src, parent = self._sources(conference_id, person_id)
        missing = [child_name(c) for c in src.family.children if c.id not in src.decisions]
        if missing:
            raise ValidationError(
                [Problem("decisions", f"Record the decision for {', '.join(missing)} before the letter.")]
            )
        return letter_for(src, parent, generated_at or self.now())

    @requires(Action.EXPORT)
    def export(self, conference_id: str, person_id: str, out: Path) -> Path:
        """Write the letter's PDF (a folder: a file named for the family reference, never a name); audited."""
        from iro_desktop.export.pdf import decision_letter_pdf

        letter = self.letter(conference_id, person_id)
        path = out / letter_file_name(letter, person_id) if out.is_dir() or not out.suffix else out
        write_file(path, decision_letter_pdf(letter))
        with self.ctx.uow() as uow:
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.EXPORTED,
                "decision_letter",
                conference_id,
                after={"document": "decision-letter", "person_id": person_id},
            )
            uow.commit()
        return path

    @requires(Action.EDIT_DISTRIBUTION)
    def mark_sent(
        self, conference_id: str, person_id: str, sent_on: date, method: SendMethod
    ) -> LetterStatus:
        """Record the letter to this parent as sent (a second call corrects the date or method); audited."""
        with self.ctx.uow() as uow:
            conference = conference_to_domain(ConferenceRepository(uow.session).get(conference_id))
            found = InvitationRepository(uow.session).find(conference_id, person_id)
            owed = owed_letters([invitation_to_domain(found)]) if found is not None else []
            if not owed:
                raise NotFound("That person is not a parent or carer on this conference's list.")
            inv = owed[0]
            held = conference.held_on or conference.date
            if sent_on > self.ctx.today():
                raise ValidationError([Problem("sent_on", "The date sent cannot be in the future.")])
            if sent_on < held:
                raise ValidationError(
                    [Problem("sent_on", "The letter cannot be sent before the conference.")]
                )
            letters = LetterRepository(uow.session)
            row = letters.for_conference(conference_id).get(person_id)
            before = {"sent_on": row.sent_on, "method": row.method} if row else None
            if row is None:
                row = letters.add(
                    DecisionLetterRow(
                        conference_id=conference_id, person_id=person_id, sent_on=sent_on, method=method.value
                    )
                )
            else:
                row.sent_on, row.method = sent_on, method.value
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CHANGED if before else AuditAction.CREATED,
                "decision_letter",
                row.id,
                before,
                {
                    "conference_id": conference_id,
                    "person_id": person_id,
                    "sent_on": sent_on,
                    "method": method.value,
                },
            )
            rules = load_rules(uow).clocks
            uow.commit()
        due = decision_letter_due(held, rules, CALENDAR)
        return LetterStatus(conference_id, person_id, inv.person_name, inv.role, due, sent_on, method)

    def _sources(self, conference_id: str, person_id: str) -> tuple[LetterSources, Invitation]:
        board = MappingService(self.ctx).board(conference_id)
        plans = PlanService(self.ctx)
        header, actions = plans.header(conference_id), tuple(plans.actions(conference_id))
        decisions = DecisionService(self.ctx).for_conference(conference_id)
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            conference = conference_to_domain(row)
            family = family_to_domain(FamilyRepository(uow.session).get(row.family_id))
            invitations = [
                invitation_to_domain(r) for r in InvitationRepository(uow.session).for_conference(row.id)
            ]
            rules = load_rules(uow).clocks
        parent = next((i for i in owed_letters(invitations) if i.person_id == person_id), None)
        if parent is None:
            raise NotFound("That person is not a parent or carer on this conference's list.")
        return LetterSources(conference, family, dict(decisions), board, header, actions, rules), parent
