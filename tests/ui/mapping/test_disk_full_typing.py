"""Issue 13 item 7: the disk filling while the chair types keeps every item separate, in order.

The store lives on a real, small tmpfs mounted for the test and filled to the brim (CI runs as root).
Where mounting is not allowed, the service fails with the same SQLITE_FULL error SQLite raises."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.errors import SQLITE_FULL, translate
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store
from iro_desktop.ui.save_status import NOT_SAVED
from tests.conftest import TODAY
from tests.small_disk import fill, small_tmpfs
from tests.ui.mapping.test_board import _window, key, shown, stored


class Disk:
    """Fill and free the disk under the store (really, or by SQLite's own SQLITE_FULL error)."""

    def __init__(self, mount: Path | None, services: Services, store, monkeypatch) -> None:
        self.mount, self.services, self.store, self.monkeypatch = mount, services, store, monkeypatch
        self.filler: Path | None = None

    def fill(self) -> None:
        with self.store.engine.connect() as conn:  # an empty WAL: any write now needs new space
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        if self.mount is not None:
            self.filler = fill(self.mount)
            return
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = SQLITE_FULL  # type: ignore[attr-defined]

        def full(*_args, **_kwargs):
            raise translate(error)

        for name in ("add_item", "edit_text"):
            self.monkeypatch.setattr(self.services.mapping, name, full)

    def free(self) -> None:
        if self.filler is not None:
            self.filler.unlink()
        else:
            self.monkeypatch.undo()


@pytest.fixture
def disk(tmp_path, monkeypatch) -> Iterator[tuple[Services, Disk]]:
    with small_tmpfs(tmp_path / "small") as mount:
        root = mount if mount is not None else tmp_path
        store = open_store(resolve_location(root / "data", environ={}))
        services = Services.build(
            ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        try:
            yield services, Disk(mount, services, store, monkeypatch)
        finally:
            store.close()


def test_disk_full_while_typing_keeps_every_item_separate_in_order(qtbot, settings, disk):
    services, full = disk
    family = services.families.create_family(
        "R-13", "Wójcik family", [ChildInput("Zoë", "Brontë", TODAY - timedelta(days=3400))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )
    window = _window(qtbot, services, settings)
    window.show_view("meeting")
    window.meeting.open_conference(conference.id)
    key(qtbot, "Alt+4")
    line = QApplication.focusWidget()
    qtbot.keyClicks(line, "Goes to school")
    key(qtbot, "Return")
    assert stored(services, conference, Section.STRENGTHS) == ["Goes to school"]

    full.fill()
    for text in ("Gran visits on Sundays", "Dad walks the dog", "Health visitor weekly"):
        qtbot.keyClicks(line, text)
        key(qtbot, "Return")
        assert line.text() == ""  # Enter is never swallowed: the next words start a new item
    qtbot.keyClicks(line, "Neighbour helps")  # typing, no Enter yet
    assert window.save_status.text().startswith(NOT_SAVED)
    assert "disk is full" in window.save_status.text().lower()
    assert stored(services, conference, Section.STRENGTHS) == ["Goes to school"]
    assert shown(window, Section.STRENGTHS) == [
        "Goes to school",
        "Gran visits on Sundays",
        "Dad walks the dog",
        "Health visitor weekly",
    ]
    assert line.text() == "Neighbour helps"

    full.free()
    expected = [
        "Goes to school",
        "Gran visits on Sundays",
        "Dad walks the dog",
        "Health visitor weekly",
        "Neighbour helps",
    ]
    qtbot.waitUntil(lambda: stored(services, conference, Section.STRENGTHS) == expected, timeout=10000)
    key(qtbot, "Return")
    assert stored(services, conference, Section.STRENGTHS) == expected
    assert shown(window, Section.STRENGTHS) == expected
    assert window.save_status.is_saved
