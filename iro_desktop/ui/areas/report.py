"""Annual report: the statutory figures for a period beside the previous period, a chart and the
breakdown of the chosen figure, the records behind it, and exports (PDF, CSV).

The figures are counted off the UI thread (`Worker`), with a busy bar in the area; exports too.
Managers and chairs may run reports (the service checks; the area says so to anyone else).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError
from iro_desktop.domain.roles import Action, can
from iro_desktop.private_files import private_folder
from iro_desktop.reports.drilldown import Drill
from iro_desktop.reports.figure import Figure, Row
from iro_desktop.reports.periods import Period
from iro_desktop.ui.bar_chart import Bar, BarChart
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.report import (
    BreakdownLine,
    FigureLine,
    breakdown_lines,
    breakdown_model,
    drill_model,
    figure_lines,
    figures_model,
    headline,
    number,
    percent,
)
from iro_desktop.ui.period_chooser import PeriodChooser
from iro_desktop.ui.text_size import follow_column_widths
from iro_desktop.ui.widgets import DownScrollArea, button, heading, table_view
from iro_desktop.ui.worker import Worker

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services
    from iro_desktop.services.report_facts import ReportBundle

NOT_ALLOWED = "The annual report is for managers and chairs. Ask one of them, or an administrator."


def _bar(row: Row, previous: Row | None) -> Bar:
    share = f" ({percent(row.percentage)})" if row.percentage is not None else ""
    before = previous.count if previous is not None else 0
    before_share = (
        f" ({percent(previous.percentage)})"
        if previous is not None and previous.percentage is not None
        else ""
    )
    return Bar(row.label, row.count, f"{number(row.count)}{share}", before, f"{number(before)}{before_share}")


def chart_bars(figure: Figure, previous: Figure) -> list[Bar]:
    """The breakdown as bars; a figure without one charts its headline against the previous."""
    if figure.rows:
        return [_bar(line.row, line.previous) for line in breakdown_lines(figure, previous)]
    value = figure.numerator if figure.denominator is not None else figure.value
    before = previous.numerator if previous.denominator is not None else previous.value
    return [Bar(figure.title, value or 0, headline(figure), before or 0, headline(previous))]


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class ReportArea(QWidget):
    title = "Annual report"

    def __init__(
        self, services: Services, hub: ChangeHub, parent: QWidget | None = None, exports: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.exports = exports  # issue 15: the report carries names, so it goes to the data folder's exports
        self.bundle: ReportBundle | None = None
        self.drill: Drill | None = None
        self.stale = True
        self.worker = Worker(self)
        self.export_worker = Worker(self)

        self.chooser = PeriodChooser(services.ctx.today())
        self.chooser.changed.connect(self._on_period)
        self.run_button = button("&Run report", "Run report", "Count the figures for the chosen period")
        self.run_button.clicked.connect(self.run)
        self.busy = QProgressBar()
        self.busy.setAccessibleName("Counting the figures")
        self.busy.setRange(0, 0)  # indeterminate: moves while the work runs
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setAccessibleName("Report status")
        self.status.setWordWrap(True)

        self.figures = figures_model()
        self.figure_table = table_view(self.figures, "Figures for the period and the previous period")
        self.figure_table.selectionModel().currentRowChanged.connect(self._on_figure)
        header = self.figure_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 46 * self.figure_table.fontMetrics().averageCharWidth())  # in characters
        follow_column_widths(self.figure_table)  # and with the text size
        self.figure_table.setWordWrap(False)
        self.figure_table.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.figure_title = heading("Choose a figure")
        self.figure_title.setWordWrap(True)
        self.definition = QLabel()
        self.definition.setAccessibleName("Definition of the figure")
        self.definition.setWordWrap(True)
        self.definition.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = BarChart("Chart of the figure")
        self.breakdown = breakdown_model()
        self.breakdown_table = table_view(self.breakdown, "Breakdown of the figure")
        self.breakdown_table.selectionModel().currentRowChanged.connect(self._on_line)
        self.drill_label = QLabel("Records behind the figure")
        self.drill_label.setWordWrap(True)
        self.drill_label.setAccessibleName("Records behind the figure: heading")
        self.drill_rows = drill_model()
        self.drill_table = table_view(self.drill_rows, "Records behind the figure")
        self.all_records_button = button(
            "Show records behind the &whole figure", "Show records behind the whole figure"
        )
        self.all_records_button.clicked.connect(self.show_whole_figure)

        self.pdf_button = button(
            "Export &PDF…", "Export PDF", "The annual report with charts and definitions"
        )
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.csv_button = button(
            "Export C&SV…",
            "Export CSV",
            "Figures and record-level files (Standard Safeguarding Dataset names)",
        )
        self.csv_button.clicked.connect(self.choose_csv)
        self.export_status = QLabel()
        self.export_status.setAccessibleName("Export status")
        self.export_status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.run_button)
        top.addWidget(self.busy)
        export_row = QHBoxLayout()
        export_row.addWidget(self.pdf_button)
        export_row.addWidget(self.csv_button)
        export_row.addWidget(self.export_status, 1)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.figure_title)
        detail_layout.addWidget(self.definition)
        detail_layout.addWidget(self.chart)
        detail_layout.addWidget(self.breakdown_table, 1)
        detail_layout.addWidget(self.drill_label)
        detail_layout.addWidget(self.all_records_button, 0, Qt.AlignmentFlag.AlignLeft)
        detail_layout.addWidget(self.drill_table, 1)
        scroll = DownScrollArea(detail, "The chosen figure")  # never cut on the right (issue 12)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.figure_table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 460])

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addLayout(export_row)
        hub.changed.connect(self._on_changed)
        self._set_exports_enabled(False)

    # Running ---------------------------------------------------------------------------------------

    @property
    def allowed(self) -> bool:
        return can(self.services.ctx.session.user, Action.RUN_REPORTS)

    def _on_changed(self, _topics: frozenset[str]) -> None:
        """Records changed: count again now if the report is on screen, else when it is shown."""
        self.stale = True
        if self.isVisible():
            self.run()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.run()

    def _on_period(self) -> None:
        if self.isVisible() or self.bundle is not None:
            self.run()

    def refresh(self) -> None:
        self.run()

    def run(self) -> None:
        """Count every figure for the chosen period, off the UI thread."""
        if not self.allowed:
            self.status.setText(NOT_ALLOWED)
            self.run_button.setEnabled(False)
            self._set_exports_enabled(False)
            return
        period = self.chooser.period()
        if period is None:
            self.status.setText("Choose a period whose end is not before its start.")
            return
        self.stale = False
        self.run_button.setEnabled(True)
        self.busy.show()
        self.status.setText(f"Counting the figures for {period.label}…")
        reports = self.services.reports
        self.worker.start(lambda: reports.report(period), self._shown, self._failed)

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Until counting and exporting are done (screenshots, tests)."""
        return self.worker.wait(timeout_ms) and self.export_worker.wait(timeout_ms)

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        message = str(error) if isinstance(error, DomainError) else "The figures could not be counted."
        self.status.setText(message)

    def _shown(self, bundle: ReportBundle) -> None:
        self.busy.hide()
        self.bundle = bundle
        self.drill = Drill(bundle.facts, bundle.names)
        report = bundle.report
        self.status.setText(
            f"{report.period.label}: {_day(report.period.start)} to {_day(report.period.end)}, "
            f"beside {report.previous_period.label}. Choose a figure to see its chart, breakdown and records."
            + (
                " The period has not ended: figures count the records up to today."
                if self.services.ctx.today() < report.period.end
                else ""
            )
        )
        keep = self.figure_table.currentIndex().row()
        self.figures.set_items(figure_lines(report))
        self.figure_table.selectRow(keep if 0 <= keep < self.figures.rowCount() else 0)
        self._set_exports_enabled(True)

    # The chosen figure -----------------------------------------------------------------------------

    def current_line(self) -> FigureLine | None:
        row = self.figure_table.currentIndex().row()
        return self.figures.item(row) if 0 <= row < self.figures.rowCount() else None

    def _on_figure(self, *_: Any) -> None:
        line = self.current_line()
        if line is None or self.bundle is None:
            return
        figure, previous = line.figure, line.previous
        report = self.bundle.report
        self.figure_title.setText(figure.title)
        self.figure_title.setAccessibleName(figure.title)
        self.definition.setText(
            f"{report.period.label}: {headline(figure)}. {report.previous_period.label}: "
            f"{headline(previous)}.\n{figure.definition}"
        )
        self.chart.set_data(
            figure.title, chart_bars(figure, previous), (report.period.label, report.previous_period.label)
        )
        self.breakdown.set_items(breakdown_lines(figure, previous))
        self.breakdown_table.setVisible(bool(figure.rows))
        self.show_whole_figure()

    def show_whole_figure(self) -> None:
        line = self.current_line()
        if line is None or self.drill is None:
            return
        rows = self.drill.for_figure(line.figure)
        self.drill_rows.set_items(rows)
        self.drill_label.setText(f"Records behind “{line.figure.title}”: {len(rows)}")

    def _on_line(self, *_: Any) -> None:
        line = self.current_line()
        row = self.breakdown_table.currentIndex().row()
        if line is None or self.drill is None or not 0 <= row < self.breakdown.rowCount():
            return
        chosen: BreakdownLine = self.breakdown.item(row)
        rows = self.drill.for_figure(line.figure, chosen.row)
        self.drill_rows.set_items(rows)
        self.drill_label.setText(f"Records behind “{line.figure.title}: {chosen.row.label}”: {len(rows)}")

    # Exports ---------------------------------------------------------------------------------------

    def _set_exports_enabled(self, enabled: bool) -> None:
        for widget in (self.pdf_button, self.csv_button):
            widget.setEnabled(enabled)

    def _period(self) -> Period | None:
        return self.bundle.report.period if self.bundle is not None else None

    def choose_pdf(self) -> None:
        period = self._period()
        if period is None:
            return
        suggested = str(self._exports_folder() / f"annual-report-{period.label.replace(' ', '-')}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Save the annual report as PDF", suggested, "PDF (*.pdf)")
        if path:
            self.export_pdf(Path(path))

    def choose_csv(self) -> None:
        if self._period() is None:
            return
        start = str(self._exports_folder())
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder for the CSV files", start)
        if folder:
            self.export_csv(Path(folder))

    def _exports_folder(self) -> Path:
        """Where the file dialogs start: the data folder's exports (made 0700 if missing)."""
        if self.exports is None:
            return Path.home()
        try:
            return private_folder(self.exports)
        except OSError:
            return Path.home()

    def export_pdf(self, path: Path) -> None:
        """Write the annual report PDF to `path`, off the UI thread."""
        from iro_desktop.export.pdf.annual_report import annual_report_pdf

        bundle = self.bundle
        if bundle is None:
            return
        now = datetime.now().replace(second=0, microsecond=0)

        def work() -> Path:
            annual_report_pdf(bundle.report, path, produced=now)
            return path

        self._export(work, bundle, "PDF")

    def export_csv(self, folder: Path) -> None:
        """Write figures.csv and the record-level CSV files into `folder`, off the UI thread."""
        from iro_desktop.export.report_csv import export_report

        bundle = self.bundle
        if bundle is None:
            return
        target = folder / f"annual-report-{bundle.report.period.label.replace(' ', '-')}"

        def work() -> Path:
            export_report(bundle.report, bundle.facts, target)
            return target

        self._export(work, bundle, "CSV")

    def _export(self, work: Any, bundle: ReportBundle, what: str) -> None:
        self._set_exports_enabled(False)
        self.busy.show()
        self.export_status.setText(f"Writing the {what}…")

        def done(path: Path) -> None:
            self.busy.hide()
            self._set_exports_enabled(True)
            try:
                self.services.reports.note_exported(bundle.report.period, what, path)
            except DomainError as error:
                self.export_status.setText(str(error))
                return
            self.export_status.setText(f"{what} written: {path}")

        def failed(error: BaseException) -> None:
            self.busy.hide()
            self._set_exports_enabled(True)
            self.export_status.setText(f"The {what} could not be written: {error}")

        self.export_worker.start(work, done, failed)
