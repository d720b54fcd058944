"""Tools -> Census check: every child protection census rule the records break, with the child and
family, and a way to open the conference to put it right (opened from the Tools menu, never
mid-meeting). The census module itself goes out with the annual report's CSV files."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from iro_desktop.domain.errors import DomainError
from iro_desktop.services.census import CensusFinding
from iro_desktop.ui.models.table import Column, ObjectTableModel
from iro_desktop.ui.widgets import button, table_view

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services


def census_model() -> ObjectTableModel[CensusFinding]:
    return ObjectTableModel[CensusFinding](
        [
            Column("Rule", lambda f: f.rule, tooltip=lambda f: f.title),
            Column("Child", lambda f: f.child_name),
            Column("Family", lambda f: f.family_reference),
            Column("What is wrong", lambda f: f"{f.title}: {f.message}", tooltip=lambda f: f.message),
        ]
    )


class CensusDialog(QDialog):
    """The census check across the store. `open_conference` shows a conference in the register."""

    def __init__(
        self,
        services: Services,
        open_conference: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Census check")
        self.services = services
        self.open_conference = open_conference
        self.model = census_model()
        self.table = table_view(self.model, "Census problems")
        self.table.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Census check result")
        self.status.setWordWrap(True)
        self.check_button = button("&Check again", "Check the records again")
        self.open_button = button("&Open the conference", "Open the conference of the chosen problem")
        self.check_button.clicked.connect(self.load)
        self.open_button.clicked.connect(self.open_chosen)
        self.table.activated.connect(self._activated)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 560)
        self.load()

    def load(self) -> None:
        try:
            findings = self.services.census.check()
        except DomainError as error:
            self.status.setText(f"⚠ {error}")
            return
        self.model.set_items(findings)
        children = len({f.child_id for f in findings})
        if findings:
            self.status.setText(
                f"⚠ {len(findings)} census problem{'s' if len(findings) != 1 else ''} for {children} "
                f"child{'ren' if children != 1 else ''}. Put each right before the census return is made "
                "(rule numbers are the DfE's validation rules)."
            )
        else:
            self.status.setText(
                "✔ No census problems: every plan and conference passes the child protection rules."
            )
        self.open_button.setEnabled(bool(findings))

    def _activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_chosen()

    def open_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.open_conference is None:
            return
        finding = self.model.item(rows[0].row())
        if finding.conference_id:
            self.open_conference(finding.conference_id)
            self.accept()
        else:
            self.status.setText(
                f"{finding.child_name}: the problem is in the child's plans (Families and conferences, "
                "the child's earlier plans and decisions); no one conference to open."
            )
