"""Issue 13, "a record's lock means something": a final record is changed behind the app's back, one way
per case, on a real migrated SQLite file; each change is caught, and the test says by which checks:
opening the record (`records.get(...).integrity`, the records area's banner), exporting it (conference
file and PDF refused), and the `check` command (exit 1, naming the conference). Then the same changes
tried through the services are refused, and the changes a final record does not cover still work."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from iro_desktop.cli import main
from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.lock import LockBroken, SignedVersion, fingerprint
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordLocked, RecordState, SectionKey, SendMethod
from iro_desktop.services.approval_signing import public_hex, sign
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.documents import DocumentKind
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store
from tests.conftest import TODAY
from tests.services.played_meeting import finalise, play_demo_meeting
from tests.signing import with_key

pytestmark = pytest.mark.sqlite_only(
    "changes the SQLite file by SQL and runs the CLI's check on its data folder"
)

DB = "iro-desktop.sqlite3"


@dataclass(frozen=True)
class Final:
    data_dir: Path
    conference_id: str
    family_id: str
    other_conference_id: str  # the demo's second family's record, with the clerk (not final)
    key: Ed25519PrivateKey  # the approving chair's key (the system user's, in these tests)


@pytest.fixture(scope="module")
def final_store(tmp_path_factory) -> Final:
    """The demo meeting played through and approved, once; each test gets its own copy of the file."""
    data = tmp_path_factory.mktemp("final") / "data"
    store = open_store(resolve_location(data, environ={}))
    services = Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )
    played = play_demo_meeting(services)
    police_only = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)  # issue 18: covered by v3
    services.mapping.add_item(played.conference_id, Section.COMPLICATING, "Police only", audience=police_only)
    finalise(services, played.conference_id)
    assert services.records.lock_intact(played.conference_id)
    family_id = services.records.get(played.conference_id).family_id
    other = next(e.conference_id for e in services.records.queue() if e.conference_id != played.conference_id)
    key = services.ctx.session.keys[SYSTEM_USER.id]
    store.close()
    return Final(data, played.conference_id, family_id, other, key)


@pytest.fixture
def copy(final_store, tmp_path) -> Final:
    data = tmp_path / "data"
    shutil.copytree(final_store.data_dir, data)
    return replace(final_store, data_dir=data)


def _sql(final: Final, *statements: str, params: tuple = ()) -> None:
    with sqlite3.connect(final.data_dir / DB) as conn:
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
    conn.close()


def _query(final: Final, statement: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(final.data_dir / DB) as conn:
        rows = conn.execute(statement, params).fetchall()
    conn.close()
    return rows


def _record_id(f: Final, cid: str | None = None) -> str:
    return _query(f, "SELECT id FROM records WHERE conference_id = ?", (cid or f.conference_id,))[0][0]


def _resign(f: Final, key: Ed25519PrivateKey, change: Callable[[dict], None]) -> None:
    """Edit the locked snapshot, recompute its fingerprint and sign it again with `key`."""
    rid = _record_id(f)
    number, text, version, signer, name, at = _query(
        f,
        "SELECT number, snapshot_json, snapshot_version, signer_id, signer_name, signed_at "
        "FROM record_versions WHERE record_id = ? ORDER BY number DESC LIMIT 1",
        (rid,),
    )[0]
    data = json.loads(text)
    change(data)
    fp = fingerprint(data, version)
    signature = sign(key, SignedVersion(f.conference_id, number, version, fp, signer, name, at))
    _sql(
        f,
        "UPDATE record_versions SET snapshot_json = ?, content_hash = ?, signature = ?, "
        "signer_public_key = ? WHERE record_id = ? AND number = ?",
        params=(json.dumps(data), fp, signature, public_hex(key), rid, number),
    )


def _copy_row(f: Final, table: str, where: str, changes: dict[str, object]) -> None:
    """Insert a copy of one row with some columns changed (a row added behind the app's back)."""
    with sqlite3.connect(f.data_dir / DB) as conn:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        row = dict(
            zip(columns, conn.execute(f"SELECT * FROM {table} WHERE {where} LIMIT 1").fetchone(), strict=True)
        )
        row.update(changes)
        marks = ", ".join("?" for _ in columns)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", [row[c] for c in columns]
        )
    conn.close()


