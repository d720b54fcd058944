"""The app closed while the team server is away and opened again once it is back (issue 16 item 4): what
was typed during the outage is in the account's encrypted journal on this computer (sealed under the
password), and signing in again replays it, through the app's own wiring (sign-in's attach_journal, then
app.start_live_updates), each edit once, with nothing typed again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMainWindow

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role
from iro_desktop.services import sign_in
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.drafts import DECISION
from iro_desktop.services.outage import attach_journal
from iro_desktop.services.registry import Services
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.opening import open_store
from iro_desktop.store.outage_journal import journal_path
from iro_desktop.ui.decisions.draft_keeper import kept_draft, store_draft
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.live_updates import LiveBridge
from iro_desktop.ui.mapping.controller import BoardController
from tests import postgres
from tests.conftest import TODAY

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]
PASSWORD = "correct horse battery"
REASONS = "Zoë’s needs are not met — school reports “persistent” hunger."


@pytest.fixture(scope="module")
def stoppable(tmp_path_factory):
    cluster = postgres.start_cluster(postgres.DURABLE_OPTIONS)
    try:
        postgres.migrated_template(cluster, tmp_path_factory.mktemp("pg-restart"))
        yield cluster
    finally:
        postgres.remove_cluster(cluster)


def _signed_in(location: StoreLocation) -> sign_in.Opened:
    """Signing in as the sign-in screen does (ui/sign_in.SignInGate.sign_in)."""
    opened = sign_in.sign_in(location, "priya", PASSWORD, today=lambda: TODAY)
    attach_journal(opened, "priya", PASSWORD)
    return opened


def test_what_was_kept_before_a_restart_is_replayed_at_the_next_sign_in(qtbot, stoppable, tmp_path):
    from iro_desktop.app import start_live_updates

    with postgres.fresh_database(stoppable) as name:
        location = StoreLocation(data_dir=tmp_path / "data", url=stoppable.url(name))
        store = open_store(location)
        setup = Services.build(
            ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        setup.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
        family = setup.families.create_family(
            "R-7", "Nowak family", [ChildInput("Zoë", "Nowak", TODAY - timedelta(days=3000))]
        )
        conference = setup.conferences.book(
            family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
        )
        child_id = setup.families.get(family.id).children[0].id
        store.close()

        # The first session: the server goes away while the chair types; the app is then closed.
        first = _signed_in(location)
        outage = first.services.outage
        assert outage is not None
        hub = ChangeHub()
        bridge = LiveBridge(hub, outage)
        with qtbot.waitSignal(hub.server_reachable, timeout=5000):
            from iro_desktop.services import live_updates

            listener = live_updates.listen(first.store, bridge.changes, bridge.reachable)
        board = BoardController(first.services, hub)
        board.open(conference.id)
        with qtbot.waitSignal(hub.server_reachable, timeout=5000) as away:
            stoppable.stop()
        assert away.args == [False]
        item_id = board.add_item(Section.DANGER, "Dad")
        assert item_id is not None
        board.live_text(item_id, "Dad's drinking at weekends")
        assert board.flush()
        fields = {"outcome": "plan_made", "category": "N", "rationale": REASONS}
        assert store_draft(first.services, conference.id, child_id, fields, DECISION)  # kept, not stored
        kept = outage.waiting()
        assert kept == 3
        bridge.stop()
        assert listener is not None
        listener.stop()
        board.close()
        first.close()  # the app closed during the outage
        assert journal_path(location.data_dir, first.user.id).exists()

        # The server is back; the app is opened and the chair signs in again.
        stoppable.start()
        second = _signed_in(location)
        try:
            again = second.services.outage
            assert again is not None
            assert again.waiting() == kept  # the same journal, opened with the password
            assert kept_draft(second.services, conference.id, child_id, DECISION) == fields  # before replay
            window = QMainWindow()
            qtbot.addWidget(window)
            window.hub = ChangeHub(window)  # type: ignore[attr-defined]
            with qtbot.waitSignal(window.hub.server_reachable, timeout=10000) as back:  # type: ignore[attr-defined]
                listener = start_live_updates(window, second)
            assert back.args == [True]
            qtbot.waitUntil(lambda: again.waiting() == 0, timeout=5000)
            stored = second.services.mapping.board(conference.id).items
            assert [(i.id, i.text) for i in stored] == [(item_id, "Dad's drinking at weekends")]  # once
            assert second.services.drafts.get(conference.id, child_id) == fields
            assert again.replay().applied == 0
            listener.stop()
        finally:
            second.close()
