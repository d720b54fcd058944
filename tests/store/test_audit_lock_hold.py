"""The audit trail's lock on the team server (issue 16, the save's latency): an entry is only queued when
a service appends it and is written as its unit of work commits, so the lock that serialises the whole
team's appends is held for the append and the commit, never while the rest of a save is still going on;
and a writer that did not take the lock is met by the next number, with the chain intact."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from iro_desktop.domain.audit import AuditAction
from iro_desktop.store import audit_log
from iro_desktop.store.audit_log import AUDIT_LOCK_KEY, append_event, chain_rows
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.opening import Store, open_store
from tests import postgres

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]


@pytest.fixture
def team_store(pg_cluster, tmp_path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    with postgres.fresh_database(pg_cluster) as name:
        store = open_store(StoreLocation(data_dir=tmp_path / "data", url=pg_cluster.url(name)))
        try:
            yield store
        finally:
            store.close()


def _chain(store: Store) -> list[tuple[object, ...]]:
    with store.uow() as uow:
        return chain_rows(uow.session)


def _lock_holders(store: Store) -> int:
    """Backends holding the audit trail's advisory lock now."""
    with store.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND granted"
                ),
                {"key": AUDIT_LOCK_KEY},
            ).scalar_one()
        )


def _in_thread(work) -> threading.Thread:  # type: ignore[no-untyped-def]
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_an_append_holds_no_lock_until_its_unit_of_work_commits(team_store):
    """A save still going on (appended, not committed) does not make another desktop's save wait."""
    first = team_store.uow()
    with first as uow:
        append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-slow")
        uow.session.execute(text("SELECT 1"))  # the rest of the save, still going on
        assert audit_log.has_pending(uow.session)
        assert _lock_holders(team_store) == 0
        done = threading.Event()

        def other_desktop() -> None:
            with team_store.uow() as other:
                append_event(other.session, "clerk", AuditAction.VIEWED, "record", "r-quick")
                other.commit()
            done.set()

        thread = _in_thread(other_desktop)
        assert done.wait(10), "the other desktop's save waited for one that had not committed"
        thread.join(10)
        uow.commit()
    rows = _chain(team_store)
    assert [row[5] for row in rows[-2:]] == ["r-quick", "r-slow"]  # in the order they committed
    assert [row[0] for row in rows] == list(range(1, len(rows) + 1))
    assert _lock_holders(team_store) == 0


def test_entries_of_one_unit_of_work_are_written_at_its_commit_in_order_and_the_lock_let_go(team_store):
    """Queued until the commit, then written one after the other; nothing left queued, no lock held."""
    with team_store.uow() as uow:
        append_event(
            uow.session, "chair", AuditAction.CHANGED, "record_section", "r-1", {"t": ""}, {"t": "a"}
        )
        append_event(
            uow.session, "chair", AuditAction.CHANGED, "record_section", "r-1", {"t": "a"}, {"t": "b"}
        )
        assert _chain(team_store) == []  # nothing written yet, and no lock taken
        assert _lock_holders(team_store) == 0
        uow.commit()
        assert not audit_log.has_pending(uow.session)
    assert _lock_holders(team_store) == 0
    rows = _chain(team_store)
    assert [(row[5], row[7]) for row in rows[-2:]] == [("r-1", '{"t":"a"}'), ("r-1", '{"t":"b"}')]


def test_a_writer_without_the_lock_taking_the_number_is_met_by_the_next_one(team_store):
    """Another writer holding the next number uncommitted: this append waits for it on the unique key,
    then, when it commits, reads the last link again and takes the number after it (no savepoint)."""
    with team_store.uow() as setup:
        append_event(setup.session, "chair", AuditAction.VIEWED, "record", "r-0")
        setup.commit()
    errors: list[BaseException] = []
    intruder = team_store.uow()
    with intruder as lockless:
        seq, prev = audit_log._last_link(lockless.session)
        audit_log._insert_row(
            lockless.session,
            seq,
            prev,
            audit_log.utcnow(),
            "x",
            "viewed",
            "record",
            "r-lockless",
            "null",
            "null",
        )  # written without the lock, not committed yet

        def appender() -> None:
            try:
                with team_store.uow() as uow:
                    append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-mine")
                    uow.commit()
            except BaseException as exc:  # asserted on below
                errors.append(exc)

        thread = _in_thread(appender)
        time.sleep(0.5)  # the appender now waits on the intruder's uncommitted number
        assert thread.is_alive()
        lockless.commit()
        thread.join(10)
    assert not thread.is_alive()
    assert errors == []
    rows = _chain(team_store)
    assert [(row[0], row[5]) for row in rows[-2:]] == [(seq, "r-lockless"), (seq + 1, "r-mine")]
    from iro_desktop.domain.audit import verify_chain

    assert verify_chain(rows) == []  # type: ignore[arg-type]


def test_an_entry_queued_in_a_savepoint_that_rolls_back_goes_with_it(team_store):
    with team_store.uow() as uow:
        append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-kept")
        with pytest.raises(ZeroDivisionError), uow.session.begin_nested():
            append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-undone")
            raise ZeroDivisionError
        with uow.session.begin_nested():
            append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-released")
        uow.commit()
    with team_store.uow() as uow:
        append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-rolled-back")
    # A session used again after it rolled back starts with nothing queued.
    with team_store.uow() as uow:
        append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-a")
        uow.session.rollback()
        append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-b")
        uow.commit()
    assert [row[5] for row in _chain(team_store)] == ["r-kept", "r-released", "r-b"]
