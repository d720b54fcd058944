"""Issue 15 items 1, 2, 5, 6: the records encrypted at rest. Signing in is unwrapping; a wrong password, a
missing or a damaged key file each say so plainly and change nothing; password change, reset, removal
and recovery; the idle lock puts the key away; nothing readable in the store, its WAL, its backups or
the logs, even after a crash."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.domain.roles import Role
from iro_desktop.services import sign_in
from iro_desktop.services.accounts import SignInFailed
from iro_desktop.store.errors import KeyFileDamaged, KeyFileMissing, KeyLockedAway, KeyMismatch
from iro_desktop.store.key_file import key_file_path, read_key_file
from iro_desktop.store.location import resolve_location
from tests.cli_accounts import act_as

pytestmark = pytest.mark.sqlite_only("SQLCipher, the key file and the encrypted store's files")

ROOT = Path(__file__).resolve().parents[2]
DEMO_NAMES = ("Wójcik", "Brontë", "Súilleabháin", "Dvořák", "Khan", "Mateusz", "Priya Raman", "Joanne Pike")
CHAIR, CHAIR_PW = "chair", "demo-chair-2026"


@pytest.fixture(scope="module")
def _demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("encrypted") / "d"
    assert main(["--data-dir", str(folder), "demo"]) == 0
    return folder


@pytest.fixture
def demo(_demo, tmp_path):
    import shutil

    copy = tmp_path / "d"
    shutil.copytree(_demo, copy, ignore=shutil.ignore_patterns("*.lock"))
    return resolve_location(copy, environ={})


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith((".lock", "-shm"))
    }


def _readable(folder: Path) -> list[str]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        text = subprocess.run(["strings", str(path)], capture_output=True, check=True).stdout
        found += [f"{path.name}: {n}" for n in DEMO_NAMES if n.encode() in data or n.encode() in text]
    return found


def test_the_demo_store_is_encrypted_and_its_key_file_private(demo):
    path = demo.sqlite_path
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"
    assert oct(key_file_path(path).stat().st_mode & 0o777) == "0o600"
    assert _readable(demo.data_dir) == []
    keys = read_key_file(key_file_path(path))
    assert len(keys.accounts) == 3
    assert keys.recovery is not None
    assert "chair" not in key_file_path(path).read_text()  # the usernames are not in it either


def test_nothing_readable_after_a_crash_in_the_store_its_wal_backups_and_logs(demo):
    """A process signs in, types (the WAL fills), logs, and is killed without closing anything."""
    script = f"""
import logging, os, signal
from iro_desktop.app import configure_logging
from iro_desktop.services.sign_in import sign_in
from iro_desktop.store.location import resolve_location
from iro_desktop.store import opening
location = resolve_location({str(demo.data_dir)!r}, environ={{}})
configure_logging(location)
opened = sign_in(location, "chair", "demo-chair-2026")
ctx = opened.services.ctx
family = opened.services.families.create_family("CRASH-1", "Wójcik-Brontë family", [])
opening._backup(location.sqlite_path, location.backups_dir, "crash-test", opened.store.key)
logging.getLogger("iro_desktop").info("about to crash: family %s", family.id)
assert os.path.exists(str(location.sqlite_path) + "-wal")
os.kill(os.getpid(), signal.SIGKILL)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=180, check=False
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    wal = Path(f"{demo.sqlite_path}-wal")
    assert wal.exists()
    assert wal.stat().st_size > 0
    assert list(demo.backups_dir.glob("*before-crash-test*.sqlite3"))
    assert (demo.logs_dir / "iro-desktop.log").stat().st_size > 0
    assert _readable(demo.data_dir) == []
    opened = sign_in.sign_in(demo, CHAIR, CHAIR_PW)  # and the typed family survived the crash
    try:
        assert [f.name for f in opened.services.families.search("CRASH-1")] == ["Wójcik-Brontë family"]
    finally:
        opened.close()


def test_a_wrong_password_unwraps_nothing_and_changes_nothing(demo):
    before = _hashes(demo.data_dir)
    with pytest.raises(SignInFailed, match="That username and password do not match."):
        sign_in.sign_in(demo, CHAIR, "not the chair's password")
    with pytest.raises(SignInFailed, match="That username and password do not match."):
        sign_in.sign_in(demo, "nobody", CHAIR_PW)
    assert _hashes(demo.data_dir) == before


