"""'Today and due' from its candidates (pure): what each kind of conference contributes."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.clocks import ClockRules, ClockState
from iro_desktop.domain.conference import Conference, ConferenceStatus, ConferenceType
from iro_desktop.domain.family import Family
from iro_desktop.domain.today import Candidate, overview_of

CAL = WorkingDayCalendar()
RULES = ClockRules()
TODAY = date(2026, 11, 23)
FAMILIES = {"f1": Family("f1", "R-1", "Xu")}


def _conference(cid: str, status: ConferenceStatus, day: date, **more: object) -> Conference:
    held = day if status is ConferenceStatus.HELD else None
    fields: dict[str, object] = {
        "id": cid,
        "family_id": "f1",
        "conference_type": ConferenceType.INITIAL,
        "clock_start": day - timedelta(days=14),
        "scheduled_date": day,
        "start_time": None,
        "venue": "",
        "status": status,
        "chair_name": "",
        "held_on": held,
    }
    return Conference(**(fields | more))  # type: ignore[arg-type]


def _overview(*candidates: Candidate, horizon: int = 60):  # type: ignore[no-untyped-def]
    return overview_of(TODAY, RULES, CAL, candidates, FAMILIES, {}, {}, horizon)


def test_a_review_is_listed_only_when_owed():
    held = _conference("c1", ConferenceStatus.HELD, TODAY - timedelta(days=200), record_distributed_on=TODAY)
    assert [i.what for i in _overview(Candidate(held, owes_review=True)).out_of_timescale] == [
        "Review conference not booked"
    ]
    assert _overview(Candidate(held, owes_review=False)).out_of_timescale == ()


def test_a_held_conference_without_its_record_is_to_distribute():
    held = _conference("c1", ConferenceStatus.HELD, TODAY - timedelta(days=40))
    overview = _overview(Candidate(held))
    (record,) = overview.records_due
    assert record.state is ClockState.OVERDUE
    assert record.family_reference == "R-1"
    assert "1 record to distribute (1 overdue)" in overview.summary


def test_an_open_conference_past_its_date_must_be_recorded():
    booked = _conference("c1", ConferenceStatus.SCHEDULED, TODAY - timedelta(days=2), lateness_reason="x")
    (item,) = _overview(Candidate(booked)).out_of_timescale
    assert item.state in (ClockState.OVERDUE, ClockState.LATE)
    assert _overview(Candidate(booked)).upcoming == ()


@given(st.integers(min_value=-5, max_value=90), st.integers(min_value=0, max_value=90))
def test_coming_up_means_from_today_to_the_horizon(days_ahead, horizon):
    day = TODAY + timedelta(days=days_ahead)
    booked = _conference("c1", ConferenceStatus.SCHEDULED, day, clock_start=TODAY - timedelta(days=1))
    listed = len(_overview(Candidate(booked), horizon=horizon).upcoming) == 1
    assert listed == (0 <= days_ahead <= horizon)
