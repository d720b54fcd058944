"""Issue 15, Must show: a conference file encrypted to a passphrase (the age format) round-trips into
another store with identical records; a wrong passphrase, none, or a damaged file is refused with the
store unchanged (its file's bytes and every row); a weak passphrase writes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pyrage
import pytest

from iro_desktop.domain.errors import ValidationError
from iro_desktop.services.conference_file.passphrases import (
    MIN_CHARACTERS,
    WORDS,
    passphrase_problem,
    suggest_passphrase,
    suggestion_bits,
    words_of,
)
from iro_desktop.services.conference_file.sealing import (
    AGE_HEADER,
    PassphraseNeeded,
    PassphraseRefused,
    is_sealed,
)
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.store.audit_log import recent_events
from tests.services.conference_files import rich_conference, second_store, store_fingerprint

PASSPHRASE = "fictional demo hand-off passphrase"


def _store_file_hash(store) -> str:
    """The records file as bytes (with its WAL): equal before and after means nothing was written. A
    server database has no file here: every row of every table stands in for it."""
    digest = hashlib.sha256()
    main = store.location.sqlite_path
    if main is None:
        return store_fingerprint(store)
    for path in sorted(main.parent.glob(main.name + "*")):
        if not path.name.endswith("-shm"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def sealed(services, tmp_path) -> tuple[str, Path, str]:
    """(conference id, an encrypted file of it, the plain text it holds)."""
    conference_id = rich_conference(services)
    path = tmp_path / "handoff.iroconf.age"
    files = ConferenceFileService(services.ctx)
    files.export_file(conference_id, path, passphrase=PASSPHRASE)
    return conference_id, path, files.export_text(conference_id).text


def test_encrypted_file_round_trips_with_identical_records(services, sealed, tmp_path):
    conference_id, path, text = sealed
    data = path.read_bytes()
    assert data.startswith(AGE_HEADER)
    assert is_sealed(data)
    assert "Wiśniewski".encode() not in data
    assert b"Zuzana" not in data
    other_store, other = second_store(tmp_path)
    try:
        result = ConferenceFileService(other.ctx).import_text(path.read_bytes(), PASSPHRASE)
        assert result.created
        again = ConferenceFileService(other.ctx).export_text(conference_id).text
        with other.ctx.uow() as uow:
            imported = [e for e in recent_events(uow.session, conference_id) if e.action.value == "imported"]
    finally:
        other_store.close()
    assert again == text  # the same records, byte for byte in the canonical file
    assert imported[0].after["encrypted"] is True
    with services.ctx.uow() as uow:
        exported = [e for e in recent_events(uow.session, conference_id) if e.action.value == "exported"]
    assert {"as": "conference file", "encrypted": True}.items() <= (exported[-1].after or {}).items()


def test_the_file_is_standard_age_and_private(sealed):
    _conference_id, path, text = sealed
    assert pyrage.passphrase.decrypt(path.read_bytes(), PASSPHRASE).decode("utf-8") == text
    header = path.read_bytes().split(b"\n")[:2]
    assert header[0] == b"age-encryption.org/v1"
    assert header[1].startswith(b"-> scrypt ")  # a passphrase recipient, as `age -p` writes
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command-line tool is not installed")
def test_the_age_tool_opens_it(sealed, tmp_path):
    """`age -d` reads the passphrase from a terminal only: give it one."""
    import pty
    import select
    import time

    _conference_id, path, text = sealed
    out = tmp_path / "opened.json"
    pid, fd = pty.fork()
    if pid == 0:  # the child: age on the terminal
        os.execvp("age", ["age", "-d", "-o", str(out), str(path)])
    seen, sent, until = b"", False, time.monotonic() + 30
    while time.monotonic() < until:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not sent and b"passphrase" in seen.lower():
            os.write(fd, PASSPHRASE.encode() + b"\n")
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert status == 0, seen
    assert out.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("given", ["not the passphrase at all", None, "Fictional demo hand-off passphrase"])
def test_a_wrong_or_missing_passphrase_is_refused_and_nothing_changes(sealed, tmp_path, given):
    conference_id, path, _text = sealed
    other_store, other = second_store(tmp_path)
    try:
        files = ConferenceFileService(other.ctx)
        files.import_text(path.read_bytes(), PASSPHRASE)  # already here: now try the file again
        before, file_before = store_fingerprint(other_store), _store_file_hash(other_store)
        with pytest.raises(PassphraseNeeded if given is None else PassphraseRefused) as refused:
            files.import_text(path.read_bytes(), given)
        assert store_fingerprint(other_store) == before
        assert _store_file_hash(other_store) == file_before
    finally:
        other_store.close()
    message = str(refused.value)
    assert ("passphrase does not open" in message) if given else ("encrypted" in message)
    assert "Nothing was changed" in message or given is None


def test_a_damaged_file_is_refused_as_such(services, store, sealed):
    _conference_id, path, _text = sealed
    data = path.read_bytes()
    before = _store_file_hash(store)
    for damaged in (data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 1])):
        with pytest.raises(PassphraseRefused, match="or the file is damaged"):
            ConferenceFileService(services.ctx).prepare_import(damaged, PASSPHRASE)
    assert _store_file_hash(store) == before


def test_a_weak_passphrase_writes_and_audits_nothing(services, tmp_path):
    conference_id = rich_conference(services)
    with services.ctx.uow() as uow:
        events = len(recent_events(uow.session, conference_id))
    path = tmp_path / "weak.iroconf.age"
    for weak in ("", "short", "a b c d", "cat dog pig"):
        with pytest.raises(ValidationError) as refused:
            ConferenceFileService(services.ctx).export_file(conference_id, path, passphrase=weak)
        assert refused.value.for_field("passphrase")
    assert not path.exists()
    with services.ctx.uow() as uow:
        assert len(recent_events(uow.session, conference_id)) == events


def test_plain_export_is_an_explicit_choice_and_still_imports(services, tmp_path):
    conference_id = rich_conference(services)
    path = tmp_path / "plain.json"
    ConferenceFileService(services.ctx).export_file(conference_id, path, passphrase=None)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert not is_sealed(path.read_bytes())
    assert doc["conference"]["details"]["id"] == conference_id
    with services.ctx.uow() as uow:
        exported = [e for e in recent_events(uow.session, conference_id) if e.action.value == "exported"]
    assert exported[-1].after["encrypted"] is False
    other_store, other = second_store(tmp_path)
    try:
        assert ConferenceFileService(other.ctx).import_text(path.read_bytes()).created  # no passphrase asked
    finally:
        other_store.close()


def test_passphrase_rules_and_the_suggestion():
    assert passphrase_problem("x" * MIN_CHARACTERS) is None
    assert passphrase_problem("x" * (MIN_CHARACTERS - 1)) is not None
    assert passphrase_problem("cat dog pig cow") is None  # four words of three letters
    assert passphrase_problem("cat dog pig") is not None
    assert passphrase_problem("Łódź-Kraków-Gdańsk-Wrocław") is None
    assert "16 characters" in (passphrase_problem("short") or "")
    assert words_of("ladder-fox blanket_river") == ["ladder", "fox", "blanket", "river"]
    assert len(set(WORDS)) == len(WORDS) >= 256
    assert all(w.isalpha() and w.islower() and len(w) >= 3 for w in WORDS)
    suggestions = {suggest_passphrase() for _ in range(50)}
    assert len(suggestions) == 50  # drawn at random
    for suggestion in suggestions:
        words = suggestion.split("-")
        assert len(words) == 6
        assert set(words) <= set(WORDS)
        assert passphrase_problem(suggestion) is None
    assert suggestion_bits() > 48
