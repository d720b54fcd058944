"""Who may read a piece of content (issue 18): everyone, professionals only, or everyone except named
people, with the reason it is held back. Pure rules; the map items carry one each for now.

Decisions:
- The room (the projector, a handout given to everyone present) counts as a family reader: it sees only
  what everyone may read. An item kept from named people is kept from the room too, since they may be in it.
- A professional reads professionals-only content, but not content kept from them by name.
- The reason may be left to be given later (the one keystroke restricts at once, mid-meeting); the mark
  then says so. "Other" needs its words.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass

from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, is_blank

MAX_REASON_WORDS = 200
MARK_GLYPH = "\u2298"  # CIRCLED DIVISION SLASH: in DejaVu Sans (the padlock emoji is tofu there)


class AudienceKind(enum.StrEnum):
    EVERYONE = "everyone"
    PROFESSIONALS = "professionals"
    EXCEPT = "except"  # everyone except the people named

    @property
    def label(self) -> str:
        return {
            "everyone": "Everyone",
            "professionals": "Professionals only",
            "except": "Not to be shared with named people",
        }[self.value]


class Reason(enum.StrEnum):
    THIRD_PARTY = "third_party"
    POLICE = "police"
    ADDRESS = "address"
    HEALTH = "health"
    CHILDS_WISH = "childs_wish"
    OUT_OF_ROOM = "out_of_room"  # captured while the person was out of the room (set by the app)
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "third_party": "Third-party information",
            "police": "Police information",
            "address": "Address or location",
            "health": "Health information",
            "childs_wish": "The child's wish",
            "out_of_room": "Said while they were out of the room",
            "other": "Other",
        }[self.value]


class ReaderKind(enum.StrEnum):
    ROOM = "room"  # everyone present, the family included: the projector, the handout
    PROFESSIONAL = "professional"
    PERSON = "person"  # a named person who is not a professional (a parent, the child, a relative)


@dataclass(frozen=True)
class Reader:
    kind: ReaderKind
    person_id: str | None = None  # for a professional or a person: who they are, if known


ROOM = Reader(ReaderKind.ROOM)


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind = AudienceKind.EVERYONE
    excluded: tuple[str, ...] = ()  # person ids, for EXCEPT
    reason: Reason | None = None
    reason_words: str = ""  # for OTHER

    @property
    def restricted(self) -> bool:
        return self.kind is not AudienceKind.EVERYONE


EVERYONE = Audience()


def audience(
    kind: AudienceKind,
    excluded: Iterable[str] = (),
    reason: Reason | None = None,
    reason_words: str = "",
) -> Audience:
    """An audience in its one stored form: everyone carries nothing else; excluded ids sorted, unique;
    reason words only for "other"."""
    if kind is AudienceKind.EVERYONE:
        return EVERYONE
    people = tuple(sorted(set(excluded))) if kind is AudienceKind.EXCEPT else ()
    words = " ".join(reason_words.split()) if reason is Reason.OTHER else ""
    return Audience(kind, people, reason, words)


def may_read(item: Audience, reader: Reader) -> bool:
    """Whether `reader` may read content with this audience."""
    if item.kind is AudienceKind.EVERYONE:
        return True
    if reader.kind is ReaderKind.ROOM:
        return False
    named = reader.person_id is not None and reader.person_id in item.excluded
    if item.kind is AudienceKind.PROFESSIONALS:
        return reader.kind is ReaderKind.PROFESSIONAL and not named
    return not named


def kept_from(item: Audience, people: Iterable[str]) -> Audience:
    """The audience of content captured while `people` were out of the room: kept from them as well.
    Content for everyone becomes "not to be shared with" them (reason: out of the room); content already
    kept from others keeps its reason and adds them; professionals-only content stays as it is (no family
    member reads it)."""
    out = tuple(people)
    if not out or item.kind is AudienceKind.PROFESSIONALS:
        return item
    if item.kind is AudienceKind.EVERYONE:
        return audience(AudienceKind.EXCEPT, out, Reason.OUT_OF_ROOM)
    return audience(AudienceKind.EXCEPT, (*item.excluded, *out), item.reason, item.reason_words)


def validate_audience(item: Audience, people: Iterable[str] | None = None) -> list[Problem]:
    """Problems per field: `excluded` (who), `reason_words`. `people`: the conference's people's ids."""
    problems: list[Problem] = []
    if item.kind is AudienceKind.EXCEPT:
        if not item.excluded:
            problems.append(Problem("excluded", "Choose who must not read it."))
        elif people is not None:
            known = set(people)
            if any(p not in known for p in item.excluded):
                problems.append(Problem("excluded", "Choose people from this conference."))
    elif item.excluded:
        problems.append(Problem("excluded", "Only \u201cnot to be shared with\u201d names people."))
    if item.reason is Reason.OTHER:
        if is_blank(item.reason_words):
            problems.append(Problem("reason_words", "Say in a few words why it is held back."))
        elif len(item.reason_words) > MAX_REASON_WORDS:
            problems.append(Problem("reason_words", f"Use at most {MAX_REASON_WORDS} characters."))
        problems += character_problems({"reason_words": item.reason_words}, single=("reason_words",))
    return problems


def reason_text(item: Audience) -> str:
    if item.reason is None:
        return "no reason given yet"
    if item.reason is Reason.OTHER and item.reason_words:
        return item.reason_words
    return item.reason.label.lower() if item.reason is not Reason.CHILDS_WISH else "the child's wish"


def mark_words(item: Audience, names: dict[str, str] | None = None) -> str:
    """The mark in words, e.g. "Professionals only: police information" or "Not to be shared with
    Father: address or location". Empty for everyone."""
    if not item.restricted:
        return ""
    if item.kind is AudienceKind.PROFESSIONALS:
        head = "Professionals only"
    else:
        known = names or {}
        who = ", ".join(known.get(p, "someone named") for p in item.excluded) or "named people"
        head = f"Not to be shared with {who}"
    return f"{head}: {reason_text(item)}"


# --- stored form ---------------------------------------------------------------------------------


def excluded_json(item: Audience) -> str:
    return json.dumps(list(item.excluded))


def from_stored(kind: str, excluded: str, reason: str, reason_words: str) -> Audience:
    """From the map item's columns (old rows: everyone)."""
    try:
        people = [str(p) for p in json.loads(excluded or "[]")]
    except ValueError:
        people = []
    return audience(
        AudienceKind(kind or AudienceKind.EVERYONE.value),
        people,
        Reason(reason) if reason else None,
        reason_words,
    )
