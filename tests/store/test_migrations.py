"""Migrations: empty file to head, schema equals models, child rows survive, backups made first."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from iro_desktop.store import migrations, server_admin
from iro_desktop.store.engine import make_engine
from iro_desktop.store.models import Base
from iro_desktop.store.opening import open_store


def test_empty_file_migrates_to_head(blank_location, backend):
    """SQLite: opening migrates. A team database: its administrator migrates (`admin migrate`)."""
    if backend == "postgresql":
        server_admin.migrate(blank_location)
    store = open_store(blank_location)
    try:
        with store.engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision()
    finally:
        store.close()
    if backend == "sqlite":
        assert blank_location.sqlite_path is not None
        assert blank_location.sqlite_path.exists()


def test_migrated_schema_equals_models(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


@pytest.mark.sqlite_only("SQLite's pragmas")
def test_pragmas_on_every_connection(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_every_revision_upgrades_and_downgrades(blank_location):
    location = blank_location
    engine = make_engine(location.url)
    location.data_dir.mkdir(parents=True)
    migrations.upgrade(engine)
    from alembic import command

    with engine.connect() as conn:
        command.downgrade(migrations.alembic_config(conn), "base")
        conn.commit()
        assert migrations.current_revision(conn) is None
    migrations.upgrade(engine)
    engine.dispose()


@pytest.mark.sqlite_only("the before-upgrade backup is a copy of the SQLite file (pg_dump: issue 16 item 2)")
def test_migration_keeps_child_rows_and_backs_up_first(location):
    """Start from the first revision, add a family and children, upgrade to head: rows survive,
    foreign keys hold, and a backup of the old file was taken before."""
    location.data_dir.mkdir(parents=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0001")
    engine.dispose()
    path = location.sqlite_path
    assert path is not None
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO families (id, reference, name, created_at) VALUES ('f1', 'R1', 'F', '2026-01-01')"
    )
    for n in range(3):
        conn.execute(
            "INSERT INTO children (id, family_id, given_name, family_name, unborn, gender, ethnicity_code,"
            " disability, case_number, sort_order) VALUES (?, 'f1', ?, 'Brontë', 0, 'female', '', 0, '', ?)",
            (f"c{n}", f"Zoë {n}", n),
        )
    conn.commit()
    conn.close()
    # Pretend head is newer than 0001 by opening; if head is 0001 this is a no-op upgrade.
    store = open_store(location)
    try:
        with store.engine.connect() as c:
            names = [r[0] for r in c.exec_driver_sql("SELECT given_name FROM children ORDER BY sort_order")]
            assert names == ["Zoë 0", "Zoë 1", "Zoë 2"]
            assert c.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        if migrations.head_revision() != "0001":
            assert store.backup_path is not None
            assert store.backup_path.exists()
            backup = sqlite3.connect(store.backup_path)
            assert backup.execute("SELECT count(*) FROM children").fetchone()[0] == 3
            backup.close()
    finally:
        store.close()


REBUILD_PARENT = '''"""test: rebuild the parent table (families) the way a batch migration does on SQLite."""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("families", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.String(50), nullable=True))


def downgrade():
    with op.batch_alter_table("families", recreate="always") as batch:
        batch.drop_column("note")
'''


def test_runner_keeps_child_rows_when_a_parent_table_is_rebuilt(tmp_path, monkeypatch):
    """The pitfall in architecture.md: rebuilding a parent table with foreign keys ON cascade-deletes its
    children. The runner turns them off for the migration, so children survive and references hold."""
    import shutil

    scripts = tmp_path / "db"
    shutil.copytree(migrations.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    for extra in (scripts / "versions").glob("*.py"):
        if not extra.name.startswith("0001"):
            extra.unlink()
    (scripts / "versions" / "9001_rebuild_parent.py").write_text(REBUILD_PARENT)
    monkeypatch.setattr(migrations, "migrations_dir", lambda: scripts)

    db = tmp_path / "pitfall.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    migrations.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO families (id, reference, name, created_at) VALUES ('f1', 'R1', 'F', '2026-01-01')"
        )
        for n in range(3):
            conn.exec_driver_sql(
                "INSERT INTO children (id, family_id, given_name, family_name, unborn, gender, "
                "ethnicity_code, disability, case_number, sort_order) "
                f"VALUES ('c{n}', 'f1', 'Łucja {n}', 'Wójcik', 0, 'female', '', 0, '', {n})"
            )
    migrations.upgrade(engine, "9001")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM children").scalar() == 3
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(families)")]
        assert "note" in columns
    engine.dispose()


def _run(conn, statement: str, **params: object) -> None:  # type: ignore[no-untyped-def]
    """A statement with bound parameters, so booleans and integers are typed as each database wants."""
    conn.execute(text(statement), params)


def _foreign_keys_hold(conn, backend: str) -> None:  # type: ignore[no-untyped-def]
    """SQLite checks foreign keys on request; PostgreSQL enforced them on every insert above."""
    if backend == "sqlite":
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def _family_and_conference(conn) -> None:  # type: ignore[no-untyped-def]
    _run(
        conn, "INSERT INTO families (id, reference, name, created_at) VALUES ('f1', 'R1', 'F', '2026-01-01')"
    )
    _run(
        conn,
        "INSERT INTO conferences (id, family_id, conference_type, scheduled_date, venue, status, chair_name,"
        " created_at) VALUES ('m1', 'f1', 'initial', '2026-01-05', '', 'held', '', '2026-01-01')",
    )


def _child(conn) -> None:  # type: ignore[no-untyped-def]
    """Ada, the family's child (the columns as they are from 0013_ff2 on)."""
    _run(
        conn,
        "INSERT INTO children (id, family_id, given_name, family_name, unborn, gender, ethnicity_code,"
        " disability, disability_known, case_number, sort_order)"
        " VALUES ('c1', 'f1', 'Ada', 'Nowak', :no, 'female', '', :no, :no, '', 0)",
        no=False,
    )


