"""What a lock covers is declared (issue 13): the declared fields only, in a canonical order and encoding,
so column order, row order, extra columns and the database they came from change nothing."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.lock import (
    DECLARATIONS,
    SNAPSHOT_VERSION,
    LockUndeclared,
    SignedVersion,
    canonical_text,
    covered,
    fingerprint,
    scope_of,
)


def _snapshot() -> dict:
    return {
        "conference": {
            "type": "initial",
            "date": date(2026, 11, 25),
            "venue": "Room 2",
            "chair": "Priya Raman",
            "family": {"id": "f1", "reference": "R-1", "name": "Wójcik family"},
            "children": [
                {"id": "c1", "name": "Zoë Wójcik", "date_of_birth": "2019-05-01", "unborn": False},
                {
                    "id": "c2",
                    "name": " Wójcik",
                    "date_of_birth": None,
                    "expected_date": "2027-01-10",
                    "unborn": True,
                },
            ],
        },
        "map_items": [
            {"id": "m2", "section": "dangers", "text": "Shouting at night", "sort_order": 1},
            {"id": "m1", "section": "strengths", "text": "Babcia Halina helps", "sort_order": 0},
        ],
        "decisions": [
            {"id": "d1", "child_id": "c1", "outcome": "plan", "category": "neglect", "factors": ["4A", "2B"]}
        ],
        "record_sections": [{"key": "purpose", "agency": "", "text": "To decide.", "sort_order": 0}],
        "recipients": [{"id": "r1", "name": "GP", "role": "Health", "method": "post", "sent_on": None}],
    }


def test_every_declared_part_is_in_the_fingerprint():
    names = [p.name for p in DECLARATIONS[SNAPSHOT_VERSION]]
    for part in (
        "conference",
        "family",
        "children",
        "attendance",
        "map_items",
        "decisions",
        "plan_header",
        "plan_actions",
        "plan_history",
        "record_sections",
        "recipients",
    ):
        assert part in names


def test_a_column_added_later_leaves_the_fingerprint_unchanged():
    before = fingerprint(_snapshot())
    data = _snapshot()
    for item in data["map_items"]:
        item["colour"] = "red"  # a migration added a column: the snapshot now carries it
    data["conference"]["interpreter"] = "Polish"
    data["a_new_part"] = [{"id": "x"}]
    assert fingerprint(data) == before


def test_row_and_key_order_do_not_matter():
    """PostgreSQL and SQLite return rows in different orders: the fingerprint sorts by declared keys."""
    before = fingerprint(_snapshot())
    data = _snapshot()
    random.Random(7).shuffle(data["map_items"])
    data["map_items"].reverse()
    data["map_items"] = [dict(reversed(list(r.items()))) for r in data["map_items"]]
    assert fingerprint(data) == before


def test_a_declared_field_changes_the_fingerprint():
    before = fingerprint(_snapshot())
    for change in (
        lambda d: d["map_items"][0].update(text="Changed"),
        lambda d: d["map_items"][0].update(sort_order=5),
        lambda d: d["decisions"][0]["factors"].reverse(),
        lambda d: d["conference"]["children"][0].update(date_of_birth="2019-05-02"),
        lambda d: d["conference"]["family"].update(name="Smith"),
        lambda d: d["record_sections"][0].update(text="Other"),
        lambda d: d["recipients"][0].update(name="School"),
    ):
        data = _snapshot()
        change(data)
        assert fingerprint(data, scope=scope_of(_snapshot())) != before


def test_what_happens_after_the_lock_is_not_covered():
    """A child added, an unborn child born, a recipient added and sent: the lock still holds."""
    locked = _snapshot()
    scope = scope_of(locked)
    now = _snapshot()
    now["conference"]["children"][1].update(name="Nadia Wójcik", date_of_birth="2027-01-08", unborn=False)
    now["conference"]["children"].append({"id": "c3", "name": "New baby", "date_of_birth": "2028-01-01"})
    now["recipients"][0].update(method="secure_email", sent_on="2026-11-30")
    now["recipients"].append({"id": "r2", "name": "School", "role": "DSL"})
    assert fingerprint(now, scope=scope) == fingerprint(locked)


def test_floats_are_refused_and_dates_are_iso():
    with pytest.raises(TypeError):
        canonical_text({"score": 1.5})
    assert (
        canonical_text({"d": date(2026, 1, 2), "b": True, "n": None})
        == '{"b":true,"d":"2026-01-02","n":null}'
    )


def test_an_undeclared_version_is_refused():
    with pytest.raises(LockUndeclared):
        covered(_snapshot(), 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.text(max_size=40))
def test_a_date_and_text_encode_the_same_as_text_or_as_date(day, text):
    as_date = _snapshot()
    as_date["map_items"][0]["text"] = text
    as_date["conference"]["date"] = day
    as_text = _snapshot()
    as_text["map_items"][0]["text"] = text
    as_text["conference"]["date"] = day.isoformat()
    assert fingerprint(as_date) == fingerprint(as_text)


def test_the_signed_message_covers_every_field():
    base = SignedVersion("c", 1, 2, "f" * 64, "u1", "Priya Raman", "2026-11-23T10:00:00")
    others = [
        SignedVersion("d", 1, 2, "f" * 64, "u1", "Priya Raman", "2026-11-23T10:00:00"),
        SignedVersion("c", 2, 2, "f" * 64, "u1", "Priya Raman", "2026-11-23T10:00:00"),
        SignedVersion("c", 1, 3, "f" * 64, "u1", "Priya Raman", "2026-11-23T10:00:00"),
        SignedVersion("c", 1, 2, "e" * 64, "u1", "Priya Raman", "2026-11-23T10:00:00"),
        SignedVersion("c", 1, 2, "f" * 64, "u2", "Priya Raman", "2026-11-23T10:00:00"),
        SignedVersion("c", 1, 2, "f" * 64, "u1", "Sam", "2026-11-23T10:00:00"),
        SignedVersion("c", 1, 2, "f" * 64, "u1", "Priya Raman", "2026-11-23T10:00:01"),
    ]
    assert all(o.message() != base.message() for o in others)


def test_version_3_covers_who_may_read_and_the_chairs_statement_and_version_2_does_not():
    restricted = _snapshot()
    restricted["map_items"][0].update(audience_kind="professionals", audience_reason="police")
    restricted["conference"]["chair_role"] = "independent"
    flipped = _snapshot()
    flipped["map_items"][0].update(audience_kind="everyone", audience_reason="")
    flipped["conference"]["chair_role"] = "deputy"
    assert SNAPSHOT_VERSION == 3
    assert fingerprint(restricted, 3) != fingerprint(flipped, 3)
    assert fingerprint(restricted, 2) == fingerprint(flipped, 2)  # a v2 lock is read by its own declaration
    v2 = {p.name: p for p in DECLARATIONS[2]}
    for part in DECLARATIONS[3]:
        assert part.fields[: len(v2[part.name].fields)] == v2[part.name].fields
        assert part.order == v2[part.name].order
