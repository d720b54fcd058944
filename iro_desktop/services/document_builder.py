"""Fill a `ConferenceDocument` (export/documents.py) from the store: what the four PDFs show.

One function per part, each reading through the existing services' row-to-domain helpers. Fields the
store has no data for stay empty (see docs/pdfs.md, "Filled from the store"): the local authority's name,
whether an agency's report was shared with the parents, the actions' status and the record's send method.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from iro_desktop.domain.attendance import Attendance, Invitation, TookPart
from iro_desktop.domain.audience import EVERYONE, Audience, mark_words
from iro_desktop.domain.calendar import long_date
from iro_desktop.domain.categories import Category
from iro_desktop.domain.chairing import Chairing
from iro_desktop.domain.clocks import report_deadlines
from iro_desktop.domain.conference import Conference, ConferenceStatus
from iro_desktop.domain.decisions import Decision, Outcome
from iro_desktop.domain.dissent import Dissent
from iro_desktop.domain.family import Child, Family
from iro_desktop.domain.local_time import clock_text
from iro_desktop.domain.mapping import Board, MapItem, Section
from iro_desktop.domain.people import AgencyKind, Role
from iro_desktop.domain.plan import PlanAction, PlanHeader
from iro_desktop.domain.quoracy import assess
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.domain.significant_factors import Factor, label_for
from iro_desktop.export.documents import (
    ChildDecisionLine,
    ChildLine,
    ConferenceDocument,
    ContactLine,
    DangerPairLine,
    DistributionLine,
    DocumentHeader,
    MapItemLine,
    NextMeetingLine,
    PersonLine,
    PlanActionLine,
    PlanDetails,
    ScaleLine,
    SummarySectionLine,
)
from iro_desktop.services.fgdm import child_standing
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.audience_columns import read_audience
from iro_desktop.store.document_repository import DocumentRepository
from iro_desktop.store.people_repositories import (
    InvitationRepository,
    chairing_to_domain,
    invitation_to_domain,
)
from iro_desktop.store.repositories import (
    ConferenceRepository,
    FamilyRepository,
    conference_to_domain,
    family_to_domain,
)
from iro_desktop.store.uow import UnitOfWork

OVERALL_SCALE = "Overall safety: how safe are the children? (0 not safe, 10 safe enough to close)"

# Each outcome in everyday words, for the family version.
PLAIN_OUTCOMES: dict[Outcome, str] = {
    Outcome.PLAN_MADE: "There will be a child protection plan to help keep them safe.",
    Outcome.NOT_MADE_CIN: "There will not be a child protection plan. A child in need plan will help "
    "instead.",
    Outcome.NOT_MADE_EARLY_HELP: "There will not be a child protection plan. Early help will support the "
    "family.",
    Outcome.NOT_MADE_NFA: "There will not be a child protection plan, and nothing more is needed now.",
    Outcome.PLAN_CONTINUES: "The child protection plan carries on.",
    Outcome.ENDS_CIN: "The child protection plan ends. A child in need plan will help instead.",
    Outcome.ENDS_EARLY_HELP: "The child protection plan ends. Early help will support the family.",
    Outcome.ENDS_LOOKED_AFTER: "The child protection plan ends because the child is now looked after.",
    Outcome.ENDS_MOVED_AREA: "The child protection plan ends here because the child has moved to another "
    "area.",
    Outcome.ENDS_NFA: "The child protection plan ends, and nothing more is needed now.",
    Outcome.CHANGE_OF_CATEGORY: "The child protection plan carries on, with a different main worry.",
}

# Roles whose report the conference expects (besides the social worker's, which has its own clocks).
_NO_REPORT_ROLES = frozenset({Role.CHAIR, Role.CLERK, Role.INTERPRETER, Role.ADVOCATE})


def age_text(child: Child, on: date) -> str:
    """e.g. "11 (born 14 October 2015)", "Unborn (due 1 February 2027)"."""
    if child.unborn or child.date_of_birth is None:
        return f"Unborn (due {long_date(child.expected_date)})" if child.expected_date else "Unborn"
    age = child.age_on(on)
    years = "under 1" if age == 0 else str(age)
    return f"{years} (born {long_date(child.date_of_birth)})"


def child_name(child: Child) -> str:
    if child.full_name and child.given_name:
        return child.full_name
    return f"Unborn baby {child.family_name}".strip()


@dataclass(frozen=True)
class Sources:
    """What the other services give for one conference (each read in its own unit of work)."""

    board: Board
    decisions: dict[str, Decision]
    plan_header: PlanHeader
    actions: Sequence[PlanAction]
    factors: Sequence[Factor]


@dataclass(frozen=True)
class RecordContent:
    """What a conference's documents are made of, as domain data: read from the store (`read_content`)
    or from a final record's version (services/version_document.py). `assemble` turns either into lines."""

    conference: Conference
    family: Family
    invitations: tuple[Invitation, ...]
    sections: tuple[tuple[SectionKey, str, str], ...]
    sources: Sources
    is_final: bool
    distribution: tuple[DistributionLine, ...] = ()
    chairing: Chairing = field(default_factory=Chairing)  # issue 19
    # Who may read each section (issue 18), by (key, agency); a section not listed is for everyone.
    section_audiences: Mapping[tuple[SectionKey, str], Audience] = field(default_factory=dict)


