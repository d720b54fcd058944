"""The audit trail's anchor (issue 13): its end kept outside the table, so cutting the newest entries off,
deleting them all, or rewriting and re-hashing the chain is caught by `audit verify` and by `check`."""

from __future__ import annotations

import json
import stat
from datetime import datetime

import pytest

from iro_desktop.cli import main
from iro_desktop.domain.audit import GENESIS, event_hash
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.roles import Role
from iro_desktop.services.accounts import AccountService, SignInFailed
from iro_desktop.store.audit_anchor import ANCHOR_FILENAME, read_anchor
from iro_desktop.store.integrity import check_store
from iro_desktop.store.opening import open_store
from tests.cli_accounts import act_as
from tests.store_files import raw_connect

pytestmark = pytest.mark.sqlite_only(
    "the anchor is a file beside this computer's SQLite store; on PostgreSQL the trail is guarded by "
    "the role's grants and a trigger (issue 16 item 2)"
)

PW = "correct horse battery"


@pytest.fixture
def trail(services, location):
    """A store with five audited entries: an administrator, signing in, two accounts, a failed sign-in."""
    accounts = AccountService(services.ctx)
    accounts.create_first_admin("admin", "Admin", PW, Role.CHAIR)
    admin = accounts.sign_in("admin", PW)
    accounts.add_user(admin, "sam", "Sam", PW, Role.CLERK)
    accounts.add_user(admin, "lee", "Lee", PW, Role.MANAGER)
    with pytest.raises(SignInFailed):
        accounts.sign_in("admin", "not the password")
    return location


def _more_work(services) -> None:
    """One more audited entry."""
    AccountService(services.ctx).sign_in("sam", PW)


def _db(location):
    conn = raw_connect(location.sqlite_path)
    conn.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    return conn


def _count(location) -> int:
    with raw_connect(location.sqlite_path) as conn:
        return conn.execute("SELECT count(*) FROM audit_events").fetchone()[0]


def _verify(services):
    return services.audit.verify()


def test_normal_use_keeps_the_anchor_with_the_newest_entry(services, trail):
    anchor = read_anchor(trail.data_dir / ANCHOR_FILENAME)
    assert anchor is not None
    assert (anchor.seq, anchor.count) == (5, 5) == (_count(trail), _count(trail))
    with raw_connect(trail.sqlite_path) as conn:
        head = conn.execute("SELECT hash FROM audit_events WHERE seq = 5").fetchone()[0]
    assert anchor.head == head
    assert anchor.footer() == f"Audit: entry 5, head {head[:8]}"
    assert stat.S_IMODE((trail.data_dir / ANCHOR_FILENAME).stat().st_mode) == 0o600
    assert not list(trail.data_dir.glob(".audit-anchor-*"))  # no temporary file left behind
    report = _verify(services)
    assert report.intact
    assert report.entries == 5
    assert report.anchor_problems == ()


def test_a_change_that_is_rolled_back_does_not_move_the_anchor(services, trail):
    before = (trail.data_dir / ANCHOR_FILENAME).read_text()
    with pytest.raises(ValidationError, match="taken"):
        AccountService(services.ctx).add_user(services.ctx.session.user, "sam", "Sam", PW, Role.CLERK)
    assert (trail.data_dir / ANCHOR_FILENAME).read_text() == before
    assert _verify(services).intact


def test_deleting_the_newest_entries_is_caught(services, trail, store):
    with _db(trail) as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > 3")
    report = _verify(services)
    assert not report.intact
    assert report.breaks == ()  # the chain that is left is itself consistent
    anchor = read_anchor(trail.data_dir / ANCHOR_FILENAME)
    assert report.anchor_problems == (
        f"truncated: the anchor says 5 entries, head {anchor.head[:8]}; the table has 3",
    )
    assert any(p.startswith("audit trail truncated") for p in check_store(store))
    _more_work(services)  # entry 4 again: the anchor does not follow
    assert read_anchor(trail.data_dir / ANCHOR_FILENAME) == anchor
    assert not _verify(services).intact


def test_deleting_every_entry_is_caught(services, trail):
    with _db(trail) as conn:
        conn.execute("DELETE FROM audit_events")
    report = _verify(services)
    assert report.entries == 0
    assert report.anchor_problems[0].startswith("truncated: the anchor says 5 entries")
    assert report.anchor_problems[0].endswith("the table has 0")
    _more_work(services)  # a new chain from entry 1
    assert _verify(services).anchor_problems[0].endswith("the table has 1")


def test_rewriting_and_rehashing_the_chain_is_caught(services, trail):
    with _db(trail) as conn:
        rows = conn.execute(
            "SELECT seq, at, actor, action, entity_type, entity_id, before_json, after_json "
            "FROM audit_events ORDER BY seq"
        ).fetchall()
        prev = GENESIS
        for seq, at, actor, action, etype, eid, before, after in rows:
            actor = "someone-else"  # the forger rewrites who did it, and re-hashes every entry
            digest = event_hash(
                prev, seq, datetime.fromisoformat(at), actor, action, etype, eid, before, after
            )
            conn.execute(
                "UPDATE audit_events SET actor=?, prev_hash=?, hash=? WHERE seq=?", (actor, prev, digest, seq)
            )
            prev = digest
    report = _verify(services)
    assert report.breaks == ()  # a re-hashed chain verifies on its own: only the anchor sees it
    assert len(report.anchor_problems) == 1
    assert report.anchor_problems[0].startswith("rewritten: the anchor says entry 5 has head")


