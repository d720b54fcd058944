"""The Signs of Safety map: sections grouped under the three questions, items, pairing and scaling.

Pure data and rules. The map belongs to one conference; a review conference can start from the previous
conference's map (items carried forward, marked as such).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from iro_desktop.domain.audience import EVERYONE, Audience
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, is_blank

MAX_ITEM_TEXT = 4000
MAX_SOURCE = 120
MAX_PARTICIPANT = 80
MAX_REASON = 500
SCALE_MIN = 0
SCALE_MAX = 10
OVERALL = None  # a scale whose danger statement is None is the overall safety scale


class Section(enum.StrEnum):
    """A part of the map. Stored as these string codes."""

    DANGER = "danger"
    HARM = "harm"
    COMPLICATING = "complicating"
    STRENGTHS = "strengths"
    EXISTING_SAFETY = "existing_safety"
    SAFETY_GOALS = "safety_goals"
    NEXT_STEPS = "next_steps"
    CHILDS_VOICE = "childs_voice"
    FAMILY_NETWORK = "family_network"

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]

    @property
    def question(self) -> Question:
        return next(q for q in Question if self in q.sections)


_SECTION_LABELS = {
    Section.DANGER: "Danger statements",
    Section.HARM: "Harm statements",
    Section.COMPLICATING: "Complicating factors",
    Section.STRENGTHS: "Strengths",
    Section.EXISTING_SAFETY: "Existing safety",
    Section.SAFETY_GOALS: "Safety goals",
    Section.NEXT_STEPS: "Next steps",
    Section.CHILDS_VOICE: "The child's voice",
    Section.FAMILY_NETWORK: "Family network",
}


class Question(enum.StrEnum):
    """The three questions that frame the meeting, plus the people around the child."""

    WORRIED = "worried"
    WORKING_WELL = "working_well"
    NEEDS_TO_HAPPEN = "needs_to_happen"
    PEOPLE = "people"

    @property
    def label(self) -> str:
        return {
            "worried": "What are we worried about?",
            "working_well": "What's working well?",
            "needs_to_happen": "What needs to happen?",
            "people": "The child and the family network",
        }[self.value]

    @property
    def sections(self) -> tuple[Section, ...]:
        return _QUESTION_SECTIONS[self]


_QUESTION_SECTIONS: dict[Question, tuple[Section, ...]] = {
    Question.WORRIED: (Section.DANGER, Section.HARM, Section.COMPLICATING),
    Question.WORKING_WELL: (Section.STRENGTHS, Section.EXISTING_SAFETY),
    Question.NEEDS_TO_HAPPEN: (Section.SAFETY_GOALS, Section.NEXT_STEPS),
    Question.PEOPLE: (Section.CHILDS_VOICE, Section.FAMILY_NETWORK),
}

# Board order: the order in which keyboard shortcuts and "next section" walk the map.
SECTION_ORDER: tuple[Section, ...] = tuple(s for q in Question for s in q.sections)


@dataclass(frozen=True)
class MapItem:
    """One line on the map."""

    id: str
    conference_id: str
    section: Section
    text: str
    order: int
    child_id: str | None = None
    source: str = ""
    carried_forward: bool = False
    carried_from_id: str | None = None
    goal_id: str | None = None  # for a danger statement: the safety goal it pairs with
    audience: Audience = EVERYONE  # who may read it (issue 18)
    # The row's version as read (issue 16): an edit names it. Not part of equality.
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Scale:
    """A 0-10 safety judgement by one participant, for one danger statement or overall (danger_id None)."""

    id: str
    conference_id: str
    danger_id: str | None
    participant: str
    score: int
    reason: str = ""
    version: int = field(default=0, compare=False)  # the stored row's (issue 16): what an edit read


@dataclass(frozen=True)
class RemovedItem:
    """What deleting an item took away, so that undo can put every part of it back."""

    item: MapItem
    scales: tuple[Scale, ...]
    paired_danger_ids: tuple[str, ...]  # danger statements that pointed at this item as their goal


@dataclass(frozen=True)
class Board:
    """A snapshot of one conference's map, with the previous conference's scales for comparison."""

    conference_id: str
    items: tuple[MapItem, ...]
    scales: tuple[Scale, ...] = ()
    previous_scales: tuple[Scale, ...] = ()  # danger_id already mapped onto this map's carried items
    previous_conference_id: str | None = None

    def section(self, section: Section) -> list[MapItem]:
        return sorted((i for i in self.items if i.section == section), key=lambda i: i.order)

    def item(self, item_id: str) -> MapItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def scales_for(self, danger_id: str | None) -> list[Scale]:
        return [s for s in self.scales if s.danger_id == danger_id]

    def previous_for(self, danger_id: str | None, participant: str) -> Scale | None:
        key = participant_key(participant)
        return next(
            (
                s
                for s in self.previous_scales
                if s.danger_id == danger_id and participant_key(s.participant) == key
            ),
            None,
        )

    def goal_of(self, danger: MapItem) -> MapItem | None:
        goal = self.item(danger.goal_id) if danger.goal_id else None
        return goal if goal is not None and goal.section == Section.SAFETY_GOALS else None


def participant_key(participant: str) -> str:
    """Participants match regardless of case and surrounding spaces ("family" is "Family")."""
    return " ".join(participant.split()).casefold()


def unpaired_dangers(board: Board) -> list[MapItem]:
    """Danger statements with no safety goal (or whose goal is no longer a safety goal)."""
    return [d for d in board.section(Section.DANGER) if board.goal_of(d) is None]


def dangers_without_scale(board: Board) -> list[MapItem]:
    """Danger statements nobody has scaled yet."""
    scaled = {s.danger_id for s in board.scales}
    return [d for d in board.section(Section.DANGER) if d.id not in scaled]


def unpaired_goals(board: Board) -> list[MapItem]:
    """Safety goals no danger statement points at."""
    used = {d.goal_id for d in board.section(Section.DANGER)}
    return [g for g in board.section(Section.SAFETY_GOALS) if g.id not in used]


def board_warnings(board: Board) -> list[str]:
    """Plain-language warnings shown on the board (text, never colour alone)."""
    warnings = []
    unpaired = unpaired_dangers(board)
    if unpaired:
        n = len(unpaired)
        warnings.append(f"{n} danger statement{'s' if n != 1 else ''} without a safety goal")
    unscaled = dangers_without_scale(board)
    if unscaled:
        n = len(unscaled)
        warnings.append(f"{n} danger statement{'s' if n != 1 else ''} without a scale")
    return warnings


def validate_text(text: str) -> list[Problem]:
    """Text is kept exactly as typed (it may be empty while being typed); only its length is limited."""
    if len(text) > MAX_ITEM_TEXT:
        return [Problem("text", f"Use at most {MAX_ITEM_TEXT} characters in one item.")]
    return character_problems({"text": text}, multi=("text",))


def validate_source(source: str) -> list[Problem]:
    if len(source) > MAX_SOURCE:
        return [Problem("source", f"Use at most {MAX_SOURCE} characters for who said it.")]
    return character_problems({"source": source}, single=("source",))


def validate_scale(participant: str, score: int, reason: str) -> list[Problem]:
    problems = []
    if is_blank(participant):
        problems.append(Problem("participant", "Say whose judgement this is (for example Family, Police)."))
    elif len(participant) > MAX_PARTICIPANT:
        problems.append(Problem("participant", f"Use at most {MAX_PARTICIPANT} characters."))
    problems += character_problems(
        {"participant": participant, "reason": reason}, single=("participant",), multi=("reason",)
    )
    if not SCALE_MIN <= score <= SCALE_MAX:
        problems.append(Problem("score", f"The scale runs from {SCALE_MIN} to {SCALE_MAX}."))
    if len(reason) > MAX_REASON:
        problems.append(Problem("reason", f"Use at most {MAX_REASON} characters for the reason."))
    return problems


def next_section(section: Section, step: int = 1) -> Section:
    """The section before or after, in board order, wrapping round."""
    index = SECTION_ORDER.index(section)
    return SECTION_ORDER[(index + step) % len(SECTION_ORDER)]


def moved(order: list[str], item_id: str, index: int) -> list[str]:
    """Ids in a section after moving one to an index (clamped). Pure helper for reordering."""
    rest = [i for i in order if i != item_id]
    index = max(0, min(index, len(rest)))
    return rest[:index] + [item_id] + rest[index:]


def carry_plan(previous: Iterable[MapItem], already: Iterable[str]) -> list[MapItem]:
    """The previous map's items still to carry forward (skips those already carried), in board order."""
    done = set(already)
    items = [i for i in previous if i.id not in done]
    return sorted(items, key=lambda i: (SECTION_ORDER.index(i.section), i.order))
