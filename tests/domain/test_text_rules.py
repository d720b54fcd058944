"""The one set of rules for text and dates (issue 13), property-tested: no Qt, no store."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.text_rules import (
    DATE_MAX,
    DATE_MIN,
    bad_character,
    character_message,
    date_problems,
    is_blank,
    safe_text,
    text_problems,
)

REFUSED = (
    {chr(c) for c in range(0x20) if c not in (0x09, 0x0A)}
    | {chr(c) for c in range(0x7F, 0xA0)}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)


@given(st.text())
def test_a_text_is_refused_exactly_when_it_holds_a_refused_character(text):
    refused = any(c in REFUSED or 0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert (character_message(text) is not None) == refused
    assert bad_character(safe_text(text)) is None  # the escaped form is always safe to print


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_one_line_fields_also_refuse_tab_and_line_feed(text):
    multi = character_message(text) is not None
    one_line = character_message(text, multiline=False) is not None
    assert one_line == (multi or "\t" in text or "\n" in text)


def test_the_message_names_the_character_and_its_place_without_echoing_it():
    message = character_message("Zoë\x1b[31m")
    assert message == "Character 4 is a control character (U+001B ESCAPE); remove it."
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in (character_message("abc\u202e") or "")
    assert "lone surrogate" in (character_message("\udc80") or "")
    assert character_message("محمد\u200f علي") is None  # right-to-left mark: how Arabic is typed


def test_blank_means_nothing_visible():
    for blank in ("", "   ", "\u200b", "\u00a0\u2003", "\t\n", "\u2060"):
        assert is_blank(blank)
    assert not is_blank(" a ")
    assert text_problems("name", "\u200b ", required="Enter a name.") == [
        text_problems("name", "", required="Enter a name.")[0]
    ]


@given(st.dates())
def test_dates_outside_1900_to_2100_are_refused(day):
    assert (date_problems("d", day) == []) == (DATE_MIN <= day <= DATE_MAX)