@dataclass(frozen=True)
class _Context:
    conference: Conference
    family: Family
    names: dict[str, str]  # child id -> name
    people: dict[str, str] = field(default_factory=dict)  # person id -> name (who an item is kept from)


def build_document(
    uow: UnitOfWork, conference_id: str, sources: Sources, generated_at: datetime
) -> ConferenceDocument:
    """The whole document for one conference as it stands, read in the caller's unit of work."""
    return assemble(uow, read_content(uow, conference_id, sources), generated_at)


def read_content(uow: UnitOfWork, conference_id: str, sources: Sources) -> RecordContent:
    """The conference, family, invitations and record as the store holds them now."""
    session = uow.session
    row = ConferenceRepository(session).get(conference_id)
    family = family_to_domain(FamilyRepository(session).get(row.family_id))
    invitations = tuple(invitation_to_domain(r) for r in InvitationRepository(session).for_conference(row.id))
    record = DocumentRepository(session).record(conference_id)
    return RecordContent(
        conference=conference_to_domain(row),
        family=family,
        invitations=invitations,
        sections=tuple((SectionKey(s.key), s.agency, s.text) for s in record.sections) if record else (),
        sources=sources,
        is_final=record is not None and RecordState(record.state).locked,
        distribution=tuple(DistributionLine(r.name, r.role) for r in record.recipients) if record else (),
        chairing=chairing_to_domain(row),
        section_audiences={(SectionKey(s.key), s.agency): read_audience(s) for s in record.sections}
        if record
        else {},
    )


def assemble(uow: UnitOfWork, content: RecordContent, generated_at: datetime) -> ConferenceDocument:
    """The document's lines from its content (the rules, contacts and later meetings from the store)."""
    store = DocumentRepository(uow.session)
    conference, family, sources = content.conference, content.family, content.sources
    ctx = _Context(
        conference,
        family,
        {c.id: child_name(c) for c in family.children},
        {i.person_id: i.person_name for i in content.invitations},
    )
    invitations = [i for i in content.invitations if i.attendance is not Attendance.NOT_INVITED]
    sections = list(content.sections)
    on_plan = _on_plan(sources)
    purpose_audience = content.section_audiences.get((SectionKey.PURPOSE, ""), EVERYONE)
    return ConferenceDocument(
        header=DocumentHeader(
            family_reference=family.reference,
            family_name=family.name,
            conference_type_label=conference.conference_type.label,
            conference_date=conference.date,
            start_time=conference.start_time,
            venue=conference.venue,
            chair_name=conference.chair_name,
            is_final=content.is_final,
            generated_at=generated_at,
            chair_statement=_chair_statement(content.chairing),
        ),
        children=_children(uow, ctx, conference.date),
        people=tuple(_people(uow, conference, invitations, ctx.people)),
        purpose=purpose_of(sections),
        purpose_audience=purpose_audience,
        purpose_audience_note=mark_words(purpose_audience, ctx.people),
        summary=tuple(_marked_summary(ctx, sections, content.section_audiences)),
        map_items=tuple(_map_items(ctx, sources.board)),
        danger_pairs=tuple(_danger_pairs(ctx, sources.board)),
        scales=tuple(_scales(sources.board, None)),
        decisions=_with_quoracy(_decisions(ctx, sources), uow, ctx, content),
        actions=tuple(_actions(ctx, sources)),
        plan=_plan(store, ctx, sources, on_plan),
        contacts=tuple(_contacts(store, invitations)),
        next_meetings=tuple(_next_meetings(uow, ctx, sources, on_plan)),
        distribution=content.distribution,
    )


