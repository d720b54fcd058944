"""Two people editing at once (issue 16 item 3), through the services, on both databases: nothing
overwritten silently; other fields merged in; the same words shown both ways; an edit arriving during an
approval waits for it and is refused with a reason, and the approval's lock reads intact."""

from __future__ import annotations

import json
import threading
import time

import pytest

from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.mapping import Section as MapSection
from iro_desktop.domain.record import RecordLocked, RecordState, SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.services import records as records_module
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.signing import with_key
from tests.store.family_fixture import book_family

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)


def _desktop(store, user: User) -> Services:  # type: ignore[no-untyped-def]
    """Another person's desktop on the same store: its own context and unit of work."""
    services = Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(user)))
    with_key(services, user)
    return services


def _purpose(services: Services, conference_id: str):  # type: ignore[no-untyped-def]
    record = services.records.get(conference_id)
    return next(s for s in record.sections if s.key is SectionKey.PURPOSE)


def test_same_words_changed_by_both_is_a_conflict_with_both_and_nothing_overwritten(store, services):
    conference_id = book_family(services, "CE-1").first_id
    clerk, chair = _desktop(store, CLERK), _desktop(store, CHAIR)
    first = clerk.records.save_section(conference_id, SectionKey.PURPOSE, "To decide on a plan.")
    read = ReadAs(first.version, {"text": first.text})  # both screens show this
    theirs = chair.records.save_section(
        conference_id, SectionKey.PURPOSE, "To decide on a plan for Zofia.", read=read
    )
    with pytest.raises(EditConflict) as caught:
        clerk.records.save_section(conference_id, SectionKey.PURPOSE, "To decide on a plan now.", read=read)
    (conflict,) = caught.value.conflicts
    assert (conflict.mine, conflict.theirs) == ("To decide on a plan now.", "To decide on a plan for Zofia.")
    assert caught.value.version == theirs.version
    assert _purpose(services, conference_id).text == "To decide on a plan for Zofia."
    # Keeping mine: based on what they stored, it applies.
    kept = clerk.records.save_section(
        conference_id,
        SectionKey.PURPOSE,
        "To decide on a plan now.",
        read=ReadAs(caught.value.version, caught.value.theirs()),
    )
    assert kept.version == theirs.version + 1
    assert _purpose(services, conference_id).text == "To decide on a plan now."


def test_a_save_on_the_version_read_or_of_the_same_words_applies(store, services):
    conference_id = book_family(services, "CE-2").first_id
    clerk, chair = _desktop(store, CLERK), _desktop(store, CHAIR)
    first = clerk.records.save_section(conference_id, SectionKey.PURPOSE, "Review")
    second = clerk.records.save_section(
        conference_id, SectionKey.PURPOSE, "Review of", read=ReadAs(first.version, {"text": "Review"})
    )
    assert second.version == first.version + 1
    chair.records.save_section(
        conference_id,
        SectionKey.PURPOSE,
        "Review of the plan",
        read=ReadAs(second.version, {"text": "Review of"}),
    )
    same = clerk.records.save_section(
        conference_id,
        SectionKey.PURPOSE,
        "Review of the plan",
        read=ReadAs(second.version, {"text": "Review of"}),
    )
    assert same.text == "Review of the plan"


def test_a_map_edit_merges_their_change_to_other_fields(store, services):
    booked = book_family(services, "CE-3")
    chair, clerk = _desktop(store, CHAIR), _desktop(store, CLERK)
    item = chair.mapping.add_item(booked.first_id, MapSection.DANGER, "Dad drinks")
    read = ReadAs(item.version, {"text": item.text, "source": item.source, "child_id": item.child_id})
    clerk.mapping.set_details(item.id, "GP letter", None, read=read)  # the clerk notes who said it
    stored = chair.mapping.edit_text(item.id, "Dad drinks most nights", read=read)  # typed meanwhile
    assert (stored.text, stored.source) == ("Dad drinks most nights", "GP letter")
    assert stored.version == item.version + 2
    with pytest.raises(EditConflict, match="the map item"):
        clerk.mapping.edit_text(item.id, "Dad drinks at weekends", read=read)
    (board_item,) = services.mapping.board(booked.first_id).items
    assert (board_item.text, board_item.source) == ("Dad drinks most nights", "GP letter")


@pytest.fixture
def awaiting_approval(store, services):  # type: ignore[no-untyped-def]
    booked = book_family(services, "CE-4")
    clerk = _desktop(store, CLERK)
    clerk.records.save_section(booked.first_id, SectionKey.PURPOSE, "To decide whether Zofia needs a plan.")
    clerk.records.move(booked.first_id, RecordState.WITH_CLERK)
    clerk.records.move(booked.first_id, RecordState.AWAITING_APPROVAL)
    return booked