def sql(*statements: str) -> Callable[[Final], None]:
    """Tampering by SQL; {cid} is the final conference, {rid} its record, {fid} its family."""

    def run(f: Final) -> None:
        names = {"cid": f.conference_id, "rid": _record_id(f), "fid": f.family_id}
        _sql(f, *(s.format(**names) for s in statements))

    return run


def first(table: str, where: str = "conference_id = '{cid}'") -> str:
    """The first row (by rowid) of `table` matching `where`."""
    return f"rowid = (SELECT min(rowid) FROM {table} WHERE {where})"


def _recompute(change: Callable[[dict], None]) -> Callable[[Final], None]:
    """Edit the locked snapshot and recompute its fingerprint, without the chair's key (the signature
    is left as it was)."""

    def run(f: Final) -> None:
        rid = _record_id(f)
        data = json.loads(
            _query(f, "SELECT snapshot_json FROM record_versions WHERE record_id = ?", (rid,))[0][0]
        )
        change(data)
        _sql(
            f,
            "UPDATE record_versions SET snapshot_json = ?, content_hash = ? WHERE record_id = ?",
            params=(json.dumps(data), fingerprint(data), rid),
        )

    return run


def _both(*steps: Callable[[Final], None]) -> Callable[[Final], None]:
    def run(f: Final) -> None:
        for step in steps:
            step(f)

    return run


def _edit_summary(data: dict) -> None:
    data["record_sections"][0]["text"] = "Edited."


def _edit_decisions(data: dict) -> None:
    for decision in data["decisions"]:
        decision["rationale"] = "Changed later."


NEW_ID = "00000000-0000-4000-8000-00000000beef"
CID = "conference_id = '{cid}'"
RID = "record_id = '{rid}'"
DECISION_CHANGED = sql("UPDATE child_decisions SET rationale = 'Changed later.' WHERE " + CID)
STARTED_HERE = "SELECT history_id FROM child_plan_history_links WHERE started_conference_id = '{cid}'"