def test_a_missing_key_file_is_told_plainly_and_changes_nothing(demo, capsys, monkeypatch):
    key_file_path(demo.sqlite_path).rename(demo.data_dir.parent / "moved-away.json")
    before = _hashes(demo.data_dir)
    with pytest.raises(KeyFileMissing, match="its key file \\(store-keys.json\\) is not in"):
        sign_in.sign_in(demo, CHAIR, CHAIR_PW)
    act_as(monkeypatch, "chair")
    assert main(["--data-dir", str(demo.data_dir), "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert "The records' key file is missing" in err
    assert "not a database" not in err
    assert _hashes(demo.data_dir) == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"sealed": "', '"sealed": "AAAA'),
        lambda t: "{}",
    ],
    ids=["truncated", "sealed-key-edited", "emptied"],
)
def test_a_damaged_key_file_is_told_plainly_and_changes_nothing(demo, capsys, monkeypatch, damage):
    keys = key_file_path(demo.sqlite_path)
    keys.write_text(damage(keys.read_text()))
    before = _hashes(demo.data_dir)
    with pytest.raises((KeyFileDamaged, SignInFailed)) as caught:
        sign_in.sign_in(demo, CHAIR, CHAIR_PW)
    if isinstance(caught.value, KeyFileDamaged):
        assert "is damaged" in caught.value.message
    act_as(monkeypatch, "chair")
    assert main(["--data-dir", str(demo.data_dir), "check"]) == 2
    err = capsys.readouterr().err
    assert "not a database" not in err
    assert ("key file is damaged" in err) or ("do not match" in err)
    assert _hashes(demo.data_dir) == before


def test_a_key_file_of_other_records_is_told_as_such(demo, tmp_path):
    other = resolve_location(tmp_path / "other", environ={})
    sign_in.set_up(other, CHAIR, "Priya Raman", CHAIR_PW, Role.CHAIR).close()
    key_file_path(other.sqlite_path).replace(key_file_path(demo.sqlite_path))
    before = _hashes(demo.data_dir)
    with pytest.raises(KeyMismatch, match="do not belong together"):
        sign_in.sign_in(demo, CHAIR, CHAIR_PW)
    assert _hashes(demo.data_dir) == before


def test_password_change_rewraps_only_that_accounts_copy(demo):
    keys_before = read_key_file(key_file_path(demo.sqlite_path))
    opened = sign_in.sign_in(demo, "clerk", "demo-clerk-2026")
    try:
        with pytest.raises(Exception, match="not your current password"):
            opened.services.accounts.change_password(opened.user, "wrong current one", "a new clerk password")
        opened.services.accounts.change_password(opened.user, "demo-clerk-2026", "a new clerk password")
        clerk_id = opened.user.id
    finally:
        opened.close()
    keys_after = read_key_file(key_file_path(demo.sqlite_path))
    changed = {e.account_id for e in keys_after.accounts if e not in keys_before.accounts}
    assert changed == {clerk_id}
    with pytest.raises(SignInFailed):
        sign_in.sign_in(demo, "clerk", "demo-clerk-2026")
    opened = sign_in.sign_in(demo, "clerk", "a new clerk password")
    try:  # the signing key came along: the clerk still has one unwrapped
        assert opened.services.ctx.session.signing_key(opened.user) is not None
    finally:
        opened.close()


def test_an_administrator_resets_and_removes_accounts(demo):
    opened = sign_in.sign_in(demo, CHAIR, CHAIR_PW)
    try:
        accounts, admin = opened.services.accounts, opened.user
        accounts.reset_password(admin, "manager", "the manager's new password")
        removed = accounts.remove_user(admin, "clerk")
        assert not removed.active
        with pytest.raises(Exception, match="cannot remove your own account"):
            accounts.remove_user(admin, CHAIR)
        clerk_id = removed.id
    finally:
        opened.close()
    keys = read_key_file(key_file_path(demo.sqlite_path))
    assert keys.entry_for_account(clerk_id) is None
    with pytest.raises(SignInFailed):
        sign_in.sign_in(demo, "clerk", "demo-clerk-2026")
    with pytest.raises(SignInFailed):
        sign_in.sign_in(demo, "manager", "demo-manager-2026")
    opened = sign_in.sign_in(demo, "manager", "the manager's new password")
    try:
        assert opened.user.role is Role.MANAGER
        assert opened.services.ctx.session.signing_key(opened.user) is not None  # a new one after reset
    finally:
        opened.close()


