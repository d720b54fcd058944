"""Fictional demo data whose names exercise the fonts (see-it.md). Loading it twice adds nothing."""

from __future__ import annotations

from datetime import date, time, timedelta

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput, Family, Gender
from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.families import FamilyService

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
    families.create_family(
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
    conferences = ConferenceService(ctx)
    conference = conferences.book(
        family.id,
        ConferenceType.INITIAL,
        scheduled_date=today + timedelta(days=2),
        clock_start=today - timedelta(days=14),
        start_time=time(10, 0),
        venue="Room 2, County Hall — “Oak Suite”",
        chair_name="Priya Raman",
    )
    load_demo_map(ctx, conference.id)  # issue 4
    return family


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
