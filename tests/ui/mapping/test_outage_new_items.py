"""New map items typed while the team server is stopped (issue 16 item 4), through the real main window
on a server of its own: each is kept in the encrypted journal as it is typed (not only in memory), shown
on the board, a held-back one never on the projector; when the server is back each is stored once, as
shown, and the board reads it as stored, so the next words are saved without a conflict."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.audience import AudienceKind
from iro_desktop.domain.mapping import Section
from iro_desktop.services import live_updates
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.outage import MAP_ADD_ITEM, MAP_EDIT_TEXT, OutageService
from iro_desktop.services.registry import Services
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.opening import open_store
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from iro_desktop.ui.live_updates import LiveBridge
from iro_desktop.ui.save_status import OUTAGE, SAVED
from tests import postgres
from tests.conftest import TODAY
from tests.ui.mapping.test_board import _window, key
from tests.ui.test_live_updates import _book

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]


@pytest.fixture(scope="module")
def stoppable(tmp_path_factory):
    cluster = postgres.start_cluster(postgres.DURABLE_OPTIONS)
    try:
        postgres.migrated_template(cluster, tmp_path_factory.mktemp("pg-ui-new-items"))
        yield cluster
    finally:
        postgres.remove_cluster(cluster)


@pytest.fixture
def desktop(stoppable, tmp_path, qtbot, settings):
    """The main window on the stoppable server, with its outage journal and its listening connection,
    wired as the app wires them (app.start_live_updates)."""
    with postgres.fresh_database(stoppable) as name:
        store = open_store(StoreLocation(data_dir=tmp_path / "data", url=stoppable.url(name)))
        plain = Services.build(
            ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
        services = plain.with_outage(OutageService(plain, journal))
        conference = _book(services)
        window = _window(qtbot, services, settings)
        bridge = LiveBridge(window.hub, services.outage, window)
        with qtbot.waitSignal(window.hub.server_reachable, timeout=5000):
            listener = live_updates.listen(store, bridge.changes, bridge.reachable)
        try:
            yield window, services, conference
        finally:
            bridge.stop()
            if listener is not None:
                listener.stop()
            journal.close()
            store.close()
            if not (stoppable.data / "postmaster.pid").exists():
                stoppable.start()


def test_new_items_typed_while_the_server_is_stopped_are_kept_shown_and_stored_once(
    qtbot, stoppable, desktop
):
    window, services, conference = desktop
    outage = services.outage
    assert outage is not None
    window.show_view("meeting")
    window.meeting.open_conference(conference.id)
    board = window.meeting.board
    controller = window.meeting.controller
    key(qtbot, "Alt+2")
    key(qtbot, "Ctrl+Alt+H")  # new items start held back
    key(qtbot, "F5")  # the projector is up
    QApplication.processEvents()

    with qtbot.waitSignal(window.hub.server_reachable, timeout=5000) as away:
        stoppable.stop()
    assert away.args == [False]
    key(qtbot, "Alt+2")
    qtbot.keyClicks(QApplication.focusWidget(), "Police intelligence")
    QApplication.processEvents()
    assert window.save_status.text() == OUTAGE
    assert "Police" not in window.meeting.presentation.plain_text()  # held back, kept or not
    key(qtbot, "Return")
    board.panels[Section.HARM].quick_add.setFocus()
    key(qtbot, "Ctrl+Alt+H")  # the next one for everyone
    qtbot.keyClicks(QApplication.focusWidget(), "Mum walks them to school")
    key(qtbot, "Return")

    # On screen and on the projector as typed; on this computer's disk, not only in memory.
    shown = controller.section_items(Section.HARM)
    assert [i.text for i in shown] == ["Police intelligence", "Mum walks them to school"]
    assert [i.audience.kind for i in shown] == [AudienceKind.PROFESSIONALS, AudienceKind.EVERYONE]
    assert controller.kept == {i.id for i in shown}
    assert "Mum walks them to school" in window.meeting.presentation.plain_text()
    assert "Police" not in window.meeting.presentation.plain_text()
    entries = outage.entries()
    added = [e.arguments for e in entries if e.operation == MAP_ADD_ITEM]
    assert [a["item_id"] for a in added] == [i.id for i in shown]  # the ids the board shows
    assert added[0]["audience"]["kind"] == "professionals"
    assert added[1]["audience"] is None
    last_words = {
        e.arguments["item_id"]: e.arguments["text"] for e in entries if e.operation == MAP_EDIT_TEXT
    }
    assert last_words[shown[0].id] == "Police intelligence"
    assert not controller.autosave.queued()  # nothing waits only in memory
    assert window.save_status.text() == OUTAGE

    stoppable.start()
    qtbot.waitUntil(lambda: outage.waiting() == 0 and window.save_status.text() == SAVED, timeout=15000)
    qtbot.waitUntil(lambda: not controller.kept, timeout=5000)  # the board read them as stored
    stored = services.mapping.board(conference.id).section(Section.HARM)
    assert [(i.id, i.text) for i in stored] == [(i.id, i.text) for i in shown]  # once each, as shown
    assert [i.audience.kind for i in stored] == [AudienceKind.PROFESSIONALS, AudienceKind.EVERYONE]
    assert all(controller.items[i.id].version == i.version for i in stored)
    assert "Police" not in window.meeting.presentation.plain_text()

    # The next words on an item made in the outage: an ordinary save, based on the stored version.
    controller.live_text(shown[1].id, "Mum walks them to school every day")
    assert controller.flush()
    assert window.save_status.text() == SAVED
    assert not controller.conflicts
    assert services.mapping.board(conference.id).section(Section.HARM)[1].text == (
        "Mum walks them to school every day"
    )