# (case, what the integrity message names, the tampering). Each is one kind of change from issue 13.
CASES: list[tuple[str, str, Callable[[Final], None]]] = [
    ("state reopened by SQL", "but is marked", sql("UPDATE records SET state = 'with_clerk' WHERE " + CID)),
    (
        "state set back to awaiting approval",
        "but is marked",
        sql("UPDATE records SET state = 'awaiting_approval' WHERE " + CID),
    ),
    (
        "state not one the app uses",
        "not one this app uses",
        sql("UPDATE records SET state = 'ok' WHERE " + CID),
    ),
    (
        "approved_by changed",
        "its approval",
        sql("UPDATE records SET approved_by = 'Sam Dvořák' WHERE " + CID),
    ),
    (
        "approved_at changed",
        "its approval",
        sql("UPDATE records SET approved_at = '2026-11-01 09:00:00.000000' WHERE " + CID),
    ),
    (
        "locked snapshot edited",
        "stored snapshot of version 1",
        sql("UPDATE record_versions SET snapshot_json = replace(snapshot_json, 'Zoë', 'Zoe')"),
    ),
    (
        "locked snapshot edited, fingerprint recomputed",
        "signature does not verify",
        _recompute(_edit_summary),
    ),
    (
        "fingerprint replaced",
        "stored snapshot of version 1",
        sql(f"UPDATE record_versions SET content_hash = '{'0' * 64}'"),
    ),
    ("signature removed", "is not signed", sql("UPDATE record_versions SET signature = ''")),
    (
        "signature garbage",
        "signature does not verify",
        sql(f"UPDATE record_versions SET signature = '{'ab' * 64}'"),
    ),
    (
        "signer's name changed",
        "signature does not verify",
        sql("UPDATE record_versions SET signer_name = 'Sam'"),
    ),
    (
        "snapshot version set to legacy",
        "before approvals were signed",
        sql("UPDATE record_versions SET snapshot_version = 1"),
    ),
    (
        "signed again with an unknown key",
        "does not know",
        lambda f: _resign(f, Ed25519PrivateKey.generate(), lambda d: None),
    ),
    ("signing key removed from the store", "does not know", sql("DELETE FROM signing_keys")),
    (
        "approver's role changed to clerk",
        "may not approve",
        sql("UPDATE users SET role = 'clerk' WHERE id = 'system'"),
    ),
    (
        "approver's account deactivated",
        "does not know",
        sql("UPDATE users SET active = 0 WHERE id = 'system'"),
    ),
    ("version row deleted", "no locked version", sql("DELETE FROM record_versions")),
    ("version renumbered", "one is missing", sql("UPDATE record_versions SET number = 2")),
    (
        "version added",
        "version 2",
        lambda f: _copy_row(
            f, "record_versions", "number = 1", {"id": NEW_ID, "number": 2, "reason": "Forged"}
        ),
    ),
    ("a decision changed", "the decisions", DECISION_CHANGED),
    (
        "a decision changed, fingerprint recomputed",
        "signature does not verify",
        _both(DECISION_CHANGED, _recompute(_edit_decisions)),
    ),
    (
        "a decision's category changed",
        "the decisions",
        sql(
            "UPDATE child_decisions SET category = 'emotional' WHERE "
            + first("child_decisions", CID + " AND category != 'emotional'")
        ),
    ),
    (
        "a significant factor removed",
        "the decisions",
        sql(
            "DELETE FROM child_decision_factors WHERE "
            + first(
                "child_decision_factors", "decision_id IN (SELECT id FROM child_decisions WHERE " + CID + ")"
            )
        ),
    ),
    (
        "plan history edited",
        "the plan history",
        sql(f"UPDATE child_plan_history SET started_on = '2026-01-05' WHERE id IN ({STARTED_HERE})"),
    ),
    (
        "plan history unlinked",
        "the plan history",
        sql(
            "UPDATE child_plan_history_links SET started_conference_id = NULL "
            "WHERE started_conference_id = '{cid}'"
        ),
    ),
    (
        "a child renamed by SQL",
        "a child's name",
        sql("UPDATE children SET given_name = 'Zosia' WHERE given_name = 'Zoë'"),
    ),
    (
        "a date of birth changed by SQL",
        "a child's name or date of birth",
        sql(
            "UPDATE children SET date_of_birth = '2017-02-03' WHERE "
            + first("children", "date_of_birth IS NOT NULL")
        ),
    ),
    (
        "the family renamed by SQL",
        "the family's name",
        sql("UPDATE families SET name = 'Smith' WHERE id = '{fid}'"),
    ),
    (
        "the family reference changed by SQL",
        "or reference",
        sql("UPDATE families SET reference = 'X-1' WHERE id = '{fid}'"),
    ),
    (
        "the conference date changed",
        "the conference's",
        sql("UPDATE conferences SET scheduled_date = '2026-11-02' WHERE id = '{cid}'"),
    ),
    (
        "the conference type changed",
        "the conference's",
        sql("UPDATE conferences SET conference_type = 'review' WHERE id = '{cid}'"),
    ),
    (
        "a map item's text",
        "the map",
        sql("UPDATE map_items SET text = text || ' (edited)' WHERE " + first("map_items")),
    ),
    (
        "a map item's section",
        "the map",
        sql(
            "UPDATE map_items SET section = 'grey_areas' WHERE "
            + first("map_items", CID + " AND section != 'grey_areas'")
        ),
    ),
    (
        "a map item's order",
        "the map",
        sql("UPDATE map_items SET sort_order = sort_order + 7 WHERE " + first("map_items")),
    ),
    (
        "a map item deleted",
        "the map",
        sql("DELETE FROM map_items WHERE " + first("map_items", CID + " AND goal_id IS NULL")),
    ),
    (
        "a map item added",
        "the map",
        lambda f: _copy_row(f, "map_items", CID.format(cid=f.conference_id), {"id": NEW_ID, "text": "Added"}),
    ),
    (
        "a scaling score",
        "the scaling",
        sql("UPDATE scale_scores SET score = (score + 3) % 11 WHERE " + first("scale_scores")),
    ),
    (
        "attendance",
        "the attendance",
        sql(
            "UPDATE invitations SET attendance = CASE attendance WHEN 'attended' THEN 'did_not_attend' "
            "ELSE 'attended' END WHERE " + first("invitations")
        ),
    ),
    (
        "a recipient renamed",
        "the distribution list",
        sql("UPDATE record_recipients SET name = 'X' WHERE " + first("record_recipients", RID)),
    ),
    (
        "a recipient deleted",
        "the distribution list",
        sql("DELETE FROM record_recipients WHERE " + first("record_recipients", RID)),
    ),
    (
        "summary text",
        "the discussion summary",
        sql("UPDATE record_sections SET text = text || '!' WHERE " + first("record_sections", RID)),
    ),
    (
        "summary section order",
        "the discussion summary",
        sql("UPDATE record_sections SET sort_order = sort_order + 9 WHERE " + first("record_sections", RID)),
    ),
    (
        "summary section deleted",
        "the discussion summary",
        sql("DELETE FROM record_sections WHERE " + first("record_sections", RID)),
    ),
    ("plan contingency", "the plan", sql("UPDATE plan_headers SET contingency = 'Nothing.' WHERE " + CID)),
    (
        "a plan action",
        "the plan actions",
        sql("UPDATE plan_actions SET what = 'Else' WHERE " + first("plan_actions")),
    ),
    ("dissent", "the dissent", sql("UPDATE decision_dissents SET view = 'Changed' WHERE " + CID)),
    # declaration version 3 (issues 18 and 19)
    (
        "a restricted map item flipped to everyone",
        "the map",
        sql(
            "UPDATE map_items SET audience_kind = 'everyone', audience_reason = '' WHERE "
            + CID
            + " AND audience_kind = 'professionals'"
        ),
    ),
    (
        "dissent marked for professionals only",
        "the dissent",
        sql("UPDATE decision_dissents SET audience_kind = 'professionals' WHERE " + CID),
    ),
    (
        "the chair's role",
        "the conference's",
        sql("UPDATE conferences SET chair_role = 'deputy' WHERE id = '{cid}'"),
    ),
    (
        "how someone took part",
        "the attendance",
        sql("UPDATE invitations SET took_part = 'phone' WHERE " + first("invitations")),
    ),
]