# --- the record's sections -----------------------------------------------------------------------


def _children(uow: UnitOfWork, ctx: _Context, on: date) -> tuple[ChildLine, ...]:
    """The children with their ages and, where a plan or enquiry is open now, the home-education flag."""
    standing = child_standing(uow, [c.id for c in ctx.family.children])
    return tuple(
        ChildLine(ctx.names[c.id], age_text(c, on), standing[c.id].text) for c in ctx.family.children
    )


def purpose_of(sections: Sequence[tuple[SectionKey, str, str]]) -> str:
    return next((text for key, _agency, text in sections if key is SectionKey.PURPOSE and text.strip()), "")


def summary_of(sections: Sequence[tuple[SectionKey, str, str]]) -> tuple[SummarySectionLine, ...]:
    """The discussion summary in the order of the sections (agencies where the background is)."""
    order = [k for k in SectionKey if k is not SectionKey.PURPOSE]
    order.remove(SectionKey.AGENCY)
    order.insert(order.index(SectionKey.BACKGROUND) + 1, SectionKey.AGENCY)
    lines = []
    for key in order:
        for section_key, agency, text in sections:
            if section_key is key and text.strip():
                heading = f"{key.label}: {agency}" if agency else key.label
                lines.append(SummarySectionLine(heading, text))
    return tuple(lines)


def _marked_summary(
    ctx: _Context,
    sections: Sequence[tuple[SectionKey, str, str]],
    audiences: Mapping[tuple[SectionKey, str], Audience],
) -> list[SummarySectionLine]:
    """The summary with each section's audience (issue 18)."""
    by_heading = {
        (f"{k.label}: {a}" if a else k.label): audiences.get((k, a), EVERYONE) for k, a, _t in sections
    }
    lines = []
    for line in summary_of(sections):
        audience = by_heading.get(line.heading, EVERYONE)
        lines.append(replace(line, audience=audience, audience_note=mark_words(audience, ctx.people)))
    return lines


# --- people and reports --------------------------------------------------------------------------


def _people(
    uow: UnitOfWork, conference: Conference, invitations: list[Invitation], people: dict[str, str]
) -> list[PersonLine]:
    clocks = load_rules(uow).clocks
    parents_by, chair_by = report_deadlines(conference.conference_type, conference.date, clocks, CALENDAR)
    held = conference.status is ConferenceStatus.HELD
    lines = []
    for inv in invitations:
        note = {
            Attendance.SENT_REPORT: "sent a report",
            Attendance.EXCLUDED: f"excluded: {inv.exclusion_reason}",
        }.get(inv.attendance, "")
        note = "; ".join(n for n in (note, *taking_part_notes(inv)) if n)
        line = PersonLine(
            name=inv.person_name,
            role=inv.role.label,
            agency=inv.agency_name,
            attended=inv.attendance is Attendance.ATTENDED,
            apologies=inv.attendance in (Attendance.APOLOGIES, Attendance.SENT_REPORT),
            attendance_note=note,
            attendance_recorded=held or inv.attendance is not Attendance.EXPECTED,
            is_family=inv.role.is_family,
            note_audience=inv.note_audience if note else EVERYONE,
            note_audience_note=mark_words(inv.note_audience, people) if note else "",
            invitation_id=inv.id,
        )
        if inv.role is Role.SOCIAL_WORKER:
            received = conference.report_to_chair_on or inv.report_received_on
            shared = conference.report_to_parents_on
            line = _with_report(line, received, chair_by, shared, parents_by)
        elif _expects_report(inv):
            line = _with_report(line, inv.report_received_on, chair_by, None, None)
        lines.append(line)
    return lines


