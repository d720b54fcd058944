"""What the PDFs show, as plain frozen dataclasses.

The PDF builders in `export.pdf` take only these: strings, dates, booleans and tuples. Services fill them
from the store (conferences, attendance, mapping, decisions, plan); the builders know nothing of where the
data came from. One `ConferenceDocument` feeds all four PDFs; each document uses the parts it needs.

Conventions:
- Every text field is shown as typed (escaped; Arabic-script runs shaped for the PDF). Empty strings and
  empty tuples are left out of the document, or shown as "None recorded" where a reader would otherwise
  wonder whether something is missing.
- Dates are `datetime.date`; `None` means "not set".
- Map items are grouped under the three Signs of Safety questions by `MapItemLine.question`, which defaults
  from the section code (see `SECTION_QUESTIONS`). Danger statements and safety goals are given as
  `DangerPairLine`s (each with its scaling), not as map items, so they are not shown twice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from iro_desktop.domain.audience import EVERYONE, ROOM, Audience, Reader, ReaderKind, may_read


class Question(enum.StrEnum):
    """Where a map item is shown: the three questions, then the child's voice and the family network."""

    WORRIED = "worried"
    WORKING_WELL = "working_well"
    NEEDS_TO_HAPPEN = "needs_to_happen"
    CHILDS_VOICE = "childs_voice"
    NETWORK = "network"
    OTHER = "other"


# Standard Signs of Safety section codes and the question each belongs under. Unknown codes go to OTHER
# unless the item names its question itself.
SECTION_QUESTIONS: dict[str, Question] = {
    "harm": Question.WORRIED,
    "past_harm": Question.WORRIED,
    "danger": Question.WORRIED,
    "complicating": Question.WORRIED,
    "complicating_factors": Question.WORRIED,
    "strengths": Question.WORKING_WELL,
    "existing_safety": Question.WORKING_WELL,
    "safety": Question.WORKING_WELL,
    "goals": Question.NEEDS_TO_HAPPEN,
    "safety_goals": Question.NEEDS_TO_HAPPEN,
    "next_steps": Question.NEEDS_TO_HAPPEN,
    "needs_to_happen": Question.NEEDS_TO_HAPPEN,
    "childs_voice": Question.CHILDS_VOICE,
    "child_voice": Question.CHILDS_VOICE,
    "network": Question.NETWORK,
    "family_network": Question.NETWORK,
}


@dataclass(frozen=True)
class DocumentHeader:
    """Identifies the conference on every document."""

    family_reference: str
    family_name: str
    conference_type_label: str
    conference_date: date
    start_time: time | None
    venue: str
    chair_name: str
    is_final: bool
    generated_at: datetime
    local_authority: str = ""
    # An earlier version of a final record: e.g. "Version 1 of 2 (approved 25 November 2026, Priya
    # Raman)". Shown in the details and after the title on every page; empty for the current document.
    version_label: str = ""
    version_number: int | None = None
    # Issue 13: the audit trail's anchor when the record was produced, e.g. "Audit: entry 41, head 3f9a0c1e"
    # (printed in the record's footer, so a printed record vouches for the trail's end). Empty: none kept.
    audit_anchor: str = ""
    # Issue 19: the chair's role and statement of independence, and the reason where chaired otherwise.
    chair_statement: str = ""
    # Issue 18: a copy made for one recipient: "Copy for Jo Smith (Mother) · Audience: family, ...",
    # printed on every page beside the protective marking. Empty: not a recipient's copy.
    copy_mark: str = ""


@dataclass(frozen=True)
class SummarySectionLine:
    """One part of the discussion summary the clerk writes (background, an agency's contribution...)."""

    heading: str  # e.g. "Background and update", "Agency contribution: School (DSL)"
    text: str
    audience_note: str = ""  # issue 18: the mark in words; empty: everyone may read it
    audience: Audience = EVERYONE


@dataclass(frozen=True)
class ChildLine:
    """A child the conference is about."""

    name: str
    age_text: str = ""  # e.g. "7 (born 3 March 2019)" or "Unborn (due 1 January 2027)"
    home_education_flag: str = ""  # issue 19: the council's consent needed (an open plan or enquiry)

    @property
    def text(self) -> str:
        """The child's line: name, age and, where it applies, the home-education flag."""
        line = f"{self.name}, {self.age_text}" if self.age_text else self.name
        return f"{line}\n{self.home_education_flag}" if self.home_education_flag else line


@dataclass(frozen=True)
class PersonLine:
    """Someone invited to the conference, with their attendance and report."""

    name: str
    role: str
    agency: str = ""
    attended: bool = False
    apologies: bool = False
    attendance_recorded: bool = True  # False: the meeting has not been held (or its register not taken)
    attendance_note: str = ""  # e.g. "left at 11:15", "by phone", "interpreter used"
    note_audience_note: str = ""  # issue 18: who may read the attendance note, in words
    note_audience: Audience = EVERYONE
    invitation_id: str = ""  # so the release check can hold the note back there and then
    is_family: bool = False
    report_expected: bool = False
    report_received: date | None = None
    report_received_on_time: bool | None = None
    report_shared_with_parents: date | None = None
    report_shared_on_time: bool | None = None

    @property
    def attendance_text(self) -> str:
        if not self.attendance_recorded:
            base = "Not recorded yet"
        else:
            base = "Attended" if self.attended else ("Apologies" if self.apologies else "Did not attend")
        return f"{base} ({self.attendance_note})" if self.attendance_note else base