def test_0011_keeps_children_and_people_as_they_were(location, backend):
    """Issue 17 item 5: a child already recorded keeps a known disability (Y or N as it was), a person
    already recorded is in their family's one household, and the people's invitations survive."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0010")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _run(
            conn,
            "INSERT INTO children (id, family_id, given_name, family_name, unborn, gender, ethnicity_code,"
            " disability, case_number, sort_order) VALUES ('c1', 'f1', 'Ada', 'Nowak', :no, 'female', '',"
            " :yes, '', 0)",
            no=False,
            yes=True,
        )
        _run(
            conn,
            "INSERT INTO people (id, name, role, family_id, contact, parental_responsibility)"
            " VALUES ('p1', 'Eve Nowak', 'parent', 'f1', '', :yes)",
            yes=True,
        )
        _run(
            conn,
            "INSERT INTO invitations (id, conference_id, person_id, attendance, exclusion_reason)"
            " VALUES ('i1', 'm1', 'p1', 'attended', '')",
        )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        disability, known = conn.exec_driver_sql("SELECT disability, disability_known FROM children").one()
        assert (bool(disability), bool(known)) == (True, True)
        assert conn.exec_driver_sql("SELECT household FROM people").scalar() == ""
        assert conn.exec_driver_sql("SELECT count(*) FROM invitations").scalar() == 1
        _foreign_keys_hold(conn, backend)
    engine.dispose()


def test_0012_map_items_are_for_everyone_as_they_were(location, backend):
    """Issue 18: an item already on a map is for everyone; its pairing and scales survive."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0011")
    with engine.begin() as conn:
        _family_and_conference(conn)
        for item_id, section, goal in (("g1", "safety_goals", None), ("d1", "danger", "g1")):
            _run(
                conn,
                "INSERT INTO map_items (id, conference_id, section, text, sort_order, source,"
                " carried_forward, goal_id, updated_at)"
                " VALUES (:id, 'm1', :section, 'x', 0, '', :no, :goal, '2026-01-05')",
                id=item_id,
                section=section,
                goal=goal,
                no=False,
            )
        _run(
            conn,
            "INSERT INTO scale_scores (id, conference_id, danger_id, participant, score, reason, updated_at)"
            " VALUES ('s1', 'm1', 'd1', 'Family', 4, '', '2026-01-05')",
        )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, goal_id, audience_kind, audience_excluded, audience_reason, audience_reason_words"
            " FROM map_items ORDER BY id"
        ).fetchall()
        assert [tuple(r) for r in rows] == [
            ("d1", "g1", "everyone", "[]", "", ""),
            ("g1", None, "everyone", "[]", "", ""),
        ]
        assert conn.exec_driver_sql("SELECT count(*) FROM scale_scores").scalar() == 1
        _foreign_keys_hold(conn, backend)
    engine.dispose()