def _expects_report(inv: Invitation) -> bool:
    return (
        not inv.role.is_family
        and inv.role not in _NO_REPORT_ROLES
        and inv.agency_kind is not AgencyKind.CHILDRENS_SOCIAL_CARE
    )


def _with_report(
    line: PersonLine, received: date | None, due: date, shared: date | None, shared_due: date | None
) -> PersonLine:
    from dataclasses import replace

    return replace(
        line,
        report_expected=True,
        report_received=received,
        report_received_on_time=None if received is None else received <= due,
        report_shared_with_parents=shared,
        report_shared_on_time=None if shared is None or shared_due is None else shared <= shared_due,
    )


def _contacts(store: DocumentRepository, invitations: list[Invitation]) -> list[ContactLine]:
    """The social worker and team manager first, then any other professional with contact details."""
    first = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)
    professionals = [i for i in invitations if not i.role.is_family]
    ordered = sorted(professionals, key=lambda i: first.index(i.role) if i.role in first else len(first))
    people = store.people(i.person_id for i in ordered)
    lines = []
    for inv in ordered:
        person = people.get(inv.person_id)
        contact = person.contact if person is not None else ""
        if inv.role in first or contact:
            lines.append(ContactLine(inv.person_name, inv.role.label, inv.agency_name, contact))
    return lines


# --- the map ---------------------------------------------------------------------------------------


def _item_line(ctx: _Context, item: MapItem, label: str | None = None) -> MapItemLine:
    return MapItemLine(
        section_code=item.section.value,
        section_label=label or item.section.label,
        text=item.text,
        child_name=ctx.names.get(item.child_id, "") if item.child_id else "",
        source=item.source,
        carried_forward=item.carried_forward,
        audience_note=mark_words(item.audience, ctx.people),
        audience=item.audience,
        item_id=item.id,
    )


def _map_items(ctx: _Context, board: Board) -> list[MapItemLine]:
    """Every item except danger statements and their paired goals (those go in the danger pairs)."""
    goals = (board.goal_of(d) for d in board.section(Section.DANGER))
    paired = {goal.id for goal in goals if goal is not None}
    lines = []
    for section in Section:
        if section is Section.DANGER:
            continue
        for item in board.section(section):
            if section is Section.SAFETY_GOALS:
                if item.id in paired or not item.text.strip():
                    continue
                lines.append(_item_line(ctx, item, "Safety goals not yet paired with a danger statement"))
            elif item.text.strip():
                lines.append(_item_line(ctx, item))
    return lines


def _scales(board: Board, danger_id: str | None, subject: str = OVERALL_SCALE) -> list[ScaleLine]:
    lines = []
    for scale in board.scales_for(danger_id):
        previous = board.previous_for(danger_id, scale.participant)
        before = previous.score if previous else None
        lines.append(ScaleLine(subject, scale.participant, scale.score, scale.reason, before))
    return lines


