"""Words kept through a server outage are stored on what they were typed over (issue 16 items 3-4), on
both databases: someone else's words stored in the same place meanwhile are never replaced. The kept
words (the latest of them) are held on this computer beside theirs until the person chooses; a change
of another field meanwhile is merged in and the kept words stored."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.outage import (
    MAP_EDIT_TEXT,
    RECORD_SECTION,
    OutageService,
    held_conflict,
    read_arguments,
)
from iro_desktop.services.registry import Services
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from tests.conftest import TODAY

CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)


@pytest.fixture
def conference(services):
    family = services.families.create_family(
        "R-3", "Kowalczyk family", [ChildInput("Zoë", "Kowalczyk", TODAY - timedelta(days=3000))]
    )
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )


@pytest.fixture
def outage(services, tmp_path):
    journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
    yield OutageService(services, journal)
    journal.close()


def _clerk(store) -> Services:  # type: ignore[no-untyped-def]
    """Another desktop, signed in as the clerk, on the same store."""
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CLERK)))


def _keep_words(outage, item, *texts):  # type: ignore[no-untyped-def]
    """The chair types on during the outage: each save kept, based on the item as last read."""
    before = item.text
    for text in texts:
        outage.keep(
            MAP_EDIT_TEXT,
            item_id=item.id,
            text=text,
            read=read_arguments(ReadAs(item.version, {"text": item.text}), before),
        )
        before = text


def test_kept_words_over_words_stored_meanwhile_are_held_with_both(
    store, services, outage, conference, backend
):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad drinks")
    _keep_words(outage, item, "Dad drinks at", "Dad drinks at weekends")
    _clerk(store).mapping.edit_text(
        item.id, "Dad drinks most evenings", read=ReadAs(item.version, {"text": item.text})
    )

    result = outage.replay()

    assert (result.applied, result.refused, outage.waiting()) == (0, [], 0)
    stored = services.mapping.board(conference.id).section(Section.DANGER)[0]
    assert stored.text == "Dad drinks most evenings"  # theirs, not replaced
    [held] = outage.held()
    assert held == result.held[0]
    conflict = held_conflict(held)
    [words] = conflict.conflicts
    assert (words.field, words.base, words.mine, words.theirs) == (
        "text",
        "Dad drinks",
        "Dad drinks at weekends",  # the latest kept words, once
        "Dad drinks most evenings",
    )
    assert conflict.version == stored.version
    # Kept on this computer until chosen: a later replay neither stores nor drops them.
    assert outage.replay().applied == 0
    assert len(outage.held()) == 1
    outage.release(held.key)
    assert outage.held() == []


def test_kept_words_over_another_field_changed_meanwhile_are_stored(
    store, services, outage, conference, backend
):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad drinks")
    _keep_words(outage, item, "Dad drinks at", "Dad drinks at weekends")
    _clerk(store).mapping.set_details(item.id, "Police", None)  # who said it: another field

    result = outage.replay()

    assert (result.applied, result.held, result.refused) == (2, [], [])
    stored = services.mapping.board(conference.id).section(Section.DANGER)[0]
    assert (stored.text, stored.source) == ("Dad drinks at weekends", "Police")


def test_kept_summary_words_over_words_stored_meanwhile_are_held(
    store, services, outage, conference, backend
):
    first = services.records.save_section(conference.id, SectionKey.PURPOSE, "To decide")
    outage.keep(
        RECORD_SECTION,
        conference_id=conference.id,
        key="purpose",
        text="To decide whether Zoë needs a plan",
        agency="",
        read=read_arguments(ReadAs(first.version, {"text": first.text}), first.text),
    )
    _clerk(store).records.save_section(
        conference.id,
        SectionKey.PURPOSE,
        "To decide together",
        read=ReadAs(first.version, {"text": first.text}),
    )

    result = outage.replay()

    assert result.applied == 0
    sections = {s.key: s.text for s in services.records.get(conference.id).sections}
    assert sections[SectionKey.PURPOSE] == "To decide together"
    [held] = outage.held()
    assert held.arguments["text"] == "To decide whether Zoë needs a plan"
    assert held_conflict(held).conflicts[0].theirs == "To decide together"


def test_held_words_survive_the_journal_being_closed_and_opened(services, conference, tmp_path, backend):
    key = DataKey.generate()
    journal = OutageJournal(journal_path(tmp_path, "u1"), key)
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad drinks")
    entry = journal.keep(MAP_EDIT_TEXT, {"item_id": item.id, "text": "mine"})
    journal.hold([entry], MAP_EDIT_TEXT, entry.arguments, {"label": "x", "version": 2, "conflicts": []})
    journal.close()
    again = OutageJournal(journal_path(tmp_path, "u1"), key)
    assert [(h.operation, h.arguments["text"]) for h in again.held()] == [(MAP_EDIT_TEXT, "mine")]
    assert len(again) == 0
    again.close()


def test_words_held_again_for_the_same_item_replace_the_earlier_held(
    store, services, outage, conference, backend
):
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad drinks")
    _keep_words(outage, item, "Dad drinks at")
    clerk = _clerk(store)
    theirs = clerk.mapping.edit_text(
        item.id, "Dad drinks often", read=ReadAs(item.version, {"text": item.text})
    )
    outage.replay()
    _keep_words(outage, item, "Dad drinks at weekends")  # typed on before the choice reached the screen
    clerk.mapping.edit_text(
        item.id, "Dad drinks every day", read=ReadAs(theirs.version, {"text": theirs.text})
    )
    outage.replay()
    [held] = outage.held()
    assert held.arguments["text"] == "Dad drinks at weekends"
    assert held_conflict(held).conflicts[0].theirs == "Dad drinks every day"
