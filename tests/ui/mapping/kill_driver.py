"""Runs the real GUI offscreen and types into the map until it is killed (see test_kill.py).

    python kill_driver.py DATA_DIR SETTINGS_FILE type    # book a conference, open it, type forever
    python kill_driver.py DATA_DIR SETTINGS_FILE check   # start the app, report what it shows, quit

Prints one line per keystroke ("key TIME TEXT-SO-FAR") and per finished item ("done TEXT"), so the test
knows what had been typed when it killed the process.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QEvent, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from iro_desktop.app import open_services  # noqa: E402
from iro_desktop.domain.conference import ConferenceType  # noqa: E402
from iro_desktop.domain.family import ChildInput  # noqa: E402
from iro_desktop.domain.mapping import SECTION_ORDER  # noqa: E402
from iro_desktop.services.context import SYSTEM_USER  # noqa: E402
from iro_desktop.store.location import resolve_location  # noqa: E402
from iro_desktop.ui.main_window import MainWindow, WhereInfo  # noqa: E402
from iro_desktop.ui.settings import Settings  # noqa: E402

KEY_INTERVAL_MS = 15
PHRASES = (
    "Zoë said “home is calm” — n",
    "Łucja’s school is good, item n",
    "محمد علي takes them, n",
    "A long one, typed for more than a second so the kill lands mid-item: Dvořák, Siobhán Ó Súilleabháin, "
    "عائشہ خان, £40 — n",
)


def main() -> int:
    data_dir, settings_file, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    app = QApplication([])
    store, services = open_services(resolve_location(data_dir, environ={}), today=lambda: date(2026, 11, 23))
    services.ctx.session.user = SYSTEM_USER  # the app signs in; this driver stands in for an account
    if not services.conferences.all():
        family = services.families.create_family(
            "K-1", "Wójcik family", [ChildInput("Zoë", "Brontë", date(2018, 1, 1))]
        )
        services.conferences.book(
            family.id, ConferenceType.INITIAL, date(2026, 11, 23), clock_start=date(2026, 11, 13)
        )
    window = MainWindow(services, Settings.at(Path(settings_file)), WhereInfo("kill", data_dir))
    window.show()
    window.load()
    meeting = window.meeting
    if mode == "check":
        items = meeting.controller.items.values()
        print(f"resumed {meeting.controller.conference_id or '-'} {window.stack.currentWidget() is meeting}")
        for item in items:
            print(f"shown {item.text}")
        sys.stdout.flush()
        window.close()
        store.close()
        return 0

    meeting.open_conference(services.conferences.all()[0].id)
    state = {"n": 0, "pos": 0}

    def tick() -> None:
        n = state["n"]
        text = PHRASES[n % len(PHRASES)].replace(" n", f" {n}")
        if state["pos"] == 0:
            window.action_map[f"map_section_{n % len(SECTION_ORDER) + 1}"].trigger()
        target = QApplication.focusWidget()
        if target is None:  # the window is not active yet (a loaded machine): wait for the next tick
            return
        if state["pos"] < len(text):
            ch = text[state["pos"]]
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
            state["pos"] += 1
            print(f"key {time.time():.3f} {text[: state['pos']]}", flush=True)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
                )
            print(f"done {text}", flush=True)
            state["n"] += 1
            state["pos"] = 0

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(KEY_INTERVAL_MS)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
