"""Issue 19 items 1-2 through the services, on both databases: who chairs (and why not independently,
where local rules require it), who leads for each child, and attendance as it happens, with quoracy
judged at each decision's time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from iro_desktop.domain.attendance import Attendance, TookPart
from iro_desktop.domain.categories import Category
from iro_desktop.domain.chairing import Answer, Chairing, ChairRole, PractitionerKind
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.local_rules import LocalRules
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from tests.conftest import TODAY

START = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)


class Clock:
    """The meeting's clock, moved by hand: attendance, decisions and quoracy all read it."""

    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> datetime:
        return self.at

    def minutes(self, n: int) -> None:
        self.at = START + timedelta(minutes=n)


@pytest.fixture
def meeting(services):
    family = services.families.create_family(
        "T-19",
        "Nowak family",
        [
            ChildInput("Ada", "Nowak", date(2018, 3, 1), gender=Gender.FEMALE),
            ChildInput("Ben", "Nowak", date(2019, 7, 9), gender=Gender.MALE),
        ],
    )
    csc = services.people.add_agency("Children’s Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE)
    police = services.people.add_agency("Police", AgencyKind.POLICE)
    health = services.people.add_agency("Health", AgencyKind.HEALTH)
    advocacy = services.people.add_agency("Parents’ advocacy", AgencyKind.ADVOCACY)
    people = {
        "sw": services.people.add_person(PersonInput("Amara Okafor", Role.SOCIAL_WORKER, csc.id)),
        "police": services.people.add_person(PersonInput("DC Siân Evans", Role.POLICE, police.id)),
        "hv": services.people.add_person(PersonInput("Ruth Abernathy", Role.HEALTH_VISITOR, health.id)),
        "mum": services.people.add_person(PersonInput("Ewa Nowak", Role.PARENT, family_id=family.id)),
        "advocate": services.people.add_person(PersonInput("Jo Reid", Role.ADVOCATE, advocacy.id)),
        "interpreter": services.people.add_person(PersonInput("Marek Zieliński", Role.INTERPRETER)),
    }
    conference = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        TODAY,
        clock_start=TODAY - timedelta(days=10),
        chair_name="Priya Raman",
        invite=[p.id for p in people.values()],
        invited_on=TODAY - timedelta(days=8),
    )
    clock = Clock()
    services.attendance.now = clock
    services.decisions.now = clock
    services.quoracy.now = clock
    invitations = {i.person_id: i.id for i in services.attendance.invitations(conference.id)}
    ids = {key: invitations[p.id] for key, p in people.items()}
    return family, conference, ids, clock


def test_joined_and_left_now_and_quoracy_at_each_decision(services, meeting):
    family, conference, ids, clock = meeting
    ada, ben = family.children
    for key in ("sw", "police", "hv"):
        services.attendance.joined_now(ids[key])
    services.attendance.set_took_part(ids["police"], TookPart.VIDEO)
    assert services.quoracy.assess(conference.id).quorate  # now, 10:00
    clock.minutes(40)
    services.decisions.record(
        conference.id, ada.id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT)
    )
    clock.minutes(50)
    police = services.attendance.left_now(ids["police"])
    assert (police.joined_at, police.left_at) == (START, START + timedelta(minutes=50))
    assert (police.attendance, police.took_part) == (Attendance.ATTENDED, TookPart.VIDEO)
    assert not services.quoracy.assess(conference.id).quorate  # the police officer has gone
    clock.minutes(55)
    services.decisions.record(
        conference.id, ben.id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT)
    )
    moments = services.quoracy.at_decisions(conference.id)
    assert moments[ada.id][0] == START + timedelta(minutes=40)
    assert moments[ada.id][1].quorate
    assert not moments[ben.id][1].quorate  # police left at 10:50, before Ben's decision at 10:55
    assert moments[ben.id][1].other_agencies == ("Health",)


def test_written_report_only_marks_a_report_and_times_are_checked(services, meeting):
    _family, conference, ids, clock = meeting
    written = services.attendance.set_took_part(ids["hv"], TookPart.WRITTEN)
    assert written.attendance is Attendance.SENT_REPORT
    with pytest.raises(ValidationError) as caught:
        services.attendance.set_times(ids["sw"], START, START - timedelta(minutes=5))
    assert caught.value.for_field("left_at") == ["A person cannot leave before they joined."]
    assert services.attendance.get(ids["sw"]).joined_at is None  # nothing stored


def test_interpreter_and_supporter(services, meeting):
    _family, conference, ids, _clock = meeting
    with pytest.raises(ValidationError) as caught:
        services.attendance.set_interpreter(ids["interpreter"], "Polish", False)
    assert caught.value.for_field("interpreter_not_family")
    kept = services.attendance.set_interpreter(ids["interpreter"], " Polish ", True)
    assert (kept.interpreter_language, kept.interpreter_not_family) == ("Polish", True)
    mum = services.attendance.get(ids["mum"])
    supporting = services.attendance.set_supports(ids["advocate"], mum.person_id)
    assert (supporting.supports_person_id, supporting.supports_name) == (mum.person_id, "Ewa Nowak")
    police = services.attendance.get(ids["police"])
    with pytest.raises(ValidationError):
        services.attendance.set_supports(ids["advocate"], police.person_id)  # not a parent
    assert services.attendance.set_supports(ids["advocate"], None).supports_person_id is None


