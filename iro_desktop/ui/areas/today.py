"""Today and due: the first screen a chair or clerk sees. Conferences coming up and how ready they
are, conferences out of timescale, records past their distribution target. Colour plus text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QSplitter, QVBoxLayout, QWidget

from iro_desktop.domain.today import TodayOverview, alerts_due
from iro_desktop.services.registry import Services
from iro_desktop.ui.booking.models import due_model, upcoming_model
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.quality.alerts import AlertHistoryDialog, ChildAlertsDialog
from iro_desktop.ui.quality.models import alert_model, rag_due_model
from iro_desktop.ui.widgets import heading, table_view

LEGEND = "✔ met or on track   ○ not yet due   ◷ due soon   ⚠ overdue   ✘ late (the colours repeat the words)"


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(widget)
    return box


class TodayArea(QWidget):
    """Enter or a double-click on a row opens it: a conference in the register, a record in the queue."""

    title = "Today and due"
    open_conference = Signal(str)
    open_record = Signal(str)

    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.overview: TodayOverview | None = None
        self._stale = False  # a change came while hidden
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        self.summary = QLabel()
        self.summary.setAccessibleName("Summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        legend = QLabel(LEGEND)
        legend.setAccessibleName("Key to the states")
        legend.setWordWrap(True)  # large text
        layout.addWidget(legend)
        self.model = upcoming_model()
        self.late_model = due_model()
        self.records_model = due_model()
        self.table = table_view(self.model, "Conferences coming up")
        self.late_table = table_view(self.late_model, "Out of timescale or due")
        self.records_table = table_view(self.records_model, "Records past or near their distribution target")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(_boxed("Coming up, and how ready they are", self.table))
        splitter.addWidget(_boxed("Out of timescale, or due to be booked", self.late_table))
        splitter.addWidget(_boxed("Records to distribute", self.records_table))
        # Issue 19: alerts awaiting a response or the chair's next step; Enter opens the alert's history.
        self.alerts_model = alert_model(services.ctx.today)
        self.alerts_table = table_view(self.alerts_model, "Alerts awaiting a response")
        # Issue 19: plans past their midway point with no RAG rating yet, beside the alerts (one box: the
        # lists above keep their room in a small window); Enter opens the child's alerts and ratings.
        self.rag_model = rag_due_model()
        self.rag_table = table_view(self.rag_model, "RAG ratings due")
        plans = QSplitter(Qt.Orientation.Horizontal)
        plans.addWidget(_boxed("Alerts about plans", self.alerts_table))
        plans.addWidget(_boxed("RAG ratings due at the midway point", self.rag_table))
        plans.setChildrenCollapsible(False)
        splitter.addWidget(plans)
        self.hub = hub
        self.dialog: QWidget | None = None
        # Coming up gets half the height, the other two a quarter each, at every window size (with a
        # stretch only on the first, a small window took all of its shrink from it: one row left).
        for index, stretch in enumerate((2, 1, 1, 1)):
            splitter.setStretchFactor(index, stretch)
        splitter.setSizes([400, 200, 200, 200])
        layout.addWidget(splitter, 1)
        self.table.activated.connect(self._open_upcoming)
        self.late_table.activated.connect(
            lambda index: self.open_conference.emit(self.late_model.item(index.row()).conference_id)
        )
        self.records_table.activated.connect(
            lambda index: self.open_record.emit(self.records_model.item(index.row()).conference_id)
        )
        self.alerts_table.activated.connect(self._open_alert)
        self.rag_table.activated.connect(self._open_rating)
        hub.changed.connect(self._on_changed)

    def _open_alert(self, index: QModelIndex) -> None:
        alert = self.alerts_model.item(index.row())
        self.dialog = AlertHistoryDialog(self.services, self.hub, alert.id, self)
        self.dialog.show()

    def _open_rating(self, index: QModelIndex) -> None:
        due = self.rag_model.item(index.row())
        family = self.services.families.get(due.family_id)
        child = next(c for c in family.children if c.id == due.child_id)
        self.dialog = ChildAlertsDialog(self.services, self.hub, child, self)
        self.dialog.show()

    def _open_upcoming(self, index: QModelIndex) -> None:
        self.open_conference.emit(self.model.item(index.row()).conference.id)

    def _on_changed(self, topics: frozenset[str]) -> None:
        """Refresh now when on screen; otherwise when next shown (a change announced during a meeting
        need not recompute a page nobody is looking at)."""
        if topics & {"families", "conferences", "attendance", "rules", "alerts", "*"}:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        self.overview = overview = self.services.clocks.today_and_due()
        self.model.set_items(overview.upcoming)
        self.late_model.set_items(overview.out_of_timescale)
        self.records_model.set_items(overview.records_due)
        alerts = alerts_due(self.services.alerts.open_alerts(), overview.today)
        self.alerts_model.set_items(alerts)
        waiting = f" {len(alerts)} alert{'s' if len(alerts) != 1 else ''} open." if alerts else ""
        ratings = self.services.alerts.rag_due()
        self.rag_model.set_items(ratings)
        if ratings:
            waiting += f" {len(ratings)} RAG rating{'s' if len(ratings) != 1 else ''} due."
        self.summary.setText(f"<b>{overview.today:%A %d %B %Y}.</b> {overview.summary}{waiting}")
