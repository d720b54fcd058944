"""One set of rules for text and dates, however they arrive: typed, in a conference file, or in a history
extract. The domain validators, the conference-file validation and the history import all call these.

Decisions (issue 13):
- Characters are refused, never silently stripped: a record must say exactly what was typed or sent, and a
  refused file leaves the store unchanged. The message names the character (as U+XXXX, never the raw
  character, so nothing is echoed to a terminal) and its position.
- Refused everywhere: C0 controls (U+0000-U+001F) except tab and line feed in multi-line text, DEL and C1
  controls (U+007F-U+009F, ESC included), bidi embeddings and overrides (U+202A-U+202E) and isolates
  (U+2066-U+2069), which can make a name display as something else, and lone surrogates (U+D800-U+DFFF,
  e.g. from a JSON "\\udc80" escape), which are not text at all. Carriage returns are refused too: the app
  stores line feeds only. The left-to-right and right-to-left marks (U+200E, U+200F, U+061C) are allowed:
  they are how Arabic-script text is typed.
- Blank: text made only of spaces, invisible format characters (zero-width space etc.) counts as empty,
  so a required field refuses it.
- Dates: 1900-01-01 to 2100-12-31 for every date a person enters or a file carries (dates of birth,
  expected dates, conference and action dates). Anything outside is a typing or data error, and far dates
  overflow date arithmetic (9999-12-31 plus a day).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

from iro_desktop.domain.errors import Problem

DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)

_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
_ALLOWED_IN_MULTILINE = frozenset({0x09, 0x0A})


def _is_surrogate(code: int) -> bool:
    return 0xD800 <= code <= 0xDFFF


def _refused(code: int, multiline: bool) -> str | None:
    """Why a character is refused, or None when it is allowed."""
    if code < 0x20:
        if multiline and code in _ALLOWED_IN_MULTILINE:
            return None
        return "a control character"
    if 0x7F <= code <= 0x9F:
        return "a control character"
    if code in _BIDI_CONTROLS:
        return "a bidirectional control character (it can make text display differently from what it says)"
    if _is_surrogate(code):
        return "a broken character (a lone surrogate, not valid text)"
    return None


def character_name(char: str) -> str:
    """U+001B ESCAPE, safe to print anywhere."""
    code = ord(char)
    name = unicodedata.name(char, "") if not _is_surrogate(code) else ""
    if not name and code < 0x20:
        name = {0x1B: "ESCAPE", 0x00: "NULL", 0x09: "TAB", 0x0D: "CARRIAGE RETURN", 0x0A: "LINE FEED"}.get(
            code, ""
        )
    return f"U+{code:04X}" + (f" {name}" if name else "")


_REFUSED_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_REFUSED_MULTI_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def bad_character(text: str, *, multiline: bool = True) -> tuple[int, str, str] | None:
    """(position from 1, U+XXXX name, why) of the first refused character, or None."""
    found = (_REFUSED_MULTI_LINE if multiline else _REFUSED_ONE_LINE).search(text)
    if found is None:
        return None
    char = found.group()
    why = _refused(ord(char), multiline)
    assert why is not None
    return found.start() + 1, character_name(char), why


def character_message(text: str, *, multiline: bool = True) -> str | None:
    """The message for the first refused character, or None when every character is allowed."""
    found = bad_character(text, multiline=multiline)
    if found is None:
        return None
    position, name, why = found
    return f"Character {position} is {why} ({name}); remove it."


def is_blank(text: str) -> bool:
    """Nothing visible: only spaces, line breaks and invisible format characters."""
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Zs", "Zl", "Zp", "Cc") for c in text)


def safe_text(text: str) -> str:
    """The text with every refused character shown as \\uXXXX (for messages and logs; never stored)."""
    return _REFUSED_MULTI_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def text_problems(
    field: str, text: str, *, required: str | None = None, multiline: bool = False, limit: int | None = None
) -> list[Problem]:
    """Problems with one text field: blank when `required` (its message), refused characters, length."""
    problems: list[Problem] = []
    if required is not None and is_blank(text):
        problems.append(Problem(field, required))
    message = character_message(text, multiline=multiline)
    if message is not None:
        problems.append(Problem(field, message))
    if limit is not None and len(text) > limit:
        problems.append(Problem(field, f"Use at most {limit} characters."))
    return problems


def date_in_range(day: date | datetime) -> bool:
    value = day.date() if isinstance(day, datetime) else day
    return DATE_MIN <= value <= DATE_MAX


def date_problems(field: str, day: date | datetime | None, what: str = "The date") -> list[Problem]:
    """A date outside 1900-01-01..2100-12-31 is refused (None is left to the caller's own rules)."""
    if day is None or date_in_range(day):
        return []
    shown = (day.date() if isinstance(day, datetime) else day).isoformat()  # %Y drops a year's zeros
    return [Problem(field, range_message(shown, what))]


def range_message(shown: str, what: str = "The date") -> str:
    """The one wording of a date outside the accepted range (typing, files and extracts)."""
    return f"{what} {shown} is {OUTSIDE_RANGE}."


OUTSIDE_RANGE = f"outside the dates IRO Desktop accepts ({DATE_MIN:%d %b %Y} to {DATE_MAX:%d %b %Y})"


def character_problems(
    values: object, single: tuple[str, ...] = (), multi: tuple[str, ...] = ()
) -> list[Problem]:
    """Refused characters in the named text fields of a dataclass (or a mapping): one-line fields allow
    no control character at all, multi-line ones allow tab and line feed."""
    problems: list[Problem] = []
    for names, multiline in ((single, False), (multi, True)):
        for name in names:
            value = values.get(name) if isinstance(values, dict) else getattr(values, name, None)
            if isinstance(value, str):
                message = character_message(value, multiline=multiline)
                if message is not None:
                    problems.append(Problem(name, message))
    return problems


# Letters NFKD does not take apart into a base letter and an accent.
_FOLD_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)


@lru_cache(maxsize=1 << 16)
def search_key(text: str) -> str:
    """Text as search compares it, the same whatever the database: case and accents ignored ("o briain"
    finds "Ó Briain", "lukasz" finds "Łukasz"), spaces collapsed. Cached: the register folds the same
    names at every keystroke."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.translate(_FOLD_LETTERS).split())
