"""Tools -> Subject access (issue 18): find a parent, relative or child, and write their bundle as a PDF
and a CSV for the council's subject-access team. Managers and administrators only (the service refuses
anyone else); opened from the Tools menu, never mid-meeting. Messages show inline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.services.subject_access import SubjectChoice
from iro_desktop.ui.models.table import Column, ObjectTableModel
from iro_desktop.ui.widgets import button, table_view

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services


def subject_model() -> ObjectTableModel[SubjectChoice]:
    return ObjectTableModel[SubjectChoice](
        [
            Column("Name", lambda c: c.name),
            Column("Role", lambda c: c.role_label),
            Column("Family", lambda c: c.family_name),
            Column("Reference", lambda c: c.family_reference),
        ]
    )


def _ask_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(parent, "Choose the folder for the bundle")


class SubjectAccessDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Subject access")
        self.services = services
        self.choose_folder: Callable[[QWidget], str] = _ask_folder  # tests answer without a dialog
        self.search = QLineEdit()
        self.search.setAccessibleName("Search people by name")
        self.search.setPlaceholderText("Name of a parent, relative or child (or a family reference)")
        self.search.setClearButtonEnabled(True)
        label = QLabel("&Find:")
        label.setBuddy(self.search)
        self.model = subject_model()
        self.table = table_view(self.model, "People in the store")
        self.write_button = button("&Write bundle (PDF and CSV)…", "Write the chosen person's bundle")
        self.write_button.clicked.connect(self.write_bundle)
        self.status = QLabel()
        self.status.setAccessibleName("Subject access message")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.write_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.search.textChanged.connect(self.load)
        self.resize(760, 480)
        self.load()

    def load(self, *_args: object) -> None:
        try:
            found = self.services.subject_access.people(self.search.text())
        except DomainError as error:
            self.model.set_items([])
            self._say(f"⚠ {error}")
            self.write_button.setEnabled(False)
            return
        self.model.set_items(found)
        if found:
            self.table.selectRow(0)
        self.write_button.setEnabled(bool(found))
        self._say("" if found else "Nobody in the store matches.")

    def write_bundle(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._say("⚠ Choose whose bundle to write.")
            return
        chosen = self.model.item(rows[0].row())
        folder = self.choose_folder(self)
        if not folder:
            return
        try:
            pdf, csv_path = self.services.subject_access.export(chosen.id, Path(folder))
        except (DomainError, EnvironmentProblem) as error:
            self._say(f"⚠ {error}")
            return
        self._say(f"✔ Bundle for {chosen.name} written: {pdf.name} and {csv_path.name} in {pdf.parent}")

    def _say(self, text: str) -> None:
        self.status.setText(text)
