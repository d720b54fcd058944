"""The check before a family member's copy leaves (issue 18 item 4): each kind of third-party detail is
found with its place; release is refused until every flag is answered (and signed off when required)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.audience import ReaderKind
from iro_desktop.domain.disclosure import (
    Answer,
    FlagKind,
    OtherPerson,
    Passage,
    Target,
    find_flags,
    names_outside,
    release_problems,
)
from iro_desktop.domain.distribution import CopyAudience, copy_mark, reader_for

RECORD = [
    Passage("Meeting details: where", "Civic Centre"),
    Passage(
        "What we are worried about, item 1",
        "Dad's new partner lives at 14 Acacia Avenue, LS6 2QT.",
        Target("map_item", "m1"),
    ),
    Passage("What is going well, item 1", "Grandma rings on 07700 900123 every evening."),
    Passage("What the children told us, item 1", "Contact the aunt at aunt.kaur@example.org."),
    Passage("The people around the family, item 1", "Auntie Jas Kaur collects them from school."),
    Passage("Decision 1: reasons", "The partner's son (born 3 March 2008) has a police caution."),
    Passage("Plan action 1", "Refer to MARAC before the core group."),
    Passage("Plan action 2", "Social worker visits weekly."),
]
PEOPLE = [
    OtherPerson("p-mum", "Anna Nowak", True, "home-1"),
    OtherPerson("p-child", "Zoë Nowak", True, "home-1"),
    OtherPerson("p-aunt", "Jas Kaur", True, "home-2"),
    OtherPerson("p-sw", "Priya Raman", False),
]


def _flags():
    names = names_outside(PEOPLE, "p-mum")
    return find_flags(RECORD, names, words=["MARAC"])


def test_each_kind_is_found_with_its_place():
    found = {(f.kind, f.place, f.found) for f in _flags()}
    assert found == {
        (FlagKind.ADDRESS, "What we are worried about, item 1", "14 Acacia Avenue"),
        (FlagKind.POSTCODE, "What we are worried about, item 1", "LS6 2QT"),
        (FlagKind.PHONE, "What is going well, item 1", "07700 900123"),
        (FlagKind.EMAIL, "What the children told us, item 1", "aunt.kaur@example.org"),
        (FlagKind.NAME, "The people around the family, item 1", "Jas Kaur"),
        (FlagKind.BIRTH_DATE, "Decision 1: reasons", "3 March 2008"),
        (FlagKind.WORD, "Plan action 1", "MARAC"),
    }


def test_a_map_item_flag_can_be_held_back_there_and_then():
    by_place = {f.place: f for f in _flags()}
    assert by_place["What we are worried about, item 1"].restrictable
    assert by_place["What we are worried about, item 1"].target == Target("map_item", "m1")
    assert not by_place["Decision 1: reasons"].restrictable


def test_household_names_and_professionals_are_not_flagged():
    assert names_outside(PEOPLE, "p-mum") == ["Jas Kaur"]
    # Someone not among the people (typed by name): every family member is outside their household.
    assert names_outside(PEOPLE, None) == ["Anna Nowak", "Zoë Nowak", "Jas Kaur"]
    # A household not recorded is not taken as shared.
    unknown = [OtherPerson("p-mum", "Anna Nowak", True), OtherPerson("p-dad", "Tomasz Nowak", True)]
    assert names_outside(unknown, "p-mum") == ["Tomasz Nowak"]


def test_plain_text_raises_no_flag():
    plain = [Passage("Plan action 1", "Mum will take Zoë to the dentist by 5 January and tell the school.")]
    assert find_flags(plain, ["Jas Kaur"], ["MARAC"]) == []


def test_release_refused_until_every_flag_is_answered_then_signed_off():
    flags = _flags()
    answers: dict[str, Answer] = {}
    for flag in flags:
        problems = release_problems(flags, answers, sign_off_needed=False, signed_off_by="")
        assert [p.field for p in problems] == ["flags"]
        answers[flag.key] = Answer.FINE
    assert release_problems(flags, answers, False, "") == []
    assert [p.field for p in release_problems(flags, answers, True, "")] == ["sign_off"]
    assert release_problems(flags, answers, True, "Lee Ó Súilleabháin") == []


def test_an_answer_holds_while_the_words_stay_the_same():
    again = _flags()
    assert [f.key for f in again] == [f.key for f in _flags()]
    changed = find_flags([Passage("What is going well, item 1", "Grandma rings on 07700 900999.")])
    assert changed[0].key not in {f.key for f in again}


# --- properties ----------------------------------------------------------------------------------

_safe_words = st.lists(
    st.sampled_from(["the", "family", "visit", "school", "agreed", "weekly", "and"]), max_size=6
).map(" ".join)
_area = st.sampled_from(["LS", "M", "SW", "B", "EH", "CF", "NE", "W"])
_postcode = st.builds(
    lambda a, d, s, i, spaced: f"{a}{d}{' ' if spaced else ''}{s}{i}",
    _area,
    st.integers(1, 99),
    st.integers(0, 9),
    st.sampled_from(["AA", "QT", "XY", "NB"]),
    st.booleans(),
)
_mobile = st.builds(
    lambda digits, sep: "07" + digits[:3] + sep + digits[3:],
    st.text("0123456789", min_size=9, max_size=9),
    st.sampled_from([" ", "", "-"]),
)


@given(_safe_words, _postcode, _safe_words)
def test_any_uk_postcode_is_found(before, postcode, after):
    flags = find_flags([Passage("p", f"{before} {postcode} {after}")])
    assert (FlagKind.POSTCODE, postcode) in {(f.kind, f.found) for f in flags}


@given(_safe_words, _mobile, _safe_words)
def test_any_uk_mobile_is_found(before, number, after):
    flags = find_flags([Passage("p", f"{before} {number} {after}")])
    assert FlagKind.PHONE in {f.kind for f in flags}


@given(st.sets(st.integers(0, 6)))
def test_release_needs_exactly_every_flag_answered(answered):
    flags = _flags()
    answers = {flags[i].key: Answer.FINE for i in answered}
    assert (release_problems(flags, answers, False, "") == []) == (answered == set(range(len(flags))))


def test_copy_mark_and_reader():
    mark = copy_mark("Anna  Nowak", "Parent", CopyAudience.FAMILY)
    assert mark == "Copy for Anna Nowak (Parent) \u00b7 Audience: family, only what everyone may read"
    assert reader_for(CopyAudience.FAMILY, "p-mum").kind is ReaderKind.PERSON
    assert reader_for(CopyAudience.PROFESSIONAL, "p-sw").kind is ReaderKind.PROFESSIONAL
    assert CopyAudience.FAMILY.documents == ("family-version", "mapping-handout")
    assert CopyAudience.PROFESSIONAL.documents == ("record", "plan")


def test_phone_numbers_in_their_usual_forms():
    usual = ("07700 900123", "0113 496 0000", "+44 7700 900123", "+44 (0)113 496 0000", "020-7946-0000")
    for number in usual:
        flags = find_flags([Passage("p", f"Call {number}. Thanks")])
        assert [(f.kind, f.found) for f in flags] == [(FlagKind.PHONE, number)]
    assert find_flags([Passage("p", "Seen on 12/03/2019 at 10:30, case 2026/1234.")]) == []
