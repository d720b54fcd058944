"""What the boxes on a record's page share (decision letters, corrections, copies): one conference at a
time, a list to choose from, and a message under the box, inline, never a dialog."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from PySide6.QtWidgets import QGroupBox, QLabel, QTableView, QWidget

from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.table import ObjectTableModel

T = TypeVar("T")


def short_date(value: date | None) -> str:
    """A date as the record's tables show it (02 Dec 2026), or nothing."""
    return value.strftime("%d %b %Y") if value else ""


def inline_message(name: str) -> QLabel:
    """The box's message line: wrapped, named for screen readers, hidden while it says nothing."""
    message = QLabel()
    message.setWordWrap(True)
    message.setAccessibleName(name)
    message.hide()
    return message


class RecordPanel(QGroupBox):
    """A box on the record's page that shows one conference; `refresh` (each box's own) fills it."""

    def __init__(
        self, title: str, services: Services, hub: ChangeHub, message_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.services, self.hub = services, hub
        self.conference_id: str | None = None
        self.message = inline_message(message_name)

    def set_conference(self, conference_id: str | None) -> None:
        """Another conference clears the message; the same one (a refresh after a change) keeps it."""
        if conference_id != self.conference_id:
            self._say("")
        self.conference_id = conference_id
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _selected_in(self, table: QTableView, model: ObjectTableModel[T], prompt: str) -> T | None:
        """The item chosen in `table`; with none chosen, `prompt` is said and None returned."""
        rows = table.selectionModel().selectedRows()
        if not rows:
            self._say(prompt)
            return None
        return model.item(rows[0].row())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
