"""Migrations: empty file to head, schema equals models, child rows survive, backups made first."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from iro_desktop.store import migrations
from iro_desktop.store.engine import make_engine
from iro_desktop.store.models import Base
from iro_desktop.store.opening import open_store


def test_empty_file_migrates_to_head(location):
    store = open_store(location)
    try:
        with store.engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision()
    finally:
        store.close()
    assert location.sqlite_path is not None
    assert location.sqlite_path.exists()


def test_migrated_schema_equals_models(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_pragmas_on_every_connection(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_every_revision_upgrades_and_downgrades(location):
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
