"""Which held conferences owe decision letters in the app (domain/letters.letters_not_owed): not those
held before the store gained the letters feature, nor imported history, unless a letter was recorded."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.clocks import ClockKind, ClockRules, ClockState, decision_letter_clock
from iro_desktop.domain.letters import LETTERS_FROM_KEY, NOT_OWED_BEFORE, NOT_OWED_HISTORY, letters_not_owed
from iro_desktop.domain.local_rules import LocalRules, decode, encode

CAL = WorkingDayCalendar()
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


@given(held=days, cut=st.none() | days, imported=st.booleans(), recorded=st.booleans())
def test_owed_exactly_when_recorded_or_held_in_app_on_or_after_the_day(held, cut, imported, recorded):
    reason = letters_not_owed(held, imported=imported, letters_from=cut, any_recorded=recorded)
    owed = recorded or (not imported and (cut is None or held >= cut))
    assert (reason == "") is owed
    if not owed:
        assert reason == (NOT_OWED_HISTORY if imported else NOT_OWED_BEFORE)


@given(
    cut=days, before=st.integers(min_value=1, max_value=4000), after=st.integers(min_value=0, max_value=4000)
)
def test_the_day_itself_and_later_owe_letters_earlier_days_do_not(cut, before, after):
    assert (
        letters_not_owed(cut + timedelta(days=after), imported=False, letters_from=cut, any_recorded=False)
        == ""
    )
    earlier = cut - timedelta(days=before)
    assert letters_not_owed(earlier, imported=False, letters_from=cut, any_recorded=False) == NOT_OWED_BEFORE


@given(held=days, cut=st.none() | days)
def test_imported_history_owes_none_whenever_it_was_held(held, cut):
    assert letters_not_owed(held, imported=True, letters_from=cut, any_recorded=False) == NOT_OWED_HISTORY


@given(held=days, today=days)
def test_a_conference_not_owing_letters_is_never_overdue(held, today):
    clock = decision_letter_clock(held, (None, None), ClockRules(), CAL, today, NOT_OWED_BEFORE)
    assert clock.kind is ClockKind.DECISION_LETTER
    assert clock.state is ClockState.NOT_APPLICABLE
    assert clock.detail == NOT_OWED_BEFORE
    assert clock.due is None


def test_the_day_is_read_from_the_local_rules_and_never_written_back():
    values = {LETTERS_FROM_KEY: '"2026-12-02"'}
    rules = decode(values)
    assert rules.letters_from == date(2026, 12, 2)
    assert LETTERS_FROM_KEY not in encode(rules)  # saving the rules dialog leaves it as it was
    assert decode({LETTERS_FROM_KEY: '"not a date"'}).letters_from is None
    assert decode({LETTERS_FROM_KEY: "12"}).letters_from is None
    assert decode({}).letters_from is None
    assert LocalRules().letters_from is None
