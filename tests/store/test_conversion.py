"""Issue 15 item 3: a plain store made by the previous version (tests/fixtures/plain-store-0010, made by
main's own `demo`) is encrypted on first start: backup first, exported with sqlcipher_export, every
table's rows and content verified, then swapped; interrupted, the old file is untouched and the next
start converts again; every password keeps working; nothing readable is left behind."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from iro_desktop.services import sign_in
from iro_desktop.store import conversion, migrations
from iro_desktop.store.cipher import connect, is_plain_sqlite
from iro_desktop.store.engine import make_engine
from iro_desktop.store.key_file import key_file_path
from iro_desktop.store.location import resolve_location
from tests.store_files import data_key

pytestmark = pytest.mark.sqlite_only("converting a plain SQLite file to SQLCipher")

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "plain-store-0010"
FIXTURE_REVISION = "0010"
ROOT = Path(__file__).resolve().parents[2]
DEMO_NAMES = ("Wójcik", "Brontë", "Súilleabháin", "Dvořák", "Khan", "Mateusz", "Priya Raman", "Joanne Pike")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plain(tmp_path):
    """The previous version's plain store in a fresh data folder, with a plain backup beside it."""
    location = resolve_location(tmp_path / "data", environ={})
    location.data_dir.mkdir(parents=True)
    assert location.sqlite_path is not None
    location.sqlite_path.write_bytes(gzip.decompress((FIXTURE / "iro-desktop.sqlite3.gz").read_bytes()))
    shutil.copyfile(FIXTURE / "audit-anchor.json", location.data_dir / "audit-anchor.json")
    location.backups_dir.mkdir()
    shutil.copyfile(
        location.sqlite_path, location.backups_dir / "iro-desktop-20261101-090000-before-0009.sqlite3"
    )
    return location


def _contents(path: Path, key=None) -> dict[str, tuple[int, str]]:
    conn = connect(path, key, read_only=True)
    try:
        return conversion.content_digest(conn)
    finally:
        conn.close()


