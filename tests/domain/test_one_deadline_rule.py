"""One rule for each deadline: the clock a screen shows (booking form, the conference strip, Today and
due all read `conference_clocks`) and the annual report's timeliness rule give the same due date and the
same verdict, over random dates including bank holidays and 29 February."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.clocks import (
    ClockKind,
    ClockRules,
    ClockState,
    ConferenceFacts,
    book_by,
    conference_clocks,
)
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.reports.facts import ConferenceFact
from iro_desktop.reports.rules import ReportRules
from iro_desktop.reports.timeliness import icpc_deadline, review_due

CAL = WorkingDayCalendar()
CLOCKS = ClockRules()
REPORT = ReportRules()
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
offsets = st.integers(min_value=-40, max_value=240)
previous_kinds = st.sampled_from(
    [
        ConferenceType.INITIAL,
        ConferenceType.INITIAL_PRE_BIRTH,
        ConferenceType.FIRST_REVIEW,
        ConferenceType.REVIEW,
    ]
)


def screen_clock(kind: ConferenceType, start: date, held: date) -> tuple[date | None, ClockState]:
    facts = ConferenceFacts(conference_type=kind, clock_start=start, scheduled_date=held, held_on=held)
    clock = next(c for c in conference_clocks(facts, CLOCKS, CAL, held) if c.kind is ClockKind.CONFERENCE)
    return clock.due, clock.state


@given(previous_kinds, days, offsets)
@example(ConferenceType.INITIAL, date(2023, 11, 29), 91)  # due 29 Feb 2024
@example(ConferenceType.REVIEW, date(2027, 8, 31), 182)  # due 29 Feb 2028, clamped
@example(ConferenceType.REVIEW, date(2026, 6, 25), 183)  # due on Christmas Day 2026
@example(ConferenceType.INITIAL, date(2026, 11, 30), 90)  # due on a Sunday: held the Monday after
def test_review_clock_and_report_agree(previous_kind, previous_held, offset):
    review_kind = ConferenceType.FIRST_REVIEW if previous_kind.is_initial else ConferenceType.REVIEW
    held = previous_held + timedelta(days=max(offset, 1))
    due, state = screen_clock(review_kind, previous_held, held)
    previous = ConferenceFact(
        id="p",
        family_id="f",
        conference_type=previous_kind.value,
        scheduled_on=previous_held,
        held_on=previous_held,
    )
    assert due == review_due(previous, REPORT)
    report_in_time = held <= review_due(previous, REPORT)
    assert (state is ClockState.MET) == report_in_time
    assert (state is ClockState.LATE) == (not report_in_time)
    # The booking hint is never after the due date, and is a working day.
    assert due is not None
    assert book_by(due, CAL) <= due
    assert CAL.is_working_day(book_by(due, CAL))


@given(st.sampled_from([ConferenceType.INITIAL, ConferenceType.INITIAL_PRE_BIRTH]), days, offsets)
@example(ConferenceType.INITIAL, date(2027, 3, 22), 23)  # across Easter 2027
def test_initial_clock_and_report_agree(kind, clock_start, offset):
    held = clock_start + timedelta(days=max(offset, 0))
    due, state = screen_clock(kind, clock_start, held)
    fact = ConferenceFact(
        id="c",
        family_id="f",
        conference_type=kind.value,
        scheduled_on=held,
        held_on=held,
        clock_start=clock_start,
    )
    assert due == icpc_deadline(fact, REPORT)
    assert (state is ClockState.MET) == (held <= due)
