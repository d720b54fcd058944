"""GUI: the annual report area counts off the UI thread, shows the figures beside the previous period,
charts and breaks down the chosen figure, drills down to the records, and exports PDF and CSV."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.roles import Role, User
from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.drilldown import Drill, Names
from iro_desktop.ui.areas.report import NOT_ALLOWED, ReportArea, chart_bars
from iro_desktop.ui.bar_chart import CURRENT, BarChart
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.models.report import (
    breakdown_lines,
    breakdown_model,
    drill_model,
    figure_lines,
    figures_model,
    headline,
)
from iro_desktop.ui.period_chooser import PeriodChooser
from tests.conftest import TODAY
from tests.export.pdftext import all_text
from tests.reports.sample import FACTS


@pytest.fixture
def records(services):
    """One family: an ICPC on 2 Nov 2026 (in the year 2026-27) making both children subject."""
    family = services.families.create_family(
        "R-77",
        "Okafor family",
        [
            ChildInput("Ada", "Okafor", date(2019, 4, 2), gender=Gender.FEMALE, ethnicity_code="BAFR"),
            ChildInput("Obi", "Okafor", date(2021, 8, 9), gender=Gender.MALE, ethnicity_code="BAFR"),
        ],
    )
    icpc = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 11, 2),
        clock_start=date(2026, 10, 19),
        chair_name="Jo Bell",
    )
    services.conferences.mark_held(icpc.id, date(2026, 11, 2))
    for child in family.children:
        services.decisions.record(
            icpc.id, child.id, DecisionInput(Outcome.PLAN_MADE, "Jo Bell", Category.NEGLECT)
        )
    return family


@pytest.fixture
def area(qtbot, services, records):
    widget = ReportArea(services, ChangeHub())
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    assert widget.wait()
    return widget


def _select(area: ReportArea, key: str) -> None:
    keys = [line.figure.key for line in area.figures.items()]
    area.figure_table.selectRow(keys.index(key))


def test_models_pass_the_model_tester(qtmodeltester):
    report = annual_report(FACTS, reporting_year(2025))
    figures = figures_model()
    figures.set_items(figure_lines(report))
    qtmodeltester.check(figures)
    assert figures.rowCount() == len(report.figures)
    ages = report.figure("age_bands")
    breakdown = breakdown_model()
    breakdown.set_items(breakdown_lines(ages, report.previous("age_bands")))
    qtmodeltester.check(breakdown)
    drill = drill_model()
    drill.set_items(Drill(FACTS, Names()).for_figure(report.figure("conferences_stood_down")))
    qtmodeltester.check(drill)
    assert drill.rowCount() == 1
    for model in (figures_model(), breakdown_model(), drill_model()):
        qtmodeltester.check(model)


def test_figures_beside_previous_period_counted_off_the_ui_thread(area):
    assert area.figures.rowCount() == 58  # every figure (issue 17 added five; issue 19 eighteen)
    assert not area.busy.isVisible()
    assert "2026-27" in area.status.text()
    assert "2025-26" in area.status.text()
    assert "has not ended" in area.status.text()  # today is 23 November 2026
    line = next(x for x in area.figures.items() if x.figure.key == "plans_started")
    assert line.figure.value == 2
    assert line.previous.value == 0
    row = area.figures.items().index(line)
    assert area.figures.index(row, 1).data() == "2"
    assert area.figures.index(row, 2).data() == "0"
    assert area.figures.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == line.figure.definition


def test_chosen_figure_shows_definition_chart_breakdown_and_records(area):
    _select(area, "plans_started")
    assert area.figure_title.text() == "Plans started"
    assert "Child protection plans whose start date" in area.definition.text()
    labels = [b.label for b in area.chart.bars]
    assert "Neglect" in labels
    assert "Neglect: 2" in area.chart.accessibleDescription()
    assert area.chart.accessibleName() == "Chart: Plans started"
    # drill-down to the two plans, with family reference, child, date and type
    rows = area.drill_rows.items()
    assert [(r.family_reference, r.child, r.day, r.type_label) for r in rows] == [
        ("R-77", "Ada Okafor", date(2026, 11, 2), "Plan: Neglect"),
        ("R-77", "Obi Okafor", date(2026, 11, 2), "Plan: Neglect"),
    ]
    # one line of the breakdown: the records behind that line only
    area.breakdown_table.selectRow(0)  # Neglect
    assert len(area.drill_rows.items()) == 2
    area.breakdown_table.selectRow(1)  # Physical abuse: none
    assert area.drill_rows.items() == []
    area.all_records_button.click()
    assert len(area.drill_rows.items()) == 2


def test_conference_figures_drill_to_conferences(area):
    _select(area, "conferences_held_meetings")
    (row,) = area.drill_rows.items()
    assert (row.kind, row.family_reference, row.child, row.type_label) == (
        "Conference",
        "R-77",
        "Ada Okafor, Obi Okafor",
        "Initial conference",
    )


def test_changing_the_period_counts_again(area, qtbot):
    area.chooser.choose("year", year=2025)
    assert area.wait()
    assert area.bundle is not None
    assert area.bundle.report.period.label == "2025-26"
    assert area.current_line() is not None
    line = next(x for x in area.figures.items() if x.figure.key == "plans_started")
    assert line.figure.value == 0
    area.chooser.choose("quarter", year=2026, number=3)
    assert area.wait()
    assert area.bundle.report.period.label == "Q3 2026-27"
    assert area.bundle.report.previous_period.label == "Q2 2026-27"


def test_exports_pdf_and_csv_off_the_ui_thread(area, tmp_path, services):
    area.export_pdf(tmp_path / "report.pdf")
    assert area.wait()
    text = all_text((tmp_path / "report.pdf").read_bytes())
    assert "Period: 2026-27" in text
    assert "Plans started" in text
    assert "written" in area.export_status.text()
    area.export_csv(tmp_path)
    assert area.wait()
    folder = tmp_path / "annual-report-2026-27"
    assert (folder / "figures.csv").exists()
    assert (folder / "cp_plans.csv").read_text(encoding="utf-8-sig").count("\n") == 3  # header + 2 plans
    events = [e for e in services.audit.events(services.ctx.session.user) if e.entity_type == "annual_report"]
    assert sorted(e.after["what"] for e in events) == ["CSV", "PDF"]


def test_clerks_are_told_the_report_is_for_managers_and_chairs(qtbot, services, records):
    services.ctx.session.user = User("c", "clerk", "Clerk", Role.CLERK)
    widget = ReportArea(services, ChangeHub())
    qtbot.addWidget(widget)
    widget.show()
    assert widget.wait()
    assert widget.status.text() == NOT_ALLOWED
    assert not widget.run_button.isEnabled()
    assert not widget.pdf_button.isEnabled()
    assert widget.figures.rowCount() == 0


def test_period_chooser_kinds(qtbot):
    chooser = PeriodChooser(TODAY)
    qtbot.addWidget(chooser)
    chooser.show()
    assert chooser.period().label == "2026-27"  # the year containing 23 Nov 2026
    chooser.choose("month", year=2026, number=11)
    assert chooser.period().label == "Nov 2026"
    assert not chooser.quarter.isVisible()
    assert chooser.month.isVisible()
    chooser.choose("custom")
    chooser.start.setDate(date(2026, 6, 1))
    chooser.end.setDate(date(2026, 5, 1))
    assert chooser.period() is None
    assert "before the start" in chooser.message.text()
    chooser.end.setDate(date(2026, 6, 30))
    assert chooser.period().days == 30
    assert chooser.message.text() == ""


def test_bar_chart_paints_with_words(qtbot):
    report = annual_report(FACTS, reporting_year(2025))
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_data("Age", chart_bars(report.figure("age_bands"), report.previous("age_bands")), ("A", "B"))
    chart.resize(500, chart.sizeHint().height())
    image = chart.grab().toImage()
    blue = sum(
        image.pixelColor(x, y) == CURRENT for x in range(0, image.width(), 3) for y in range(image.height())
    )
    assert blue > 50  # the bars are drawn
    assert "Unborn: 1" in chart.describe()
    headline_only = chart_bars(report.figure("quoracy_overrides"), report.previous("quoracy_overrides"))
    assert headline_only[0].value_text == headline(report.figure("quoracy_overrides"))


def test_ctrl_6_opens_the_report(qtbot, services, settings):
    window = MainWindow(services, settings, WhereInfo("test", "/tmp"))
    qtbot.addWidget(window)
    window.show()
    window.load()
    assert window.action_map["go_report"].shortcut().toString() == "Ctrl+6"
    window.action_map["go_report"].trigger()
    assert window.stack.currentWidget() is window.areas["report"]
    assert window.areas["report"].wait()


def test_counting_runs_off_the_ui_thread_with_a_busy_bar(qtbot, services, records):
    import threading

    release = threading.Event()
    seen: list[bool] = []
    real = services.reports.report

    def slow(period):
        seen.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return real(period)

    services.reports.report = slow  # type: ignore[method-assign]
    widget = ReportArea(services, ChangeHub())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [False]  # not the UI thread
    assert widget.busy.isVisible()
    assert "Counting the figures" in widget.status.text()
    release.set()
    assert widget.wait()
    assert not widget.busy.isVisible()
    assert widget.figures.rowCount() == 58  # 40, and the 18 of issue 19


def test_the_file_dialogs_start_in_the_data_folders_exports(area, tmp_path, monkeypatch):
    """Issue 15: the report carries names, so it is offered to the data folder's exports (made 0700)."""
    import stat
    import sys

    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]), ("", ""))[1])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: (asked.append(a[2]), "")[1])
    area.exports = tmp_path / "data" / "exports"
    area.choose_pdf()
    area.choose_csv()
    assert asked == [str(area.exports / "annual-report-2026-27.pdf"), str(area.exports)]
    if sys.platform != "win32":
        assert stat.S_IMODE(area.exports.stat().st_mode) == 0o700