@dataclass(frozen=True)
class MapItemLine:
    """One item on the Signs of Safety map."""

    section_code: str
    section_label: str
    text: str
    child_name: str = ""  # empty: about the whole family
    source: str = ""  # who said it
    carried_forward: bool = False
    question: Question | None = None  # None: from SECTION_QUESTIONS, else OTHER
    # Issue 18: who may read it, in words ("Professionals only: police information"); empty: everyone.
    # The handout and the family version leave a marked item out; the professionals' copies print the mark.
    audience_note: str = ""
    audience: Audience = EVERYONE  # the rule itself, for `for_reader`
    item_id: str = ""  # the map item, so the release check can hold it back there and then

    @property
    def resolved_question(self) -> Question:
        if self.question is not None:
            return self.question
        return SECTION_QUESTIONS.get(self.section_code, Question.OTHER)


@dataclass(frozen=True)
class ScaleLine:
    """One 0-10 scaling answer."""

    subject: str  # the scaling question, e.g. "How safe is Zoë at home?"
    participant: str
    score: int | None  # 0-10; None: declined or not asked
    reason: str = ""
    previous_score: int | None = None


@dataclass(frozen=True)
class DangerPairLine:
    """A danger statement with its paired safety goal and the scaling against it."""

    danger_statement: str
    safety_goal: str
    child_name: str = ""
    scales: tuple[ScaleLine, ...] = ()
    audience_note: str = ""  # the danger statement's mark (issue 18); empty: everyone may read it
    goal_audience_note: str = ""  # the safety goal's
    goal_shown: bool = True  # False in a copy for everyone when the goal is held back: no goal row
    audience: Audience = EVERYONE
    goal_audience: Audience = EVERYONE
    danger_id: str = ""
    goal_id: str = ""


@dataclass(frozen=True)
class ChildDecisionLine:
    """The conference's decision for one child."""

    child_name: str
    age_text: str
    outcome_label: str  # e.g. "Subject to a child protection plan"
    category_label: str = ""  # e.g. "Neglect"; empty when no plan
    significant_factors: tuple[str, ...] = ()
    reasons: str = ""
    dissent: tuple[str, ...] = ()  # each: who dissented and why
    plain_outcome: str = ""  # the outcome in everyday words for the family version; empty: outcome_label
    quoracy_note: str = ""  # issue 19: when decided, and quoracy at that moment
    # Issue 18: who may read the reasons and each dissent (in the order of `dissent`), in words and as data.
    reasons_audience_note: str = ""
    reasons_audience: Audience = EVERYONE
    dissent_audience_notes: tuple[str, ...] = ()  # empty: every dissent is for everyone
    dissent_audiences: tuple[Audience, ...] = ()
    # so the release check can hold the reasons or one dissent back there and then (empty: unknown)
    child_id: str = ""
    dissent_ids: tuple[str, ...] = ()  # in the order of `dissent`


@dataclass(frozen=True)
class PlanActionLine:
    """One action in the child protection plan."""

    what: str
    who: str
    agency: str = ""
    by_when: date | None = None  # None: no date set
    by_when_text: str = ""  # overrides the date when set, e.g. "Every week"
    how_we_will_know: str = ""
    goal: str = ""  # the safety goal this action works towards
    child_name: str = ""  # empty: the whole family
    goal_audience_note: str = ""  # the goal's mark (issue 18): a copy for everyone leaves the goal out
    goal_audience: Audience = EVERYONE
    audience_note: str = ""  # the action's own mark (issue 18)
    audience: Audience = EVERYONE
    action_id: str = ""  # so the release check can hold it back there and then


@dataclass(frozen=True)
class ContactLine:
    """Who to contact about the plan."""

    name: str
    role: str
    agency: str = ""
    contact: str = ""  # telephone or e-mail


@dataclass(frozen=True)
class PlanDetails:
    """The parts of the plan that are not actions."""

    bottom_lines: tuple[str, ...] = ()
    contingency: str = ""
    core_group_date: date | None = None
    next_review_date: date | None = None
    plan_start_date: date | None = None


@dataclass(frozen=True)
class NextMeetingLine:
    """A meeting set at the conference."""

    label: str  # e.g. "First core group", "Review conference"
    meeting_date: date | None
    start_time: time | None = None
    venue: str = ""


@dataclass(frozen=True)
class DistributionLine:
    """Someone the record is sent to."""

    name: str
    role: str = ""
    agency: str = ""


