"""Today and due: the first screen a chair or clerk sees."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.register import conference_model
from iro_desktop.ui.widgets import heading, table_view


class TodayArea(QWidget):
    title = "Today and due"

    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._family_names: dict[str, str] = {}
        self.model = conference_model(self._family_names)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        self.summary = QLabel()
        self.summary.setAccessibleName("Summary")
        layout.addWidget(self.summary)
        self.table = table_view(self.model, "Conferences")
        layout.addWidget(self.table)
        hub.changed.connect(self._on_changed)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"families", "conferences", "*"}:
            self.refresh()

    def refresh(self) -> None:
        self._family_names.clear()
        self._family_names.update({f.id: f.name for f in self.services.families.search()})
        conferences = self.services.conferences.all()
        self.model.set_items(conferences)
        self.summary.setText(f"{len(conferences)} conference{'s' if len(conferences) != 1 else ''} booked.")
