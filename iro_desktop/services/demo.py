"""Fictional demo data whose names exercise the fonts (see-it.md). Loading it twice adds nothing."""

from __future__ import annotations

from datetime import date, time, timedelta

from iro_desktop.domain.attendance import AdvocacyAnswer, Attendance
from iro_desktop.domain.conference import ClockStartKind, ConferenceType
from iro_desktop.domain.family import ChildInput, Family, Gender
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.services.attendance import AttendanceService
from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.demo_large_map import DEMO_LARGE_ITEMS, load_large_family, load_large_plan
from iro_desktop.services.families import FamilyService
from iro_desktop.services.people import PeopleService
from iro_desktop.services.rules import CALENDAR, record_letters_from

DEMO_REFERENCE = "DEMO-0001"


def _years_ago(today: date, years: int, days: int = 0) -> date:
    try:
        anchor = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        anchor = today.replace(year=today.year - years, day=28)
    return anchor - timedelta(days=days)


def load_demo(ctx: ServiceContext) -> Family | None:
    """Load the demo family and its conference; None when it is already there."""
    families = FamilyService(ctx)
    if any(f.reference == DEMO_REFERENCE for f in families.search(DEMO_REFERENCE)):
        return None
    today = ctx.today()
    family = families.create_family(
        DEMO_REFERENCE,
        "Brontë–Wójcik family",
        [
            ChildInput(
                "Zoë",
                "Brontë",
                _years_ago(today, 11, 40),
                gender=Gender.FEMALE,
                ethnicity_code="WBRI",
                case_number="LA-100234",
            ),
            ChildInput(
                "Łucja",
                "Wójcik",
                _years_ago(today, 6, 120),
                gender=Gender.FEMALE,
                ethnicity_code="WOTH",
                case_number="LA-100235",
            ),
            ChildInput(
                "Mateusz",
                "Wójcik",
                _years_ago(today, 2, 10),
                gender=Gender.MALE,
                ethnicity_code="WOTH",
                disability=True,
                case_number="LA-100236",
            ),
        ],
    )
    family2 = families.create_family(
        "DEMO-0002",
        "Ó Súilleabháin / Khan family",
        [
            ChildInput(
                "Siobhán",
                "Ó Súilleabháin",
                _years_ago(today, 14, 3),
                gender=Gender.FEMALE,
                ethnicity_code="WIRI",
                case_number="LA-200511",
            ),
            ChildInput(
                "عائشہ",
                "خان",
                _years_ago(today, 8, 200),
                gender=Gender.FEMALE,
                ethnicity_code="APKN",
                case_number="LA-200512",
            ),
            ChildInput(
                "محمد علي",
                "Dvořák",
                _years_ago(today, 4, 30),
                gender=Gender.MALE,
                ethnicity_code="MOTH",
                case_number="LA-200513",
            ),
        ],
    )
    _demo_register_and_conferences(ctx, family, family2)
    upcoming = ConferenceService(ctx).for_family(family.id)
    if upcoming:
        load_demo_map(ctx, upcoming[-1].id)  # issue 4: the map for the conference in two days
    _demo_full_size_family(ctx)  # issue 12: a family with a full-size map, meeting today
    return family


