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
    conferences.book(
        family.id,
        ConferenceType.INITIAL,
        scheduled_date=today + timedelta(days=2),
        clock_start=today - timedelta(days=14),
        start_time=time(10, 0),
        venue="Room 2, County Hall — “Oak Suite”",
        chair_name="Priya Raman",
    )
    return family
