"""The outage journal on this computer (issue 16 item 4): encrypted, in order, kept across a restart."""

from __future__ import annotations

import pytest

from iro_desktop.store.cipher import DataKey, is_plain_sqlite
from iro_desktop.store.errors import StoreError
from iro_desktop.store.outage_journal import OutageJournal, journal_path


def test_edits_are_kept_in_order_encrypted_and_survive_a_restart(tmp_path):
    raw = DataKey.generate().raw()
    path = journal_path(tmp_path, "acct-1")
    journal = OutageJournal(path, DataKey(raw))
    first = journal.keep("map.edit_text", {"item_id": "i1", "text": "Zoë's words"})
    second = journal.keep("map.edit_text", {"item_id": "i1", "text": "Zoë's words, more"})
    journal.close()
    assert not is_plain_sqlite(path)  # SQLCipher: no plain header
    assert b"Zo\xc3\xab" not in path.read_bytes()  # the typed words are not readable in the file
    assert path.stat().st_mode & 0o077 == 0
    again = OutageJournal(path, DataKey(raw))
    assert [(e.key, e.arguments["text"]) for e in again.entries()] == [
        (first.key, "Zoë's words"),
        (second.key, "Zoë's words, more"),
    ]
    again.forget(first.key)
    assert [e.key for e in again.entries()] == [second.key]
    assert len(again) == 1
    again.close()


def test_another_key_does_not_open_the_journal(tmp_path):
    path = journal_path(tmp_path, "acct-2")
    OutageJournal(path, DataKey.generate()).close()
    with pytest.raises(StoreError, match="cannot be opened"):
        OutageJournal(path, DataKey.generate())


def test_a_closed_journal_holds_nothing_to_replay(tmp_path):
    journal = OutageJournal(journal_path(tmp_path, "acct-3"), DataKey.generate())
    journal.keep("map.edit_text", {"item_id": "i1", "text": "kept"})
    journal.close()
    assert journal.closed
    assert len(journal) == 0
    assert journal.entries() == []
