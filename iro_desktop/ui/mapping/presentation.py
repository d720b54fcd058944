"""The presentation view: the map in large, high-contrast type for the family, on the projector.

No controls. It listens to the board (including text as it is typed, before it is stored) and redraws
on the next turn of the event loop, so a burst of keystrokes costs one redraw. The type size is the
chair's choice (default 28 pt, at least 24 pt by default); only when the map would not fit does it step
down, never below MIN_PT, so nothing is cut off.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from iro_desktop.domain.mapping import MapItem, Question, Section
from iro_desktop.ui.mapping.controller import BoardController

DEFAULT_PT = 28
MIN_PT = 14
MAX_PT = 72
BACKGROUND = "#000000"
TEXT = "#ffffff"
HEADING = "#ffe066"  # yellow on black: contrast ratio above 15:1
NOTE = "#c8e6ff"
MARGIN = 24
GAP = 28

COLUMNS: tuple[tuple[str, tuple[Section, ...]], ...] = (
    (Question.WORRIED.label, Question.WORRIED.sections),
    (Question.WORKING_WELL.label, (*Question.WORKING_WELL.sections, Section.FAMILY_NETWORK)),
    (Question.NEEDS_TO_HAPPEN.label, Question.NEEDS_TO_HAPPEN.sections),
)
BAND = Section.CHILDS_VOICE  # the child's own words, across the foot of the screen

_fonts_loaded = False


def load_fonts() -> None:
    """The shipped fonts (DejaVu Sans; Noto Naskh Arabic for Arabic script) so every name renders."""
    global _fonts_loaded
    if _fonts_loaded:
        return
    _fonts_loaded = True
    folder = Path(__file__).resolve().parents[3] / "resources" / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf"):
        if (folder / name).exists():
            QFontDatabase.addApplicationFont(str(folder / name))


class PresentationWindow(QWidget):
    def __init__(self, controller: BoardController, font_pt: int = DEFAULT_PT) -> None:
        super().__init__(None, Qt.WindowType.Window)
        load_fonts()
        self.controller = controller
        self.setWindowTitle("Signs of Safety map — presentation")
        self.setAccessibleName("Presentation of the map")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # The chair keeps typing in the main window: showing the projector never takes the keyboard.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus)
        self.chosen_pt = max(MIN_PT, min(MAX_PT, font_pt))
        self.effective_pt = self.chosen_pt
        self._pt = float(self.chosen_pt)
        self.columns = [QTextDocument(self) for _ in COLUMNS]
        self.band = QTextDocument(self)
        self.title_doc = QTextDocument(self)
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.render_now)
        controller.changed.connect(self.schedule)
        for key, step in (("Ctrl+=", 2), ("Ctrl++", 2), ("Ctrl+-", -2)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, s=step: self.change_size(s))
            self.addAction(action)
        self.resize(1280, 720)
        self.render_now()

    # --- size --------------------------------------------------------------------------------------

    def change_size(self, step: int) -> None:
        self.set_font_pt(self.chosen_pt + step)

    def set_font_pt(self, pt: int) -> None:
        self.chosen_pt = max(MIN_PT, min(MAX_PT, pt))
        self.effective_pt = self.chosen_pt
        self._dirty = True
        self.render_now()

    # --- content -----------------------------------------------------------------------------------

    def schedule(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def _item_html(self, item: MapItem) -> str:
        c = self.controller
        text = escape(item.text).replace("\n", "<br>") or "&nbsp;"
        notes = []
        child = c.child_name(item.child_id)
        if child:
            notes.append(escape(child))
        if item.source and item.source != child:
            notes.append(f"said by {escape(item.source)}")
        extra = (
            f" <span style='color:{NOTE}; {self._size(0.75)}'>({'; '.join(notes)})</span>" if notes else ""
        )
        mark = "↻ " if item.carried_forward else "• "
        html = f"<p style='margin:0 0 0.35em 0'>{mark}{text}{extra}</p>"
        if item.section == Section.DANGER:
            goal = c.goal_of(item)
            lines = []
            if goal is None:
                lines.append("⚠ No safety goal yet")
            scores = []
            for scale, previous in c.scales_for(item.id):
                was = f" (last time {previous.score})" if previous is not None else ""
                scores.append(f"{escape(scale.participant)} <b>{scale.score}</b>/10{was}")
            if scores:
                lines.append(" · ".join(scores))
            style = f"margin:0 0 0.35em 1.2em; color:{NOTE}; {self._size(0.8)}"
            html += "".join(f"<p style='{style}'>{line}</p>" for line in lines)
        if item.section == Section.SAFETY_GOALS:
            number = self._danger_numbers().get(item.id)
            if number:
                html = html.replace("• ", f"• <span style='color:{NOTE}'>[{number}]</span> ", 1)
        return html

    def _danger_numbers(self) -> dict[str, str]:
        """Goal id -> "D1, D2": which danger statements each safety goal answers."""
        numbers: dict[str, list[str]] = {}
        for n, danger in enumerate(self.controller.section_items(Section.DANGER), start=1):
            goal = self.controller.goal_of(danger)
            if goal is not None:
                numbers.setdefault(goal.id, []).append(f"D{n}")
        return {k: ", ".join(v) for k, v in numbers.items()}

    def _section_html(self, section: Section) -> str:
        items = self.controller.section_items(section)
        if not items:
            return ""
        body = []
        for n, item in enumerate(items, start=1):
            html = self._item_html(item)
            if section == Section.DANGER:
                html = html.replace("• ", f"<b>D{n}</b> ", 1).replace("↻ ", f"↻ <b>D{n}</b> ", 1)
            body.append(html)
        style = f"margin:0.4em 0 0.2em 0; color:{HEADING}; {self._size(0.85)}"
        return f"<p style='{style}'><b>{escape(section.label)}</b></p>" + "".join(body)

    def _column_html(self, title: str, sections: tuple[Section, ...]) -> str:
        inner = "".join(self._section_html(s) for s in sections)
        return (
            f"<div style='color:{TEXT}'><p style='margin:0 0 0.2em 0; color:{HEADING}; {self._size(1.1)}'>"
            f"<b>{escape(title)}</b></p>{inner}</div>"
        )

    def _title_html(self) -> str:
        c = self.controller
        family = escape(c.family.name) if c.family else ""
        overall = c.scales_for(None)
        scale = ""
        if overall:
            parts = []
            for s, p in overall:
                was = f" (last time {p.score})" if p is not None else ""
                parts.append(f"{escape(s.participant)} <b>{s.score}</b>/10{was}")
            scale = f" — <span style='color:{HEADING}'>Safety scale:</span> " + "; ".join(parts)
        return f"<div style='color:{TEXT}'>{family}{scale}</div>"

    def _set_font(self, pt: float) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(pt)
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)  # an item starting in Arabic stays in place
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for doc in (*self.columns, self.band, self.title_doc):
            doc.setDefaultFont(font)
            doc.setDefaultTextOption(option)
        small = QFont(font)
        small.setPointSizeF(max(pt * 0.7, MIN_PT))
        self.title_doc.setDefaultFont(small)

    def _size(self, factor: float) -> str:
        return f"font-size:{max(self._pt * factor, 10):.1f}pt"

    def _fill(self, pt: float) -> None:
        self._pt = pt
        self._set_font(pt)
        self.title_doc.setHtml(self._title_html())
        for doc, (title, sections) in zip(self.columns, COLUMNS, strict=True):
            doc.setHtml(self._column_html(title, sections))
        band_html = self._section_html(BAND)
        self.band.setHtml(f"<div style='color:{TEXT}'>{band_html}</div>" if band_html else "")

    def render_now(self) -> None:
        """Lay the map out at the chosen size, stepping down only as far as needed to fit."""
        self._timer.stop()
        # Start from the size that fitted last time: typing rarely changes the fit, so this is usually
        # one layout per redraw.
        pt = min(float(self.chosen_pt), self.effective_pt)
        self._fill(pt)
        if self._fits():
            while pt < self.chosen_pt:
                self._fill(pt + 1)
                if not self._fits():
                    self._fill(pt)
                    break
                pt += 1
        else:
            while pt > MIN_PT:
                pt = max(MIN_PT, pt - 1)
                self._fill(pt)
                if self._fits():
                    break
        self.effective_pt = pt
        self._dirty = False
        self.setAccessibleDescription(self.plain_text())
        self.update()

    def _layout(self) -> tuple[float, float, float, float]:
        """(column width, title height, band height, column area height) for the current fonts."""
        width = max(self.width() - 2 * MARGIN, 200)
        column_width = (width - GAP * (len(self.columns) - 1)) / len(self.columns)
        for doc in self.columns:
            doc.setTextWidth(column_width)
        self.title_doc.setTextWidth(width)
        self.band.setTextWidth(width)
        title_h = self.title_doc.size().height() if self.title_doc.toPlainText().strip() else 0.0
        band_h = self.band.size().height() if self.band.toPlainText().strip() else 0.0
        area = self.height() - 2 * MARGIN - title_h - band_h - (GAP if band_h else 0)
        return column_width, title_h, band_h, area

    def _fits(self) -> bool:
        _w, _t, _b, area = self._layout()
        return all(doc.size().height() <= area for doc in self.columns)

    def plain_text(self) -> str:
        docs = (self.title_doc, *self.columns, self.band)
        return "\n".join(doc.toPlainText() for doc in docs)

    # --- painting ----------------------------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.render_now()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._dirty:
            self.render_now()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BACKGROUND))
        column_width, title_h, band_h, _area = self._layout()
        y0 = MARGIN
        if title_h:
            self._draw(painter, self.title_doc, MARGIN, y0)
            y0 += title_h
        for n, doc in enumerate(self.columns):
            x = MARGIN + n * (column_width + GAP)
            self._draw(painter, doc, x, y0)
            if n:
                painter.setPen(QColor("#666666"))
                painter.drawLine(
                    QPointF(x - GAP / 2, y0), QPointF(x - GAP / 2, self.height() - MARGIN - band_h)
                )
        if band_h:
            y = self.height() - MARGIN - band_h
            painter.setPen(QColor("#666666"))
            painter.drawLine(QPointF(MARGIN, y - GAP / 2), QPointF(self.width() - MARGIN, y - GAP / 2))
            self._draw(painter, self.band, MARGIN, y)
        painter.end()

    @staticmethod
    def _draw(painter: QPainter, doc: QTextDocument, x: float, y: float) -> None:
        painter.save()
        painter.translate(x, y)
        doc.drawContents(painter, QRectF(0, 0, doc.textWidth(), doc.size().height()))
        painter.restore()

    # --- showing -----------------------------------------------------------------------------------

    def present(self, main: QWidget | None = None) -> None:
        """Full screen on a second screen when there is one; otherwise a normal window."""
        screens = QGuiApplication.screens()
        main_screen = main.screen() if main is not None else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not main_screen]
        if others:
            target = others[0]
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
        else:
            self.show()
        self.render_now()
