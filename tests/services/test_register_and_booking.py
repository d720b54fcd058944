"""Register editing, booking, status changes, clocks, attendance and quoracy through the services, on a
real migrated SQLite store. Bad input raises ValidationError and stores nothing."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from iro_desktop.domain.attendance import AdvocacyAnswer, Attendance
from iro_desktop.domain.clocks import ClockKind, ClockRules, ClockState
from iro_desktop.domain.conference import ConferenceStatus, ConferenceType
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.local_rules import LocalRules
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.domain.quoracy import QuoracyRule
from iro_desktop.services.demo import load_demo
from tests.conftest import TODAY


def _family(services, *children: ChildInput):
    kids = list(children) or [ChildInput("Zoë", "Brontë", date(2019, 5, 1), gender=Gender.FEMALE)]
    return services.families.create_family("LA-1", "Brontë family", kids)


def _counts(services) -> tuple[int, int, int]:
    families = services.families.search()
    return (len(families), sum(len(f.children) for f in families), len(services.conferences.all()))


# Bad input: an inline message and nothing stored.


def test_birth_date_in_the_future_is_refused_and_nothing_stored(services):
    with pytest.raises(ValidationError) as caught:
        _family(services, ChildInput("Zoë", "Brontë", TODAY + timedelta(days=1)))
    assert caught.value.for_field("children[0].date_of_birth") == [
        "The date of birth cannot be in the future."
    ]
    assert _counts(services) == (0, 0, 0)


def test_unborn_child_without_expected_date_is_refused(services):
    family = _family(services)
    with pytest.raises(ValidationError) as caught:
        services.families.add_child(family.id, ChildInput("", "Brontë", unborn=True))
    assert caught.value.for_field("expected_date")
    assert len(services.families.get(family.id).children) == 1


def test_conference_before_its_start_date_is_refused(services):
    family = _family(services)
    with pytest.raises(ValidationError) as caught:
        services.conferences.book(
            family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY + timedelta(days=3)
        )
    assert caught.value.for_field("scheduled_date") == ["The conference cannot be before its start date."]
    assert services.conferences.all() == []


def test_review_with_no_earlier_conference_is_refused(services):
    family = _family(services)
    with pytest.raises(ValidationError) as caught:
        services.conferences.book(family.id, ConferenceType.FIRST_REVIEW, TODAY + timedelta(days=10))
    assert caught.value.for_field("previous_conference")
    assert services.conferences.all() == []


def test_advocacy_answer_required_for_child_aged_ten_plus(services):
    family = _family(services, ChildInput("Siobhán", "Ó Súilleabháin", date(2015, 1, 2)))
    child = family.children[0]
    with pytest.raises(ValidationError) as caught:
        services.conferences.book(
            family.id, ConferenceType.INITIAL, TODAY + timedelta(days=5), clock_start=TODAY
        )
    assert caught.value.for_field(f"advocacy[{child.id}]")
    assert services.conferences.all() == []
    booked = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        TODAY + timedelta(days=5),
        clock_start=TODAY,
        advocacy={child.id: (AdvocacyAnswer.ACCEPTED.value, "")},
    )
    assert services.conferences.advocacy(booked.id)[0].answer is AdvocacyAnswer.ACCEPTED


def test_late_booking_needs_a_reason(services):
    family = _family(services)
    start = date(2026, 11, 2)  # due Mon 23 Nov
    with pytest.raises(ValidationError) as caught:
        services.conferences.book(family.id, ConferenceType.INITIAL, date(2026, 11, 25), clock_start=start)
    assert "Say why it is late" in caught.value.for_field("lateness_reason")[0]
    booked = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 11, 25),
        clock_start=start,
        lateness_reason="Late request",
    )
    assert booked.lateness_reason == "Late request"


# Register editing.


def test_edit_family_child_and_record_birth(services):
    family = _family(services)
    services.families.update_family(family.id, "LA-1b", "Brontë–Wójcik family")
    child = services.families.add_child(
        family.id, ChildInput("", "Wójcik", unborn=True, expected_date=TODAY + timedelta(days=30))
    ).children[1]
    with pytest.raises(ValidationError):
        services.families.record_birth(child.id, TODAY + timedelta(days=1))
    born = services.families.record_birth(child.id, TODAY - timedelta(days=1), "Łucja")
    assert not born.unborn
    assert born.full_name == "Łucja Wójcik"
    assert born.expected_date == TODAY + timedelta(days=30)
    edited = services.families.update_child(
        family.children[0].id,
        ChildInput("Zoë", "Brontë", date(2019, 5, 1), ethnicity_code="WBRI", disability=True),
    )
    assert edited.disability
    assert services.families.search("LA-1b")[0].name == "Brontë–Wójcik family"
    assert services.families.search("Łucja")[0].id == family.id


def test_repeat_plan_summary(services):
    family = _family(services)
    child = family.children[0]
    services.families.add_previous_plan(child.id, date(2020, 1, 6), date(2021, 2, 1), "neglect")
    services.families.add_previous_plan(child.id, date(2023, 1, 6), date(2025, 2, 3), "physical")
    summary = services.families.repeat_plans(family.id)[child.id]
    assert (summary.previous_plans, summary.last_ended) == (2, date(2025, 2, 3))
    with pytest.raises(ValidationError):
        services.families.add_previous_plan(child.id, date(2024, 1, 1), date(2023, 1, 1), "neglect")
    assert services.families.repeat_plans(family.id)[child.id].previous_plans == 2


# Status, clocks, attendance and quoracy.


def _people(services, family_id: str) -> dict[str, str]:
    csc = services.people.add_agency("Children’s Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE)
    police = services.people.add_agency("Police", AgencyKind.POLICE)
    health = services.people.add_agency("Health", AgencyKind.HEALTH)
    return {
        "sw": services.people.add_person(PersonInput("Amara Okafor", Role.SOCIAL_WORKER, csc.id)).id,
        "police": services.people.add_person(PersonInput("DC Siân Evans", Role.POLICE, police.id)).id,
        "hv": services.people.add_person(PersonInput("Ruth Abernathy", Role.HEALTH_VISITOR, health.id)).id,
        "mum": services.people.add_person(
            PersonInput("Katarzyna Wójcik", Role.PARENT, family_id=family_id)
        ).id,
    }


def test_attendance_drives_quoracy_and_override(services):
    family = _family(services)
    people = _people(services, family.id)
    booked = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        TODAY + timedelta(days=3),
        clock_start=TODAY - timedelta(days=5),
        start_time=time(10),
        invite=list(people.values()),
        invited_on=TODAY - timedelta(days=1),
    )
    invitations = {i.person_id: i for i in services.attendance.invitations(booked.id)}
    assert invitations[people["mum"]].role is Role.PARENT
    assert not services.quoracy.assess(booked.id).quorate
    services.attendance.set_attendance(invitations[people["sw"]].id, Attendance.ATTENDED)
    services.attendance.set_attendance(invitations[people["police"]].id, Attendance.ATTENDED)
    result = services.quoracy.assess(booked.id)
    assert (result.quorate, result.other_needed) == (False, 1)
    with pytest.raises(ValidationError):
        services.quoracy.record_override(booked.id, "  ")
    assert services.quoracy.record_override(booked.id, "Health report received in full").may_proceed
    services.attendance.set_attendance(invitations[people["hv"]].id, Attendance.ATTENDED)
    assert services.quoracy.assess(booked.id).quorate
    with pytest.raises(ValidationError):
        services.attendance.set_attendance(invitations[people["mum"]].id, Attendance.EXCLUDED, "")
    assert services.attendance.get(invitations[people["mum"]].id).attendance is Attendance.EXPECTED
    excluded = services.attendance.set_attendance(
        invitations[people["mum"]].id, Attendance.EXCLUDED, "Risk of violence to a professional"
    )
    assert excluded.exclusion_reason == "Risk of violence to a professional"
    # Rules are configurable: one other agency is enough.
    rules = services.rules.get()
    services.rules.save(LocalRules(rules.clocks, QuoracyRule(min_other_agencies=1), rules.stood_down_reasons))
    services.attendance.set_attendance(invitations[people["hv"]].id, Attendance.APOLOGIES)
    assert services.quoracy.assess(booked.id).quorate


def test_clocks_follow_reports_police_and_holding(services):
    family = _family(services)
    people = _people(services, family.id)
    booked = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 11, 25),
        clock_start=date(2026, 11, 9),
        invite=[people["police"]],
    )
    clocks = {c.kind: c for c in services.clocks.for_conference(booked.id)}
    assert clocks[ClockKind.CONFERENCE].due == date(2026, 11, 30)
    assert clocks[ClockKind.REPORT_TO_PARENTS].state is ClockState.DUE_SOON
    assert clocks[ClockKind.POLICE_INVITATION].state is ClockState.OVERDUE  # due 18 Nov, not sent
    police = services.attendance.invitations(booked.id)[0]
    services.attendance.set_invited_on(police.id, date(2026, 11, 20))
    services.conferences.record_reports(booked.id, date(2026, 11, 20), date(2026, 11, 23))
    clocks = {c.kind: c for c in services.clocks.for_conference(booked.id)}
    assert clocks[ClockKind.POLICE_INVITATION].state is ClockState.LATE
    assert clocks[ClockKind.REPORT_TO_PARENTS].state is ClockState.MET
    assert clocks[ClockKind.REPORT_TO_CHAIR].state is ClockState.MET
    with pytest.raises(ValidationError):
        services.conferences.record_reports(booked.id, TODAY + timedelta(days=1), None)


def test_mark_held_late_needs_reason_then_stand_down_and_rearrange(services):
    family = _family(services)
    first = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 10, 20), clock_start=date(2026, 10, 1)
    )
    with pytest.raises(ValidationError) as caught:
        services.conferences.mark_held(first.id, date(2026, 10, 23))  # due 22 Oct
    assert caught.value.for_field("lateness_reason")
    assert services.conferences.get(first.id).status is ConferenceStatus.SCHEDULED
    with pytest.raises(ValidationError):
        services.conferences.mark_held(first.id, TODAY + timedelta(days=1))
    held = services.conferences.mark_held(first.id, date(2026, 10, 23), "Parent in hospital")
    assert (held.status, held.lateness_reason) == (ConferenceStatus.HELD, "Parent in hospital")
    review = services.conferences.book(family.id, ConferenceType.FIRST_REVIEW, date(2027, 1, 20))
    assert review.previous_conference_id == first.id
    assert review.clock_start == date(2026, 10, 23)
    again = services.conferences.book(
        family.id, ConferenceType.FIRST_REVIEW, date(2027, 1, 21), previous_conference_id=first.id
    )
    with pytest.raises(ValidationError):
        services.conferences.stand_down(review.id, "")
    with pytest.raises(ValidationError):
        services.conferences.stand_down(review.id, "other", "")
    stood = services.conferences.stand_down(review.id, "weather", "Snow", rearranged_to_id=again.id)
    assert (stood.status, stood.stood_down_reason, stood.rearranged_to_id) == (
        ConferenceStatus.STOOD_DOWN,
        "weather",
        again.id,
    )
    adjourned = services.conferences.adjourn(again.id, "court_outcome")
    assert adjourned.status is ConferenceStatus.ADJOURNED


def test_local_rules_round_trip_and_refuse_bad_values(services):
    assert services.rules.get() == LocalRules()
    changed = LocalRules(ClockRules(icpc_working_days=10, record_distribution_wd=10))
    assert services.rules.save(changed).clocks.icpc_working_days == 10
    with pytest.raises(ValidationError):
        services.rules.save(LocalRules(ClockRules(icpc_working_days=0)))
    assert services.rules.get().clocks.icpc_working_days == 10
    family = _family(services)
    assert services.conferences.due_date(family.id, ConferenceType.INITIAL, date(2026, 11, 2)) == date(
        2026, 11, 16
    )


def test_demo_today_and_due(services):
    load_demo(services.ctx)
    overview = services.clocks.today_and_due()
    assert [u.family_name for u in overview.upcoming] == [
        "Ó Súilleabháin-Wójcik / Al-Hashimi family",  # issue 12: the full-size family meets today
        "Brontë–Wójcik family",
        "Dvořák family",
    ]
    assert overview.out_of_timescale[0].state is ClockState.LATE
    assert overview.records_due[0].state is ClockState.OVERDUE
    assert "record" in overview.summary
    family = services.families.search("DEMO-0001")[0]
    assert services.families.repeat_plans(family.id)[family.children[0].id].previous_plans == 2
    assert load_demo(services.ctx) is None


def test_update_booking_details_checks_lateness_and_status(services):
    family = _family(services)
    booked = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 11, 20), clock_start=date(2026, 11, 2)
    )
    moved = services.conferences.update_details(
        booked.id, date(2026, 11, 23), time(14), "Room 4", "Priya Raman"
    )
    assert (moved.scheduled_date, moved.venue, moved.lateness_reason) == (date(2026, 11, 23), "Room 4", "")
    with pytest.raises(ValidationError) as caught:
        services.conferences.update_details(booked.id, date(2026, 11, 24))
    assert caught.value.for_field("lateness_reason")
    with pytest.raises(ValidationError):
        services.conferences.update_details(booked.id, date(2026, 10, 30))  # before the clock start
    assert services.conferences.get(booked.id).scheduled_date == date(2026, 11, 23)
    services.conferences.mark_held(booked.id, date(2026, 11, 23))
    with pytest.raises(ValidationError):
        services.conferences.update_details(booked.id, date(2026, 11, 23))
