"""The team server going away is not a crash (issue 16 item 4): an environmental problem no screen
caught goes to the status bar, in the outage's own words; no crash dialog, no crash report."""

from __future__ import annotations

from iro_desktop.services.live_updates import OUTAGE_MESSAGE, status_words
from iro_desktop.store.errors import server_unreachable
from iro_desktop.ui.crash import CrashHandler
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.save_status import OUTAGE, SaveStatusLabel


def test_an_uncaught_server_outage_is_said_in_the_status_bar_not_as_a_crash(qtbot, tmp_path):
    hub = ChangeHub()
    label = SaveStatusLabel(hub)
    qtbot.addWidget(label)
    handler = CrashHandler(tmp_path / "logs", show_dialog=True)
    handler.tell_problem = lambda problem: hub.save_failed.emit(status_words(problem))
    problem = server_unreachable("connection refused")
    handler(type(problem), problem, None)
    assert label.text() == OUTAGE
    assert OUTAGE_MESSAGE in label.text()
    assert handler.last_log is None
    assert not list(tmp_path.glob("logs/crash-*.log"))