@dataclass(frozen=True)
class ConferenceDocument:
    """Everything the four PDFs of one conference show."""

    header: DocumentHeader
    children: tuple[ChildLine, ...] = ()
    people: tuple[PersonLine, ...] = ()
    purpose: str = ""
    purpose_audience_note: str = ""  # issue 18: the purpose is a record section too
    purpose_audience: Audience = EVERYONE
    summary: tuple[SummarySectionLine, ...] = ()  # the record's discussion summary, section by section
    map_items: tuple[MapItemLine, ...] = ()
    danger_pairs: tuple[DangerPairLine, ...] = ()
    scales: tuple[ScaleLine, ...] = ()  # scaling not tied to one danger statement
    decisions: tuple[ChildDecisionLine, ...] = ()
    actions: tuple[PlanActionLine, ...] = ()
    plan: PlanDetails = field(default_factory=PlanDetails)
    contacts: tuple[ContactLine, ...] = ()
    next_meetings: tuple[NextMeetingLine, ...] = ()
    distribution: tuple[DistributionLine, ...] = ()

    def items_for(self, question: Question) -> tuple[MapItemLine, ...]:
        return tuple(item for item in self.map_items if item.resolved_question is question)

    def for_everyone(self) -> ConferenceDocument:
        """The document as everyone may read it (issue 18): the handout given to the room and the family
        version. Nothing restricted of any kind is in it: no mark, no gap."""
        return self.for_reader(ROOM)

    def for_reader(self, reader: Reader) -> ConferenceDocument:
        """The document as `reader` may read it (issue 18, domain/audience.py `may_read`): every piece of
        content they may not read is left out altogether. Map items go; a danger statement held back takes
        its pair and scaling with it; a safety goal held back leaves its danger statement without a goal
        row (and its actions without it); a summary section, the purpose, a plan action, a decision's
        reasons, a dissent and an attendance note each go on their own (the person stays on the list)."""

        def ok(note: str, audience: Audience) -> bool:
            return readable(note, audience, reader)

        pairs = []
        freed = []  # a goal the reader may read whose danger statement is held back: listed on its own
        for pair in self.danger_pairs:
            if not ok(pair.audience_note, pair.audience):
                if pair.safety_goal and ok(pair.goal_audience_note, pair.goal_audience):
                    freed.append(
                        MapItemLine(
                            "safety_goals",
                            "Safety goals",
                            pair.safety_goal,
                            audience_note=pair.goal_audience_note,
                            audience=pair.goal_audience,
                            item_id=pair.goal_id,
                        )
                    )
                continue
            if not ok(pair.goal_audience_note, pair.goal_audience):
                pair = replace(pair, safety_goal="", goal_audience_note="", goal_shown=False)
            pairs.append(pair)
        items = tuple(item for item in (*self.map_items, *freed) if ok(item.audience_note, item.audience))
        actions = tuple(
            a if ok(a.goal_audience_note, a.goal_audience) else replace(a, goal="", goal_audience_note="")
            for a in self.actions
            if ok(a.audience_note, a.audience)
        )
        decisions = tuple(_decision_for(d, reader) for d in self.decisions)
        people = tuple(
            p
            if ok(p.note_audience_note, p.note_audience)
            else replace(p, attendance_note="", note_audience_note="")
            for p in self.people
        )
        purpose_ok = ok(self.purpose_audience_note, self.purpose_audience)
        return replace(
            self,
            map_items=items,
            danger_pairs=tuple(pairs),
            actions=actions,
            summary=tuple(s for s in self.summary if ok(s.audience_note, s.audience)),
            decisions=decisions,
            people=people,
            purpose=self.purpose if purpose_ok else "",
            purpose_audience_note=self.purpose_audience_note if purpose_ok else "",
        )


def readable(note: str, audience: Audience, reader: Reader) -> bool:
    """Whether `reader` may read content with this audience. A line that carries only its mark in words
    (built before the audience was given as data) counts as professionals only."""
    if audience.restricted:
        return may_read(audience, reader)
    if note:
        return reader.kind is ReaderKind.PROFESSIONAL
    return True


def _decision_for(line: ChildDecisionLine, reader: Reader) -> ChildDecisionLine:
    notes = line.dissent_audience_notes or ("",) * len(line.dissent)
    audiences = line.dissent_audiences or (EVERYONE,) * len(line.dissent)
    ids = line.dissent_ids or ("",) * len(line.dissent)
    kept = [
        (text, note, audience, dissent_id)
        for text, note, audience, dissent_id in zip(line.dissent, notes, audiences, ids, strict=False)
        if readable(note, audience, reader)
    ]
    reasons_ok = readable(line.reasons_audience_note, line.reasons_audience, reader)
    return replace(
        line,
        reasons=line.reasons if reasons_ok else "",
        reasons_audience_note=line.reasons_audience_note if reasons_ok else "",
        dissent=tuple(k[0] for k in kept),
        dissent_audience_notes=tuple(k[1] for k in kept) if line.dissent_audience_notes else (),
        dissent_audiences=tuple(k[2] for k in kept) if line.dissent_audiences else (),
        dissent_ids=tuple(k[3] for k in kept) if line.dissent_ids else (),
    )