def test_the_recovery_key_regains_a_store_whose_every_password_is_lost(tmp_path):
    location = resolve_location(tmp_path / "d", environ={})
    opened = sign_in.set_up(location, "admin", "Anna Admin", "forgotten password 1", Role.CHAIR)
    recovery = opened.recovery_key
    assert recovery is not None
    assert len(recovery) == 47
    assert recovery.count("-") == 7
    opened.services.accounts.add_user(opened.user, "chair2", "Chair Two", "forgotten password 2", Role.CHAIR)
    opened.services.families.create_family("REC-1", "Nowak family", [])
    opened.close()
    before = _hashes(location.data_dir)
    with pytest.raises(sign_in.RecoveryRefused, match="does not open these records"):
        sign_in.recover(location, "0" * 40, "admin", "a brand new password")
    assert _hashes(location.data_dir) == before
    with pytest.raises(Exception, match="Name an administrator"):
        sign_in.recover(location, recovery, "chair2", "a brand new password")
    opened = sign_in.recover(location, recovery.lower().replace("-", " "), "admin", "a brand new password")
    try:
        assert opened.user.username == "admin"
        assert [f.name for f in opened.services.families.search("REC-1")] == ["Nowak family"]
    finally:
        opened.close()
    sign_in.sign_in(location, "admin", "a brand new password").close()


def test_the_idle_lock_puts_the_key_away_and_unlocking_unwraps_it_again(demo):
    opened = sign_in.sign_in(demo, CHAIR, CHAIR_PW)
    try:
        accounts, user, store = opened.services.accounts, opened.user, opened.store
        assert accounts.lock()
        assert store.key is not None
        assert store.key.wiped
        assert bytes(store.key._raw) == bytes(32)  # overwritten in place
        assert opened.services.ctx.session.signing_key(user) is None
        with pytest.raises(KeyLockedAway, match="Enter your password"):
            opened.services.families.search("DEMO")
        assert not accounts.verify(user, "not the password")
        assert store.key.wiped
        assert accounts.verify(user, CHAIR_PW)
        assert not store.key.wiped
        assert opened.services.families.search("DEMO-0001")
        assert opened.services.ctx.session.signing_key(user) is not None
        accounts.lock()  # signing in as someone else after the lock unwraps too
        assert accounts.sign_in("clerk", "demo-clerk-2026").username == "clerk"
        assert opened.services.families.search("DEMO-0001")
    finally:
        opened.close()


def test_accounts_on_the_command_line(demo, capsys, monkeypatch):
    data = str(demo.data_dir)
    act_as(monkeypatch, "chair")
    assert main(["--data-dir", data, "accounts", "list"]) == 0
    out = capsys.readouterr().out
    assert "clerk\tSam Dvořák\tclerk\tcan sign in" in out
    monkeypatch.setenv("IRO_DESKTOP_NEW_PASSWORD", "the new clerk's password")
    assert (
        main(
            [
                "--data-dir",
                data,
                "accounts",
                "add",
                "--username",
                "clerk2",
                "--name",
                "Kim Lee",
                "--role",
                "clerk",
            ]
        )
        == 0
    )
    assert main(["--data-dir", data, "accounts", "reset", "--username", "manager"]) == 0
    assert main(["--data-dir", data, "accounts", "remove", "--username", "clerk"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "accounts", "list"]) == 0
    out = capsys.readouterr().out
    assert "clerk\tSam Dvořák\tclerk\tremoved" in out
    assert "clerk2\tKim Lee\tclerk\tcan sign in" in out
    act_as(monkeypatch, "manager", "the new clerk's password")
    assert main(["--data-dir", data, "accounts", "list"]) == 1  # a manager is no administrator
    assert "A manager may not manage users." in capsys.readouterr().err
    act_as(monkeypatch, "clerk2", "the new clerk's password")
    monkeypatch.setenv("IRO_DESKTOP_NEW_PASSWORD", "clerk two's own password")
    assert main(["--data-dir", data, "accounts", "password"]) == 0
    act_as(monkeypatch, "clerk2", "clerk two's own password")
    assert main(["--data-dir", data, "accounts", "password"]) == 0
    # every password lost: the recovery key, asked on the terminal
    monkeypatch.delenv("IRO_DESKTOP_USER")
    monkeypatch.delenv("IRO_DESKTOP_PASSWORD")
    monkeypatch.setenv("IRO_DESKTOP_NEW_PASSWORD", "recovered chair password")
    monkeypatch.setenv("IRO_DESKTOP_RECOVERY_KEY", "0" * 40)
    assert main(["--data-dir", data, "accounts", "recover", "--username", "chair"]) == 1
    assert "does not open these records" in capsys.readouterr().err
