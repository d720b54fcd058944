"""A family with two children and two conferences, booked through the services, for repository tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput, Gender

FIRST_DAY = date(2026, 11, 23)
SECOND_DAY = date(2027, 2, 22)


@dataclass(frozen=True)
class Booked:
    family_id: str
    child_ids: tuple[str, str]
    first_id: str  # the initial conference
    second_id: str  # the first review


def book_family(services, reference: str = "S-1") -> Booked:  # type: ignore[no-untyped-def]
    family = services.families.create_family(
        reference,
        "Kowalczyk–Ó Briain family",
        [
            ChildInput("Zofia", "Kowalczyk", date(2017, 4, 1), gender=Gender.FEMALE),
            ChildInput("Oisín", "Ó Briain", date(2021, 8, 9), gender=Gender.MALE),
        ],
    )
    first = services.conferences.book(
        family.id, ConferenceType.INITIAL, FIRST_DAY, clock_start=date(2026, 11, 13)
    )
    second = services.conferences.book(family.id, ConferenceType.FIRST_REVIEW, SECOND_DAY)
    return Booked(family.id, (family.children[0].id, family.children[1].id), first.id, second.id)