def _approve_with_a_save_arriving(store, monkeypatch, conference_id, save):  # type: ignore[no-untyped-def]
    """The chair approves; while the approval holds its lock (inside the snapshot), `save` is made on
    another desktop. Returns (what the save raised or returned, whether it waited for the approval)."""
    snapshotting, go = threading.Event(), threading.Event()
    real = records_module.snapshot

    def slow_snapshot(session, cid):  # type: ignore[no-untyped-def]
        snapshotting.set()
        go.wait(10)
        return real(session, cid)

    monkeypatch.setattr(records_module, "snapshot", slow_snapshot)
    chair = _desktop(store, CHAIR)
    outcome: dict[str, object] = {}

    def approve() -> None:
        outcome["record"] = chair.records.move(conference_id, RecordState.FINAL)

    def clerk_saves() -> None:
        try:
            outcome["save"] = save()
        except Exception as exc:  # what the clerk's desktop is told, asserted on below
            outcome["save"] = exc
        outcome["saved_at"] = time.monotonic()

    approving = threading.Thread(target=approve)
    approving.start()
    assert snapshotting.wait(10)
    saving = threading.Thread(target=clerk_saves)
    saving.start()
    saving.join(0.5)
    waited = saving.is_alive()  # the save waits for the approval's lock
    released = time.monotonic()
    go.set()
    approving.join(20)
    saving.join(20)
    assert "record" in outcome, "the approval did not finish"
    return outcome["save"], waited and float(outcome["saved_at"]) >= released  # type: ignore[arg-type]


def test_a_summary_save_during_approval_is_refused_with_when(store, services, monkeypatch, awaiting_approval):
    conference_id = awaiting_approval.first_id
    clerk = _desktop(store, CLERK)
    clerk.records.get(conference_id)  # the clerk's screen has the record open
    result, waited = _approve_with_a_save_arriving(
        store,
        monkeypatch,
        conference_id,
        lambda: clerk.records.save_section(conference_id, SectionKey.PURPOSE, "Typed during approval"),
    )
    assert waited
    assert isinstance(result, RecordLocked)
    record = services.records.get(conference_id)
    assert f"approved at {record.approved_at:%H:%M} while you were typing" in str(result)
    assert services.records.lock_intact(conference_id)
    assert "Typed during approval" not in record.versions[0].snapshot_json
    assert _purpose(services, conference_id).text == "To decide whether Zofia needs a plan."


def test_a_map_edit_during_approval_is_refused_and_the_lock_holds(
    store, services, monkeypatch, awaiting_approval
):
    conference_id = awaiting_approval.first_id
    chair_two = _desktop(store, User("u4", "ola", "Ola Nowak", Role.CHAIR))
    item = chair_two.mapping.add_item(conference_id, MapSection.STRENGTHS, "Gran helps")
    result, waited = _approve_with_a_save_arriving(
        store, monkeypatch, conference_id, lambda: chair_two.mapping.edit_text(item.id, "Gran helps daily")
    )
    assert waited
    assert isinstance(result, RecordLocked)
    assert "while you were typing" in str(result)
    assert services.records.lock_intact(conference_id)
    items = json.loads(services.records.get(conference_id).versions[0].snapshot_json)["map_items"]
    assert [i["text"] for i in items] == ["Gran helps"]


def _save_at_once(desktops: list[Services], conference_id: str, key: SectionKey) -> list[object]:
    """Each desktop saves the first words of `key` at the same moment; what each was told."""
    start = threading.Barrier(len(desktops))
    outcomes: list[object] = []

    def save(desktop: Services, words: str) -> None:
        start.wait()
        try:
            outcomes.append(
                desktop.records.save_section(conference_id, key, words, read=ReadAs(0, {"text": ""}))
            )
        except Exception as exc:  # asserted on by the caller
            outcomes.append(exc)

    threads = [
        threading.Thread(target=save, args=(d, f"Words from desktop {n}")) for n, d in enumerate(desktops)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return outcomes


def test_two_desktops_starting_the_same_section_at_once_one_is_stored_one_is_shown_both(store, services):
    """The first words of a section (and the record itself, first opened) typed on two desktops at the
    same moment: never a crash on a unique key; one is stored, the other is told both versions."""
    conference_id = book_family(services, "CE-5").first_id
    desktops = [_desktop(store, CLERK), _desktop(store, CHAIR)]
    for key in list(SectionKey)[:4]:
        outcomes = _save_at_once(desktops, conference_id, key)
        kinds = sorted(type(o).__name__ for o in outcomes)
        assert kinds == ["EditConflict", "Section"], outcomes
        (stored,) = [o for o in outcomes if not isinstance(o, Exception)]
        (conflict,) = [o for o in outcomes if isinstance(o, EditConflict)]
        assert conflict.theirs() == {"text": stored.text}
        assert (
            next(s for s in services.records.get(conference_id).sections if s.key is key).text == stored.text
        )
