"""The bridge from the listening connection to the UI (issue 16), without a server: kept edits are
applied by themselves once the server is there, even when no outage was noticed; a refusal is said."""

from __future__ import annotations

from datetime import timedelta

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.services.outage import MAP_EDIT_TEXT, OutageService
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.live_updates import LiveBridge
from tests.conftest import TODAY


def test_edits_kept_through_a_blip_nobody_noticed_are_applied_by_the_timer(qtbot, services, tmp_path):
    family = services.families.create_family(
        "R-8", "Dvořák family", [ChildInput("Zoë", "Dvořák", TODAY - timedelta(days=2000))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )
    item = services.mapping.add_item(conference.id, Section.DANGER, "Mum")
    journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
    outage = OutageService(services, journal)
    outage.keep(MAP_EDIT_TEXT, item_id=item.id, text="Mum's new partner")
    outage.keep(MAP_EDIT_TEXT, item_id="no-such-item", text="an item deleted meanwhile")
    hub = ChangeHub()
    refused: list[str] = []
    hub.save_refused.connect(refused.append)
    bridge = LiveBridge(hub, outage)
    try:
        qtbot.waitUntil(lambda: outage.waiting() == 0, timeout=4000)
        assert [i.text for i in services.mapping.board(conference.id).section(Section.DANGER)] == [
            "Mum's new partner"
        ]
        assert len(refused) == 1  # the edit that could not be applied is said, not dropped silently
    finally:
        bridge.stop()
        journal.close()
