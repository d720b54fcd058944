"""The decision letters of one conference (issue 18): each parent or carer, when their letter is due,
whether it was sent; write a letter's PDF; mark it sent with its method. Messages show inline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QVBoxLayout, QWidget

from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.domain.letters import LetterStatus
from iro_desktop.domain.record import SendMethod
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.table import Column, ObjectTableModel
from iro_desktop.ui.records.panel import RecordPanel, short_date
from iro_desktop.ui.widgets import button, table_view, wrapping_row


def letter_model() -> ObjectTableModel[LetterStatus]:
    return ObjectTableModel[LetterStatus](
        [
            Column("Parent or carer", lambda s: s.person_name),
            Column("Role", lambda s: s.role.label),
            Column(
                "Due",
                lambda s: "– None owed" if s.not_owed else short_date(s.due),
                tooltip=lambda s: s.not_owed,
            ),
            Column("Sent", lambda s: f"✔ {short_date(s.sent_on)}" if s.sent_on else "○ Not yet sent"),
            Column("Method", lambda s: s.method.label if s.method else ""),
        ]
    )


def _ask_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(parent, "Choose the folder for the letter")


class LettersPanel(RecordPanel):
    """Inside the record's page, under the distribution list."""

    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(
            "Decision letters to parents and carers", services, hub, "Decision letters message", parent
        )
        self.choose_folder: Callable[[QWidget], str] = _ask_folder  # tests answer without a dialog
        self.model = letter_model()
        self.table = table_view(self.model, "Decision letters")
        self.method = QComboBox()
        self.method.setAccessibleName("Letter sent by")
        for method in SendMethod:
            self.method.addItem(method.label, method.value)
        self.write_button = button("Write &letter PDF…", "Write the selected parent's letter")
        self.write_button.clicked.connect(self.write_letter)
        self.sent_button = button("Mark letter sent today", "Mark the selected parent's letter sent today")
        self.sent_button.clicked.connect(self.mark_sent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(wrapping_row(self.write_button, self.method, self.sent_button))
        layout.addWidget(self.message)

    def refresh(self) -> None:
        statuses: list[LetterStatus] = []
        if self.conference_id is not None:
            try:
                statuses = self.services.letters.statuses(self.conference_id)
            except (DomainError, EnvironmentProblem):
                statuses = []
        self.model.set_items(statuses)
        if statuses:
            self.table.selectRow(0)
        for widget in (self.write_button, self.sent_button, self.method):
            widget.setEnabled(bool(statuses))
        if self.conference_id is not None and not statuses:
            self._say("No parent or carer is on this conference's list: no letter is owed.")
        elif statuses and statuses[0].not_owed:
            self._say(f"{statuses[0].not_owed}. A letter sent can still be recorded.")

    def _selected(self) -> LetterStatus | None:
        return self._selected_in(self.table, self.model, "⚠ Choose whose letter it is.")

    def write_letter(self) -> None:
        status = self._selected()
        if status is None or self.conference_id is None:
            return
        folder = self.choose_folder(self)
        if not folder:
            return
        try:
            path = self.services.letters.export(self.conference_id, status.person_id, Path(folder))
        except (DomainError, EnvironmentProblem) as error:
            self._say(f"⚠ {error}")
            return
        self._say(f"✔ Letter for {status.person_name} written to {path}")

    def mark_sent(self) -> None:
        status = self._selected()
        if status is None or self.conference_id is None:
            return
        method = SendMethod(self.method.currentData())
        try:
            self.services.letters.mark_sent(
                self.conference_id, status.person_id, self.services.ctx.today(), method
            )
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self.refresh()
        self.hub.announce("letters", "records")
        self._say(f"✔ Letter to {status.person_name} recorded as sent today ({method.label.lower()}).")
