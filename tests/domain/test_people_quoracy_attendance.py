"""Quoracy, attendance, advocacy, repeat plans, booking rules and local rules: pure domain tests."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.attendance import (
    AdvocacyAnswer,
    Attendance,
    Invitation,
    children_needing_advocacy,
    validate_advocacy,
    validate_attendance,
)
from iro_desktop.domain.conference import (
    BookingInput,
    Conference,
    ConferenceStatus,
    ConferenceType,
    validate_booking,
    validate_held,
)
from iro_desktop.domain.family import Child, Gender
from iro_desktop.domain.local_rules import LocalRules, decode, encode, reason_code
from iro_desktop.domain.people import (
    AgencyKind,
    PersonInput,
    PlanHistoryEntry,
    Role,
    ethnicity_group,
    repeat_plan_summary,
    validate_person,
)
from iro_desktop.domain.quoracy import QuoracyRule, assess

TODAY = date(2026, 11, 23)


def inv(
    n: int, kind: AgencyKind | None, attendance=Attendance.ATTENDED, agency: str | None = None
) -> Invitation:
    return Invitation(
        id=f"i{n}",
        conference_id="c",
        person_id=f"p{n}",
        person_name=f"Person {n}",
        role=Role.OTHER,
        agency_id=agency or (f"a{n}" if kind else None),
        agency_name=kind.label if kind else "",
        agency_kind=kind,
        invited_on=None,
        attendance=attendance,
    )


def test_default_rule_csc_plus_two_others():
    rule = QuoracyRule()
    only_csc = [inv(1, AgencyKind.CHILDRENS_SOCIAL_CARE), inv(2, AgencyKind.POLICE)]
    result = assess(only_csc, rule)
    assert not result.quorate
    assert result.other_needed == 1
    assert "⚠ Not quorate" in result.text
    assert "1 more agency needed" in result.text
    result = assess([*only_csc, inv(3, AgencyKind.HEALTH)], rule)
    assert result.quorate
    assert result.text.startswith("✔ Quorate")


def test_only_attendance_counts_and_each_agency_once():
    rule = QuoracyRule()
    people = [
        inv(1, AgencyKind.CHILDRENS_SOCIAL_CARE),
        inv(2, AgencyKind.POLICE),
        inv(3, AgencyKind.POLICE, agency="a2"),  # second officer, same force
        inv(4, AgencyKind.HEALTH, Attendance.SENT_REPORT),
        inv(5, AgencyKind.EDUCATION, Attendance.APOLOGIES),
        inv(6, None),  # a parent: no agency
    ]
    result = assess(people, rule)
    assert not result.quorate
    assert result.other_agencies == ("Police",)


def test_without_social_care_it_is_never_quorate():
    people = [
        inv(n, kind) for n, kind in enumerate([AgencyKind.POLICE, AgencyKind.HEALTH, AgencyKind.EDUCATION])
    ]
    result = assess(people, QuoracyRule())
    assert not result.quorate
    assert result.required_missing == ("Children's social care",)
    assert "children's social care not present" in result.text


def test_rule_is_configurable_and_override_recorded():
    people = [inv(1, AgencyKind.CHILDRENS_SOCIAL_CARE), inv(2, AgencyKind.POLICE)]
    assert assess(people, QuoracyRule(min_other_agencies=1)).quorate
    result = assess(people, QuoracyRule(), override_reason="Health sent a full report; family present.")
    assert not result.quorate
    assert result.may_proceed


@given(st.lists(st.sampled_from(list(AgencyKind)), max_size=8), st.integers(min_value=0, max_value=5))
def test_quorate_exactly_when_rule_met(kinds, minimum):
    people = [inv(n, kind) for n, kind in enumerate(kinds)]
    result = assess(people, QuoracyRule(min_other_agencies=minimum))
    has_csc = AgencyKind.CHILDRENS_SOCIAL_CARE in kinds
    others = len(kinds) - (1 if has_csc else 0)
    assert result.quorate == (has_csc and others >= minimum)


def child(cid: str, dob: date | None, unborn: bool = False) -> Child:
    return Child(
        cid,
        "f",
        "Zoë",
        "Brontë",
        dob,
        date(2027, 3, 1) if unborn else None,
        unborn,
        Gender.FEMALE,
        "",
        False,
        "",
    )


def test_advocacy_asked_for_every_child_aged_ten_or_over_on_booking_date():
    kids = [
        child("a", date(2016, 11, 23)),  # 10 today
        child("b", date(2016, 11, 24)),  # 10 tomorrow
        child("c", None, unborn=True),
    ]
    assert [c.id for c in children_needing_advocacy(kids, TODAY)] == ["a"]
    problems = validate_advocacy(kids, TODAY, {})
    assert [p.field for p in problems] == ["advocacy[a]"]
    assert validate_advocacy(kids, TODAY, {"a": (AdvocacyAnswer.ACCEPTED.value, "")}) == []
    problems = validate_advocacy(kids, TODAY, {"a": (AdvocacyAnswer.NOT_OFFERED.value, " ")})
    assert "Say why" in problems[0].message


def test_excluded_needs_a_reason():
    assert validate_attendance(Attendance.EXCLUDED, "")[0].field == "exclusion_reason"
    assert validate_attendance(Attendance.EXCLUDED, "Risk to the child's safety") == []
    assert validate_attendance(Attendance.ATTENDED, "") == []


def test_repeat_plans():
    history = [
        PlanHistoryEntry("1", "c", date(2019, 1, 10), date(2019, 9, 1), "neglect"),
        PlanHistoryEntry("2", "c", date(2023, 5, 2), date(2025, 3, 3), "emotional"),
    ]
    summary = repeat_plan_summary(history, TODAY)
    assert summary.previous_plans == 2
    assert summary.last_ended == date(2025, 3, 3)
    assert summary.within_24_months
    assert summary.text == "⟳ On a plan before: 2 times, last ended 03 Mar 2025 (within 24 months)"
    assert repeat_plan_summary([], TODAY).text == "No earlier plan recorded"
    assert repeat_plan_summary(history[:1], TODAY).text == "⟳ On a plan before: once, last ended 01 Sep 2019"


def _conference(day: date) -> Conference:
    return Conference(
        "p",
        "f",
        ConferenceType.INITIAL,
        date(2026, 6, 1),
        day,
        None,
        "",
        ConferenceStatus.HELD,
        "",
        held_on=day,
    )


def test_booking_rules():
    ok = BookingInput("f", ConferenceType.INITIAL, date(2026, 11, 30), clock_start=date(2026, 11, 16))
    assert validate_booking(ok, due=date(2026, 12, 7), previous=None, has_unborn_child=False) == []
    before = BookingInput("f", ConferenceType.INITIAL, date(2026, 11, 10), clock_start=date(2026, 11, 16))
    problems = validate_booking(before, due=date(2026, 12, 7), previous=None, has_unborn_child=False)
    assert [p.field for p in problems] == ["scheduled_date"]
    review = BookingInput("f", ConferenceType.FIRST_REVIEW, date(2027, 2, 1))
    problems = validate_booking(review, due=None, previous=None, has_unborn_child=False)
    assert [p.field for p in problems] == ["previous_conference"]
    late = BookingInput("f", ConferenceType.FIRST_REVIEW, date(2027, 3, 10))
    problems = validate_booking(
        late, due=date(2027, 3, 1), previous=_conference(date(2026, 12, 1)), has_unborn_child=False
    )
    assert [p.field for p in problems] == ["lateness_reason"]
    pre_birth = BookingInput(
        "f", ConferenceType.INITIAL_PRE_BIRTH, date(2026, 12, 1), clock_start=date(2026, 11, 20)
    )
    problems = validate_booking(pre_birth, due=None, previous=None, has_unborn_child=False)
    assert [p.field for p in problems] == ["conference_type"]


def test_held_rules():
    assert validate_held(date(2026, 11, 24), None, "", TODAY, TODAY)[0].field == "held_on"
    assert validate_held(TODAY, date(2026, 11, 20), "", TODAY, TODAY)[0].field == "lateness_reason"
    assert validate_held(TODAY, date(2026, 11, 20), "Interpreter booked late", TODAY, TODAY) == []


def test_people_rules_and_ethnicity():
    assert validate_person(PersonInput("DC Dvořák", Role.POLICE))[0].field == "agency_id"
    assert validate_person(PersonInput("Mum", Role.PARENT))[0].field == "family_id"
    assert validate_person(PersonInput("Mum", Role.PARENT, family_id="f")) == []
    assert ethnicity_group("APKN") == "Asian or Asian British"
    assert ethnicity_group("") == "Not stated"


def test_local_rules_round_trip_and_fall_back():
    rules = LocalRules()
    assert decode(encode(rules)) == rules
    assert decode({}) == rules
    assert decode({"clocks.icpc_working_days": "not json"}).clocks.icpc_working_days == 15
    assert reason_code("Snow — roads closed!") == "snow_roads_closed"
