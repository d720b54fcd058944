"""The final record's lock, declaration version 3 (issues 18 and 19): who may read each piece of content,
the chair's role and independence statement, and how each person took part are covered, so changing any of
them in the database behind the app's back is caught; a lock taken under version 2 still verifies by its
own declaration. On a real store (a migrated SQLite file, and PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy import text

from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.lock import SNAPSHOT_VERSION, SignedVersion, fingerprint
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.approval_signing import public_hex, sign
from iro_desktop.services.context import SYSTEM_USER
from tests.services.played_meeting import finalise, play_demo_meeting

POLICE = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)
SUPPORTER = "supports_person_id"
JOINED = datetime(2026, 11, 25, 9, 5)
LEFT = datetime(2026, 11, 25, 11, 40)


@dataclass(frozen=True)
class Locked:
    conference_id: str
    record_id: str
    restricted_item_id: str


@pytest.fixture
def locked(services, store) -> Locked:
    """The demo meeting, with every kind of content held back from the family, approved (version 3)."""
    played = play_demo_meeting(services)
    cid, zoe = played.conference_id, played.child_ids["Zoë"]
    item = services.mapping.add_item(
        cid, Section.COMPLICATING, "Police intelligence, not shared", audience=POLICE
    )
    a = services.audiences
    a.set_reasons(cid, zoe, POLICE)
    a.set_dissent(services.decisions.dissents(cid, zoe)[0].id, POLICE)
    a.set_action(services.plans.actions(cid)[0].id, POLICE)
    a.set_attendance_note(services.attendance.invitations(cid)[0].id, POLICE)
    a.set_section(cid, SectionKey.ANALYSIS, POLICE)
    finalise(services, cid)
    assert services.records.integrity(cid).ok
    with store.engine.connect() as conn:
        rid = conn.execute(text("SELECT id FROM records WHERE conference_id = :c"), {"c": cid}).scalar_one()
        version = conn.execute(
            text("SELECT snapshot_version FROM record_versions WHERE record_id = :r"), {"r": rid}
        ).scalar_one()
    assert version == SNAPSHOT_VERSION == 3
    return Locked(cid, rid, item.id)


def _first(table: str, key: str = "conference_id = :c") -> str:
    """The first row (by id) of `table` for the locked conference."""
    return f"id = (SELECT min(id) FROM {table} WHERE {key})"


RID = "record_id = :r"
# (what is changed, table, column, which row, the new value, what the integrity message names)
FIELDS: list[tuple[str, str, str, str, object, str]] = [
    ("map item flipped to everyone", "map_items", "audience_kind", "id = :item", "everyone", "the map"),
    ("map item's reason", "map_items", "audience_reason", "id = :item", "health", "the map"),
    (
        "map item's kept-from ids",
        "map_items",
        "audience_excluded",
        "id = :item",
        '["someone"]',
        "the map",
    ),
    (
        "decision reasons flipped to everyone",
        "child_decisions",
        "audience_kind",
        "audience_kind = 'professionals' AND conference_id = :c",
        "everyone",
        "the decisions",
    ),
    (
        "dissent flipped to everyone",
        "decision_dissents",
        "audience_kind",
        "audience_kind = 'professionals' AND conference_id = :c",
        "everyone",
        "the dissent",
    ),
    (
        "plan action flipped to everyone",
        "plan_actions",
        "audience_kind",
        "audience_kind = 'professionals' AND conference_id = :c",
        "everyone",
        "the plan actions",
    ),
    (
        "summary section flipped to everyone",
        "record_sections",
        "audience_kind",
        "audience_kind = 'professionals' AND " + RID,
        "everyone",
        "the discussion summary",
    ),
    (
        "summary section's reason words",
        "record_sections",
        "audience_reason_words",
        "audience_kind = 'professionals' AND " + RID,
        "Typed in later",
        "the discussion summary",
    ),
    (
        "attendance note flipped to everyone",
        "invitations",
        "audience_kind",
        "audience_kind = 'professionals' AND conference_id = :c",
        "everyone",
        "the attendance",
    ),
    ("chair's role", "conferences", "chair_role", "id = :c", "deputy", "the conference's"),
    (
        "chair took part in the enquiry",
        "conferences",
        "chair_took_part_in_enquiry",
        "id = :c",
        "yes",
        "the conference's",
    ),
    ("chair held the case", "conferences", "chair_held_case", "id = :c", "yes", "the conference's"),
    ("chair's reason", "conferences", "chair_reason", "id = :c", "Edited later", "the conference's"),
    ("how a person took part", "invitations", "took_part", _first("invitations"), "phone", "the attendance"),
    ("when they joined", "invitations", "joined_at", _first("invitations"), JOINED, "the attendance"),
    ("when they left", "invitations", "left_at", _first("invitations"), LEFT, "the attendance"),
    (
        "interpreter language",
        "invitations",
        "interpreter_language",
        _first("invitations"),
        "Polish",
        "the attendance",
    ),
    (
        "interpreter not family",
        "invitations",
        "interpreter_not_family",
        _first("invitations"),
        True,
        "the attendance",
    ),
]


def _where(locked: Locked) -> dict[str, str]:
    return {"c": locked.conference_id, "r": locked.record_id, "item": locked.restricted_item_id}


def _tamper(store, locked: Locked, table: str, column: str, where: str, value: object) -> None:
    with store.engine.begin() as conn:
        changed = conn.execute(
            text(f"UPDATE {table} SET {column} = :v WHERE {where}"), {**_where(locked), "v": value}
        )
        assert changed.rowcount == 1, (table, column)


def test_every_field_version_3_adds_breaks_the_lock_when_changed_in_the_database(services, store, locked):
    for case, table, column, which, value, named in FIELDS:
        with store.engine.connect() as conn:
            row_id, before = conn.execute(
                text(f"SELECT id, {column} FROM {table} WHERE {which}"), _where(locked)
            ).one()
        where = f"id = '{row_id}'"
        assert before != value, case
        _tamper(store, locked, table, column, where, value)
        integrity = services.records.integrity(locked.conference_id)
        assert not integrity.ok, case
        assert named in integrity.message, (case, integrity.message)
        assert "changed outside the app" in integrity.message
        _tamper(store, locked, table, column, where, before)  # put back: the lock holds again
        assert services.records.integrity(locked.conference_id).ok, case


def test_whom_a_supporter_supports_is_covered(services, store, locked):
    with store.engine.connect() as conn:
        people = [
            r[0]
            for r in conn.execute(
                text("SELECT person_id FROM invitations WHERE conference_id = :c ORDER BY person_id"),
                {"c": locked.conference_id},
            )
        ]
    where = f"conference_id = :c AND person_id = '{people[0]}'"
    _tamper(store, locked, "invitations", SUPPORTER, where, people[1])
    integrity = services.records.integrity(locked.conference_id)
    assert "the attendance" in integrity.message


def _as_version_2(services, store, locked: Locked) -> None:
    """Rewrite the locked version as if taken under declaration version 2: fingerprint of v2, signed
    again with the approving chair's key (what an approval before this release stored)."""
    key = services.ctx.session.keys[SYSTEM_USER.id]
    with store.engine.begin() as conn:
        number, snapshot_json, signer, name, at = conn.execute(
            text(
                "SELECT number, snapshot_json, signer_id, signer_name, signed_at FROM record_versions "
                "WHERE record_id = :r"
            ),
            {"r": locked.record_id},
        ).one()
        fp = fingerprint(json.loads(snapshot_json), 2)
        signature = sign(key, SignedVersion(locked.conference_id, number, 2, fp, signer, name, at))
        conn.execute(
            text(
                "UPDATE record_versions SET snapshot_version = 2, content_hash = :fp, signature = :s, "
                "signer_public_key = :k WHERE record_id = :r"
            ),
            {"fp": fp, "s": signature, "k": public_hex(key), "r": locked.record_id},
        )


def test_a_version_2_lock_still_verifies_by_its_own_declaration(services, store, locked):
    _as_version_2(services, store, locked)
    integrity = services.records.integrity(locked.conference_id)
    assert integrity.ok, integrity.message
    assert integrity.locked
    # what version 2 did not cover changes nothing for it ...
    _tamper(store, locked, "map_items", "audience_kind", "id = :item", "everyone")
    _tamper(store, locked, "conferences", "chair_role", "id = :c", "deputy")
    assert services.records.integrity(locked.conference_id).ok
    # ... what it did cover still breaks it
    _tamper(store, locked, "map_items", "text", "id = :item", "Edited behind the app's back")
    assert "the map" in services.records.integrity(locked.conference_id).message


def test_a_version_3_lock_is_not_accepted_as_version_2(services, store, locked):
    """Setting the stored version back to 2 (to escape the audience check) breaks the signature."""
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE record_versions SET snapshot_version = 2 WHERE record_id = :r"),
            {"r": locked.record_id},
        )
    assert not services.records.integrity(locked.conference_id).ok