def _open(f: Final) -> tuple[object, Services]:
    store = open_store(resolve_location(f.data_dir, environ={}))
    services = Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )
    services.ctx.session.keys[SYSTEM_USER.id] = f.key
    return store, services


@pytest.mark.parametrize(("case", "named", "tamper"), CASES, ids=[c[0] for c in CASES])
def test_tampering_is_caught_on_open_export_and_check(copy, case, named, tamper, capsys, tmp_path):
    tamper(copy)
    store, services = _open(copy)
    try:
        # open: the record says so (the records area shows this message in its banner)
        record = services.records.get(copy.conference_id)
        assert not record.integrity.ok, case
        assert record.integrity.locked
        assert named in record.integrity.message, record.integrity.message
        # edits stay refused, whatever the state column says
        with pytest.raises(RecordLocked):
            services.records.save_section(copy.conference_id, SectionKey.ANALYSIS, "An edit after the lock")
        # export: neither the conference file nor the PDF leaves the app
        with pytest.raises(LockBroken):
            ConferenceFileService(services.ctx).export_text(copy.conference_id)
        with pytest.raises(LockBroken):
            services.documents.export(copy.conference_id, DocumentKind.RECORD, tmp_path / "out.pdf")
        assert not (tmp_path / "out.pdf").exists()
    finally:
        store.close()
    # check: exit 1, naming the conference
    assert main(["--data-dir", str(copy.data_dir), "check"]) == 1
    out = capsys.readouterr().out
    assert "record of" in out
    # the conference named (reference, type, date and id); `check` runs signed out, so it prints no names
    assert copy.conference_id in out
    assert "Brontë" not in out
    assert named in out


