"""Issue 13 item 5: each bad store is told for what it is (by SQLite's result codes), through the command
line's exit code and message, with the records file byte-for-byte unchanged and no extra backup."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.store import opening
from iro_desktop.store.errors import (
    DRIVER_ERRORS,
    SQLITE_FULL,
    SQLITE_READONLY,
    DiskFull,
    StoreCorrupt,
    StoreEmpty,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
    StoreVersionDamaged,
    sqlite_code,
    translate,
)
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store
from tests.cli_accounts import act_as
from tests.small_disk import cap_pages, fill, small_tmpfs
from tests.store_files import open_keyed, raw_connect

pytestmark = pytest.mark.sqlite_only(
    "damaged, locked, empty and read-only SQLite files and their file backups"
)

DAMAGED_ADVICE = "backups folder"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backups(location) -> list[Path]:
    return sorted(location.backups_dir.glob("*")) if location.backups_dir.exists() else []


def _settle(path: Path) -> None:
    conn = raw_connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _sql(path: Path, *statements: str) -> None:
    conn = raw_connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template")
    assert main(["--data-dir", str(folder), "demo"]) == 0
    path = resolve_location(folder, environ={}).sqlite_path
    _settle(path)
    return path


@pytest.fixture
def demo_store(location, _demo_file):
    """A real store with the demo families (a copy of one loaded per module), closed and checkpointed;
    encrypted, with its key file (issue 15)."""
    from iro_desktop.store.key_file import key_file_path

    location.data_dir.mkdir(parents=True)
    shutil.copyfile(_demo_file, location.sqlite_path)
    shutil.copyfile(key_file_path(_demo_file), key_file_path(location.sqlite_path))
    return location


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch):
    """The command line signs in (issues 13, 15): as the demo chair unless a test says otherwise."""
    act_as(monkeypatch, "chair")


def _cli(location, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(location.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch):
    monkeypatch.setattr(opening, "BUSY_RETRY_DELAYS", (0.01, 0.02, 0.04))


def test_locked_by_another_program_says_close_it(demo_store, capsys):
    path = demo_store.sqlite_path
    before = _digest(path)
    holder = raw_connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("SELECT count(*) FROM families").fetchone()
    try:
        with pytest.raises(StoreLocked, match="close the other program"):
            open_keyed(demo_store)
        code, _out, err = _cli(demo_store, capsys, "check")
    finally:
        holder.rollback()
        holder.close()
    assert code == 2
    assert "The records are busy" in err
    assert "close the other program" in err
    assert DAMAGED_ADVICE not in err
    assert _digest(path) == before
    assert _backups(demo_store) == []


def test_busy_is_retried_until_the_other_program_lets_go(demo_store, monkeypatch):
    """A short hold by another program is waited out (retries with growing pauses), not reported."""
    path = demo_store.sqlite_path
    holder = raw_connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("SELECT count(*) FROM families").fetchone()
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            holder.rollback()
            holder.close()

    monkeypatch.setattr(opening.time, "sleep", pause)
    store = open_keyed(demo_store)
    store.close()
    assert pauses == [0.01, 0.02]


def test_locked_code_is_classified_by_code_not_text():
    error = sqlite3.OperationalError("something unrelated")
    error.sqlite_errorcode = 5  # type: ignore[attr-defined]
    assert isinstance(translate(error), StoreLocked)
    worded = sqlite3.OperationalError("database is locked")  # no code: not guessed from the words
    assert translate(worded) is worded


def test_disk_full_on_a_real_small_file_system(tmp_path, capsys):
    """A store on a tiny file system that fills up: 'free space; nothing has been lost' (SQLITE_FULL),
    never 'damaged', and the file is as it was. (max_page_count only where mounting is impossible.)"""
    from iro_desktop.store.models import FamilyRow

    with small_tmpfs(tmp_path / "small") as mount:
        root = mount if mount is not None else tmp_path / "no-mount"
        location = resolve_location(root / "data", environ={})
        assert main(["--data-dir", str(location.data_dir), "demo"]) == 0
        path = location.sqlite_path
        _settle(path)
        before = _digest(path)
        store = open_keyed(location)
        release = cap_pages(store.engine) if mount is None else fill(mount).unlink
        try:
            with pytest.raises(DiskFull, match="Nothing has been lost") as caught, store.uow() as uow:
                for n in range(2500):  # names within the column's 120 characters (the length guard)
                    uow.session.add(FamilyRow(reference=f"FULL-{n}", name="Wiśniewska " * 10))
                uow.commit()
            assert sqlite_code(caught.value.__cause__) == SQLITE_FULL
            assert DAMAGED_ADVICE not in caught.value.message
        finally:
            store.close()
        assert _digest(path) == before
        code, _out, err = _cli(location, capsys, "check")
        assert "Traceback" not in err
        assert code == 0
        release()


def test_read_only_file_is_told_as_read_only(demo_store, capsys):
    path = demo_store.sqlite_path
    before = _digest(path)
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode != 0:
        pytest.skip("chattr +i not available on this file system")  # pragma: no cover
    try:
        code, _out, err = _cli(demo_store, capsys, "check")
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert code == 2
    assert "The records can only be read" in err
    assert "read-only" in err
    assert DAMAGED_ADVICE not in err
    assert _digest(path) == before


def test_read_only_code_while_writing_is_told_as_read_only(demo_store):
    conn = raw_connect(demo_store.sqlite_path, read_only=True)
    try:
        with pytest.raises(DRIVER_ERRORS) as caught:
            conn.execute("DELETE FROM families")
    finally:
        conn.close()
    assert sqlite_code(caught.value) == SQLITE_READONLY
    assert isinstance(translate(caught.value), StoreReadOnly)


def test_damaged_file_points_to_the_backups(demo_store, capsys):
    path = demo_store.sqlite_path
    data = bytearray(path.read_bytes())
    for i in range(4096 + 16, min(len(data), 3 * 4096)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    before = _digest(path)
    code, _out, err = _cli(demo_store, capsys, "check")
    assert code == 2
    assert "The records file is damaged" in err
    assert DAMAGED_ADVICE in err
    assert _digest(path) == before
    with pytest.raises(StoreCorrupt):
        open_keyed(demo_store)
    assert _backups(demo_store) == []


def test_newer_version_is_refused(demo_store, capsys):
    path = demo_store.sqlite_path
    _sql(path, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _digest(path)
    code, _out, err = _cli(demo_store, capsys, "demo")
    assert code == 2
    assert "newer version of IRO Desktop" in err
    assert DAMAGED_ADVICE not in err
    assert _digest(path) == before
    with pytest.raises(StoreTooNew):
        open_keyed(demo_store)


def test_empty_file_is_refused_and_never_becomes_a_new_store(location, capsys):
    location.data_dir.mkdir(parents=True)
    path = location.sqlite_path
    path.write_bytes(b"")
    for command in ("check", "demo"):
        code, _out, err = _cli(location, capsys, command)
        assert code == 2
        assert "The records file is empty" in err
        assert "0 bytes" in err
    assert path.stat().st_size == 0
    assert _backups(location) == []
    with pytest.raises(StoreEmpty):
        open_store(location)


@pytest.mark.parametrize(
    ("damage", "what"),
    [
        ("DROP TABLE alembic_version", "missing"),
        ("DELETE FROM alembic_version", "empty"),
        ("UPDATE alembic_version SET version_num = '0003'", "upgrading it failed"),
        ("DROP TABLE unrecorded_drafts", "does not match"),
    ],
    ids=["dropped", "empty", "mismatched-older", "head-but-table-missing"],
)
def test_damaged_schema_version_table_is_refused_without_a_backup_storm(demo_store, capsys, damage, what):
    path = demo_store.sqlite_path
    _sql(path, damage)
    before = _digest(path)
    for _attempt in range(3):
        code, _out, err = _cli(demo_store, capsys, "demo")
        assert code == 2
        assert "schema-version table is damaged" in err
        assert what in err
        assert DAMAGED_ADVICE not in err  # the records are there: restoring a backup would lose work
        assert "Traceback" not in err
        assert _digest(path) == before
    with pytest.raises(StoreVersionDamaged):
        open_keyed(demo_store)
    assert _digest(path) == before
    assert _backups(demo_store) == []


def _record_counts(path: Path) -> dict[str, int]:
    conn = raw_connect(path, read_only=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_broken_references_open_read_only_with_the_problems_listed(demo_store, capsys, tmp_path, monkeypatch):
    path = demo_store.sqlite_path
    _sql(
        path,
        "UPDATE children SET family_id = 'no-such-family' WHERE rowid = (SELECT min(rowid) FROM children)",
    )
    records_before = _record_counts(path)
    store = open_keyed(demo_store)
    try:
        assert store.read_only
        assert len(store.problems) == 1
        assert "children" in store.problems[0]
        assert "families" in store.problems[0]
    finally:
        store.close()
    code, out, _err = _cli(demo_store, capsys, "check")
    assert code == 1
    assert "broken reference in table children" in out
    # Other commands: no traceback; reading and exporting a conference file still work (and are audited).
    act_as(monkeypatch, "clerk")  # the command line signs in (issue 13)
    out_file = tmp_path / "conference.json"
    reader = raw_connect(path, read_only=True)
    conference = reader.execute("SELECT id FROM conferences ORDER BY rowid").fetchone()[0]
    reader.close()
    code, out, err = _cli(
        demo_store, capsys, "export", "file", "--conference", conference, "--plain", "--out", str(out_file)
    )
    assert "Traceback" not in err
    assert "Read-only: broken reference in table children" in err
    assert code == 0, err
    assert out_file.stat().st_size > 0
    # A change is refused with the reason (an environmental problem, told as such), not a traceback.
    from iro_desktop.store.models import FamilyRow

    store = open_keyed(demo_store)
    try:
        refused = pytest.raises(StoreReadOnly, match="broken references, so they were opened read-only")
        with refused, store.uow() as uow:
            uow.session.add(FamilyRow(reference="NEW-1", name="Nowak"))
            uow.commit()
    finally:
        store.close()
    after = _record_counts(path)
    # the clerk signing in and the export: both audited (issue 13)
    assert after.pop("audit_events") - records_before.pop("audit_events") == 2
    assert after.pop("handoff_snapshots") - records_before.pop("handoff_snapshots") == 1
    assert after == records_before
    assert _backups(demo_store) == []