def test_0013_letter_adds_letters_and_corrections_and_keeps_the_people(location, backend):
    """Issue 18: the decision letters and correction requests tables are new and empty; a letter and a
    request can be written with bound parameters and cascade with their conference; people survive."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _run(
            conn,
            "INSERT INTO people (id, name, role, family_id, contact, parental_responsibility, household)"
            " VALUES ('p1', 'Eve Nowak', 'parent', 'f1', '', :yes, '')",
            yes=True,
        )
    migrations.upgrade(engine)
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM decision_letters").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM correction_requests").scalar() == 0
        _run(
            conn,
            "INSERT INTO decision_letters (id, conference_id, person_id, sent_on, method, recorded_at)"
            " VALUES ('l1', 'm1', 'p1', :sent, 'post', :at)",
            sent=date(2026, 1, 6),
            at=datetime(2026, 1, 6, 9, 0),
        )
        _run(
            conn,
            "INSERT INTO correction_requests (id, conference_id, person_id, requester_name, requester_kind,"
            " what, received_on, outcome, outcome_reason, decided_on, amendment_version, logged_at)"
            " VALUES ('r1', 'm1', 'p1', 'Eve Nowak', 'parent', 'x', :received, 'pending', '', NULL, NULL,"
            " :at)",
            received=date(2026, 1, 8),
            at=datetime(2026, 1, 8, 9, 0),
        )
        _foreign_keys_hold(conn, backend)
    with engine.begin() as conn:
        if backend == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.exec_driver_sql("DELETE FROM conferences WHERE id = 'm1'")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM decision_letters").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM correction_requests").scalar() == 0
        assert conn.exec_driver_sql("SELECT name FROM people").scalar() == "Eve Nowak"
    engine.dispose()


def test_0013_laptop_checkouts_one_holder_per_conference(location, backend):
    """Issue 16 item 5: existing conferences are not out on a laptop; a second holder for one conference
    is refused by the key; removing the conference removes its checkout; downgrading drops the table."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
    migrations.upgrade(engine, "0013_laptop")
    insert = (
        "INSERT INTO checkouts (conference_id, holder_id, holder_username, holder_name, since, revision,"
        " place) VALUES ('m1', :holder, :holder, 'Priya Raman', :since, :rev, '')"
    )
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM checkouts").scalar() == 0
        _run(conn, insert, holder="u1", since="2026-12-02 01:50:00", rev="a" * 64)
    with pytest.raises(Exception, match="(?i)unique|duplicate"), engine.begin() as conn:
        _run(conn, insert, holder="u2", since="2026-12-02 01:51:00", rev="b" * 64)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT holder_id FROM checkouts")).scalars().all() == ["u1"]
        if backend == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        _run(conn, "DELETE FROM conferences WHERE id = 'm1'")
        assert conn.exec_driver_sql("SELECT count(*) FROM checkouts").scalar() == 0
        _foreign_keys_hold(conn, backend)
    with engine.connect() as conn, conn.begin():
        command.downgrade(migrations.alembic_config(conn), "0013_letter")
    with engine.connect() as conn:
        assert "checkouts" not in inspect(conn).get_table_names()
    engine.dispose()


