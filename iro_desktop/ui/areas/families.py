"""Families and conferences: the register, searchable as you type."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from iro_desktop.domain.family import Family
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.register import child_model, family_model
from iro_desktop.ui.widgets import heading, table_view


class FamiliesArea(QWidget):
    title = "Families and conferences"

    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by family, child's name or case number")
        self.search.setAccessibleName("Search families")
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        self.families = family_model()
        self.children = child_model(services.ctx.today())
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.family_table = table_view(self.families, "Families")
        self.child_table = table_view(self.children, "Children in the selected family")
        splitter.addWidget(self.family_table)
        splitter.addWidget(self.child_table)
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self.refresh)
        self.family_table.selectionModel().selectionChanged.connect(self._on_selection)
        hub.changed.connect(self._on_changed)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"families", "*"}:
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected_family()
        self.families.set_items(self.services.families.search(self.search.text()))
        rows = self.families.items()
        keep = next((i for i, f in enumerate(rows) if selected and f.id == selected.id), 0 if rows else -1)
        if keep >= 0:
            self.family_table.selectRow(keep)
        else:
            self.children.set_items([])

    def selected_family(self) -> Family | None:
        indexes = self.family_table.selectionModel().selectedRows()
        return self.families.item(indexes[0].row()) if indexes else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        family = self.selected_family()
        self.children.set_items(family.children if family else [])