def _at_head(path: Path) -> dict[str, tuple[int, str]]:
    """The plain store's contents once migrated to the newest revision, as a first start also does
    (a migration after 0010 may add columns): what the conversion itself must leave unchanged. Migrated
    in a folder of its own, so nothing lands beside the store under test."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        engine = make_engine(f"sqlite:///{copy}")
        try:
            migrations.upgrade(engine)
        finally:
            engine.dispose()
        return _contents(copy)


def _readable(folder: Path) -> list[str]:
    """Every demo name found in any file under `folder` (raw UTF-8 bytes, and `strings`' ASCII runs)."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        text = subprocess.run(["strings", str(path)], capture_output=True, check=True).stdout
        for name in DEMO_NAMES:
            if name.encode() in data or name.encode() in text:
                found.append(f"{path.name}: {name}")
    return found


def test_the_fixture_is_a_plain_store_of_the_previous_version(plain):
    assert is_plain_sqlite(plain.sqlite_path)
    assert conversion.needs_conversion(plain.sqlite_path)
    assert _readable(plain.data_dir)  # the names are there to be read: what the conversion removes


def test_first_sign_in_converts_verifies_and_every_password_still_works(plain):
    original = _contents(plain.sqlite_path)
    before = _at_head(plain.sqlite_path)
    opened = sign_in.sign_in(plain, "clerk", "demo-clerk-2026")
    try:
        assert opened.converted is not None
        assert opened.converted.tables == len(original)
        assert opened.user.username == "clerk"
        assert opened.recovery_key is None  # a clerk is not shown the recovery key
    finally:
        opened.close()
    path = plain.sqlite_path
    assert not is_plain_sqlite(path)
    assert not Path(f"{path}{conversion.TARGET_SUFFIX}").exists()
    key = data_key(path)
    after = _contents(path, key)
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= {"audit_events", "signing_keys"}  # the clerk's sign-in, and its key rewrapped
    assert after["audit_events"][0] == before["audit_events"][0] + 1
    assert after["signing_keys"][0] == before["signing_keys"][0]
    # the verified encrypted copy kept first, and the older plain backup encrypted in place
    # (and, when the fixture is older than the newest revision, the copy taken before upgrading it)
    copies = sorted(plain.backups_dir.glob("*.sqlite3"))
    upgraded = [c for c in copies if c.name.endswith(f"-before-{FIXTURE_REVISION}.sqlite3")]
    assert len(upgraded) == (migrations.head_revision() != FIXTURE_REVISION)
    assert len(copies) == 2 + len(upgraded)
    assert all(not is_plain_sqlite(c) for c in copies)
    assert all(Path(f"{c}.store-keys.json").exists() for c in copies)
    assert any(_contents(c, key) == original for c in copies if c not in upgraded)
    assert _readable(plain.data_dir) == []
    # every account keeps its password; an administrator's first sign-in makes the recovery key
    opened = sign_in.sign_in(plain, "chair", "demo-chair-2026")
    try:
        assert opened.converted is None
        assert opened.recovery_key is not None
    finally:
        opened.close()
    sign_in.sign_in(plain, "manager", "demo-manager-2026").close()
    assert oct(key_file_path(path).stat().st_mode & 0o777) == "0o600"


def test_a_converted_copy_is_rewrapped_with_fresh_parameters_at_the_next_sign_in(plain):
    from iro_desktop.store.key_file import read_key_file

    sign_in.convert_plain_store(plain)
    keys = read_key_file(key_file_path(plain.sqlite_path))
    assert all(e.wrapped.kdf.get("converted") for e in keys.accounts)
    opened = sign_in.sign_in(plain, "chair", "demo-chair-2026")
    opened.close()
    keys = read_key_file(key_file_path(plain.sqlite_path))
    chair = keys.entry_for_account(opened.user.id)
    assert chair is not None
    assert not chair.wrapped.kdf.get("converted")
    assert chair.wrapped.kdf["memory_cost"] == 32768
    assert sum(1 for e in keys.accounts if e.wrapped.kdf.get("converted")) == 2  # the others: untouched


@pytest.mark.parametrize("stage", ["exported", "verified", "keys written", "swapping"])
def test_interrupted_half_way_leaves_the_old_file_untouched_and_the_next_start_converts(plain, stage):
    path = plain.sqlite_path
    before = _digest(path)
    contents = _at_head(path)

    def crash(name: str) -> None:
        if name == stage:
            raise KeyboardInterrupt("interrupted at " + name)

    with pytest.raises(KeyboardInterrupt):
        sign_in.convert_plain_store(plain, step=crash)
    assert _digest(path) == before
    assert is_plain_sqlite(path)
    assert not Path(f"{path}{conversion.TARGET_SUFFIX}").exists()
    opened = sign_in.sign_in(plain, "chair", "demo-chair-2026")  # the next start
    opened.close()
    assert opened.converted is not None
    after = _contents(path, data_key(path))
    assert {t for t in contents if contents[t] != after[t]} <= {"audit_events", "signing_keys"}


def test_killed_half_way_a_stale_target_is_thrown_away_and_the_conversion_retried(plain):
    """A real kill (SIGKILL) after the export: a half-written target and no clean-up at all."""
    path = plain.sqlite_path
    before = _digest(path)
    script = (
        "import os, signal, sys\n"
        "from iro_desktop.services.sign_in import convert_plain_store\n"
        "from iro_desktop.store.location import resolve_location\n"
        "def step(name):\n"
        "    if name == 'exported':\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        f"convert_plain_store(resolve_location({str(plain.data_dir)!r}, environ={{}}), step=step)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120, check=False
    )
    assert result.returncode == -signal.SIGKILL
    target = Path(f"{path}{conversion.TARGET_SUFFIX}")
    assert target.exists()  # left behind, half-way
    with target.open("r+b") as handle:  # and damaged, for good measure
        handle.truncate(os.path.getsize(target) // 2)
    assert _digest(path) == before
    opened = sign_in.sign_in(plain, "chair", "demo-chair-2026")
    opened.close()
    assert opened.converted is not None
    assert not target.exists()
    assert not is_plain_sqlite(path)
    assert _readable(plain.data_dir) == []


def test_a_copy_that_does_not_match_is_thrown_away_and_nothing_changes(plain, monkeypatch):
    path = plain.sqlite_path
    before = _digest(path)
    real = conversion.content_digest
    calls: list[int] = []

    def lying(conn):
        found = real(conn)
        calls.append(1)
        if len(calls) == 2:  # the encrypted copy's
            found["families"] = (found["families"][0] - 1, "0" * 64)
        return found

    monkeypatch.setattr(conversion, "content_digest", lying)
    with pytest.raises(conversion.ConversionFailed, match="did not match the records"):
        sign_in.convert_plain_store(plain)
    assert _digest(path) == before
    assert not key_file_path(path).exists()
    assert not Path(f"{path}{conversion.TARGET_SUFFIX}").exists()


def test_backups_check_and_the_before_upgrade_copy_work_on_the_encrypted_file(plain, monkeypatch, capsys):
    from iro_desktop.cli import main
    from iro_desktop.store import opening
    from tests.cli_accounts import act_as

    act_as(monkeypatch, "chair")
    head = migrations.head_revision()
    code = main(["--data-dir", str(plain.data_dir), "check"])  # plain: checked as it is
    if head == FIXTURE_REVISION:
        assert code == 0
    else:  # a migration newer than the fixture: the check says the file is not yet upgraded
        assert code == 1
        assert f"schema at revision {FIXTURE_REVISION}, expected {head}" in capsys.readouterr().out
    assert is_plain_sqlite(plain.sqlite_path)
    assert main(["--data-dir", str(plain.data_dir), "audit", "verify"]) == 0  # converts first
    capsys.readouterr()
    assert main(["--data-dir", str(plain.data_dir), "check"]) == 0
    assert "Store is sound." in capsys.readouterr().out
    # the copy made before a migration: encrypted with the store's key, its key file beside it
    key = data_key(plain.sqlite_path)
    copy = opening._backup(plain.sqlite_path, plain.backups_dir, "0010", key)
    assert not is_plain_sqlite(copy)
    assert Path(f"{copy}.store-keys.json").exists()
    conn = connect(copy, data_key(copy), read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    finally:
        conn.close()
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    assert _readable(plain.data_dir) == []