def test_the_untampered_copy_passes_every_check(copy, capsys, tmp_path):
    store, services = _open(copy)
    try:
        record = services.records.get(copy.conference_id)
        assert record.integrity.ok
        assert record.integrity.locked
        ConferenceFileService(services.ctx).export_text(copy.conference_id)
        services.documents.export(copy.conference_id, DocumentKind.RECORD, tmp_path / "out.pdf")
        assert (tmp_path / "out.pdf").stat().st_size > 0
    finally:
        store.close()
    assert main(["--data-dir", str(copy.data_dir), "check"]) == 0
    assert "Store is sound." in capsys.readouterr().out


def test_a_record_set_final_by_sql_without_a_version_is_caught(copy, capsys):
    other = f"conference_id = '{copy.other_conference_id}'"
    _sql(copy, f"UPDATE records SET state = 'final', approved_by = 'Priya Raman' WHERE {other}")
    store, services = _open(copy)
    try:
        record = services.records.get(copy.other_conference_id)
        assert "no locked version" in record.integrity.message
        with pytest.raises(LockBroken):
            ConferenceFileService(services.ctx).export_text(copy.other_conference_id)
    finally:
        store.close()
    assert main(["--data-dir", str(copy.data_dir), "check"]) == 1
    assert "no locked version" in capsys.readouterr().out


def test_approving_again_after_a_state_reset_is_refused(copy):
    sql("UPDATE records SET state = 'awaiting_approval' WHERE " + CID)(copy)
    store, services = _open(copy)
    try:
        with_key(services, SYSTEM_USER)
        with pytest.raises(RecordLocked):
            services.records.move(copy.conference_id, RecordState.FINAL)
        with pytest.raises(RecordLocked):
            services.records.move(copy.conference_id, RecordState.WITH_CLERK)
    finally:
        store.close()


def test_a_tampered_record_is_not_amended_or_distributed(copy):
    DECISION_CHANGED(copy)
    store, services = _open(copy)
    try:
        with_key(services, SYSTEM_USER)
        with pytest.raises(RecordLocked, match="decisions"):
            services.records.amend(
                copy.conference_id, {(SectionKey.ANALYSIS, ""): "Sealing it."}, "Sealing it"
            )
        with pytest.raises(RecordLocked):
            services.records.move(copy.conference_id, RecordState.DISTRIBUTED)
    finally:
        store.close()


# --- through the services ----------------------------------------------------------------------------


def _family_child(services: Services, f: Final):
    family = services.families.get(f.family_id)
    child = next(c for c in family.children if c.date_of_birth is not None)
    return family, child


def _child_input(child, **changes) -> ChildInput:
    values = {
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth": child.date_of_birth,
        "expected_date": child.expected_date,
        "unborn": child.unborn,
        "gender": child.gender,
        "ethnicity_code": child.ethnicity_code,
        "disability": child.disability,
        "case_number": child.case_number,
    }
    values.update(changes)
    return ChildInput(**values)


SERVICE_CASES = [
    (
        "rename a child",
        lambda s, f: s.families.update_child(
            _family_child(s, f)[1].id, _child_input(_family_child(s, f)[1], given_name="Zosia")
        ),
    ),
    (
        "change a child's family name",
        lambda s, f: s.families.update_child(
            _family_child(s, f)[1].id, _child_input(_family_child(s, f)[1], family_name="Kowalska")
        ),
    ),
    (
        "change a date of birth",
        lambda s, f: s.families.update_child(
            _family_child(s, f)[1].id, _child_input(_family_child(s, f)[1], date_of_birth=date(2017, 2, 3))
        ),
    ),
    (
        "rename the family",
        lambda s, f: s.families.update_family(f.family_id, _family_child(s, f)[0].reference, "Smith family"),
    ),
    (
        "change the family reference",
        lambda s, f: s.families.update_family(f.family_id, "DEMO-9999", _family_child(s, f)[0].name),
    ),
    (
        "reschedule the conference",
        lambda s, f: s.conferences.update_details(f.conference_id, date(2026, 11, 24)),
    ),
    (
        "edit the summary",
        lambda s, f: s.records.save_section(f.conference_id, SectionKey.ANALYSIS, "Changed"),
    ),
    ("add a map item", lambda s, f: s.mapping.add_item(f.conference_id, Section.STRENGTHS, "Added later")),
]


