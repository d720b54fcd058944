"""Family search finds the same families in the same order on SQLite and on PostgreSQL (issue 16): case
and accents ignored ("o briain" finds "Ó Briain", "LUKASZ" finds "Łukasz"), a family member's name
found too, and `%` or `_` typed are letters, not wildcards."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.people import PersonInput, Role
from iro_desktop.domain.text_rules import search_key


@pytest.fixture
def families(services):
    made = {}
    for reference, name, child in (
        ("S-1", "Ó Briain family", ("Oisín", "Ó Briain")),
        ("S-2", "Wiśniewski family", ("Łukasz", "Wiśniewski")),
        ("S-3", "de Souza family", ("Ana", "de Souza")),
        ("S-4", "DOBSON family", ("Zoë", "Dobson")),
        ("S-5", "100% Smith_Jones family", ("Amy", "Smith")),
    ):
        family = services.families.create_family(
            reference, name, [ChildInput(child[0], child[1], date(2018, 5, 1), gender=Gender.FEMALE)]
        )
        made[reference] = family.id
    services.people.add_person(PersonInput("Halina Kowalczyk", Role.PARENT, family_id=made["S-3"]))
    return made


def _found(services, text: str) -> list[str]:
    return [f.reference for f in services.families.search(text)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("o briain", ["S-1"]),
        ("ÓBRIAIN", []),
        ("oisin", ["S-1"]),
        ("LUKASZ", ["S-2"]),
        ("wisniewski", ["S-2"]),
        ("zoe", ["S-4"]),
        ("kowalczyk", ["S-3"]),  # a family member
        ("100%", ["S-5"]),
        ("smit_", []),  # "_" is not "any one letter"
        ("s-", ["S-5", "S-3", "S-4", "S-1", "S-2"]),  # every reference, by name folded
    ],
)
def test_case_and_accents_are_ignored_and_wildcards_are_letters(services, families, typed, expected):
    assert _found(services, typed) == expected


def test_every_family_listed_in_one_order_whatever_the_database(services, families):
    names = [f.name for f in services.families.search()]
    assert names == sorted(names, key=search_key)
    assert names[:2] == ["100% Smith_Jones family", "de Souza family"]
