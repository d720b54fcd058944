"""Issue 19: quoracy judged at the moment of each decision (joins and leaves), how people took part, the
interpreter and supporter rules, the multi-agency child protection team, and who chairs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.attendance import (
    Attendance,
    Invitation,
    TookPart,
    validate_interpreter,
    validate_supporter,
    validate_times,
)
from iro_desktop.domain.chairing import Answer, Chairing, ChairRole, gave_reason, validate_chairing
from iro_desktop.domain.local_rules import LocalRules, decode, encode
from iro_desktop.domain.people import AgencyKind, PersonInput, Role, validate_person
from iro_desktop.domain.quoracy import QuoracyRule, assess

START = datetime(2026, 12, 2, 10, 0)


def person(
    n: int,
    kind: AgencyKind,
    joined: int | None = None,
    left: int | None = None,
    how: TookPart = TookPart.IN_ROOM,
    agency: str | None = None,
    discipline: AgencyKind | None = None,
    role: Role = Role.OTHER,
) -> Invitation:
    """Person n of an agency of `kind`, joined and left `joined`/`left` minutes after 10:00."""
    return Invitation(
        id=f"i{n}",
        conference_id="c",
        person_id=f"p{n}",
        person_name=f"Person {n}",
        role=role,
        agency_id=agency or f"a{n}",
        agency_name=kind.label,
        agency_kind=kind,
        invited_on=None,
        attendance=Attendance.ATTENDED,
        took_part=how,
        joined_at=START + timedelta(minutes=joined) if joined is not None else None,
        left_at=START + timedelta(minutes=left) if left is not None else None,
        team_discipline=discipline,
    )


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def test_police_who_left_before_the_decision_does_not_count_for_it():
    people = [
        person(1, AgencyKind.CHILDRENS_SOCIAL_CARE, joined=0),
        person(2, AgencyKind.HEALTH, joined=0),
        person(3, AgencyKind.POLICE, joined=0, left=50),
    ]
    rule = QuoracyRule()
    assert assess(people, rule, at=at(40)).quorate  # first child's decision, police still there
    later = assess(people, rule, at=at(55))  # second child's decision, police gone at 10:50
    assert not later.quorate
    assert later.other_agencies == ("Health",)
    assert "1 more agency needed" in later.text
    assert assess(people, rule, at=at(50)).quorate is False  # left at the very minute: gone
    assert assess(people, rule).quorate  # the meeting as a whole (no moment): everyone counts


def test_joining_late_counts_from_the_moment_of_joining():
    people = [
        person(1, AgencyKind.CHILDRENS_SOCIAL_CARE, joined=0),
        person(2, AgencyKind.HEALTH, joined=0),
        person(3, AgencyKind.EDUCATION, joined=30, how=TookPart.VIDEO),
    ]
    assert not assess(people, QuoracyRule(), at=at(29)).quorate
    assert assess(people, QuoracyRule(), at=at(30)).quorate  # video and phone count as present


def test_written_report_only_is_not_presence():
    people = [
        person(1, AgencyKind.CHILDRENS_SOCIAL_CARE),
        person(2, AgencyKind.HEALTH),
        person(3, AgencyKind.POLICE, how=TookPart.WRITTEN),
    ]
    result = assess(people, QuoracyRule(), at=at(10))
    assert not result.quorate
    assert result.other_agencies == ("Health",)


def test_a_multi_agency_team_counts_once_per_discipline():
    team = "team"
    people = [
        person(1, AgencyKind.CP_TEAM, agency=team, discipline=AgencyKind.CHILDRENS_SOCIAL_CARE),
        person(2, AgencyKind.CP_TEAM, agency=team, discipline=AgencyKind.POLICE),
        person(3, AgencyKind.CP_TEAM, agency=team, discipline=AgencyKind.HEALTH),
        person(4, AgencyKind.CP_TEAM, agency=team, discipline=AgencyKind.HEALTH),
    ]
    people = [replace(p, agency_name="MACPT North") for p in people]
    result = assess(people, QuoracyRule())
    assert result.quorate
    assert result.required_present == ("MACPT North (children's social care)",)
    assert result.other_agencies == ("MACPT North (health)", "MACPT North (police)")
    assert people[1].is_police
    # The rule that the 2026 Act sets for the team: education, social work, health and police.
    act = QuoracyRule(
        (AgencyKind.EDUCATION, AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.HEALTH, AgencyKind.POLICE), 0
    )
    assert assess(people, act).required_missing == ("Education",)


minutes = st.integers(min_value=0, max_value=180)


@st.composite
def attendance_lists(draw):
    """Up to 6 people of random kinds, each joining at some minute and maybe leaving later."""
    kinds = [AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.POLICE, AgencyKind.HEALTH, AgencyKind.EDUCATION]
    people = []
    for n in range(draw(st.integers(0, 6))):
        joined = draw(st.none() | minutes)
        left = draw(st.none() | st.integers(min_value=joined or 0, max_value=200))
        how = draw(st.sampled_from([TookPart.IN_ROOM, TookPart.VIDEO, TookPart.PHONE, TookPart.WRITTEN]))
        people.append(person(n, draw(st.sampled_from(kinds)), joined, left, how, agency=f"a{n % 4}"))
    return people


@given(attendance_lists(), minutes)
def test_quoracy_at_a_moment_is_quoracy_of_those_present_then(people, minute):
    """At any moment the answer equals the answer for the list of those in the meeting at that moment,
    judged without times; and nobody absent at that moment changes it."""
    moment = at(minute)
    present = [
        p
        for p in people
        if p.took_part is not TookPart.WRITTEN
        and (p.joined_at is None or p.joined_at <= moment)
        and (p.left_at is None or p.left_at > moment)
    ]
    rule = QuoracyRule()
    assert assess(people, rule, at=moment) == assess(present, rule)


@given(attendance_lists(), minutes, minutes)
def test_nobody_leaving_means_quoracy_never_lost(people, first, second):
    """Without leaves, quoracy once reached stays (joins only add people)."""
    people = [replace(p, left_at=None) for p in people]
    early, late = sorted((first, second))
    rule = QuoracyRule()
    if assess(people, rule, at=at(early)).quorate:
        assert assess(people, rule, at=at(late)).quorate


@given(minutes, minutes)
def test_leaving_before_joining_is_refused(joined, left):
    problems = validate_times(at(joined), at(left))
    assert bool(problems) == (left < joined)


def test_interpreter_names_the_language_and_is_not_family():
    assert validate_interpreter("Polish", True) == []
    assert [p.field for p in validate_interpreter("", True)] == ["interpreter_language"]
    assert [p.field for p in validate_interpreter("Polish", False)] == ["interpreter_not_family"]


def test_a_supporter_supports_a_parent_on_the_same_list():
    advocate = person(1, AgencyKind.ADVOCACY, role=Role.ADVOCATE)
    parent = replace(person(2, AgencyKind.OTHER), role=Role.PARENT)
    child = replace(person(3, AgencyKind.OTHER), role=Role.CHILD)
    assert validate_supporter(advocate, parent) == []
    assert validate_supporter(advocate, None) == []
    assert "Choose a parent" in validate_supporter(advocate, child)[0].message
    assert validate_supporter(advocate, replace(parent, conference_id="other"))


def test_team_member_discipline_is_one_of_the_four():
    base = PersonInput("Sam Patel", Role.POLICE, agency_id="a1")
    assert validate_person(replace(base, team_discipline=AgencyKind.POLICE)) == []
    assert [p.field for p in validate_person(replace(base, team_discipline=AgencyKind.HOUSING))] == [
        "team_discipline"
    ]


def test_chairing_statement_and_reason_where_independence_is_required():
    independent = Chairing(ChairRole.INDEPENDENT, Answer.NO, Answer.NO)
    assert independent.independent
    assert not independent.chaired_otherwise
    assert "took no part in the section 47 enquiry and has not held the case" in independent.statement
    lcpp = Chairing(ChairRole.LCPP, Answer.YES, Answer.NO)
    assert lcpp.chaired_otherwise
    assert not lcpp.independent
    assert validate_chairing(lcpp, independent_required=False) == []
    problems = validate_chairing(lcpp, independent_required=True)
    assert [p.field for p in problems] == ["reason"]
    assert "Local rules require an independent chair" in problems[0].message
    held = Chairing(ChairRole.INDEPENDENT, Answer.NO, Answer.YES)
    assert validate_chairing(held, True)  # an IRO who held the case is not independent either
    assert validate_chairing(replace(lcpp, reason="No IRO free; family asked not to wait."), True) == []
    assert gave_reason(replace(lcpp, reason="No IRO free."))
    assert not gave_reason(independent)
    assert Chairing().statement == "Independent chair (IRO). Statement of independence not recorded."


def test_local_rule_for_an_independent_chair_round_trips():
    assert decode(encode(LocalRules(independent_chair_required=True))).independent_chair_required
    assert decode(encode(LocalRules())).independent_chair_required is False
    assert decode({}).independent_chair_required is False