def _danger_pairs(ctx: _Context, board: Board) -> list[DangerPairLine]:
    pairs = []
    for danger in board.section(Section.DANGER):
        if not danger.text.strip():
            continue
        goal = board.goal_of(danger)
        pairs.append(
            DangerPairLine(
                danger_statement=danger.text,
                safety_goal=goal.text if goal else "",
                child_name=ctx.names.get(danger.child_id, "") if danger.child_id else "",
                scales=tuple(_scales(board, danger.id, "")),
                audience_note=mark_words(danger.audience, ctx.people),
                goal_audience_note=mark_words(goal.audience, ctx.people) if goal else "",
                audience=danger.audience,
                goal_audience=goal.audience if goal else EVERYONE,
                danger_id=danger.id,
                goal_id=goal.id if goal else "",
            )
        )
    return pairs


# --- decisions and the plan ------------------------------------------------------------------------


def _category_text(decision: Decision) -> str:
    if decision.category is None:
        return ""
    if decision.category is Category.MULTIPLE and decision.multiple_reason:
        return f"{decision.category.label} ({decision.multiple_reason})"
    return decision.category.label


def dissent_text(d: Dissent) -> str:
    who = f"{d.name} ({d.agency})" if d.agency else d.name
    text = f"{who} would have preferred: {d.view}. Why: {d.reason}"
    if d.chair_response:
        text += f" The chair's response: {d.chair_response}"
    return text


def _decisions(ctx: _Context, sources: Sources) -> tuple[ChildDecisionLine, ...]:
    """One line per child; a child with no decision yet says so (the record is still a draft)."""
    lines = []
    for child in ctx.family.children:
        name, age = ctx.names[child.id], age_text(child, ctx.conference.date)
        decision = sources.decisions.get(child.id)
        if decision is None:
            lines.append(ChildDecisionLine(name, age, "No decision recorded yet"))
            continue
        reasons = decision.rationale
        if decision.cin_meeting_date is not None:
            meeting = f"First child in need meeting: {long_date(decision.cin_meeting_date)}."
            reasons = f"{reasons}\n{meeting}" if reasons else meeting
        lines.append(
            ChildDecisionLine(
                child_name=name,
                age_text=age,
                outcome_label=decision.outcome.label,
                category_label=_category_text(decision),
                significant_factors=tuple(
                    label_for(code, sources.factors) for code in decision.significant_factors
                ),
                reasons=reasons,
                dissent=tuple(dissent_text(d) for d in decision.dissents),
                plain_outcome=PLAIN_OUTCOMES[decision.outcome],
                reasons_audience=decision.audience,
                reasons_audience_note=mark_words(decision.audience, ctx.people),
                dissent_audiences=tuple(d.audience for d in decision.dissents),
                dissent_audience_notes=tuple(mark_words(d.audience, ctx.people) for d in decision.dissents),
                child_id=child.id,
                dissent_ids=tuple(d.id for d in decision.dissents),
            )
        )
    return tuple(lines)


def _chair_statement(chairing: Chairing) -> str:
    reason = f" Reason: {chairing.reason}" if chairing.chaired_otherwise and chairing.reason else ""
    return chairing.statement + reason


def taking_part_notes(inv: Invitation) -> list[str]:
    """Issue 19: how the person took part (when not in the room), when they joined and left, the
    interpreter's language, and whom a supporter supports."""
    notes = []
    shown = inv.took_part not in (TookPart.NOT_RECORDED, TookPart.IN_ROOM)
    if shown and not (inv.took_part is TookPart.WRITTEN and inv.attendance is Attendance.SENT_REPORT):
        notes.append(inv.took_part.label.lower())  # "sent a report" already says a written report
    if inv.times_text:
        notes.append(inv.times_text)
    if inv.interpreter_language:
        family = ", not a family member" if inv.interpreter_not_family else ""
        notes.append(f"interpreter, {inv.interpreter_language}{family}")
    if inv.supports_name:
        notes.append(f"supporting {inv.supports_name}")
    return notes


