"""Text size for the whole app: a percentage of the platform's normal size, set on the application font.

Most widgets inherit the application font and follow by themselves. Those that size their text relative
to it (headings) register with `relative_font` and are re-sized by `apply_text_size`; table rows and
hand-set column widths follow their view's font (`follow_row_height`, `follow_column_widths`). The
projector view keeps its own size (Ctrl+= / Ctrl+-).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakSet

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from iro_desktop.ui.settings import Settings

if TYPE_CHECKING:  # the item views' classes (and their enums) load after the sign-in prompt, not before
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractItemView, QTableView

STEPS: tuple[int, ...] = (80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200)
NORMAL = 100
FALLBACK_POINT_SIZE = 9.0

_BASE = "iro_text_base_pt"  # property on the application: the platform's normal point size
_PERCENT = "iro_text_percent"  # property on the application: the size in use
_FACTOR = "iro_font_factor"  # property on a widget: its text size relative to the application's
_ROW_PADDING = 10  # pixels of a table row beyond its line of text (above and below together)
_ROW_MIN = "iro_row_min"  # property on a table: its row height at the normal size
_COLUMN_PT = "iro_column_pt"  # property on a table: the point size its column widths were set for


_relative: WeakSet[QWidget] = WeakSet()  # widgets made in Python with `relative_font`


def nearest_step(percent: int) -> int:
    """The step closest to `percent` (so a hand-edited setting still lands on the scale)."""
    return min(STEPS, key=lambda step: (abs(step - percent), step))


def larger(percent: int) -> int:
    return next((step for step in STEPS if step > percent), STEPS[-1])


def smaller(percent: int) -> int:
    return next((step for step in reversed(STEPS) if step < percent), STEPS[0])


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "text size needs the QApplication"
    return app


def base_point_size() -> float:
    """The application font's point size before any scaling (recorded the first time it is asked)."""
    app = _app()
    base = app.property(_BASE)
    if base is None:
        size = app.font().pointSizeF()
        base = size if size > 0 else FALLBACK_POINT_SIZE
        app.setProperty(_BASE, float(base))
    return float(base)


def current_percent() -> int:
    percent = _app().property(_PERCENT)
    return int(percent) if percent is not None else NORMAL


def apply_text_size(percent: int) -> int:
    """Scale the application font to `percent` (put on the nearest step); returns the step used."""
    step = nearest_step(percent)
    app = _app()
    base = base_point_size()
    app.setProperty(_PERCENT, step)
    font = QFont(app.font())
    font.setPointSizeF(round(base * step / 100, 1))
    app.setFont(font)  # every widget that inherits the application font follows
    for widget in list(_relative):  # and those sized relative to it (not allWidgets(): it can hand back
        if isValid(widget):  # stale wrappers of widgets Qt has deleted)
            _apply_relative(widget)
    return step


def relative_font(widget: QWidget, factor: float) -> None:
    """Keep `widget`'s text `factor` times the application's, now and whenever the text size changes.
    Other font attributes (bold) set on the widget stay."""
    widget.setProperty(_FACTOR, float(factor))
    _relative.add(widget)
    _apply_relative(widget)


def _apply_relative(widget: QWidget) -> None:
    factor = widget.property(_FACTOR)
    if factor is None:
        return
    font = QFont(widget.font())
    font.setPointSizeF(round(QApplication.font().pointSizeF() * float(factor), 1))
    widget.setFont(font)


def follow_row_height(view: QAbstractItemView) -> None:
    """Table rows at least one line of the view's text high, as the text size changes (the view calls
    `refit_table` on FontChange: see widgets.TextTableView). Rows sized to their contents follow anyway."""
    header = getattr(view, "verticalHeader", lambda: None)()
    if header is None:
        return
    view.setProperty(_ROW_MIN, header.defaultSectionSize())
    refit_table(view)


def follow_column_widths(view: QTableView) -> None:
    """Column widths set by hand (interactive columns) grow and shrink with the text size."""
    view.setProperty(_COLUMN_PT, view.font().pointSizeF())


def refit_table(view: QAbstractItemView) -> None:
    """After the view's font changed: its rows and hand-set columns to the new size of its text."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QTableView

    if view.property(_ROW_MIN) is not None:
        header = view.verticalHeader()  # type: ignore[attr-defined]
        wanted = max(int(view.property(_ROW_MIN)), QFontMetrics(view.font()).lineSpacing() + _ROW_PADDING)
        if header.minimumSectionSize() != wanted:
            header.setMinimumSectionSize(wanted)  # rows sized to wrapped contents: never less than a line
        if header.defaultSectionSize() != wanted:
            header.setDefaultSectionSize(wanted)
    before = float(view.property(_COLUMN_PT) or 0)
    now = view.font().pointSizeF()
    if isinstance(view, QTableView) and before > 0 and now > 0 and now != before:
        view.setProperty(_COLUMN_PT, now)
        for column in range(view.horizontalHeader().count()):
            view.setColumnWidth(column, round(view.columnWidth(column) * now / before))


class TextSizeControl(QObject):
    """The View menu's Larger / Smaller / Normal text: applies at once and keeps the choice."""

    def __init__(
        self, settings: Settings, actions: dict[str, QAction], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        actions["text_larger"].triggered.connect(lambda: self.set_percent(larger(current_percent())))
        actions["text_smaller"].triggered.connect(lambda: self.set_percent(smaller(current_percent())))
        actions["text_normal"].triggered.connect(lambda: self.set_percent(NORMAL))

    def set_percent(self, percent: int) -> int:
        step = apply_text_size(percent)
        self.settings.set(Settings.text_size_percent, step)
        self.settings.sync()
        return step


def apply_saved_text_size(settings: Settings) -> int:
    """At start, once the QApplication exists and before any window: the size the user chose last."""
    return apply_text_size(settings.get(Settings.text_size_percent))