def test_chairing_needs_a_reason_where_local_rules_require_independence(services, meeting):
    _family, conference, _ids, _clock = meeting
    assert services.leads.chairing(conference.id) == Chairing()
    lcpp = Chairing(ChairRole.LCPP, Answer.YES, Answer.NO)
    assert services.leads.set_chairing(conference.id, lcpp).role is ChairRole.LCPP  # no rule: no reason
    services.rules.save(LocalRules(independent_chair_required=True))
    with pytest.raises(ValidationError) as caught:
        services.leads.set_chairing(conference.id, Chairing(ChairRole.LCPP, Answer.YES, Answer.YES))
    assert "Local rules require an independent chair" in caught.value.for_field("reason")[0]
    assert services.leads.chairing(conference.id).held_case is Answer.NO  # nothing stored
    stored = services.leads.set_chairing(
        conference.id, Chairing(ChairRole.LCPP, Answer.YES, Answer.YES, "No IRO free within 15 days.")
    )
    assert stored.reason == "No IRO free within 15 days."
    independent = services.leads.set_chairing(
        conference.id, Chairing(ChairRole.INDEPENDENT, Answer.NO, Answer.NO)
    )
    assert independent.independent
    assert independent.reason == ""  # a reason only where one is needed


def test_lead_practitioners_per_child_and_team_members(services, meeting):
    family, _conference, _ids, _clock = meeting
    ada = family.children[0]
    team = services.people.add_agency("MACPT North", AgencyKind.CP_TEAM)
    lcpp = services.people.add_person(
        PersonInput(
            "Sam Patel", Role.LEAD_CP_PRACTITIONER, team.id, team_discipline=AgencyKind.CHILDRENS_SOCIAL_CARE
        )
    )
    assert lcpp.team_discipline is AgencyKind.CHILDRENS_SOCIAL_CARE
    assert lcpp.description == "Lead Child Protection Practitioner, MACPT North (children's social care)"
    fhl = services.people.add_person(PersonInput("Lee Grant", Role.FAMILY_HELP_LEAD, team.id))
    services.leads.set_practitioner(ada.id, PractitionerKind.LEAD, lcpp.id)
    services.leads.set_practitioner(ada.id, PractitionerKind.FAMILY_HELP_LEAD, fhl.id)
    services.leads.set_practitioner(ada.id, PractitionerKind.LEAD, lcpp.id)  # the same again: one row
    found = {(p.child_id, p.kind): p.person_name for p in services.leads.practitioners(family.id)}
    assert found == {
        (ada.id, PractitionerKind.LEAD): "Sam Patel",
        (ada.id, PractitionerKind.FAMILY_HELP_LEAD): "Lee Grant",
    }
    mum = next(p for p in services.people.family_members(family.id))
    with pytest.raises(ValidationError):
        services.leads.set_practitioner(ada.id, PractitionerKind.LEAD, mum.id)
    services.leads.set_practitioner(ada.id, PractitionerKind.FAMILY_HELP_LEAD, None)
    assert [p.kind for p in services.leads.practitioners(family.id)] == [PractitionerKind.LEAD]


def test_the_report_facts_carry_the_ways_of_attending_and_the_chair(services, meeting):
    _family, conference, ids, _clock = meeting
    services.attendance.set_took_part(ids["sw"], TookPart.IN_ROOM)
    services.attendance.set_took_part(ids["police"], TookPart.PHONE)
    services.attendance.set_took_part(ids["hv"], TookPart.WRITTEN)
    services.attendance.set_attendance(ids["mum"], Attendance.ATTENDED)  # way not recorded
    services.leads.set_chairing(conference.id, Chairing(ChairRole.LCPP, Answer.NO, Answer.NO, "Pilot area."))
    facts, _names, _rules = services.reports.facts()
    fact = next(c for c in facts.conferences if c.id == conference.id)
    assert sorted(fact.ways) == [("csc", "room"), ("family", ""), ("health", "written"), ("police", "phone")]
    assert (fact.chair_role, fact.chaired_otherwise, fact.chair_reason_given) == ("lcpp", True, True)


def test_the_conference_file_carries_chair_and_attendance_as_it_happened(services, meeting, tmp_path):
    import json

    from iro_desktop.services.conference_file.service import ConferenceFileService
    from tests.services.conference_files import second_store

    _family, conference, ids, clock = meeting
    services.leads.set_chairing(conference.id, Chairing(ChairRole.LCPP, Answer.YES, Answer.NO, "Pilot."))
    services.attendance.joined_now(ids["police"])
    services.attendance.set_took_part(ids["police"], TookPart.VIDEO)
    clock.minutes(30)
    services.attendance.left_now(ids["police"])
    services.attendance.set_interpreter(ids["interpreter"], "Polish", True)
    services.attendance.set_supports(ids["advocate"], services.attendance.get(ids["mum"]).person_id)
    first = ConferenceFileService(services.ctx).export_text(conference.id).text
    content = json.loads(first)["conference"]
    assert content["details"]["chair_role"] == "lcpp"
    police = next(i for i in content["invitations"] if i["id"] == ids["police"])
    assert (police["took_part"], police["joined_at"], police["left_at"]) == (
        "video",
        "2026-11-23T10:00:00",
        "2026-11-23T10:30:00",
    )
    other_store, other = second_store(tmp_path)
    try:
        ConferenceFileService(other.ctx).import_text(first)
        assert other.leads.chairing(conference.id).reason == "Pilot."
        moved = other.attendance.get(ids["police"])
        assert (moved.took_part, moved.left_at) == (TookPart.VIDEO, START + timedelta(minutes=30))
        assert other.attendance.get(ids["advocate"]).supports_name == "Ewa Nowak"
        assert ConferenceFileService(other.ctx).export_text(conference.id).text == first
    finally:
        other_store.close()
