"""The main window: layout and wiring only. Areas do their own work."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidget, QMainWindow, QSplitter, QStackedWidget, QWidget

from iro_desktop import APP_NAME
from iro_desktop.services.registry import Services
from iro_desktop.ui.actions import build_actions, shortcut_rows
from iro_desktop.ui.areas.decisions import DecisionsArea  # issue 5
from iro_desktop.ui.areas.families import FamiliesArea
from iro_desktop.ui.areas.placeholders import MessageArea
from iro_desktop.ui.areas.today import TodayArea
from iro_desktop.ui.dialogs import show_about, show_shortcuts
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.save_status import SaveStatusLabel
from iro_desktop.ui.settings import Settings

VIEWS = ("today", "families", "meeting", "records", "decisions")  # "decisions": issue 5


@dataclass(frozen=True)
class WhereInfo:
    """Where the records are, for the About box."""

    location: str
    data_dir: str


class MainWindow(QMainWindow):
    def __init__(
        self, services: Services, settings: Settings, where: WhereInfo, hub: ChangeHub | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.services = services
        self.settings = settings
        self.where = where
        self.hub = hub or ChangeHub(self)
        self.actions = build_actions(self)

        self.areas: dict[str, QWidget] = {
            "today": TodayArea(services, self.hub),
            "families": FamiliesArea(services, self.hub),
            "meeting": MessageArea(
                "Conference in progress",
                "No conference is in progress. Open a booked conference to start the meeting: "
                "who is here, the map, the decisions, the plan and the handouts appear here in meeting "
                "order.",
            ),
            "records": MessageArea(
                "Records to finalise",
                "Records waiting for the clerk and for the chair's approval appear here, soonest "
                "deadline first.",
            ),
            "decisions": DecisionsArea(services, self.hub),  # issue 5
        }
        self.nav = QListWidget()
        self.nav.setAccessibleName("Areas")
        self.stack = QStackedWidget()
        for area in self.areas.values():
            self.nav.addItem(getattr(area, "title", ""))
            self.stack.addWidget(area)
        self.nav.setMaximumWidth(260)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

        self.save_status = SaveStatusLabel(self.hub)
        self.statusBar().addPermanentWidget(self.save_status)
        self._build_menus()
        self._wire()
        self.nav.setCurrentRow(0)
        self.resize(1280, 800)

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(a["quit"])
        go_menu = self.menuBar().addMenu("&Go")
        for name in ("go_today", "go_families", "go_meeting", "go_records", "go_decisions"):
            go_menu.addAction(a[name])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])

    def _wire(self) -> None:
        a = self.actions
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        for row, name in enumerate(VIEWS):
            self._connect_nav(a[f"go_{name}"], row)
        a["quit"].triggered.connect(self.close)
        a["about"].triggered.connect(lambda: show_about(self, self.where.location, self.where.data_dir))
        a["shortcuts"].triggered.connect(lambda: show_shortcuts(self, shortcut_rows(self.actions)))

    def _connect_nav(self, action: QAction, row: int) -> None:
        action.triggered.connect(lambda: self.show_view(VIEWS[row]))

    def show_view(self, name: str) -> None:
        self.nav.setCurrentRow(VIEWS.index(name))

    def load(self) -> None:
        """Fill every area from the store (called after the first paint)."""
        self.hub.announce("*")
