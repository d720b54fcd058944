"""The census check over a real migrated store: the demo's records are census-clean; an initial
conference held on a Saturday is named with its child and family; the module's rows use census codes."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.reports import reporting_year
from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_records import load_demo_records


def test_the_demo_is_census_clean_and_its_module_uses_census_codes(services):
    load_demo(services.ctx)
    load_demo_records(services.ctx)
    assert services.census.check() == []
    rows = services.census.module(reporting_year(2026))
    assert rows, "the demo has children on plans"
    assert {r["LatestCategoryOfAbuse"] for r in rows} <= {"NEG", "PHY", "SAB", "EMO", "MUL"}


def test_an_initial_conference_on_a_saturday_is_named_with_child_and_family(services):
    family = services.families.create_family(
        "LA-SAT", "Kowalczyk family", [ChildInput("Zofia", "Kowalczyk", date(2019, 4, 2))]
    )
    saturday = date(2026, 11, 21)
    booked = services.conferences.book(
        family.id, ConferenceType.INITIAL, saturday, clock_start=date(2026, 11, 9)
    )
    services.conferences.mark_held(booked.id, saturday)
    findings = services.census.check()
    assert [(f.rule, f.child_name, f.family_reference, f.conference_id) for f in findings] == [
        ("8875", "Zofia Kowalczyk", "LA-SAT", booked.id)
    ]
    assert "Saturday 21/11/2026" in findings[0].message
    assert services.census.check_conference(booked.id) == findings