def _demo_full_size_family(ctx: ServiceContext) -> None:
    """The full-size family (40-item map) meeting today: its parents and grandmother on the register,
    the professionals invited ten days ago, who is here marked as the meeting starts, and the plan
    being built from the map's next steps."""
    large, conference_id = load_large_family(ctx, DEMO_LARGE_ITEMS)
    people = PeopleService(ctx)
    attendance = AttendanceService(ctx)
    today = ctx.today()
    kin = [
        people.add_person(PersonInput(name, role, family_id=large.id, parental_responsibility=pr)).id
        for name, role, pr in (
            ("Agnieszka Wójcik", Role.PARENT, True),
            ("Cathal Ó Súilleabháin", Role.PARENT, True),
            ("Halina Wójcik (Babcia)", Role.FAMILY_NETWORK, False),
        )
    ]
    wanted = {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.POLICE, Role.HEALTH_VISITOR, Role.SCHOOL, Role.GP}
    professionals = [p for p in people.professionals() if p.role in wanted]
    invited_on = CALENDAR.add_working_days(today, -10)
    for person_id in kin + [p.id for p in professionals]:
        attendance.invite(conference_id, person_id, invited_on)
    gp_ids = {p.id for p in professionals if p.role is Role.GP}
    for invitation in attendance.invitations(conference_id):
        outcome = Attendance.SENT_REPORT if invitation.person_id in gp_ids else Attendance.ATTENDED
        attendance.set_attendance(invitation.id, outcome)
        if invitation.person_id in gp_ids:
            attendance.set_report_received(invitation.id, CALENDAR.add_working_days(today, -2))
    load_large_plan(ctx, conference_id)
    ConferenceService(ctx).record_reports(  # the social worker's report shared in time
        conference_id, CALENDAR.add_working_days(today, -3), CALENDAR.add_working_days(today, -2)
    )


# Issue 3: agencies, people, invitations, a stood-down and a late conference, earlier plans.