def test_0013_outage_adds_the_applied_edits_keys_and_keeps_the_records(location, backend):
    """Issue 16 item 4: the idempotency keys of replayed edits get a table of their own; the records
    already there are untouched, and a key can be written once only."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
    migrations.upgrade(engine)
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM conferences").scalar() == 1
        _run(conn, "INSERT INTO applied_edits (key, applied_at) VALUES (:k, :at)", k="k1", at="2026-12-02")
        assert conn.exec_driver_sql("SELECT key FROM applied_edits").scalars().all() == ["k1"]
    with pytest.raises(DBAPIError), engine.begin() as conn:
        _run(conn, "INSERT INTO applied_edits (key, applied_at) VALUES (:k, :at)", k="k1", at="2026-12-02")
    engine.dispose()


def test_0013_ff2_children_keep_their_rows_and_have_no_nhs_number(location, backend):
    """Issue 19: a child already recorded has no NHS number yet; the new tables start empty and take
    rows that point at the family and the child."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _run(
            conn,
            "INSERT INTO children (id, family_id, given_name, family_name, unborn, gender, ethnicity_code,"
            " disability, disability_known, case_number, sort_order) VALUES ('c1', 'f1', 'Ada', 'Nowak', :no,"
            " 'female', '', :no, :yes, '', 0)",
            no=False,
            yes=True,
        )
    migrations.upgrade(engine)
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT given_name, nhs_number FROM children").one() == ("Ada", "")
        _run(
            conn,
            "INSERT INTO alerts (id, child_id, reason, detail, raised_on, raised_by)"
            " VALUES ('a1', 'c1', 'no_progress', '', '2026-11-02', 'Chair')",
        )
        _run(
            conn,
            "INSERT INTO alert_stages (id, alert_id, stage, manager, raised_on, due_on, response, outcome,"
            " outcome_note) VALUES ('s1', 'a1', 1, 'TM', '2026-11-02', '2026-11-09', '', '', '')",
        )
        _run(
            conn,
            "INSERT INTO family_group_decisions (id, family_id, offered_to, response, facilitated_by,"
            " not_offered_reason, updated_at) VALUES ('g1', 'f1', '', '', '', 'x', '2026-11-02')",
        )
        assert conn.exec_driver_sql("SELECT count(*) FROM alert_stages").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM feedback_forms").scalar() == 0
        _foreign_keys_hold(conn, backend)
    engine.dispose()


