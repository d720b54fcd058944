"""Running the team database (issue 16 item 2): migrations by the owner role only, one at a time under an
advisory lock, after a `pg_dump` backup, never onto a newer schema; and the application role's grants.

Desktops never migrate a server database when they open it (store.opening): they connect as the
application role, which can read and write the records but cannot change the schema, and can only insert
into and read the audit trail (no UPDATE, DELETE or TRUNCATE: not granted, and triggers refuse them
for the owner too: migration 0005's row trigger, and the TRUNCATE statement trigger `migrate` adds, kept
out of the Alembic chain because SQLite has no TRUNCATE).

A desktop that vanishes in the middle of a transaction (its network gone without a word) would hold
what it had locked (a record's row lock, the audit trail's lock) until the server's TCP keepalive gives
up on it, two hours by default. So `migrate` sets `idle_in_transaction_session_timeout` for the team
database (`ABANDONED_AFTER`): a transaction left waiting for its desktop that long is ended by the
server, and its locks go with it. No unit of work leaves its transaction waiting for anything but the
next statement, so only an abandoned one is ended; pg_dump turns the limit off for itself. A value the
administrator set already (`ALTER DATABASE ... SET`) is left as it is.
"""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, text

from iro_desktop.store import migrations
from iro_desktop.store.engine import make_engine
from iro_desktop.store.errors import StoreError, StoreTooNew, translate
from iro_desktop.store.location import StoreLocation

MIGRATE_LOCK_KEY = 0x49524F4D  # "IROM": one migration at a time, whoever runs it
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
DURATION = re.compile(r"[1-9][0-9]{0,6}(ms|s|min|h)")
# Tables the application role may only read (and, for the audit trail, append to).
APPEND_ONLY = ("audit_events",)
READ_ONLY = ("alembic_version",)
ABANDONED_AFTER = "60s"  # idle_in_transaction_session_timeout, unless the administrator chose one


@dataclass(frozen=True)
class Migrated:
    before: str | None
    after: str
    backup: Path | None


def newer_schema() -> StoreTooNew:
    return StoreTooNew(
        "The team database was upgraded by a newer version of IRO Desktop. Install that version (on this "
        "computer and the desktops) to use it. Nothing was changed."
    )


def migrate(location: StoreLocation, app_role: str | None = None, *, backup: bool = True) -> Migrated:
    """Upgrade the server database to this version's schema, as its owner. A database that already has
    records is backed up with pg_dump first (into the data folder's backups). With `app_role`, that
    role is then granted what the desktops need and no more."""
    if app_role is not None and not ROLE_NAME.fullmatch(app_role):
        raise StoreError(f"{app_role!r} is not a role name IRO Desktop uses (lower case, digits, _).")
    engine = make_engine(location.url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATE_LOCK_KEY})
            conn.commit()
            try:
                return _migrate_locked(conn, location, app_role, backup)
            finally:
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATE_LOCK_KEY})
                conn.commit()
    except BaseException as exc:
        translated = translate(exc)
        if translated is not exc:
            raise translated from exc
        raise
    finally:
        engine.dispose()


def _migrate_locked(
    conn: Connection, location: StoreLocation, app_role: str | None, backup: bool
) -> Migrated:
    before = migrations.current_revision(conn)
    conn.commit()
    if before is not None and before not in migrations.known_revisions():
        raise newer_schema()
    head = migrations.head_revision()
    dump = None
    if backup and before is not None and before != head:
        dump = pg_dump(location, before)
    with conn.begin():
        command.upgrade(migrations.alembic_config(conn), "head")
        refuse_truncate(conn)
    if app_role is not None:
        with conn.begin():
            grant_application_role(conn, app_role)
            end_abandoned_transactions(conn)
    return Migrated(before, head, dump)


def refuse_truncate(conn: Connection) -> None:
    """A TRUNCATE of the audit trail is refused (the row triggers never see one)."""
    conn.exec_driver_sql(
        "CREATE OR REPLACE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
    )


def grant_application_role(conn: Connection, role: str) -> None:
    """What a desktop may do: read and write the records, append to and read the audit trail, read the
    schema version. Not owning the tables, it cannot alter, drop or truncate them."""
    if not ROLE_NAME.fullmatch(role):
        raise StoreError(f"{role!r} is not a role name IRO Desktop uses (lower case, digits, _).")
    database = conn.exec_driver_sql("SELECT current_database()").scalar()
    conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO {role}')
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
    conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}")
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    for table in APPEND_ONLY:
        conn.exec_driver_sql(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {role}")
    for table in READ_ONLY:
        conn.exec_driver_sql(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {table} FROM {role}")


def end_abandoned_transactions(conn: Connection, after: str = ABANDONED_AFTER) -> None:
    """Have the server end a transaction left idle for `after` (its desktop gone), on this database,
    unless its administrator chose a limit already. As the database's owner (ALTER DATABASE)."""
    if not DURATION.fullmatch(after):
        raise StoreError(f"{after!r} is not a time PostgreSQL reads (for example 60s or 5min).")
    chosen = conn.execute(
        text(
            "SELECT 1 FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase "
            "WHERE d.datname = current_database() AND s.setrole = 0 "
            "AND EXISTS (SELECT 1 FROM unnest(s.setconfig) c WHERE c LIKE :setting)"
        ),
        {"setting": "idle_in_transaction_session_timeout=%"},
    ).first()
    if chosen is not None:
        return
    database = conn.exec_driver_sql("SELECT current_database()").scalar()
    conn.exec_driver_sql(f"ALTER DATABASE \"{database}\" SET idle_in_transaction_session_timeout = '{after}'")


def pg_dump_program() -> str:
    found = shutil.which("pg_dump") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))[-1:]), None
    )
    if found is None:
        raise StoreError(
            "pg_dump was not found, so the team database cannot be backed up before it is upgraded. "
            "Install PostgreSQL's client programs (Debian: postgresql-client). Nothing was changed."
        )
    return found


def pg_dump(location: StoreLocation, revision: str) -> Path:
    """A custom-format dump of the whole database (restore with pg_restore), before upgrading from
    `revision`. A failed dump stops the upgrade and leaves no partial file."""
    from psycopg import pq
    from psycopg.conninfo import make_conninfo

    engine = make_engine(location.url)
    try:
        _args, params = engine.dialect.create_connect_args(engine.url)
    finally:
        engine.dispose()
    location.backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = location.backups_dir / f"team-store-{stamp}-before-{revision}.dump"
    libpq = {option.keyword.decode() for option in pq.Conninfo.get_defaults()}
    conninfo = make_conninfo("", **{k: v for k, v in params.items() if k in libpq and v is not None})
    result = subprocess.run(
        [pg_dump_program(), "--format=custom", f"--file={target}", f"--dbname={conninfo}"],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        raise StoreError(
            "The backup before upgrading the team database failed, so it was not upgraded. "
            f"pg_dump said: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'nothing'}"
        )
    return target
