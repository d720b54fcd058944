"""Listings that stay small with ten years of history: a picker's recent conferences, family names,
and the families register read as plain columns."""

from __future__ import annotations

from datetime import date, timedelta

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.services.demo import load_demo
from tests.conftest import TODAY


def test_recent_lists_open_conferences_the_window_and_the_included(services):
    family = services.families.create_family(
        "L-1", "Lindqvist", [ChildInput("Bea", "Lindqvist", date(2021, 2, 2))]
    )
    old = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2020, 5, 4), clock_start=date(2020, 4, 27)
    )
    services.conferences.mark_held(old.id, date(2020, 5, 4))
    forgotten = services.conferences.book(
        family.id, ConferenceType.FIRST_REVIEW, date(2020, 8, 3), previous_conference_id=old.id
    )  # never marked held: still open, however old
    stood_down = services.conferences.book(
        family.id, ConferenceType.REVIEW, TODAY - timedelta(days=20), previous_conference_id=old.id,
        lateness_reason="x",
    )  # fmt: skip
    services.conferences.stand_down(stood_down.id, "weather")
    since = TODAY - timedelta(days=180)
    assert [c.id for c in services.conferences.recent(since)] == [forgotten.id, stood_down.id]
    assert [c.id for c in services.conferences.recent(since, [old.id, None])] == [
        old.id, forgotten.id, stood_down.id,
    ]  # fmt: skip
    assert [c.id for c in services.conferences.all()] == [old.id, forgotten.id, stood_down.id]


def test_names_and_the_register_match_the_full_families(services):
    load_demo(services.ctx)
    everyone = services.families.search()
    assert everyone == [services.families.get(f.id) for f in everyone]
    assert [f.name for f in everyone] == sorted(f.name for f in everyone)
    assert any(len(f.children) > 1 for f in everyone)
    assert services.families.names(f.id for f in everyone[:2]) == {f.id: f.name for f in everyone[:2]}
    found = services.families.search(everyone[0].children[0].given_name)
    assert everyone[0] in found
    assert all(f.children == services.families.get(f.id).children for f in found)
