"""Many writers appending to the audit trail at once (issue 16 item 3): chairs viewing and signing in on
different conferences at the same moment never collide on the next sequence number, and the chain that
results is intact."""

from __future__ import annotations

import threading
from datetime import date

from iro_desktop.domain.audit import AuditAction
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.audit_log import append_event, chain_rows
from tests.store.family_fixture import book_family

WRITERS = 8
APPENDS_EACH = 12
TODAY = date(2026, 11, 23)


def _services(store) -> Services:  # type: ignore[no-untyped-def]
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER)))


def _entries(store) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    with store.uow() as uow:
        return chain_rows(uow.session)


def test_writers_on_different_conferences_never_collide_and_the_chain_holds(store, services):
    conferences = [book_family(services, f"CC-{n}").first_id for n in range(WRITERS)]
    before = len(_entries(store))
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(conference_id: str) -> None:
        mine = _services(store)
        try:
            start.wait()
            for _ in range(APPENDS_EACH):
                mine.records.note_viewed(conference_id)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(c,)) for c in conferences]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    rows = _entries(store)
    assert len(rows) == before + WRITERS * APPENDS_EACH
    assert [row[0] for row in rows] == list(range(1, len(rows) + 1))
    report = services.audit.verify()
    assert report.breaks == ()
    assert report.entries == len(rows)


def test_a_rolled_back_append_leaves_no_gap(store, services):
    """The lock is the transaction's: an append rolled back frees it and its number is used by the next."""
    with store.uow() as uow:
        append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-1")
    with store.uow() as uow:
        append_event(uow.session, "chair", AuditAction.VIEWED, "record", "r-2")
        uow.commit()
    rows = _entries(store)
    assert [(row[0], row[5]) for row in rows[-1:]] == [(len(rows), "r-2")]
    assert services.audit.verify().breaks == ()
