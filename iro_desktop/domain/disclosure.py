"""The check before a family member's copy leaves (issue 18 item 4): what in it looks like third-party
information, each with its place, and whether every flag has been answered. Pure rules, no Qt.

What is looked for: UK postcodes and street addresses, telephone numbers, e-mail addresses, the names of
the conference's people outside the recipient's household, dates of birth, and the council's own list of
words (local rules). A flag's `key` is a digest of its kind, place and the words found, so an answer
holds while that text stays the same and a changed text is checked again.

Decisions:
- Professionals' names are not flagged (they are named in every record); family members' are, unless they
  are recorded in the recipient's household (or are the recipient): a household not recorded is not
  assumed shared.
- A date is a date of birth when "born", "DOB" or "date of birth" comes just before it.
- The words found are kept with the flag for the clerk to see; the audit holds only the kind, the place
  and the key (never the words).
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from iro_desktop.domain.errors import Problem


class FlagKind(enum.StrEnum):
    POSTCODE = "postcode"
    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    WORD = "word"

    @property
    def label(self) -> str:
        return {
            "postcode": "Postcode",
            "address": "Address",
            "phone": "Telephone number",
            "email": "E-mail address",
            "name": "Name of someone outside the household",
            "birth_date": "Date of birth",
            "word": "Word on the council's list",
        }[self.value]


class Answer(enum.StrEnum):
    FINE = "fine"  # fine to share with this recipient
    RESTRICTED = "restricted"  # the content was held back from this recipient

    @property
    def label(self) -> str:
        return {"fine": "Fine to share", "restricted": "Held back"}[self.value]


@dataclass(frozen=True)
class Target:
    """The content a passage comes from, so it can be held back there and then (kind "" : not yet)."""

    kind: str = ""  # e.g. "map_item"; empty when that content carries no audience of its own
    id: str = ""


@dataclass(frozen=True)
class Passage:
    """A piece of text in a copy and where it is: e.g. ("What are we worried about, item 2", "...")."""

    place: str
    text: str
    target: Target = Target()


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    place: str
    found: str  # the words that look like third-party information
    key: str
    target: Target = Target()

    @property
    def restrictable(self) -> bool:
        return bool(self.target.kind)


@dataclass(frozen=True)
class OtherPerson:
    """One of the conference's people, as the check sees them."""

    id: str
    name: str
    is_family: bool
    household: str = ""


# --- detectors -----------------------------------------------------------------------------------

# The UK postcode format (outward code, space optional, inward code), e.g. "LS1 4AP", "SW1A 1AA", "m11ae".
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s?[0-9][A-Z]{2}\b", re.IGNORECASE)
_STREETS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|crescent|place|gardens|terrace|grove|"
    "hill|park|square|mews|parade|vale|boulevard"
)
# A house number, one to three capitalised words, a street word: "14 Acacia Avenue", "3a Mill Lane".
ADDRESS = re.compile(
    rf"\b(?:flat\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+(?:(?-i:[A-Z])[\w'-]*\s+){{1,3}}(?:{_STREETS})\b",
    re.IGNORECASE,
)
# UK numbers: 07xxx xxxxxx, 01xxx/02x landlines, +44 forms, 0800/0300 lines; spaces, dots or dashes.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s.-]?){8,9}\d(?!\d)")
EMAIL = re.compile(r"\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
_DATE = rf"(?:{_NUMERIC_DATE}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}|\w{{3}})\.?\s+\d{{4}})"
BIRTH_DATE = re.compile(
    rf"\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth)[\s:,-]*({_DATE})", re.IGNORECASE
)


def _key(kind: FlagKind, place: str, found: str) -> str:
    data = f"{kind.value}\x1f{place}\x1f{' '.join(found.lower().split())}".encode()
    return hashlib.sha256(data).hexdigest()[:32]


def _flag(kind: FlagKind, passage: Passage, found: str) -> Flag:
    found = " ".join(found.split())
    return Flag(kind, passage.place, found, _key(kind, passage.place, found), passage.target)


def _matches(pattern: re.Pattern[str], text: str, group: int = 0) -> list[str]:
    return [m.group(group) for m in pattern.finditer(text)]


def names_outside(people: Iterable[OtherPerson], recipient_id: str | None) -> list[str]:
    """Family members who are neither the recipient nor known to share the recipient's household (an
    unrecorded household ("") is not taken as shared)."""
    everyone = list(people)
    me = next((p for p in everyone if p.id == recipient_id), None)
    home = me.household if me is not None else ""
    return [
        p.name
        for p in everyone
        if p.is_family and p.id != recipient_id and not (home and p.household == home) and p.name.strip()
    ]


def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(' '.join(word.split()))}(?!\w)", re.IGNORECASE)


def find_flags(
    passages: Sequence[Passage], names: Iterable[str] = (), words: Iterable[str] = ()
) -> list[Flag]:
    """Every flag in the passages, in their order; one flag per kind, place and words found."""
    name_patterns = [(n, _word_pattern(n)) for n in dict.fromkeys(n.strip() for n in names) if n]
    word_patterns = [(w, _word_pattern(w)) for w in dict.fromkeys(w.strip() for w in words) if w]
    out: list[Flag] = []
    seen: set[str] = set()
    for passage in passages:
        text = passage.text
        found: list[tuple[FlagKind, str]] = []
        found += [(FlagKind.POSTCODE, m) for m in _matches(POSTCODE, text)]
        found += [(FlagKind.ADDRESS, m) for m in _matches(ADDRESS, text)]
        emails = _matches(EMAIL, text)
        found += [(FlagKind.EMAIL, m) for m in emails]
        found += [(FlagKind.PHONE, m.strip()) for m in _matches(PHONE, text)]
        found += [(FlagKind.BIRTH_DATE, m) for m in _matches(BIRTH_DATE, text, 1)]
        found += [(FlagKind.NAME, n) for n, p in name_patterns if p.search(text)]
        found += [(FlagKind.WORD, w) for w, p in word_patterns if p.search(text)]
        for kind, words_found in found:
            flag = _flag(kind, passage, words_found)
            if flag.key not in seen:
                seen.add(flag.key)
                out.append(flag)
    return out


def unanswered(flags: Iterable[Flag], answers: dict[str, Answer]) -> list[Flag]:
    return [f for f in flags if f.key not in answers]


def release_problems(
    flags: Sequence[Flag], answers: dict[str, Answer], sign_off_needed: bool, signed_off_by: str
) -> list[Problem]:
    """Why a copy may not be released yet (empty: it may)."""
    problems: list[Problem] = []
    left = unanswered(flags, answers)
    if left:
        n = len(left)
        problems.append(
            Problem(
                "flags",
                f"{n} possible third-party detail{'s are' if n != 1 else ' is'} not answered yet: mark each "
                "fine to share or hold it back.",
            )
        )
    if sign_off_needed and not signed_off_by.strip():
        problems.append(Problem("sign_off", "A second person must sign off this copy before it is released."))
    return problems