def _with_quoracy(
    lines: tuple[ChildDecisionLine, ...], uow: UnitOfWork, ctx: _Context, content: RecordContent
) -> tuple[ChildDecisionLine, ...]:
    """Each decision with its time and quoracy at that moment (who had joined and not yet left)."""
    if not content.invitations:
        return lines
    rule = load_rules(uow).quoracy
    out = []
    for child, line in zip(ctx.family.children, lines, strict=True):
        decision = content.sources.decisions.get(child.id)
        if decision is None:
            out.append(line)
            continue
        result = assess(
            content.invitations, rule, ctx.conference.quoracy_override_reason, decision.decided_at
        )
        note = f"Decided at {clock_text(decision.decided_at)}. {result.text}"
        if result.override_reason:
            note += f" Reason: {result.override_reason}"
        out.append(replace(line, quoracy_note=note))
    return tuple(out)


def _on_plan(sources: Sources) -> bool:
    """Whether any child is on a plan after this conference (before any decision: whether a plan is
    being written)."""
    if sources.decisions:
        return any(d.outcome.child_on_plan_after for d in sources.decisions.values())
    header = sources.plan_header
    return bool(sources.actions or header.bottom_lines or header.contingency or header.core_group_date)


def _actions(ctx: _Context, sources: Sources) -> list[PlanActionLine]:
    goals = {i.id: i for i in sources.board.section(Section.SAFETY_GOALS)}
    none = MapItem("", "", Section.SAFETY_GOALS, "", 0)
    return [
        PlanActionLine(
            what=a.what,
            who=a.who_person,
            agency=a.who_agency,
            by_when=a.by_when,
            how_we_will_know=a.done_when,
            goal=goals.get(a.safety_goal_id or "", none).text,
            goal_audience_note=mark_words(goals.get(a.safety_goal_id or "", none).audience, ctx.people),
            goal_audience=goals.get(a.safety_goal_id or "", none).audience,
            audience=a.audience,
            audience_note=mark_words(a.audience, ctx.people),
            action_id=a.id,
        )
        for a in sources.actions
    ]


def _plan(store: DocumentRepository, ctx: _Context, sources: Sources, on_plan: bool) -> PlanDetails:
    header = sources.plan_header
    start = None
    if on_plan:
        # The plan started when the earliest of the children's open plans did (this conference for a
        # new plan); before any decision, the conference date.
        ids = [c for c, d in sources.decisions.items() if d.outcome.child_on_plan_after]
        start = store.earliest_open_plan_start(ids, ctx.conference.date) or ctx.conference.date
    return PlanDetails(
        bottom_lines=tuple(line.strip() for line in header.bottom_lines.splitlines() if line.strip()),
        contingency=header.contingency,
        core_group_date=header.core_group_date or ctx.conference.core_group_on,
        next_review_date=header.effective_review_date if on_plan else None,
        plan_start_date=start,
    )


def _next_meetings(uow: UnitOfWork, ctx: _Context, sources: Sources, on_plan: bool) -> list[NextMeetingLine]:
    conference = ctx.conference
    meetings = []
    core_group = sources.plan_header.core_group_date or conference.core_group_on
    if on_plan and core_group is not None:
        label = "First core group" if conference.conference_type.is_initial else "Core group"
        meetings.append(NextMeetingLine(label, core_group))
    for child_id, decision in sources.decisions.items():
        if decision.cin_meeting_date is not None:
            label = f"First child in need meeting ({ctx.names.get(child_id, '')})"
            meetings.append(NextMeetingLine(label, decision.cin_meeting_date))
    later = [
        conference_to_domain(r)
        for r in ConferenceRepository(uow.session).for_family(conference.family_id)
        if r.id != conference.id and r.scheduled_date > conference.date
    ]
    booked = [c for c in later if c.status is not ConferenceStatus.STOOD_DOWN]
    if booked:
        nxt = min(booked, key=lambda c: c.scheduled_date)
        meetings.append(
            NextMeetingLine(nxt.conference_type.label, nxt.scheduled_date, nxt.start_time, nxt.venue)
        )
    elif on_plan:
        due = sources.plan_header.effective_review_date
        meetings.append(NextMeetingLine("Review conference (due by)", due))
    return meetings
