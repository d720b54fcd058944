"""Choose a reporting period: a year 1 April - 31 March (default), a quarter, a month, or dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from iro_desktop.domain.calendar import MONTH_NAMES
from iro_desktop.reports.periods import Period, custom, month, quarter, reporting_year, year_containing
from iro_desktop.ui.flow_layout import FlowLayout
from iro_desktop.ui.widgets import label_pair

KINDS = (
    ("year", "Reporting year (1 April to 31 March)"),
    ("quarter", "Quarter"),
    ("month", "Month"),
    ("custom", "Custom dates"),
)
_QUARTERS = ("Q1 April to June", "Q2 July to September", "Q3 October to December", "Q4 January to March")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PeriodChooser(QWidget):
    """Emits `changed` whenever the chosen period changes; `period()` is None while custom dates
    are the wrong way round (the message says so)."""

    changed = Signal()

    def __init__(self, today: date, years_back: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        current = year_containing(today)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of period")
        for code, label in KINDS:
            self.kind.addItem(label, code)
        self.year = QComboBox()
        self.year.setAccessibleName("Reporting year")
        first = current.start.year
        for y in range(first, first - years_back - 1, -1):
            self.year.addItem(reporting_year(y).label, y)
        self.quarter = QComboBox()
        self.quarter.setAccessibleName("Quarter")
        for n, label in enumerate(_QUARTERS, start=1):
            self.quarter.addItem(label, n)
        self.month = QComboBox()
        self.month.setAccessibleName("Month")
        self.start = QDateEdit(_qdate(current.start))
        self.start.setAccessibleName("From")
        self.end = QDateEdit(_qdate(min(current.end, today)))
        self.end.setAccessibleName("To")
        for edit in (self.start, self.end):
            edit.lineEdit().setAccessibleName(edit.accessibleName())
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.message = QLabel()
        self.message.setAccessibleName("Period message")
        self._fill_months()
        self.month.setCurrentIndex((today.month - 4) % 12)  # this month of the current year

        layout = FlowLayout(self)  # wraps when the text is large
        self.labels: dict[str, QLabel] = {}
        self.pairs: dict[str, QWidget] = {}  # label and field together: hidden together (issue 12)
        for text, widget in (
            ("Peri&od:", self.kind),
            ("&Year:", self.year),
            ("&Quarter:", self.quarter),
            ("&Month:", self.month),
            ("&From:", self.start),
            ("&To:", self.end),
        ):
            caption = QLabel(text)
            caption.setBuddy(widget)
            self.labels[widget.accessibleName()] = caption
            pair = self.pairs[widget.accessibleName()] = label_pair(caption, widget)
            layout.add(pair)
        layout.add(self.message, expanding=True)

        self.kind.currentIndexChanged.connect(self._on_kind)
        self.year.currentIndexChanged.connect(self._on_year)
        for combo in (self.quarter, self.month):
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._emit)
        self._on_kind()

    def _fill_months(self) -> None:
        keep = self.month.currentIndex()
        first = int(self.year.currentData())
        self.month.blockSignals(True)
        self.month.clear()
        for offset in range(12):
            number = (3 + offset) % 12 + 1
            y = first if number >= 4 else first + 1
            self.month.addItem(f"{MONTH_NAMES[number - 1]} {y}", (y, number))
        self.month.setCurrentIndex(max(keep, 0))
        self.month.blockSignals(False)

    def _on_year(self) -> None:
        self._fill_months()
        self._emit()

    def _on_kind(self) -> None:
        code = self.kind.currentData()
        shown = {
            "year": ("Reporting year",),
            "quarter": ("Reporting year", "Quarter"),
            "month": ("Reporting year", "Month"),
            "custom": ("From", "To"),
        }[code]
        for widget in (self.year, self.quarter, self.month, self.start, self.end):
            visible = widget.accessibleName() in shown
            widget.setVisible(visible)
            self.labels[widget.accessibleName()].setVisible(visible)
            # The pair too: an empty pair left shown keeps its 640×480 default size on top of the row.
            self.pairs[widget.accessibleName()].setVisible(visible)
        self._emit()

    def _emit(self) -> None:
        self.message.setText(
            "" if self.period() is not None else "The end date is before the start date: change one of them."
        )
        self.changed.emit()

    def choose(self, period_kind: str, **values: int) -> None:
        """Set the chooser from code (tests, command line): kind plus year / number."""
        self.kind.setCurrentIndex([c for c, _ in KINDS].index(period_kind))
        if "year" in values:
            self.year.setCurrentIndex(self.year.findData(values["year"]))
        if "number" in values and period_kind == "quarter":
            self.quarter.setCurrentIndex(values["number"] - 1)
        if "number" in values and period_kind == "month":
            self.month.setCurrentIndex((values["number"] - 4) % 12)

    def period(self) -> Period | None:
        code = self.kind.currentData()
        first = int(self.year.currentData())
        if code == "year":
            return reporting_year(first)
        if code == "quarter":
            return quarter(first, int(self.quarter.currentData()))
        if code == "month":
            y, n = self.month.currentData()
            return month(int(y), int(n))
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        return custom(start, end) if start <= end else None