def test_0013_kinds_every_kind_of_content_is_for_everyone_as_it_was(location, backend):
    """Issue 18: decision reasons, dissent, plan actions and attendance notes already stored are for
    everyone; the rows and their links survive; nobody is out of the room."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _child(conn)
        _run(
            conn,
            "INSERT INTO people (id, name, role, family_id, contact, parental_responsibility, household)"
            " VALUES ('p1', 'Eve Nowak', 'parent', 'f1', '', :yes, '')",
            yes=True,
        )
        _run(
            conn,
            "INSERT INTO invitations (id, conference_id, person_id, attendance, exclusion_reason)"
            " VALUES ('i1', 'm1', 'p1', 'excluded', 'Bail conditions')",
        )
        _run(
            conn,
            "INSERT INTO child_decisions (id, conference_id, child_id, outcome, multiple_reason, rationale,"
            " decided_by, decided_at) VALUES ('d1', 'm1', 'c1', 'plan_made', '', 'Why', 'Chair',"
            " '2026-01-05 10:00:00')",
        )
        _run(
            conn,
            "INSERT INTO decision_dissents (id, conference_id, child_id, name, agency, view, reason,"
            " chair_response, sort_order) VALUES ('x1', 'm1', 'c1', 'A', 'B', 'C', 'D', '', 0)",
        )
        _run(
            conn,
            "INSERT INTO plan_actions (id, conference_id, sort_order, what, who_person, who_agency,"
            " done_when, safety_goal_id, status) VALUES ('a1', 'm1', 0, 'Visit', '', '', '', '',"
            " 'not_started')",
        )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        for table in ("child_decisions", "decision_dissents", "plan_actions", "invitations"):
            rows = conn.exec_driver_sql(
                "SELECT audience_kind, audience_excluded, audience_reason, audience_reason_words"
                f" FROM {table}"
            ).fetchall()
            assert [tuple(r) for r in rows] == [("everyone", "[]", "", "")], table
        reason = conn.exec_driver_sql("SELECT exclusion_reason FROM invitations").scalar()
        assert reason == "Bail conditions"
        assert conn.exec_driver_sql("SELECT count(*) FROM room_absences").scalar() == 0
        _foreign_keys_hold(conn, backend)
    engine.dispose()


def test_0013_copies_recipients_are_professionals_as_they_were(location, backend):
    """Issue 18: a recipient already on a distribution list reads as a professional, no person linked,
    not signed off; the log and the answers start empty; the record's sections and versions survive."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _run(
            conn,
            "INSERT INTO records (id, conference_id, state, approved_by, approval_note, updated_at)"
            " VALUES ('r1', 'm1', 'with_clerk', '', '', '2026-01-06')",
        )
        _run(
            conn,
            "INSERT INTO record_sections (id, record_id, key, agency, text, sort_order)"
            " VALUES ('s1', 'r1', 'purpose', '', 'x', 0)",
        )
        _run(
            conn,
            "INSERT INTO record_recipients (id, record_id, name, role, method, sent_on, sort_order)"
            " VALUES ('rc1', 'r1', 'Dr Farhan Qureshi', 'GP', 'post', :sent, 0)",
            sent=date(2026, 1, 9),
        )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT name, method, sent_on, person_id, audience, signed_off_by, signed_off_flags"
            " FROM record_recipients"
        ).one()
        assert (row[0], row[1], str(row[2]), row[3], row[4], row[5], row[6]) == (
            "Dr Farhan Qureshi",
            "post",
            "2026-01-09",
            None,
            "professional",
            "",
            "",
        )
        assert conn.exec_driver_sql("SELECT count(*) FROM record_sections").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM distribution_log").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM release_answers").scalar() == 0
        _foreign_keys_hold(conn, backend)
    engine.dispose()


def test_0014_letters_from_records_the_upgrade_day_on_a_store_with_conferences(blank_location, backend):
    """Issue 18: a store that already held conferences keeps the day it gained decision letters (England's
    date of the upgrade), so its earlier conferences are not shown as letters overdue; it survives a
    second run and goes on downgrade."""
    import json

    from iro_desktop.domain.local_time import ENGLAND

    location = blank_location
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0014_versions2")
    with engine.begin() as conn:
        _family_and_conference(conn)
    before = datetime.now(ENGLAND).date()
    migrations.upgrade(engine)
    after = datetime.now(ENGLAND).date()
    with engine.connect() as conn:
        value = conn.exec_driver_sql("SELECT value FROM local_rules WHERE key = 'letters.due_from'").scalar()
    assert value is not None
    assert before <= date.fromisoformat(json.loads(value)) <= after
    migrations.upgrade(engine)  # at head already: nothing runs twice
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM local_rules").scalar() == 1
        command.downgrade(migrations.alembic_config(conn), "0014_versions2")
        conn.commit()
        assert conn.exec_driver_sql("SELECT count(*) FROM local_rules").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM conferences").scalar() == 1
    engine.dispose()


def test_0014_letters_from_records_nothing_on_an_empty_store(blank_location, backend):
    """A store with no conferences when it gains letters: every conference held in it owes them."""
    location = blank_location
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0014_versions2")
    migrations.upgrade(engine)
    with engine.connect() as conn:
        kept = conn.exec_driver_sql("SELECT count(*) FROM local_rules WHERE key = 'letters.due_from'")
        assert kept.scalar() == 0
    engine.dispose()