def _demo_register_and_conferences(ctx: ServiceContext, family: Family, family2: Family) -> None:
    today = ctx.today()
    cal = CALENDAR
    families = FamilyService(ctx)
    people = PeopleService(ctx)
    conferences = ConferenceService(ctx)
    attendance = AttendanceService(ctx)
    agencies = {
        kind: people.add_agency(name, kind)
        for name, kind in (
            ("Westshire Children’s Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE),
            ("Westshire Police — Child Abuse Investigation Unit", AgencyKind.POLICE),
            ("Westshire Community Health NHS Trust", AgencyKind.HEALTH),
            ("St Brigid’s Primary School", AgencyKind.EDUCATION),
            ("Westshire Probation Service", AgencyKind.PROBATION),
        )
    }
    gp = people.add_agency("Riverside Medical Practice", AgencyKind.HEALTH)

    def pro(name: str, role: Role, agency_id: str, contact: str = "") -> str:
        return people.add_person(PersonInput(name, role, agency_id=agency_id, contact=contact)).id

    def kin(name: str, role: Role, family_id: str, pr: bool = False) -> str:
        return people.add_person(PersonInput(name, role, family_id=family_id, parental_responsibility=pr)).id

    csc = agencies[AgencyKind.CHILDRENS_SOCIAL_CARE].id
    sw = pro("Amara Okafor", Role.SOCIAL_WORKER, csc, "amara.okafor@westshire.example")
    tm = pro("Tomasz Dvořák", Role.TEAM_MANAGER, csc)
    police = pro("DC Siân Evans", Role.POLICE, agencies[AgencyKind.POLICE].id, "01632 960 118")
    hv = pro("Ruth Abernathy", Role.HEALTH_VISITOR, agencies[AgencyKind.HEALTH].id)
    dsl = pro("Nkechi Adeyemi", Role.SCHOOL, agencies[AgencyKind.EDUCATION].id)
    gp_person = pro("Dr Farhan Qureshi", Role.GP, gp.id)
    pro("Gareth Llewellyn", Role.PROBATION, agencies[AgencyKind.PROBATION].id)
    mum = kin("Katarzyna Wójcik", Role.PARENT, family.id, pr=True)
    dad = kin("Daniel Brontë", Role.PARENT, family.id, pr=True)
    gran = kin("Eileen Brontë", Role.FAMILY_NETWORK, family.id)
    mum2 = kin("Aoife Ó Súilleabháin", Role.PARENT, family2.id, pr=True)
    dad2 = kin("Imran Khan", Role.PARENT, family2.id, pr=True)

    # Family 1: an initial conference in two days; invitations out, the parents' report not yet shared.
    zoe, lucja = family.children[0], family.children[1]
    booked = conferences.book(
        family.id,
        ConferenceType.INITIAL,
        scheduled_date=today + timedelta(days=2),
        clock_start=today - timedelta(days=14),
        start_time=time(10, 0),
        venue="Room 2, County Hall — “Oak Suite”",
        chair_name="Priya Raman",
        clock_start_kind=ClockStartKind.STRATEGY_DISCUSSION,
        clerk_name="Joanne Pike",
        interpreter_language="Polish",
        advocacy={zoe.id: (AdvocacyAnswer.ACCEPTED.value, "Referred to the Children’s Rights Officer")},
        invite=[mum, dad, gran, sw, tm, police, hv, dsl],
        invited_on=today - timedelta(days=10),
    )
    attendance.invite(booked.id, gp_person, None)
    for inv in attendance.invitations(booked.id):
        if inv.person_id == police:
            attendance.set_report_received(inv.id, today - timedelta(days=3))
    families.add_previous_plan(zoe.id, date(2019, 2, 4), date(2020, 1, 13), "N", "ends_cin")
    families.add_previous_plan(zoe.id, date(2023, 6, 12), date(2025, 3, 3), "E", "ends_cin")
    families.add_previous_plan(lucja.id, date(2023, 6, 12), date(2025, 3, 3), "E", "ends_cin")

    # Family 2: an initial conference stood down (no interpreter), rearranged and held; record not out.
    siobhan = family2.children[0]
    advocacy2 = {siobhan.id: (AdvocacyAnswer.DECLINED.value, "")}
    first_date = cal.add_working_days(today, -32)
    start2 = cal.add_working_days(first_date, -10)
    stood = conferences.book(
        family2.id,
        ConferenceType.INITIAL,
        scheduled_date=first_date,
        clock_start=start2,
        start_time=time(13, 30),
        venue="Civic Centre, Room 4",
        chair_name="Priya Raman",
        clock_start_kind=ClockStartKind.SECTION_47,
        interpreter_language="Urdu",
        advocacy=advocacy2,
    )
    held_date = cal.add_working_days(first_date, 3)
    held = conferences.book(
        family2.id,
        ConferenceType.INITIAL,
        scheduled_date=held_date,
        clock_start=start2,
        start_time=time(9, 30),
        venue="Civic Centre, Room 4",
        chair_name="Priya Raman",
        clerk_name="Joanne Pike",
        clock_start_kind=ClockStartKind.SECTION_47,
        interpreter_language="Urdu",
        advocacy=advocacy2,
        invite=[mum2, dad2, sw, police, hv, dsl],
        invited_on=cal.add_working_days(first_date, -9),
    )
    conferences.stand_down(stood.id, "interpreter_unavailable", "Urdu interpreter cancelled at 9am.", held.id)
    for inv in attendance.invitations(held.id):
        outcome = Attendance.APOLOGIES if inv.person_id == police else Attendance.ATTENDED
        attendance.set_attendance(inv.id, outcome)
        if inv.person_id == police:
            attendance.set_report_received(inv.id, held_date)
    conferences.record_reports(
        held.id, cal.add_working_days(held_date, -3), cal.add_working_days(held_date, -2)
    )
    conferences.mark_held(held.id, held_date)
    conferences.record_follow_up(held.id, cal.add_working_days(held_date, 8), None)
    # The demo's older conferences were held before the app recorded decision letters (issue 18): theirs
    # are not owed here; every conference held from the next day on owes its letters.
    record_letters_from(ctx, held_date + timedelta(days=1))

    # Family 3: a pre-birth conference booked after its due date, with the reason recorded.
    family3 = families.create_family(
        "DEMO-0003",
        "Dvořák family",
        [
            ChildInput(
                "Tomáš",
                "Dvořák",
                _years_ago(today, 9, 15),
                gender=Gender.MALE,
                ethnicity_code="WOTH",
                case_number="LA-300871",
            ),
            ChildInput(
                "",
                "Dvořák",
                None,
                expected_date=today + timedelta(days=70),
                unborn=True,
                case_number="LA-300872",
            ),
        ],
    )
    start3 = cal.add_working_days(today, -12)
    due3 = cal.add_working_days(start3, 15)
    conferences.book(
        family3.id,
        ConferenceType.INITIAL_PRE_BIRTH,
        scheduled_date=cal.add_working_days(due3, 4),
        clock_start=start3,
        start_time=time(14, 0),
        venue="Riverside Family Centre",
        chair_name="Marcus O’Neill",
        clock_start_kind=ClockStartKind.STRATEGY_DISCUSSION,
        lateness_reason="Request reached the conference team late; midwife unavailable before then.",
        invite=[sw, hv],
        invited_on=today - timedelta(days=1),
    )


# --- issue 4: the demo conference's map -------------------------------------------------------------


def load_demo_map(ctx: ServiceContext, conference_id: str) -> None:
    """A fictional map for the demo conference: every section, pairing, scales, and names that exercise
    the fonts (é, ł, “quotes”, Arabic)."""
    from iro_desktop.domain.mapping import Section
    from iro_desktop.services.mapping import MappingService

    mapping = MappingService(ctx)
    if mapping.board(conference_id).items:
        return
    conference = mapping.conference(conference_id)
    children = {c.given_name: c.id for c in FamilyService(ctx).get(conference.family_id).children}

    def add(section: Section, text: str, source: str = "", child: str | None = None) -> str:
        item = mapping.add_item(
            conference_id, section, text, source=source, child_id=children.get(child) if child else None
        )
        return item.id

    d1 = add(
        Section.DANGER,
        "Zoë, Łucja and Mateusz could be hurt or scared when the adults at home fight, as on 3 October.",
        "Social worker",
    )
    d2 = add(
        Section.DANGER,
        "Mateusz could miss the food and medicine he needs if Mum’s drinking comes back.",
        "Health visitor",
        "Mateusz",
    )
    add(Section.HARM, "3 October: Police called; Zoë hid with Łucja in the bathroom.", "Police", "Zoë")
    add(Section.COMPLICATING, "Dad works nights; two house moves this year. Mum’s first language is Polish.")
    add(
        Section.STRENGTHS, "Zoë is doing well at school and says her teacher is “kind and listens”.", "School"
    )
    add(Section.STRENGTHS, "Mum has taken Mateusz to every clinic appointment since May.", "Health visitor")
    add(Section.EXISTING_SAFETY, "Babcia Halina visits every evening; the children know to go to her.", "Mum")
    g1 = add(
        Section.SAFETY_GOALS,
        "The children live in a home where adults sort out disagreements calmly and nobody gets hurt.",
    )
    g2 = add(Section.SAFETY_GOALS, "Mateusz always has his food and medicine, given by a sober adult.")
    add(
        Section.NEXT_STEPS, "Social worker meets Mum and Dad with an interpreter by Friday — £40 travel paid."
    )
    add(Section.NEXT_STEPS, "Babcia Halina and محمد علي to join a safety-planning meeting next week.")
    add(
        Section.CHILDS_VOICE,
        "“I want Mum and Dad to stop shouting. I like it when Babcia makes pierogi.”",
        "Zoë",
        "Zoë",
    )
    add(
        Section.CHILDS_VOICE,
        "Łucja drew a sun over “the house of good things”: Babcia’s flat.",
        "Łucja",
        "Łucja",
    )
    add(Section.FAMILY_NETWORK, "Babcia Halina (grandmother) — visits daily, can have the children to stay.")
    add(Section.FAMILY_NETWORK, "محمد علي, neighbour and family friend — takes the children to school.")
    mapping.pair(d1, g1)
    mapping.pair(d2, g2)
    mapping.set_scale(conference_id, d1, "Family", 6, "Calm since October; Babcia is there every evening")
    mapping.set_scale(conference_id, d1, "Police", 3, "Two call-outs this year")
    mapping.set_scale(conference_id, d2, "Health visitor", 5, "Appointments kept; drinking not yet tested")
    mapping.set_scale(conference_id, None, "Family", 7, "We are working with everyone")
    mapping.set_scale(conference_id, None, "Social worker", 4, "Early days; the plan is new")
