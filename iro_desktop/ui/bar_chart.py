"""A horizontal bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Each line has its label and its value written beside the bar, and the previous period's bar is
hatched as well as paler, so neither colour nor length is the only way to read it. The whole chart
is also given as text in the accessible description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CURRENT = QColor("#1f5fa8")
PREVIOUS = QColor("#8fa9c8")
INK = QColor("#1a1a1a")
GRID = QColor("#c8c8c8")


@dataclass(frozen=True)
class Bar:
    """One line of the chart: a label, this period's value and the previous period's, with the
    text written beside each bar (e.g. "12 (40.0%)")."""

    label: str
    value: float
    value_text: str
    previous: float | None = None
    previous_text: str = ""


class BarChart(QWidget):
    """Bars for this period (solid) and the previous period (hatched), with a legend."""

    LINE = 14  # height of one bar
    GAP = 10  # space between lines

    def __init__(self, name: str = "Chart", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: tuple[Bar, ...] = ()
        self.title = ""
        self.legend = ("This period", "Previous period")
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(80)

    def set_data(self, title: str, bars: Sequence[Bar], legend: tuple[str, str]) -> None:
        self.title = title
        self.bars = tuple(bars)
        self.legend = legend
        self.setAccessibleName(f"Chart: {title}" if title else "Chart")
        self.setAccessibleDescription(self.describe())
        self.setToolTip(self.describe())
        self.updateGeometry()
        self.update()

    def describe(self) -> str:
        """The chart in words, line by line."""
        if not self.bars:
            return "Nothing to chart."
        lines = [f"{self.title}: {self.legend[0]} beside {self.legend[1]}."]
        for bar in self.bars:
            line = f"{bar.label}: {bar.value_text}"
            if bar.previous is not None:
                line += f"; previous {bar.previous_text}"
            lines.append(line)
        return "\n".join(lines)

    def _has_previous(self) -> bool:
        return any(b.previous is not None for b in self.bars)

    def _line(self) -> int:
        """One bar's height: at least a line of text, so large text sizes do not overlap."""
        return max(self.LINE, QFontMetrics(self.font()).height() + 4)

    def _line_height(self) -> int:
        return self._line() * (2 if self._has_previous() else 1) + self.GAP

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        fm = QFontMetrics(self.font())
        return QSize(420, fm.height() * 2 + 16 + max(1, len(self.bars)) * self._line_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(240, 80)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(self.rect(), self.palette().base())
        fm = QFontMetrics(self.font())
        line = self._line()
        p.setPen(INK)
        if not self.bars:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Nothing to chart for this figure.")
            return
        # Legend: a swatch with its words, for each series.
        x, y = 8, 6
        series = [(self.legend[0], self._brush(False))]
        if self._has_previous():
            series.append((self.legend[1], self._brush(True)))
        for text, brush in series:
            p.setPen(QPen(INK, 1))
            p.setBrush(brush)
            p.drawRect(QRectF(x, y + 2, 16, fm.height() - 4))
            p.setPen(INK)
            p.drawText(x + 22, y + fm.ascent(), text)
            x += 22 + fm.horizontalAdvance(text) + 18
        top = y + fm.height() + 10
        label_w = min(max(fm.horizontalAdvance(b.label) for b in self.bars) + 12, self.width() // 3)
        texts = [b.value_text for b in self.bars] + [b.previous_text for b in self.bars]
        value_w = max(fm.horizontalAdvance(t) for t in texts) + 12
        bar_left = 8 + label_w
        bar_w = max(20, self.width() - bar_left - value_w - 8)
        top_value = max([b.value for b in self.bars] + [b.previous or 0 for b in self.bars] + [1e-9])
        p.setPen(QPen(GRID, 1))
        p.drawLine(bar_left, top - 4, bar_left, top + len(self.bars) * self._line_height())
        for i, bar in enumerate(self.bars):
            line_top = top + i * self._line_height()
            p.setPen(INK)
            label = fm.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.drawText(QRectF(8, line_top, label_w - 8, line), Qt.AlignmentFlag.AlignVCenter, label)
            rows = [(bar.value, bar.value_text, False)]
            if bar.previous is not None:
                rows.append((bar.previous, bar.previous_text, True))
            for j, (value, text, previous) in enumerate(rows):
                bar_top = line_top + j * line
                length = bar_w * (value / top_value) if value > 0 else 0
                p.setPen(QPen(INK, 1) if length else Qt.PenStyle.NoPen)
                p.setBrush(self._brush(previous))
                if length:
                    p.drawRect(QRectF(bar_left, bar_top + 1, length, line - 3))
                p.setPen(INK)
                p.drawText(
                    QRectF(bar_left + length + 6, bar_top, value_w, line),
                    Qt.AlignmentFlag.AlignVCenter,
                    text,
                )

    @staticmethod
    def _brush(previous: bool) -> QBrush:
        if previous:
            brush = QBrush(PREVIOUS, Qt.BrushStyle.BDiagPattern)
            return brush
        return QBrush(CURRENT)