def test_a_deleted_anchor_is_reported_and_not_recreated(services, trail):
    (trail.data_dir / ANCHOR_FILENAME).unlink()
    report = _verify(services)
    assert report.anchor_problems == ("missing: the audit anchor file is gone, but the table has 5 entries",)
    _more_work(services)
    assert not (trail.data_dir / ANCHOR_FILENAME).exists()
    assert not _verify(services).intact


def test_a_damaged_anchor_is_reported(services, trail):
    (trail.data_dir / ANCHOR_FILENAME).write_text("{not json", encoding="utf-8")
    assert _verify(services).anchor_problems == (
        "damaged: the audit anchor file audit-anchor.json cannot be read",
    )


def test_a_brand_new_store_has_no_anchor_until_its_first_entry(services, location):
    assert not (location.data_dir / ANCHOR_FILENAME).exists()
    assert _verify(services).intact
    AccountService(services.ctx).create_first_admin("admin", "Admin", PW, Role.CHAIR)
    assert read_anchor(location.data_dir / ANCHOR_FILENAME).seq == 1


def test_each_backup_carries_the_anchor(trail, store):
    store.close()
    from iro_desktop.store import opening  # the copy made before every upgrade

    backup = opening._backup(trail.sqlite_path, trail.backups_dir, "test")
    copy = backup.with_name(backup.name + "." + ANCHOR_FILENAME)
    assert json.loads(copy.read_text()) == json.loads((trail.data_dir / ANCHOR_FILENAME).read_text())
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    reopened = open_store(trail)
    reopened.close()


def test_audit_verify_and_check_report_the_cut_and_exit_1(services, trail, store, monkeypatch, capsys):
    store.close()
    act_as(monkeypatch, "admin", PW)
    data = str(trail.data_dir)
    assert main(["--data-dir", data, "audit", "verify"]) == 0
    assert main(["--data-dir", data, "check"]) == 0
    capsys.readouterr()
    with _db(trail) as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > 2")
    assert main(["--data-dir", data, "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "truncated: the anchor says 6 entries" in out  # five, and the first command's sign-in
    assert "the table has 3" in out  # two kept, and this command's own sign-in
    assert main(["--data-dir", data, "check"]) == 1
    assert "audit trail truncated: the anchor says 6 entries" in capsys.readouterr().out


def test_the_exported_record_prints_the_anchor_in_its_footer(services, trail, tmp_path):
    from iro_desktop.export.pdf import record_pdf
    from iro_desktop.services.demo import load_demo
    from tests.export.pdftext import all_text

    load_demo(services.ctx)
    conference = services.conferences.all()[0]
    doc = services.documents.document(conference.id)
    anchor = read_anchor(trail.data_dir / ANCHOR_FILENAME)
    assert doc.header.audit_anchor == f"Audit: entry {anchor.seq}, head {anchor.head[:8]}"
    text = all_text(record_pdf(doc, tmp_path / "record.pdf"))
    assert f"Audit: entry {anchor.seq}, head {anchor.head[:8]}" in text
    assert "OFFICIAL-SENSITIVE" in text


def test_an_administrator_re_anchors_after_investigating_and_it_is_audited(services, trail):
    (trail.data_dir / ANCHOR_FILENAME).unlink()  # e.g. a store made before anchors existed
    assert not _verify(services).intact
    anchor = services.audit.re_anchor()
    assert (anchor.seq, anchor.count) == (6, 6)
    report = _verify(services)
    assert report.intact
    newest = services.audit.events(services.ctx.session.user)[0]
    assert newest.entity_type == "audit_anchor"
    assert newest.before == {
        "problems": ["missing: the audit anchor file is gone, but the table has 5 entries"]
    }
    _more_work(services)
    assert read_anchor(trail.data_dir / ANCHOR_FILENAME).seq == 7  # normal use carries on from it


def test_re_anchoring_is_refused_on_a_broken_chain_and_for_non_administrators(services, trail):
    from iro_desktop.domain.roles import PermissionDenied, User

    with _db(trail) as conn:
        conn.execute("UPDATE audit_events SET actor = 'forged' WHERE seq = 2")
    before = (trail.data_dir / ANCHOR_FILENAME).read_text()
    with pytest.raises(ValidationError, match="broken at entry 2"):
        services.audit.re_anchor()
    assert (trail.data_dir / ANCHOR_FILENAME).read_text() == before
    services.ctx.session.user = User("m", "lee", "Lee", Role.MANAGER)
    with pytest.raises(PermissionDenied):
        services.audit.re_anchor()