@pytest.mark.parametrize(("case", "change"), SERVICE_CASES, ids=[c[0] for c in SERVICE_CASES])
def test_changes_through_the_services_are_refused(copy, case, change):
    store, services = _open(copy)
    try:
        with pytest.raises(RecordLocked, match="amend"):
            change(services, copy)
        assert services.records.get(copy.conference_id).integrity.ok, case
    finally:
        store.close()


def test_what_a_final_record_does_not_cover_still_changes_and_the_lock_holds(copy):
    store, services = _open(copy)
    try:
        family, child = _family_child(services, copy)
        # a child born after the conference, a recipient added and sent, a case number corrected
        services.families.add_child(
            copy.family_id, ChildInput("Nowy", family.name.split()[0], date(2026, 11, 20))
        )
        services.families.update_child(child.id, _child_input(child, case_number="CN-777"))
        gp = services.records.add_recipient(
            copy.conference_id, "Practice nurse", "Health", SendMethod.SECURE_EMAIL
        )
        services.records.mark_sent(copy.conference_id, gp.id, TODAY, SendMethod.POST)
        assert services.records.get(copy.conference_id).integrity.ok
        # an amendment, with a reason, makes a new signed version
        with_key(services, SYSTEM_USER)
        record = services.records.amend(
            copy.conference_id, {(SectionKey.ANALYSIS, ""): "Corrected analysis."}, "Typing error corrected"
        )
        assert len(record.versions) == 2
        assert record.integrity.ok
        with pytest.raises(ValidationError, match="reason"):
            services.records.amend(copy.conference_id, {(SectionKey.ANALYSIS, ""): "x"}, "")
    finally:
        store.close()


def test_an_amendment_is_not_made_without_an_unlocked_key(copy):
    store, services = _open(copy)
    try:
        services.ctx.session.keys.clear()
        with pytest.raises(ValidationError, match="signing key"):
            services.records.amend(
                copy.conference_id, {(SectionKey.ANALYSIS, ""): "Corrected."}, "A correction"
            )
    finally:
        store.close()


def test_deleting_the_latest_amendment_is_caught(copy, capsys):
    store, services = _open(copy)
    try:
        with_key(services, SYSTEM_USER)
        services.records.amend(copy.conference_id, {(SectionKey.ANALYSIS, ""): "Corrected."}, "A correction")
    finally:
        store.close()
    _sql(copy, "DELETE FROM record_versions WHERE number = 2")
    store, services = _open(copy)
    try:
        assert "the discussion summary" in services.records.get(copy.conference_id).integrity.message
    finally:
        store.close()
    assert main(["--data-dir", str(copy.data_dir), "check"]) == 1
    capsys.readouterr()


def test_a_migration_adding_a_column_leaves_old_locks_valid(copy, monkeypatch):
    """A column added to a table (in the file and in the model's rows) is not in the declaration of the
    lock's snapshot version: the old lock still holds."""
    import iro_desktop.services.snapshot as snapshot_module

    _sql(copy, "ALTER TABLE map_items ADD COLUMN colour VARCHAR(16) NOT NULL DEFAULT 'red'")
    plain = snapshot_module._plain
    monkeypatch.setattr(snapshot_module, "_plain", lambda row: {**plain(row), "colour": "red"})
    store, services = _open(copy)
    try:
        with store.uow() as uow:
            now = snapshot_module.snapshot(uow.session, copy.conference_id)
        assert all(item["colour"] == "red" for item in now["map_items"])  # the snapshot carries the column
        assert services.records.get(copy.conference_id).integrity.ok
    finally:
        store.close()
